/**
 * Skills contests (执法比武 for regulators, 职工技能比武/"安康杯" for workers): set-up by an organiser
 * (admin or trainer) — rounds with weights, entrants and teams, judges — and what entrants see.
 * Judges' sheets are in sheets.ts, boards in board-load.ts, freeze/reveal/publish in results.ts.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	attempts,
	blueprints,
	contestEntrants,
	contestJudges,
	contestRounds,
	contests,
	contestTeams,
	enterprises,
	examSessions,
	regions,
	scoreEvents,
	scoreSheets,
	trades,
	userRoles,
	users,
	type AwardRuleConfig,
	type RubricItem
} from '../db/schema';
import { hasRole, requireActor, requireRole, type Actor } from '../access';
import { now } from '../clock';
import { createSession } from '../exams/sessions';
import { startSessionAttempt } from '../exams/attempts';
import { generateSeed } from '../exams/draw';
import { CONTEST_KIND_LABELS, type ContestKind } from '../../contests/types';
import { boardStatus, statusLabel } from './board';
import { notifyContest } from './live';

/** A refusal a person can fix, with a Chinese message; routes turn it into `fail(status, …)`. */
export class ContestError extends Error {
	constructor(
		message: string,
		readonly status = 400
	) {
		super(message);
	}
}

export type ContestRow = typeof contests.$inferSelect;
export type RoundRow = typeof contestRounds.$inferSelect;

/** 实操 / 案卷评查 / 现场模拟执法 — suggested names of practical rounds. */
export const PRACTICAL_ROUND_NAMES = ['实操', '案卷评查', '现场模拟执法'];

/** The 案卷评查 rubric template (points add up to 100). */
export const CASE_FILE_RUBRIC: Omit<RubricItem, 'id'>[] = [
	{ name: '案件来源与立案', maxPoints: 15, descriptor: '案件来源清楚，立案审批及时、手续齐全' },
	{ name: '调查取证', maxPoints: 25, descriptor: '证据确实充分，取证程序合法，询问笔录、现场检查记录规范' },
	{ name: '法律适用', maxPoints: 20, descriptor: '定性准确，适用法律条款正确，自由裁量适当' },
	{ name: '程序合法', maxPoints: 25, descriptor: '告知、听证、审批、送达等程序完整，时限符合规定' },
	{ name: '文书规范', maxPoints: 15, descriptor: '执法文书格式规范、要素齐全、用语准确，案卷归档完整' }
];

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

export function getContest(db: Db, contestId: number): ContestRow {
	const c = Number.isInteger(contestId)
		? db.select().from(contests).where(eq(contests.id, contestId)).get()
		: undefined;
	if (!c) error(404, '比赛不存在');
	return c;
}

/** Admins organise every contest; a trainer organises the contests they created. */
export function isOrganiser(actor: Actor | null | undefined, c: ContestRow): boolean {
	if (!actor) return false;
	return hasRole(actor, 'admin') || (hasRole(actor, 'trainer') && c.organiserId === actor.id);
}

export function requireOrganiser(db: Db, actor: Actor | null | undefined, contestId: number): ContestRow {
	const a = requireActor(actor);
	const c = getContest(db, contestId);
	if (!isOrganiser(a, c)) error(403, '只有本比赛的组织者可以进行此操作');
	return c;
}

export function judgeOf(db: Db, contestId: number, userId: number) {
	return db
		.select()
		.from(contestJudges)
		.where(and(eq(contestJudges.contestId, contestId), eq(contestJudges.userId, userId)))
		.get();
}

/** The jury's view (unpublished detail): the organiser, admins and the contest's judges. */
export function canSeeJury(db: Db, actor: Actor | null | undefined, c: ContestRow): boolean {
	if (!actor) return false;
	return isOrganiser(actor, c) || !!judgeOf(db, c.id, actor.id);
}

export function requireJury(db: Db, actor: Actor | null | undefined, contestId: number): ContestRow {
	const a = requireActor(actor);
	const c = getContest(db, contestId);
	if (!canSeeJury(db, a, c)) error(403, '只有组织者和本比赛的裁判可以查看评审榜');
	return c;
}

function requireNotPublished(c: ContestRow) {
	if (c.publishedAt) throw new ContestError('成绩已发布，比赛不能再修改');
}

// ---------------------------------------------------------------------------------------------
// Contests
// ---------------------------------------------------------------------------------------------

export interface ContestInput {
	name: string;
	kind: ContestKind;
	teamMode: 'sum' | 'average';
	useTieBreak: boolean;
	trimAt: number;
	awardRule: AwardRuleConfig;
}

