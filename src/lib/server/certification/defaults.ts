/**
 * Certification defaults that are configuration, not rules: which trade categories lead to a
 * certificate, the 实际操作考试 items of the 特种作业 trades, and the certificate-number prefixes.
 * Everything here can be changed per trade in the database (trades.practicalItems, validityMonths,
 * reviewMonths); these are the values the seed writes.
 */
import type { TradeCategory } from '../db/schema';

/**
 * Categories whose exams lead to a qualification certificate: 三项岗位人员 (主要负责人, 安全生产管理人员,
 * 特种作业人员). The 2025 policy test (general) and the 执法 exam (enforcement) are tests, not
 * qualifications, so passing them issues nothing.
 */
export const CERTIFIED_CATEGORIES: readonly TradeCategory[] = ['principal', 'safety_manager', 'special'];

export function isCertifiedCategory(category: string): boolean {
	return (CERTIFIED_CATEGORIES as readonly string[]).includes(category);
}

/**
 * The four parts of a 特种作业 实际操作考试 (科目一 to 科目四), 25 points each, 100 in total.
 * A trade may configure its own items; the practical is passed at 80 % of the items' total.
 */
export const SPECIAL_PRACTICAL_ITEMS: { item: string; max: number }[] = [
	{ item: '安全用具使用', max: 25 },
	{ item: '安全操作技术', max: 25 },
	{ item: '作业现场安全隐患排除', max: 25 },
	{ item: '作业现场应急处置', max: 25 }
];

/** Share of the practical items' total needed to pass (80 of 100). */
export const PRACTICAL_PASS_RATIO = 0.8;

/** Certificate-number prefixes (AX-<prefix>-<year>-<seq>) of the shipped trades. */
export const TRADE_PREFIXES: Record<string, string> = {
	principal: 'ZY',
	'safety-manager': 'AG',
	'electrician-low-voltage': 'DG',
	'welding-cutting': 'RH',
	'work-at-height': 'GC',
	'policy-2025': 'ZD',
	enforcement: 'ZF'
};

/** The prefix of a trade: the table above, else the initials of its code ("fire-safety" → "FS"). */
export function tradePrefix(tradeCode: string): string {
	const known = TRADE_PREFIXES[tradeCode];
	if (known) return known;
	const initials = tradeCode
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((w) => w[0].toUpperCase())
		.join('')
		.replace(/^[^A-Z]+/, '')
		.slice(0, 6);
	return initials || 'T';
}

/** Days ahead in which certificates, reviews and posts are flagged on dashboards. */
export const DUE_SOON_DAYS = 60;

/**
 * 复审 window: a review exam passed at most this many days before the review's due date counts
 * (《特种作业人员安全技术培训考核管理规定》: 复审 is applied for within 60 days before it is due).
 */
export const REVIEW_WINDOW_DAYS = 60;

/**
 * 复审 refresher training: at least 8 学时 since the certificate was issued or last reviewed. The
 * trade's `yearlyHours` (工种设置) takes precedence; this is the fallback.
 */
export const REVIEW_REFRESHER_HOURS = 8;
