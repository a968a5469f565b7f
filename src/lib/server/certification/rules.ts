/**
 * Certification rules: calendar days in China time, certificate validity and 复审 (review),
 * clearance of a worker for a post, certificate numbers and public verification codes.
 *
 * PURE module: no database, no I/O, no SvelteKit imports. Every "today" is passed in by the caller,
 * normally `chinaDay(new Date())` on the server.
 *
 * Calendar days are ISO strings 'YYYY-MM-DD' in China time (Asia/Shanghai = UTC+8 all year, no DST).
 * Because the format is fixed-width, two days compare correctly as plain strings ('2026-01-09' <
 * '2026-01-10'), which this module relies on.
 *
 * Validity semantics (used everywhere below):
 * - A certificate is valid THROUGH `validUntil` inclusive — the printed 有效期至 date. It is expired
 *   from the day after `validUntil`.
 * - A 复审 due on day D must be passed on or before D. If it is not, the certificate is invalid from
 *   D+1 on ("review missed", 逾期未复审) and stays invalid: passing late does not revive it, the worker
 *   must train and be examined again for a new certificate.
 * - A revoked certificate (吊销) is invalid from `revokedOn` inclusive.
 * - A certificate is in force from `issuedOn` inclusive; before that day it does not exist yet.
 */