export const DEFAULT_CONTEST: Omit<ContestInput, 'name' | 'kind'> = {
	teamMode: 'sum',
	useTieBreak: true,
	trimAt: 5,
	awardRule: { mode: 'count', first: 1, second: 2, third: 3 }
};

export function contestProblems(input: ContestInput): string[] {
	const p: string[] = [];
	if (!input.name.trim()) p.push('请填写比赛名称');
	else if (input.name.trim().length > 100) p.push('比赛名称不能超过 100 个字');
	if (!['enforcement', 'worker'].includes(input.kind)) p.push('请选择比赛类型（执法比武或职工技能比武）');
	if (!['sum', 'average'].includes(input.teamMode)) p.push('团体成绩计算方式无效');
	if (!Number.isInteger(input.trimAt) || input.trimAt < 3 || input.trimAt > 50)
		p.push('去掉最高分和最低分的裁判人数应为 3–50 的整数');
	const r = input.awardRule;
	if (r.mode === 'count') {
		for (const [label, v] of [
			['一等奖', r.first],
			['二等奖', r.second],
			['三等奖', r.third]
		] as const)
			if (!Number.isInteger(v) || v < 0 || v > 10_000) p.push(`${label}名额应为非负整数`);
	} else if (r.mode === 'share') {
		for (const [label, v] of [
			['一等奖', r.first],
			['二等奖', r.second],
			['三等奖', r.third]
		] as const)
			if (!Number.isFinite(v) || v < 0 || v > 1) p.push(`${label}比例应在 0%–100% 之间`);
		if (r.first + r.second + r.third > 1 + 1e-9) p.push('各等奖比例之和不能超过 100%');
	} else p.push('获奖名额方式无效');
	return p;
}

export function createContest(
	db: Db,
	actor: Actor,
	input: ContestInput
): { ok: true; id: number } | { ok: false; problems: string[] } {
	requireRole(actor, 'trainer', 'admin');
	const problems = contestProblems(input);
	if (problems.length) return { ok: false, problems };
	const { id } = db
		.insert(contests)
		.values({ ...input, name: input.name.trim(), organiserId: actor.id, createdAt: now() })
		.returning({ id: contests.id })
		.get();
	return { ok: true, id };
}

