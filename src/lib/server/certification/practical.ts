/**
 * 实际操作考试: an examiner (考评员 — a trainer or a judge) records a worker's marks against the
 * trade's practical items. The score is the sum of the marks; passed at 80 % of the items' total
 * (80 of 100). A passed practical with the theory exam already passed issues the certificate in
 * the same transaction.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { enterprises, practicalResults, trades, userRoles, users } from '../db/schema';
import { requireRole, type Actor } from '../access';
import { audit } from '../audit';
import { now } from '../clock';
import { maskIdCard, maskPhone, normalizeIdCard } from '../../idcard';
import { chinaDay } from './rules';
import { PRACTICAL_PASS_RATIO } from './defaults';
import { issueIfComplete } from './issue';
import { CertificationData } from './state';
import { certificateView, type CertificateView } from './service';

const EXAMINER_ROLES = ['trainer', 'judge'] as const;

export function requireExaminer(actor: Actor | null | undefined): Actor {
	return requireRole(actor, ...EXAMINER_ROLES);
}

/** Trades with a practical exam and their items. */
export function practicalTrades(db: Db) {
	return db
		.select({ code: trades.code, name: trades.name, items: trades.practicalItems })
		.from(trades)
		.where(eq(trades.requiresPractical, true))
		.orderBy(asc(trades.code))
		.all()
		.map((t) => ({ ...t, total: t.items.reduce((s, i) => s + i.max, 0) }));
}

export function practicalPassMark(items: { max: number }[]): number {
	return Math.round(items.reduce((s, i) => s + i.max, 0) * PRACTICAL_PASS_RATIO * 10) / 10;
}

export interface Candidate {
	id: number;
	name: string;
	enterprise: string | null;
	phone: string;
	idCard: string;
}

/** `users.name LIKE %q%` with q's wildcards taken literally. */
export function nameContains(q: string): SQL {
	const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`${users.name} like ${pattern} escape '\\'`;
}

/** Workers found by 姓名 (part), 手机号 (exact) or 身份证号 (exact); at most 20. */
export function findCandidates(db: Db, actor: Actor, q: string): Candidate[] {
	requireExaminer(actor);
	const query = q.trim();
	if (!query) return [];
	const id = normalizeIdCard(query);
	const cond = /^\d{17}[\dX]$/.test(id)
		? eq(users.idCard, id)
		: /^1\d{10}$/.test(query)
			? eq(users.phone, query)
			: nameContains(query);
	return db
		.selectDistinct({
			id: users.id,
			name: users.name,
			enterprise: enterprises.name,
			phone: users.phone,
			idCard: users.idCard
		})
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'worker')))
		.leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
		.where(and(cond, eq(users.disabled, false)))
		.orderBy(asc(users.id))
		.limit(20)
		.all()
		.map((u) => ({ ...u, phone: maskPhone(u.phone), idCard: maskIdCard(u.idCard) }));
}

function tradeWithItems(db: Db, tradeCode: string) {
	const t = db.select().from(trades).where(eq(trades.code, tradeCode)).get();
	if (!t || !t.requiresPractical || t.practicalItems.length === 0) return null;
	return t;
}

function workerOf(db: Db, userId: number) {
	return db
		.select({ id: users.id, name: users.name, enterprise: enterprises.name, idCard: users.idCard })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'worker')))
		.leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
		.where(eq(users.id, userId))
		.get();
}

export interface PracticalContext {
	worker: { id: number; name: string; enterprise: string | null; idCard: string };
	trade: {
		code: string;
		name: string;
		items: { item: string; max: number }[];
		total: number;
		passMark: number;
	};
	theory: {
		passed: boolean;
		attemptsUsed: number;
		maxAttempts: number;
		lastScore: number | null;
		text: string;
	};
	practicals: { id: number; score: number; passed: boolean; recordedAt: string }[];
	certificates: CertificateView[];
}

