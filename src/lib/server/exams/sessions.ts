/** 考试场次: scheduling, audience and what a worker may sit. */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	attempts,
	blueprints,
	examSessions,
	postRequirements,
	trades,
	users,
	workerPosts,
	type SessionAudience,
	posts,
	enterprises
} from '../db/schema';
import { hasRole, requireRole, type Actor } from '../access';
import { now } from '../clock';
import { totalPoints } from './blueprints';
import { hoursFor } from '../courses/hours';
import { prepared } from '../db/prepared';

export interface SessionInput {
	blueprintId: number;
	title: string;
	opensAt: Date;
	closesAt: Date;
	audience: SessionAudience;
	eligibility: 'assigned' | 'hours';
}

export function sessionProblems(input: SessionInput): string[] {
	const p: string[] = [];
	if (!input.title.trim()) p.push('请填写场次名称');
	if (Number.isNaN(input.opensAt.getTime())) p.push('请填写开始时间');
	if (Number.isNaN(input.closesAt.getTime())) p.push('请填写结束时间');
	else if (input.closesAt <= input.opensAt) p.push('结束时间应晚于开始时间');
	const a = input.audience;
	if (!a.tradeCodes?.length && !a.enterpriseIds?.length && !a.postIds?.length && !a.userIds?.length)
		p.push('请至少选择一种考生范围（工种、企业、岗位或名单）');
	return p;
}

export function createSession(db: Db, actor: Actor, input: SessionInput) {
	requireRole(actor, 'trainer', 'admin');
	const problems = sessionProblems(input);
	if (!db.select().from(blueprints).where(eq(blueprints.id, input.blueprintId)).get())
		problems.push('请选择组卷规则');
	if (problems.length) return { ok: false as const, problems };
	const { id } = db
		.insert(examSessions)
		.values({ ...input, title: input.title.trim(), createdBy: actor.id, createdAt: now() })
		.returning({ id: examSessions.id })
		.get();
	return { ok: true as const, id };
}

export function listSessions(db: Db, actor: Actor) {
	requireRole(actor, 'trainer', 'admin');
	return db
		.select({ s: examSessions, bp: blueprints.name, trade: trades.name })
		.from(examSessions)
		.innerJoin(blueprints, eq(blueprints.id, examSessions.blueprintId))
		.innerJoin(trades, eq(trades.code, blueprints.tradeCode))
		.orderBy(desc(examSessions.opensAt))
		.all()
		.map(({ s, bp, trade }) => ({
			id: s.id,
			title: s.title,
			blueprint: bp,
			trade,
			opensAt: s.opensAt.toISOString(),
			closesAt: s.closesAt.toISOString()
		}));
}

/** The worker's trades (from their posts' requirements), posts and enterprise, for audience checks. */
function workerProfile(db: Db, userId: number) {
	// Runs on every exam start: prepared once per connection (see db/prepared.ts).
	const q = prepared(db, 'sessions.workerProfile', () => ({
		enterprise: db
			.select({ enterpriseId: users.enterpriseId })
			.from(users)
			.where(eq(users.id, sql.placeholder('userId')))
			.prepare(),
		posts: db
			.select({ postId: workerPosts.postId })
			.from(workerPosts)
			.where(eq(workerPosts.userId, sql.placeholder('userId')))
			.prepare(),
		trades: db
			.selectDistinct({ t: postRequirements.tradeCode })
			.from(workerPosts)
			.innerJoin(postRequirements, eq(postRequirements.postId, workerPosts.postId))
			.where(eq(workerPosts.userId, sql.placeholder('userId')))
			.prepare()
	}));
	return {
		enterpriseId: q.enterprise.get({ userId })?.enterpriseId ?? null,
		postIds: q.posts.all({ userId }).map((r) => r.postId),
		tradeCodes: q.trades.all({ userId }).map((r) => r.t)
	};
}

/**
 * Whether a worker is in a session's audience. A name list admits its members outright;
 * otherwise every criterion given (trade, enterprise, post) must match.
 */