export function updateContest(
	db: Db,
	actor: Actor,
	contestId: number,
	input: ContestInput
): { ok: true } | { ok: false; problems: string[] } {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const problems = contestProblems(input);
	if (input.kind !== c.kind && entrantRows(db, contestId).length)
		problems.push('已有参赛人员，不能再更改比赛类型');
	if (problems.length) return { ok: false, problems };
	db.update(contests)
		.set({ ...input, name: input.name.trim() })
		.where(eq(contests.id, contestId))
		.run();
	notifyContest(contestId);
	return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Rounds
// ---------------------------------------------------------------------------------------------

function roundRow(db: Db, roundId: number): RoundRow {
	const r = Number.isInteger(roundId)
		? db.select().from(contestRounds).where(eq(contestRounds.id, roundId)).get()
		: undefined;
	if (!r) error(404, '比赛轮次不存在');
	return r;
}

export function roundsOf(db: Db, contestId: number): RoundRow[] {
	return db
		.select()
		.from(contestRounds)
		.where(eq(contestRounds.contestId, contestId))
		.orderBy(asc(contestRounds.position), asc(contestRounds.id))
		.all();
}

function nextPosition(db: Db, contestId: number) {
	return (
		(db
			.select({ m: sql<number | null>`max(${contestRounds.position})` })
			.from(contestRounds)
			.where(eq(contestRounds.contestId, contestId))
			.get()?.m ?? 0) + 1
	);
}

function weightProblem(weight: number): string | null {
	return Number.isFinite(weight) && weight > 0 && weight <= 1000
		? null
		: '权重应为大于 0 的数（如 40 或 0.4）';
}

/** Blueprints a theory round may use: the enforcement trade's for 执法比武, any for 职工技能比武. */
export function blueprintChoices(db: Db, kind: ContestKind) {
	return db
		.select({ id: blueprints.id, name: blueprints.name, trade: trades.name, tradeCode: blueprints.tradeCode })
		.from(blueprints)
		.innerJoin(trades, eq(trades.code, blueprints.tradeCode))
		.where(kind === 'enforcement' ? eq(blueprints.tradeCode, 'enforcement') : undefined)
		.orderBy(asc(blueprints.id))
		.all();
}

export interface TheoryRoundInput {
	name: string;
	weight: number;
	blueprintId: number;
	/** true: one paper for everyone (a fixed seed); false: a random paper per entrant. */
	samePaper: boolean;
	opensAt: Date;
	closesAt: Date;
}

/**
 * A theory round is an exam session of the exam engine whose audience is the contest's entrants,
 * so entrants are added first; later changes to the entrants update the session's name list.
 */
export function addTheoryRound(
	db: Db,
	actor: Actor,
	contestId: number,
	input: TheoryRoundInput
): { ok: true; id: number } | { ok: false; problems: string[] } {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const problems: string[] = [];
	if (!input.name.trim()) problems.push('请填写轮次名称');
	const wp = weightProblem(input.weight);
	if (wp) problems.push(wp);
	if (!blueprintChoices(db, c.kind).some((b) => b.id === input.blueprintId))
		problems.push(
			c.kind === 'enforcement' ? '请选择安全生产行政执法工种的组卷规则' : '请选择理论考试的组卷规则'
		);
	const userIds = entrantRows(db, contestId).map((e) => e.userId);
	if (userIds.length === 0)
		problems.push('请先添加参赛人员，再添加理论赛轮次（考试场次的考生名单取自参赛人员）');
	if (problems.length) return { ok: false, problems };
	return db.transaction((tx) => {
		const t = tx as unknown as Db;
		const s = createSession(t, actor, {
			blueprintId: input.blueprintId,
			title: `${c.name} · ${input.name.trim()}`,
			opensAt: input.opensAt,
			closesAt: input.closesAt,
			audience: { userIds },
			eligibility: 'assigned'
		});
		if (!s.ok) return { ok: false as const, problems: s.problems };
		if (input.samePaper)
			t.update(examSessions).set({ paperSeed: generateSeed() }).where(eq(examSessions.id, s.id)).run();
		const { id } = t
			.insert(contestRounds)
			.values({
				contestId,
				position: nextPosition(t, contestId),
				name: input.name.trim(),
				kind: 'theory',
				weight: input.weight,
				blueprintId: input.blueprintId,
				sessionId: s.id,
				rubric: []
			})
			.returning({ id: contestRounds.id })
			.get();
		notifyContest(contestId);
		return { ok: true as const, id };
	});
}

export type RubricInput = { name: string; maxPoints: number; descriptor: string }[];

export function rubricProblems(rubric: RubricInput): string[] {
	const p: string[] = [];
	if (rubric.length === 0) p.push('评分细则至少需要一个评分项');
	if (rubric.length > 50) p.push('评分项不能超过 50 个');
	const names = new Set<string>();
	rubric.forEach((it, i) => {
		const n = `第 ${i + 1} 个评分项`;
		if (!it.name.trim()) p.push(`${n}：请填写名称`);
		else if (names.has(it.name.trim())) p.push(`${n}：名称“${it.name.trim()}”重复`);
		names.add(it.name.trim());
		if (!Number.isFinite(it.maxPoints) || it.maxPoints <= 0 || it.maxPoints > 1000)
			p.push(`${n}：满分应为大于 0 且不超过 1000 的数`);
	});
	return p;
}

function toRubric(input: RubricInput, previous: RubricItem[] = []): RubricItem[] {
	// Keep the ids of items whose names did not change, so marks already entered stay attached.
	const byName = new Map(previous.map((p) => [p.name, p.id]));
	let next = previous.reduce((m, p) => Math.max(m, p.id), 0) + 1;
	const used = new Set<number>();
	return input.map((it) => {
		let id = byName.get(it.name.trim());
		if (id === undefined || used.has(id)) id = next++;
		used.add(id);
		return { id, name: it.name.trim(), maxPoints: it.maxPoints, descriptor: it.descriptor.trim() };
	});
}

export function addPracticalRound(
	db: Db,
	actor: Actor,
	contestId: number,
	input: { name: string; weight: number; rubric: RubricInput }
): { ok: true; id: number } | { ok: false; problems: string[] } {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const problems: string[] = [];
	if (!input.name.trim()) problems.push('请填写轮次名称');
	const wp = weightProblem(input.weight);
	if (wp) problems.push(wp);
	problems.push(...rubricProblems(input.rubric));
	if (problems.length) return { ok: false, problems };
	const { id } = db
		.insert(contestRounds)
		.values({
			contestId,
			position: nextPosition(db, contestId),
			name: input.name.trim(),
			kind: 'practical',
			weight: input.weight,
			rubric: toRubric(input.rubric)
		})
		.returning({ id: contestRounds.id })
		.get();
	notifyContest(contestId);
	return { ok: true, id };
}

/** Name and weight may change any time before publishing; the rubric only until judging starts. */
export function updateRound(
	db: Db,
	actor: Actor,
	roundId: number,
	input: { name: string; weight: number; rubric?: RubricInput }
): { ok: true } | { ok: false; problems: string[] } {
	const r = roundRow(db, roundId);
	const c = requireOrganiser(db, actor, r.contestId);
	requireNotPublished(c);
	const problems: string[] = [];
	if (!input.name.trim()) problems.push('请填写轮次名称');
	const wp = weightProblem(input.weight);
	if (wp) problems.push(wp);
	let rubric = r.rubric;
	if (input.rubric && r.kind === 'practical') {
		problems.push(...rubricProblems(input.rubric));
		const changed = JSON.stringify(toRubric(input.rubric, r.rubric)) !== JSON.stringify(r.rubric);
		if (changed && sheetCount(db, roundId) > 0) problems.push('裁判已开始评分，评分细则不能再修改');
		rubric = toRubric(input.rubric, r.rubric);
	}
	if (problems.length) return { ok: false, problems };
	db.update(contestRounds)
		.set({ name: input.name.trim(), weight: input.weight, rubric })
		.where(eq(contestRounds.id, roundId))
		.run();
	notifyContest(r.contestId);
	return { ok: true };
}

function sheetCount(db: Db, roundId: number) {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(scoreSheets)
			.where(eq(scoreSheets.roundId, roundId))
			.get()?.n ?? 0
	);
}