// ---------------------------------------------------------------------------------------------
// Calendar days (China time)
// ---------------------------------------------------------------------------------------------

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month1to12: number): number {
	// Day 0 of the next month is the last day of this month.
	return new Date(Date.UTC(year, month1to12, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function formatDay(year: number, month1to12: number, day: number): string {
	return `${pad(year, 4)}-${pad(month1to12, 2)}-${pad(day, 2)}`;
}

/** Parses 'YYYY-MM-DD'; throws a RangeError (Chinese message) unless it is a real calendar day. */
function parseDay(day: string): { year: number; month: number; day: number } {
	const m = DAY_PATTERN.exec(day);
	if (m) {
		const year = Number(m[1]);
		const month = Number(m[2]);
		const d = Number(m[3]);
		if (year >= 1 && month >= 1 && month <= 12 && d >= 1 && d <= daysInMonth(year, month)) {
			return { year, month, day: d };
		}
	}
	throw new RangeError(`日期“${day}”无效，应为 YYYY-MM-DD 格式的实际日期`);
}

/** Days since 1970-01-01 (a pure calendar count, no time zone involved). */
function dayIndex(day: string): number {
	const p = parseDay(day);
	return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
}

function dayFromIndex(index: number): string {
	const d = new Date(index * DAY_MS);
	return formatDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** True when `s` is a real calendar day written as 'YYYY-MM-DD'. */
export function isCalendarDay(s: string): boolean {
	try {
		parseDay(s);
		return true;
	} catch {
		return false;
	}
}

/**
 * The calendar day in China (Asia/Shanghai, UTC+8, no DST) at instant `d`.
 * E.g. 2026-01-01T16:30:00Z is 2026-01-02 00:30 in Beijing, so the result is '2026-01-02'.
 */
export function chinaDay(d: Date): string {
	const t = d.getTime();
	if (!Number.isFinite(t)) throw new RangeError('无效的时间');
	return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` plus `days` calendar days (negative to go back). */
export function addDays(day: string, days: number): string {
	if (!Number.isInteger(days)) throw new RangeError('天数必须是整数');
	return dayFromIndex(dayIndex(day) + days);
}

/**
 * `day` plus `months` calendar months (negative to go back).
 *
 * End-of-month rule: the day of month is kept; when the target month is shorter, the result is
 * clamped to that month's last day. So 2024-02-29 + 12 months = 2025-02-28, 2024-01-31 + 1 month =
 * 2024-02-29, 2025-01-31 + 1 month = 2025-02-28. The clamp is not "sticky": 2024-02-29 + 1 month is
 * 2024-03-29, not 03-31. To avoid drift, always add the total number of months to the original date
 * (issued + 36, issued + 72) rather than chaining additions; `planCertificate` does this.
 */
export function addMonths(day: string, months: number): string {
	if (!Number.isInteger(months)) throw new RangeError('月数必须是整数');
	const p = parseDay(day);
	const total = p.year * 12 + (p.month - 1) + months;
	const year = Math.floor(total / 12);
	const month = total - year * 12 + 1;
	if (year < 1 || year > 9999) throw new RangeError('日期超出可表示范围');
	return formatDay(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/** Calendar days from `a` to `b`: positive when `b` is later, 0 on the same day. */
export function daysBetween(a: string, b: string): number {
	return dayIndex(b) - dayIndex(a);
}

// ---------------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------------

export interface CertificateFacts {
	tradeCode: string;
	/** First day in force. */
	issuedOn: string;
	/** Last day in force (inclusive), the printed 有效期至. */
	validUntil: string;
	reviewIntervalMonths: number | null;
	/** 复审 schedule: each review must be passed on or before its `dueOn`. */
	reviews: { dueOn: string; passedOn: string | null }[];
	revokedOn: string | null;
	revokedReason: string | null;
}

/**
 * Validity and 复审 schedule of a new certificate.
 *
 * - `validUntil` = issuedOn + validityMonths (same day of month, end-of-month clamp; see `addMonths`).
 *   This matches how the certificates are printed: 有效期 2026-03-15 至 2032-03-15, valid through
 *   the last date inclusive.
 * - Reviews fall every `reviewIntervalMonths` after issue, each computed from `issuedOn` (no drift),
 *   and only strictly before `validUntil`: a review that would fall on (or after) the end of validity
 *   is replaced by the renewal (换证). So 特种作业 (72 months, review every 36) has exactly one review,
 *   at issued + 36 months; 主要负责人/安全管理人员 (36 months, null) have none.
 */
export function planCertificate(
	issuedOn: string,
	validityMonths: number,
	reviewIntervalMonths: number | null
): { validUntil: string; reviewDueDates: string[] } {
	if (!Number.isInteger(validityMonths) || validityMonths <= 0) {
		throw new RangeError('证书有效期（月）必须是正整数');
	}
	if (
		reviewIntervalMonths !== null &&
		(!Number.isInteger(reviewIntervalMonths) || reviewIntervalMonths <= 0)
	) {
		throw new RangeError('复审间隔（月）必须是正整数，或不设复审');
	}
	const validUntil = addMonths(issuedOn, validityMonths);
	const reviewDueDates: string[] = [];
	if (reviewIntervalMonths !== null) {
		for (let k = 1; ; k++) {
			const due = addMonths(issuedOn, k * reviewIntervalMonths);
			if (due >= validUntil) break;
			reviewDueDates.push(due);
		}
	}
	return { validUntil, reviewDueDates };
}

export type CertificateStatus = 'valid' | 'review_due' | 'expired' | 'review_missed' | 'revoked';

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
	valid: '有效',
	review_due: '待复审',
	expired: '已过期',
	review_missed: '逾期未复审（已失效）',
	revoked: '已吊销'
};

/** Reviews that matter: those strictly before validUntil (a review on the last day is a renewal). */
function relevantReviews(c: CertificateFacts): { dueOn: string; passedOn: string | null }[] {
	return c.reviews
		.filter((r) => r.dueOn < c.validUntil)
		.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** A review counts as passed on `today` only if it was passed by then (a later record is not yet). */
function passedBy(r: { passedOn: string | null }, today: string): boolean {
	return r.passedOn !== null && r.passedOn <= today;
}

/** The first review whose deadline is before `today` and that was not passed on or before its deadline. */
function missedReview(c: CertificateFacts, today: string): { dueOn: string } | null {
	for (const r of relevantReviews(c)) {
		if (r.dueOn < today && !(r.passedOn !== null && r.passedOn <= r.dueOn)) return r;
	}
	return null;
}

/**
 * Status of a certificate on `today`.
 *
 * Precedence: revoked (from revokedOn) → review missed (from the day after a review's due date) →
 * expired (from the day after validUntil) → review_due / valid.
 * - 'review_due': still valid, and the next unpassed review is due within `dueSoonDays` days
 *   (0 ≤ days until due ≤ dueSoonDays; the due date itself is still 'review_due').
 * - `dueSoon`: the certificate is valid and either a review is due within `dueSoonDays` or validUntil
 *   is within `dueSoonDays` (exactly 60 days ahead → true, 61 → false with the default).
 * - `nextReviewDue`: the next review not yet passed while the certificate is valid; null otherwise.
 *
 * Precondition: `issuedOn <= today` (a certificate dated in the future does not exist yet — throws;
 * `isValidOn` and `clearanceFor` handle that case without throwing).
 */
export function certificateStatus(
	c: CertificateFacts,
	today: string,
	dueSoonDays = 60
): { status: CertificateStatus; dueSoon: boolean; nextReviewDue: string | null; label: string } {
	parseDay(today);
	if (c.issuedOn > today) {
		throw new RangeError(`证书签发日期 ${c.issuedOn} 晚于查询日期 ${today}`);
	}
	const result = (status: CertificateStatus, dueSoon = false, nextReviewDue: string | null = null) => ({
		status,
		dueSoon,
		nextReviewDue,
		label: CERTIFICATE_STATUS_LABELS[status]
	});
	if (c.revokedOn !== null && c.revokedOn <= today) return result('revoked');
	if (missedReview(c, today)) return result('review_missed');
	if (today > c.validUntil) return result('expired');

	const next = relevantReviews(c).find((r) => r.dueOn >= today && !passedBy(r, today)) ?? null;
	const reviewSoon = next !== null && daysBetween(today, next.dueOn) <= dueSoonDays;
	const expirySoon = daysBetween(today, c.validUntil) <= dueSoonDays;
	return result(reviewSoon ? 'review_due' : 'valid', reviewSoon || expirySoon, next?.dueOn ?? null);
}

/** True when the certificate is in force on `today` (status 'valid' or 'review_due'). */
export function isValidOn(c: CertificateFacts, today: string): boolean {
	if (c.issuedOn > today) return false;
	const { status } = certificateStatus(c, today);
	return status === 'valid' || status === 'review_due';
}

// ---------------------------------------------------------------------------------------------
// Clearance (上岗资格): a worker is cleared for a post only with a valid certificate for every requirement
// ---------------------------------------------------------------------------------------------

export interface Requirement {
	tradeCode: string;
	tradeName: string;
	category: 'principal' | 'safety_manager' | 'special' | 'general' | 'enforcement';
}

export interface WorkerTradeState {
	tradeCode: string;
	certificates: CertificateFacts[];
	trainingHoursDone: number;
	trainingHoursRequired: number;
	theoryPassed: boolean;
	/** null = the trade has no practical exam. */
	practicalPassed: boolean | null;
	attemptsUsed: number;
	maxAttempts: number;
	retrainingRequired: boolean;
}

export interface ClearanceItem {
	tradeCode: string;
	tradeName: string;
	ok: boolean;
	/** Why (Chinese, shown to the worker, the enterprise and the regulator). */
	reason: string;
	/** What to do next (Chinese); '' when nothing needs doing. */
	nextStep: string;
	/** Status of the certificate the item is based on; absent when the worker holds none. */
	certificateStatus?: CertificateStatus;
	dueSoon: boolean;
}

export interface Clearance {
	cleared: boolean;
	items: ClearanceItem[];
}

/** Hours for display: at most one decimal, no trailing zero. */
function formatHours(h: number): string {
	return String(Math.round(h * 10) / 10);
}

/** Remaining hours, rounded UP to one decimal so a tiny shortfall never shows as 0. */
function remainingHours(done: number, required: number): string {
	const k = Math.ceil((required - done) * 10 - 1e-9) / 10;
	return formatHours(Math.max(k, 0.1));
}

/** Latest-issued first, then latest validUntil: the worker's current certificate comes first. */
function byRecency(a: CertificateFacts, b: CertificateFacts): number {
	if (a.issuedOn !== b.issuedOn) return a.issuedOn > b.issuedOn ? -1 : 1;
	if (a.validUntil !== b.validUntil) return a.validUntil > b.validUntil ? -1 : 1;
	return 0;
}

function clearanceItem(req: Requirement, state: WorkerTradeState | undefined, today: string): ClearanceItem {
	const base = { tradeCode: req.tradeCode, tradeName: req.tradeName };
	const name = req.tradeName;
	// Certificates dated after today do not exist yet.
	const certs = (state?.certificates ?? []).filter((c) => c.issuedOn <= today);

	// 1. Any valid certificate clears the requirement; the best is the one valid the longest.
	const valid = certs.filter((c) => isValidOn(c, today));
	if (valid.length > 0) {
		const best = valid.reduce((a, b) => (b.validUntil > a.validUntil ? b : a));
		const s = certificateStatus(best, today);
		let reason = `持有有效证书（有效期至 ${best.validUntil}）`;
		let nextStep = '';
		if (s.status === 'review_due' && s.nextReviewDue !== null) {
			reason = `证书有效，须于 ${s.nextReviewDue} 前完成复审`;
			nextStep = `参加${name}复审培训并通过复审考试，须于 ${s.nextReviewDue} 前完成，逾期证书失效`;
		} else if (s.dueSoon) {
			reason = `证书将于 ${best.validUntil} 到期`;
			nextStep = `在 ${best.validUntil} 前参加${name}复训并重新考试，以免证书过期`;
		}
		return { ...base, ok: true, reason, nextStep, certificateStatus: s.status, dueSoon: s.dueSoon };
	}

	// 2. Otherwise explain, in order of precedence. The worker's current (latest-issued) certificate
	//    decides among revoked → review missed → expired; older ones have been superseded.
	const current = [...certs].sort(byRecency)[0];
	if (current) {
		const s = certificateStatus(current, today);
		const blocked = (reason: string, nextStep: string): ClearanceItem => ({
			...base,
			ok: false,
			reason,
			nextStep,
			certificateStatus: s.status,
			dueSoon: false
		});
		if (s.status === 'revoked') {
			const why = current.revokedReason?.trim();
			return blocked(
				`证书已于 ${current.revokedOn} 被吊销${why ? `（原因：${why}）` : ''}`,
				'联系发证机关了解重新申请培训考核的条件'
			);
		}
		if (s.status === 'review_missed') {
			const missed = missedReview(current, today);
			return blocked(
				`逾期未复审，证书已失效${missed ? `（复审期限为 ${missed.dueOn}）` : ''}`,
				`重新参加${name}培训并考试取证`
			);
		}
		if (s.status === 'expired') {
			return blocked(
				`证书已于 ${addDays(current.validUntil, 1)} 过期（有效期至 ${current.validUntil}）`,
				`参加${name}复训并重新考试`
			);
		}
	}

	const blocked = (reason: string, nextStep: string): ClearanceItem => ({
		...base,
		ok: false,
		reason,
		nextStep,
		dueSoon: false
	});
	if (!state) {
		return blocked(`尚未参加${name}培训`, `报名参加《${name}》培训课程`);
	}
	if (state.trainingHoursDone < state.trainingHoursRequired) {
		return blocked(
			`尚未完成培训：已完成 ${formatHours(state.trainingHoursDone)} / ${formatHours(state.trainingHoursRequired)} 学时`,
			`完成《${name}》培训课程剩余 ${remainingHours(state.trainingHoursDone, state.trainingHoursRequired)} 学时`
		);
	}
	const attemptsLeft = Math.max(0, state.maxAttempts - state.attemptsUsed);
	if (state.retrainingRequired || (!state.theoryPassed && attemptsLeft === 0)) {
		return blocked('补考未通过，须重新参加培训', `重新完成《${name}》培训课程后再报名考试`);
	}
	if (!state.theoryPassed) {
		return blocked('尚未通过理论考试', `参加${name}理论考试（剩余 ${attemptsLeft} 次机会）`);
	}
	if (state.practicalPassed === false) {
		return blocked('理论考试已通过，尚未通过实际操作考试', `参加${name}实际操作考试`);
	}
	return blocked('考核已通过，证书待发放', '等待发证机关发放证书，如有疑问请联系企业安全管理员');
}

/**
 * Is the worker cleared for `post` on `today`? One item per requirement, in the post's order.
 * A post with no requirements is cleared. Cleared only if every item is ok.
 *
 * `states` is keyed by trade code; a missing entry means the worker never started that trade.
 */
export function clearanceFor(
	post: { name: string; requirements: Requirement[] },
	states: Map<string, WorkerTradeState>,
	today: string
): Clearance {
	parseDay(today);
	const items = post.requirements.map((req) => clearanceItem(req, states.get(req.tradeCode), today));
	return { cleared: items.every((i) => i.ok), items };
}

// ---------------------------------------------------------------------------------------------
// Certificate numbers and public verification codes
// ---------------------------------------------------------------------------------------------

/**
 * Certificate number: `AX-<tradePrefix>-<year>-<sequence>`, e.g. "AX-DG-2026-000123".
 * - "AX" = 安训 (the platform);
 * - tradePrefix: 1–6 upper-case letters/digits starting with a letter (e.g. DG = 低压电工);
 * - year: 4 digits, the year of issue;
 * - sequence: 1..999999, zero-padded to 6 digits, unique per (prefix, year) — the caller allocates it.
 */
export function certificateNumber(args: { tradePrefix: string; year: number; sequence: number }): string {
	const { tradePrefix, year, sequence } = args;
	if (!/^[A-Z][A-Z0-9]{0,5}$/.test(tradePrefix)) {
		throw new RangeError(`工种代号“${tradePrefix}”无效，应为 1–6 位大写字母或数字且以字母开头`);
	}
	if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`年份 ${year} 无效`);
	if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
		throw new RangeError(`证书流水号 ${sequence} 超出范围（1–999999）`);
	}
	return `AX-${tradePrefix}-${year}-${pad(sequence, 6)}`;
}

/** True for strings in the `certificateNumber` format. */
export function isWellFormedCertificateNumber(s: string): boolean {
	return /^AX-[A-Z][A-Z0-9]{0,5}-\d{4}-\d{6}$/.test(s) && !s.endsWith('-000000');
}

/**
 * Verification-code alphabet: digits 2–9 and upper-case letters without I, L, O — no 0/O/1/I/L,
 * so nothing can be misread. 31 symbols, log2(31) ≈ 4.954 bits each.
 */
export const VERIFICATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * Code length. NOTE: 20 symbols of this 31-symbol alphabet give only 20 × 4.954 ≈ 99.1 bits, short of
 * the required 100; 21 symbols give 21 × log2(31) ≈ 104.0 bits of entropy. Hence 21, not 20.
 */
export const VERIFICATION_CODE_LENGTH = 21;

/** Largest multiple of 31 not above 256: bytes ≥ 248 are rejected so `byte % 31` is unbiased. */
const ACCEPT_BELOW = 256 - (256 % VERIFICATION_CODE_ALPHABET.length);

/**
 * A new public verification code: 21 symbols, ≈ 104.0 bits of entropy (see above), drawn from
 * `crypto.getRandomValues` with rejection sampling (bytes 248–255 are discarded, so every symbol has
 * probability exactly 1/31 — no modulo bias).
 *
 * `fillRandom` exists for tests only; production code calls it without arguments.
 */
export function generateVerificationCode(
	fillRandom: (bytes: Uint8Array) => void = (bytes) => {
		globalThis.crypto.getRandomValues(bytes);
	}
): string {
	const n = VERIFICATION_CODE_ALPHABET.length;
	let code = '';
	const buf = new Uint8Array(32);
	while (code.length < VERIFICATION_CODE_LENGTH) {
		fillRandom(buf);
		for (const b of buf) {
			if (b >= ACCEPT_BELOW) continue;
			code += VERIFICATION_CODE_ALPHABET[b % n];
			if (code.length === VERIFICATION_CODE_LENGTH) break;
		}
	}
	return code;
}

const VERIFICATION_CODE_PATTERN = new RegExp(
	`^[${VERIFICATION_CODE_ALPHABET}]{${VERIFICATION_CODE_LENGTH}}$`
);

/** True when `s` is exactly a code as produced by `generateVerificationCode` (case-sensitive). */
export function isWellFormedVerificationCode(s: string): boolean {
	return VERIFICATION_CODE_PATTERN.test(s);
}

/**
 * What a person typed → the canonical code: trims, drops spaces and hyphens (codes may be printed in
 * groups), upper-cases. Check the result with `isWellFormedVerificationCode` before looking it up.
 */
export function normalizeVerificationCode(input: string): string {
	return input.replace(/[\s\u2010-\u2015-]/g, '').toUpperCase();
}