/** What the examiner sees before entering marks: the worker's theory status and earlier results. */
export function practicalContext(db: Db, actor: Actor, userId: number, tradeCode: string): PracticalContext {
	requireExaminer(actor);
	const w = workerOf(db, userId);
	if (!w) error(404, '未找到该学员');
	const t = tradeWithItems(db, tradeCode);
	if (!t) error(404, '该工种没有实际操作考试');
	const data = new CertificationData(db, [userId]);
	const tries = data.cycleAttempts(userId, tradeCode);
	const passed = tries.some((a) => a.passed);
	const maxAttempts = data.maxAttempts.get(tradeCode) ?? 2;
	const last = tries[0];
	const text = passed
		? `理论考试已通过（${tries.find((a) => a.passed)!.score} 分）`
		: tries.length === 0
			? '尚未参加理论考试'
			: `理论考试未通过（最近一次 ${last.score} 分，已考 ${tries.length} / ${maxAttempts} 次）`;
	const day = chinaDay(now());
	const total = t.practicalItems.reduce((s, i) => s + i.max, 0);
	return {
		worker: { id: w.id, name: w.name, enterprise: w.enterprise, idCard: maskIdCard(w.idCard) },
		trade: {
			code: t.code,
			name: t.name,
			items: t.practicalItems,
			total,
			passMark: practicalPassMark(t.practicalItems)
		},
		theory: { passed, attemptsUsed: tries.length, maxAttempts, lastScore: last?.score ?? null, text },
		practicals: data.cyclePracticals(userId, tradeCode).map((p) => ({
			id: p.id,
			score: p.score,
			passed: p.passed,
			recordedAt: p.recordedAt.toISOString()
		})),
		certificates: data
			.certificatesOf(userId, tradeCode)
			.filter((c) => c.issuedOn <= day)
			.map((c) => certificateView(c, data.trades.get(tradeCode), day))
			.reverse()
	};
}

export interface PracticalInput {
	userId: number;
	tradeCode: string;
	/** One mark per practical item, in the trade's item order. */
	marks: number[];
	note?: string;
}

export type PracticalOutcome =
	| {
			ok: true;
			resultId: number;
			score: number;
			passed: boolean;
			passMark: number;
			certificate: { id: number; number: string } | null;
	  }
	| { ok: false; message: string };

/** Records a practical result (audited as 'grade.change'); may issue the certificate. */
export function recordPractical(
	db: Db,
	actor: Actor,
	input: PracticalInput,
	opts: { ip?: string; at?: Date } = {}
): PracticalOutcome {
	requireExaminer(actor);
	const t = tradeWithItems(db, input.tradeCode);
	if (!t) return { ok: false, message: '该工种没有实际操作考试项目' };
	const w = workerOf(db, input.userId);
	if (!w) return { ok: false, message: '未找到该学员' };
	if (input.userId === actor.id) return { ok: false, message: '考评员不能给自己录入成绩' };
	if (input.marks.length !== t.practicalItems.length)
		return { ok: false, message: `应录入 ${t.practicalItems.length} 个项目的得分` };
	const problems: string[] = [];
	input.marks.forEach((m, i) => {
		const it = t.practicalItems[i];
		if (!Number.isFinite(m)) problems.push(`"${it.item}"的得分未填写或不是数字`);
		else if (m < 0 || m > it.max) problems.push(`"${it.item}"的得分应在 0–${it.max} 分之间`);
		else if (Math.round(m * 10) !== m * 10) problems.push(`"${it.item}"的得分最多保留一位小数`);
	});
	if (problems.length) return { ok: false, message: problems.join('；') };
	const note = input.note?.trim() || null;
	if (note && note.length > 500) return { ok: false, message: '备注不能超过 500 个字' };

	const score = Math.round(input.marks.reduce((s, m) => s + m, 0) * 10) / 10;
	const passMark = practicalPassMark(t.practicalItems);
	const passed = score >= passMark;
	const at = opts.at ?? now();
	return db.transaction((tx) => {
		const txDb = tx as unknown as Db;
		const { id } = tx
			.insert(practicalResults)
			.values({
				userId: w.id,
				tradeCode: t.code,
				marks: t.practicalItems.map((it, i) => ({ item: it.item, max: it.max, mark: input.marks[i] })),
				score,
				passed,
				examinerId: actor.id,
				recordedAt: at,
				note
			})
			.returning({ id: practicalResults.id })
			.get();
		audit(txDb, {
			action: 'grade.change',
			actorId: actor.id,
			target: `practical:${id}`,
			detail: { userId: w.id, tradeCode: t.code, score, passed, marks: input.marks },
			ip: opts.ip
		});
		const cert = passed
			? issueIfComplete(txDb, w.id, t.code, { today: chinaDay(at), issuedBy: actor.id })
			: null;
		return {
			ok: true as const,
			resultId: id,
			score,
			passed,
			passMark,
			certificate: cert ? { id: cert.id, number: cert.number } : null
		};
	});
}