function eventCount(db: Db, where: ReturnType<typeof eq>) {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(scoreEvents)
			.where(where)
			.get()?.n ?? 0
	);
}

export function removeRound(db: Db, actor: Actor, roundId: number) {
	const r = roundRow(db, roundId);
	const c = requireOrganiser(db, actor, r.contestId);
	requireNotPublished(c);
	if (sheetCount(db, roundId) > 0 || eventCount(db, eq(scoreEvents.roundId, roundId)) > 0)
		throw new ContestError('该轮次已有成绩，不能删除');
	const sat = r.sessionId
		? db.select({ id: attempts.id }).from(attempts).where(eq(attempts.sessionId, r.sessionId)).get()
		: undefined;
	if (sat) throw new ContestError('已有选手参加该轮理论考试，不能删除');
	db.transaction((tx) => {
		tx.delete(contestRounds).where(eq(contestRounds.id, roundId)).run();
		if (r.sessionId) tx.delete(examSessions).where(eq(examSessions.id, r.sessionId)).run();
	});
	notifyContest(r.contestId);
}

/** Keeps each theory round's exam session audience equal to the contest's entrants. */
function syncTheoryAudience(db: Db, contestId: number) {
	const userIds = entrantRows(db, contestId).map((e) => e.userId);
	for (const r of roundsOf(db, contestId))
		if (r.kind === 'theory' && r.sessionId)
			db.update(examSessions).set({ audience: { userIds } }).where(eq(examSessions.id, r.sessionId)).run();
}

// ---------------------------------------------------------------------------------------------
// Entrants and teams
// ---------------------------------------------------------------------------------------------

export function entrantRows(db: Db, contestId: number) {
	return db
		.select()
		.from(contestEntrants)
		.where(eq(contestEntrants.contestId, contestId))
		.orderBy(asc(contestEntrants.id))
		.all();
}

const ENTRANT_ROLE: Record<ContestKind, 'regulator' | 'worker'> = {
	enforcement: 'regulator',
	worker: 'worker'
};

/** The organisation an entrant represents: the enterprise for workers, the region for regulators. */
function organisationOf(db: Db, userId: number, kind: ContestKind) {
	if (kind === 'worker') {
		const u = db.select({ e: users.enterpriseId }).from(users).where(eq(users.id, userId)).get();
		return { enterpriseId: u?.e ?? null, regionId: null };
	}
	const g = db
		.select({ regionId: userRoles.regionId })
		.from(userRoles)
		.where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'regulator')))
		.orderBy(asc(userRoles.id))
		.get();
	return { enterpriseId: null, regionId: g?.regionId ?? null };
}

/** Names of every region and enterprise, for organisation labels. */
export function orgNames(db: Db) {
	return {
		regions: new Map(
			db
				.select({ id: regions.id, name: regions.name })
				.from(regions)
				.all()
				.map((r) => [r.id, r.name])
		),
		enterprises: new Map(
			db
				.select({ id: enterprises.id, name: enterprises.name })
				.from(enterprises)
				.all()
				.map((e) => [e.id, e.name])
		)
	};
}

export function orgLabel(
	names: ReturnType<typeof orgNames>,
	o: { enterpriseId: number | null; regionId: number | null }
): string {
	if (o.enterpriseId != null) return names.enterprises.get(o.enterpriseId) ?? '';
	if (o.regionId != null) return names.regions.get(o.regionId) ?? '';
	return '';
}