export function inAudience(
	audience: SessionAudience,
	profile: ReturnType<typeof workerProfile>,
	userId: number
): boolean {
	if (audience.userIds?.includes(userId)) return true;
	const criteria = [audience.tradeCodes, audience.enterpriseIds, audience.postIds].filter(
		(c) => c && c.length
	);
	if (criteria.length === 0) return false;
	if (audience.tradeCodes?.length && !audience.tradeCodes.some((t) => profile.tradeCodes.includes(t)))
		return false;
	if (
		audience.enterpriseIds?.length &&
		(profile.enterpriseId == null || !audience.enterpriseIds.includes(profile.enterpriseId))
	)
		return false;
	if (audience.postIds?.length && !audience.postIds.some((p) => profile.postIds.includes(p))) return false;
	return true;
}

export function sessionFor(db: Db, sessionId: number) {
	const row = prepared(db, 'sessions.sessionFor', () =>
		db
			.select({ s: examSessions, bp: blueprints })
			.from(examSessions)
			.innerJoin(blueprints, eq(blueprints.id, examSessions.blueprintId))
			.where(eq(examSessions.id, sql.placeholder('id')))
			.prepare()
	).get({ id: sessionId });
	if (!row) error(404, '考试场次不存在');
	return row;
}

export function requireInAudience(db: Db, actor: Actor, audience: SessionAudience) {
	// A name list admits its members whatever their role (a 执法比武 theory round seats regulators).
	if (audience.userIds?.includes(actor.id)) return;
	if (!hasRole(actor, 'worker') || !inAudience(audience, workerProfile(db, actor.id), actor.id))
		error(403, '您不在本场考试的考生范围内');
}

/** Sessions a worker may see: open now or upcoming (closing in the future), in their audience. */
export function upcomingForWorker(db: Db, actor: Actor) {
	if (!hasRole(actor, 'worker')) return [];
	const t = now();
	const profile = workerProfile(db, actor.id);
	const rows = db
		.select({ s: examSessions, bp: blueprints, trade: trades.name })
		.from(examSessions)
		.innerJoin(blueprints, eq(blueprints.id, examSessions.blueprintId))
		.innerJoin(trades, eq(trades.code, blueprints.tradeCode))
		.where(gt(examSessions.closesAt, t))
		.orderBy(asc(examSessions.opensAt))
		.all()
		.filter(({ s }) => inAudience(s.audience, profile, actor.id));
	const mine = rows.length
		? db
				.select()
				.from(attempts)
				.where(
					and(
						eq(attempts.userId, actor.id),
						inArray(
							attempts.sessionId,
							rows.map((r) => r.s.id)
						)
					)
				)
				.all()
		: [];
	return rows.map(({ s, bp, trade }) => {
		const a = mine.filter((m) => m.sessionId === s.id).sort((x, y) => y.id - x.id)[0];
		const hours = s.eligibility === 'hours' ? hoursFor(db, actor.id, bp.tradeCode) : null;
		return {
			hours,
			id: s.id,
			title: s.title,
			trade,
			opensAt: s.opensAt.toISOString(),
			closesAt: s.closesAt.toISOString(),
			open: s.opensAt <= t,
			durationMinutes: bp.durationMinutes,
			totalPoints: totalPoints(bp.sections),
			passMark: bp.passMark,
			attempt: a ? { id: a.id, submitted: !!a.submittedAt, score: a.score, passed: a.passed } : null
		};
	});
}

/** Resolves a pasted name list (手机号 or 身份证号, one per line) to user ids, naming each line it cannot place. */
export function resolveNameList(db: Db, text: string): { userIds: number[]; problems: string[] } {
	const userIds: number[] = [];
	const problems: string[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		const key = raw.trim().toUpperCase();
		if (!key) return;
		const u = db
			.select({ id: users.id })
			.from(users)
			.where(or(eq(users.phone, key), eq(users.idCard, key)))
			.get();
		if (!u) problems.push(`考生名单第 ${i + 1} 行：找不到手机号或身份证号为"${raw.trim()}"的人员`);
		else if (!userIds.includes(u.id)) userIds.push(u.id);
	});
	return { userIds, problems };
}

/** Posts to choose from when scheduling, labelled with their enterprise. */
export function postChoices(db: Db) {
	return db
		.select({ id: posts.id, name: posts.name, enterprise: enterprises.name })
		.from(posts)
		.innerJoin(enterprises, eq(enterprises.id, posts.enterpriseId))
		.orderBy(asc(enterprises.name), asc(posts.name))
		.all();
}