/** Users who may enter: regulators for 执法比武, workers for 职工技能比武; by name or phone. */
export function searchEntrantCandidates(db: Db, actor: Actor, contestId: number, q: string) {
	const c = requireOrganiser(db, actor, contestId);
	const term = q.trim();
	if (!term) return [];
	const role = ENTRANT_ROLE[c.kind];
	const taken = new Set(entrantRows(db, contestId).map((e) => e.userId));
	const names = orgNames(db);
	return db
		.selectDistinct({ id: users.id, name: users.name, phone: users.phone })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
		.where(and(eq(users.disabled, false), or(like(users.name, `%${term}%`), like(users.phone, `%${term}%`))))
		.orderBy(asc(users.id))
		.limit(30)
		.all()
		.filter((u) => !taken.has(u.id))
		.slice(0, 20)
		.map((u) => ({ ...u, org: orgLabel(names, organisationOf(db, u.id, c.kind)) }));
}

function teamOf(db: Db, contestId: number, teamId: number | null) {
	if (teamId == null) return null;
	const t = db.select().from(contestTeams).where(eq(contestTeams.id, teamId)).get();
	if (!t || t.contestId !== contestId) throw new ContestError('代表队不存在');
	return t;
}

function checkReserve(
	db: Db,
	contestId: number,
	teamId: number | null,
	reserve: boolean,
	entrantId: number | null
) {
	if (!reserve) return;
	if (teamId == null) throw new ContestError('替补队员必须属于某个代表队');
	const other = db
		.select({ id: contestEntrants.id })
		.from(contestEntrants)
		.where(
			and(
				eq(contestEntrants.contestId, contestId),
				eq(contestEntrants.teamId, teamId),
				eq(contestEntrants.reserve, true)
			)
		)
		.all()
		.filter((e) => e.id !== entrantId);
	if (other.length) throw new ContestError('每个代表队只能有一名替补队员');
}

export function addEntrant(
	db: Db,
	actor: Actor,
	contestId: number,
	input: { userId: number; teamId: number | null; reserve: boolean }
): number {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const role = ENTRANT_ROLE[c.kind];
	const u = db.select().from(users).where(eq(users.id, input.userId)).get();
	if (!u || u.disabled) throw new ContestError('该用户不存在或已停用');
	const holds = db
		.select({ id: userRoles.id })
		.from(userRoles)
		.where(and(eq(userRoles.userId, u.id), eq(userRoles.role, role)))
		.get();
	if (!holds)
		throw new ContestError(
			c.kind === 'enforcement'
				? `${u.name} 不是监管人员，不能参加执法比武`
				: `${u.name} 不是学员，不能参加职工技能比武`
		);
	if (entrantRows(db, contestId).some((e) => e.userId === u.id))
		throw new ContestError(`${u.name} 已是参赛人员`);
	if (judgeOf(db, contestId, u.id)) throw new ContestError(`${u.name} 是本比赛的裁判，不能同时参赛`);
	teamOf(db, contestId, input.teamId);
	checkReserve(db, contestId, input.teamId, input.reserve, null);
	const org = organisationOf(db, u.id, c.kind);
	if (c.kind === 'worker' && org.enterpriseId == null)
		throw new ContestError(`${u.name} 未关联企业，不能参加职工技能比武`);
	return db.transaction((tx) => {
		const t = tx as unknown as Db;
		const { id } = t
			.insert(contestEntrants)
			.values({ contestId, userId: u.id, teamId: input.teamId, reserve: input.reserve, ...org })
			.returning({ id: contestEntrants.id })
			.get();
		syncTheoryAudience(t, contestId);
		notifyContest(contestId);
		return id;
	});
}

function entrantRow(db: Db, entrantId: number) {
	const e = Number.isInteger(entrantId)
		? db.select().from(contestEntrants).where(eq(contestEntrants.id, entrantId)).get()
		: undefined;
	if (!e) error(404, '参赛人员不存在');
	return e;
}

export function updateEntrant(
	db: Db,
	actor: Actor,
	entrantId: number,
	input: { teamId: number | null; reserve: boolean }
) {
	const e = entrantRow(db, entrantId);
	const c = requireOrganiser(db, actor, e.contestId);
	requireNotPublished(c);
	teamOf(db, c.id, input.teamId);
	checkReserve(db, c.id, input.teamId, input.reserve, e.id);
	db.update(contestEntrants)
		.set({ teamId: input.teamId, reserve: input.reserve })
		.where(eq(contestEntrants.id, entrantId))
		.run();
	notifyContest(c.id);
}

export function removeEntrant(db: Db, actor: Actor, entrantId: number) {
	const e = entrantRow(db, entrantId);
	const c = requireOrganiser(db, actor, e.contestId);
	requireNotPublished(c);
	const sheets = db
		.select({ id: scoreSheets.id })
		.from(scoreSheets)
		.where(eq(scoreSheets.entrantId, e.id))
		.get();
	if (sheets || eventCount(db, eq(scoreEvents.entrantId, e.id)) > 0)
		throw new ContestError('该选手已有成绩记录，不能移除');
	db.transaction((tx) => {
		const t = tx as unknown as Db;
		t.delete(contestEntrants).where(eq(contestEntrants.id, entrantId)).run();
		syncTheoryAudience(t, c.id);
	});
	notifyContest(c.id);
}

export function addTeam(db: Db, actor: Actor, contestId: number, name: string): number {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const n = name.trim();
	if (!n) throw new ContestError('请填写代表队名称');
	if (n.length > 60) throw new ContestError('代表队名称不能超过 60 个字');
	const dup = db
		.select({ id: contestTeams.id })
		.from(contestTeams)
		.where(and(eq(contestTeams.contestId, contestId), eq(contestTeams.name, n)))
		.get();
	if (dup) throw new ContestError(`代表队“${n}”已存在`);
	const { id } = db
		.insert(contestTeams)
		.values({ contestId, name: n })
		.returning({ id: contestTeams.id })
		.get();
	notifyContest(contestId);
	return id;
}

export function removeTeam(db: Db, actor: Actor, teamId: number) {
	const t = db.select().from(contestTeams).where(eq(contestTeams.id, teamId)).get();
	if (!t) error(404, '代表队不存在');
	const c = requireOrganiser(db, actor, t.contestId);
	requireNotPublished(c);
	db.transaction((tx) => {
		tx.update(contestEntrants)
			.set({ teamId: null, reserve: false })
			.where(eq(contestEntrants.teamId, teamId))
			.run();
		tx.delete(contestTeams).where(eq(contestTeams.id, teamId)).run();
	});
	notifyContest(c.id);
}

// ---------------------------------------------------------------------------------------------
// Judges
// ---------------------------------------------------------------------------------------------

export function judgeRows(db: Db, contestId: number) {
	return db
		.select({ j: contestJudges, name: users.name, phone: users.phone })
		.from(contestJudges)
		.innerJoin(users, eq(users.id, contestJudges.userId))
		.where(eq(contestJudges.contestId, contestId))
		.orderBy(asc(users.id))
		.all();
}

/** Users holding the 裁判 role who are not yet judges or entrants of this contest. */
export function searchJudgeCandidates(db: Db, actor: Actor, contestId: number, q: string) {
	requireOrganiser(db, actor, contestId);
	const term = q.trim();
	if (!term) return [];
	const taken = new Set([
		...judgeRows(db, contestId).map((j) => j.j.userId),
		...entrantRows(db, contestId).map((e) => e.userId)
	]);
	return db
		.selectDistinct({ id: users.id, name: users.name, phone: users.phone })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'judge')))
		.where(and(eq(users.disabled, false), or(like(users.name, `%${term}%`), like(users.phone, `%${term}%`))))
		.orderBy(asc(users.id))
		.limit(30)
		.all()
		.filter((u) => !taken.has(u.id))
		.slice(0, 20);
}

/**
 * Adds a judge. Their organisation (for the conflict-of-interest rule) defaults to their own
 * enterprise and, for a judge who is also a regulator, their region; the organiser may set it.
 */
export function addJudge(
	db: Db,
	actor: Actor,
	contestId: number,
	input: { userId: number; chief: boolean; enterpriseId?: number | null; regionId?: number | null }
) {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const u = db.select().from(users).where(eq(users.id, input.userId)).get();
	if (!u || u.disabled) throw new ContestError('该用户不存在或已停用');
	const grants = db.select().from(userRoles).where(eq(userRoles.userId, u.id)).all();
	if (!grants.some((g) => g.role === 'judge')) throw new ContestError(`${u.name} 没有裁判角色`);
	if (judgeOf(db, contestId, u.id)) throw new ContestError(`${u.name} 已是本比赛的裁判`);
	if (entrantRows(db, contestId).some((e) => e.userId === u.id))
		throw new ContestError(`${u.name} 是本比赛的参赛人员，不能担任裁判`);
	if (
		input.enterpriseId != null &&
		!db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId)).get()
	)
		throw new ContestError('所选企业不存在');
	if (input.regionId != null && !db.select().from(regions).where(eq(regions.id, input.regionId)).get())
		throw new ContestError('所选区域不存在');
	const regulatorRegion = grants.find((g) => g.role === 'regulator' && g.regionId != null)?.regionId ?? null;
	db.transaction((tx) => {
		if (input.chief)
			tx.update(contestJudges).set({ chief: false }).where(eq(contestJudges.contestId, contestId)).run();
		tx.insert(contestJudges)
			.values({
				contestId,
				userId: u.id,
				chief: input.chief,
				enterpriseId: input.enterpriseId ?? u.enterpriseId,
				regionId: input.regionId ?? regulatorRegion
			})
			.run();
	});
	notifyContest(contestId);
}

/** One chief judge per contest: making someone chief unmakes the previous one. */
export function setChiefJudge(db: Db, actor: Actor, contestId: number, userId: number) {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	if (!judgeOf(db, contestId, userId)) throw new ContestError('该用户不是本比赛的裁判');
	db.transaction((tx) => {
		tx.update(contestJudges).set({ chief: false }).where(eq(contestJudges.contestId, contestId)).run();
		tx.update(contestJudges)
			.set({ chief: true })
			.where(and(eq(contestJudges.contestId, contestId), eq(contestJudges.userId, userId)))
			.run();
	});
}

export function removeJudge(db: Db, actor: Actor, contestId: number, userId: number) {
	const c = requireOrganiser(db, actor, contestId);
	requireNotPublished(c);
	const rounds = roundsOf(db, contestId).map((r) => r.id);
	const sheet = rounds.length
		? db
				.select({ id: scoreSheets.id })
				.from(scoreSheets)
				.where(and(eq(scoreSheets.judgeId, userId), inArray(scoreSheets.roundId, rounds)))
				.get()
		: undefined;
	if (sheet) throw new ContestError('该裁判已有评分记录，不能移除');
	db.delete(contestJudges)
		.where(and(eq(contestJudges.contestId, contestId), eq(contestJudges.userId, userId)))
		.run();
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

function summary(db: Db, c: ContestRow) {
	const t = now().getTime();
	const board = {
		id: c.id,
		name: c.name,
		kind: c.kind,
		freezeAt: c.freezeAt?.getTime() ?? null,
		revealed: c.revealed,
		publishedAt: c.publishedAt?.getTime() ?? null,
		teamMode: c.teamMode,
		useTieBreak: c.useTieBreak,
		awardRule: c.awardRule
	};
	const entrants =
		db
			.select({ n: sql<number>`count(*)` })
			.from(contestEntrants)
			.where(eq(contestEntrants.contestId, c.id))
			.get()?.n ?? 0;
	const rounds = roundsOf(db, c.id);
	return {
		id: c.id,
		name: c.name,
		kind: c.kind,
		kindLabel: CONTEST_KIND_LABELS[c.kind],
		status: rounds.length === 0 || entrants === 0 ? 'draft' : boardStatus(board, t),
		statusLabel: rounds.length === 0 || entrants === 0 ? '筹备中' : statusLabel(board, t),
		entrants,
		rounds: rounds.map((r) => r.name),
		published: !!c.publishedAt
	};
}

/** /contests: what the actor organises, judges and enters, and every contest's public board. */
export function contestsHome(db: Db, actor: Actor) {
	const all = db.select().from(contests).orderBy(asc(contests.id)).all();
	const judging = new Set(
		db
			.select({ id: contestJudges.contestId })
			.from(contestJudges)
			.where(eq(contestJudges.userId, actor.id))
			.all()
			.map((r) => r.id)
	);
	const summaries = all.map((c) => ({ c, s: summary(db, c) }));
	return {
		canCreate: hasRole(actor, 'admin') || hasRole(actor, 'trainer'),
		organising: summaries.filter(({ c }) => isOrganiser(actor, c)).map(({ s }) => s),
		judging: summaries.filter(({ c }) => judging.has(c.id)).map(({ s }) => s),
		entering: entrantContests(db, actor),
		boards: summaries.filter(({ s }) => s.status !== 'draft').map(({ s }) => s)
	};
}

/** The actor's own contests as an entrant, with each theory round's exam state. */
export function entrantContests(db: Db, actor: Actor) {
	const mine = db
		.select({ e: contestEntrants, c: contests })
		.from(contestEntrants)
		.innerJoin(contests, eq(contests.id, contestEntrants.contestId))
		.where(eq(contestEntrants.userId, actor.id))
		.orderBy(asc(contests.id))
		.all();
	const t = now();
	return mine.map(({ c }) => ({
		id: c.id,
		name: c.name,
		kindLabel: CONTEST_KIND_LABELS[c.kind],
		theory: roundsOf(db, c.id)
			.filter((r) => r.kind === 'theory' && r.sessionId)
			.map((r) => {
				const s = db.select().from(examSessions).where(eq(examSessions.id, r.sessionId!)).get()!;
				const a = db
					.select()
					.from(attempts)
					.where(and(eq(attempts.sessionId, s.id), eq(attempts.userId, actor.id)))
					.orderBy(asc(attempts.id))
					.all();
				const first = a[0];
				return {
					roundId: r.id,
					name: r.name,
					opensAt: s.opensAt.toISOString(),
					closesAt: s.closesAt.toISOString(),
					open: s.opensAt <= t && t < s.closesAt,
					attempt: first
						? { id: first.id, submitted: !!first.submittedAt, score: first.score, maxScore: first.maxScore }
						: null
				};
			})
	}));
}

/** The entrant starts (or resumes) a theory round in the normal exam room. Returns the attempt id. */
export function startTheoryRound(db: Db, actor: Actor, roundId: number): number {
	const r = roundRow(db, roundId);
	if (r.kind !== 'theory' || !r.sessionId) throw new ContestError('该轮次不是理论赛');
	const entrant = db
		.select()
		.from(contestEntrants)
		.where(and(eq(contestEntrants.contestId, r.contestId), eq(contestEntrants.userId, actor.id)))
		.get();
	if (!entrant) error(403, '您不是本比赛的参赛人员');
	const first = db
		.select()
		.from(attempts)
		.where(and(eq(attempts.sessionId, r.sessionId), eq(attempts.userId, actor.id)))
		.orderBy(asc(attempts.id))
		.get();
	if (first?.submittedAt) throw new ContestError('您已参加过本轮理论赛，比赛只计一次成绩');
	return startSessionAttempt(db, actor, r.sessionId);
}

/** Everything the set-up page shows. */
export function setupView(db: Db, actor: Actor, contestId: number) {
	const c = requireOrganiser(db, actor, contestId);
	const names = orgNames(db);
	const teams = db
		.select()
		.from(contestTeams)
		.where(eq(contestTeams.contestId, contestId))
		.orderBy(asc(contestTeams.id))
		.all();
	const entrants = db
		.select({ e: contestEntrants, name: users.name, phone: users.phone })
		.from(contestEntrants)
		.innerJoin(users, eq(users.id, contestEntrants.userId))
		.where(eq(contestEntrants.contestId, contestId))
		.orderBy(asc(contestEntrants.id))
		.all();
	const scored = new Set([
		...db
			.select({ id: scoreEvents.entrantId })
			.from(scoreEvents)
			.where(eq(scoreEvents.contestId, contestId))
			.all()
			.map((r) => r.id)
	]);
	const rounds = roundsOf(db, contestId).map((r) => {
		const s = r.sessionId
			? db.select().from(examSessions).where(eq(examSessions.id, r.sessionId)).get()
			: null;
		const bp = r.blueprintId
			? db.select({ name: blueprints.name }).from(blueprints).where(eq(blueprints.id, r.blueprintId)).get()
			: null;
		return {
			id: r.id,
			name: r.name,
			kind: r.kind,
			weight: r.weight,
			rubric: r.rubric,
			blueprint: bp?.name ?? null,
			session: s
				? {
						id: s.id,
						opensAt: s.opensAt.toISOString(),
						closesAt: s.closesAt.toISOString(),
						samePaper: !!s.paperSeed
					}
				: null,
			sheets: sheetCount(db, r.id)
		};
	});
	return {
		contest: {
			id: c.id,
			name: c.name,
			kind: c.kind,
			kindLabel: CONTEST_KIND_LABELS[c.kind],
			teamMode: c.teamMode,
			useTieBreak: c.useTieBreak,
			trimAt: c.trimAt,
			awardRule: c.awardRule,
			published: !!c.publishedAt
		},
		rounds,
		teams: teams.map((t) => ({
			id: t.id,
			name: t.name,
			members: entrants.filter((e) => e.e.teamId === t.id && !e.e.reserve).length,
			reserves: entrants.filter((e) => e.e.teamId === t.id && e.e.reserve).length
		})),
		entrants: entrants.map(({ e, name, phone }) => ({
			id: e.id,
			userId: e.userId,
			name,
			phone,
			org: orgLabel(names, e),
			teamId: e.teamId,
			reserve: e.reserve,
			scored: scored.has(e.id)
		})),
		judges: judgeRows(db, contestId).map(({ j, name, phone }) => ({
			userId: j.userId,
			name,
			phone,
			chief: j.chief,
			org: orgLabel(names, j)
		})),
		blueprints: blueprintChoices(db, c.kind),
		regions: [...names.regions].map(([id, name]) => ({ id, name })),
		enterprises: [...names.enterprises].map(([id, name]) => ({ id, name }))
	};
}
