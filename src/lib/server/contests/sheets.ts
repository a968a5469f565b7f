/**
 * Judges' score sheets for practical rounds (实操 / 案卷评查 / 现场模拟执法).
 *
 * - A judge may not score an entrant of their own organisation: the same enterprise, or — for
 *   regions — the same region or one region containing the other (regions.path). Such entrants are
 *   not offered and are refused on the server.
 * - A sheet is saved as a draft any number of times, then submitted, which locks it. Only the chief
 *   judge can reopen a submitted sheet, with a recorded reason (audit 'grade.change').
 * - On submit, the entrant's round score is recomputed from all SUBMITTED sheets (practicalScore,
 *   trimmed mean per the contest's trimAt) and appended to score_events as a percentage of the
 *   rubric's maximum; live viewers are notified after the transaction commits. A reopened sheet no
 *   longer counts once it is resubmitted; until then the last recorded result stands, and results
 *   cannot be published while any sheet is reopened.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { contestEntrants, contestRounds, regions, scoreEvents, scoreSheets, users } from '../db/schema';
import { requireActor, type Actor } from '../access';
import { audit } from '../audit';
import { now } from '../clock';
import { practicalScore, round2, validateMark } from './scoring';
import { notifyContest } from './live';
import { ContestError, getContest, judgeOf, orgLabel, orgNames, roundsOf } from './service';

type JudgeRow = NonNullable<ReturnType<typeof judgeOf>>;
type EntrantRow = typeof contestEntrants.$inferSelect;

function pathOf(db: Db, regionId: number | null, cache: Map<number, string | null>): string | null {
	if (regionId == null) return null;
	if (!cache.has(regionId))
		cache.set(
			regionId,
			db.select({ p: regions.path }).from(regions).where(eq(regions.id, regionId)).get()?.p ?? null
		);
	return cache.get(regionId)!;
}

/** Why this judge must not score this entrant (回避), or null. */
export function conflictReason(
	db: Db,
	judge: Pick<JudgeRow, 'userId' | 'enterpriseId' | 'regionId'>,
	entrant: Pick<EntrantRow, 'userId' | 'enterpriseId' | 'regionId'>,
	cache = new Map<number, string | null>()
): string | null {
	if (judge.userId === entrant.userId) return '裁判不能为自己评分';
	if (judge.enterpriseId != null && judge.enterpriseId === entrant.enterpriseId)
		return '裁判与该选手属同一企业，须回避';
	const a = pathOf(db, judge.regionId, cache);
	const b = pathOf(db, entrant.regionId, cache);
	if (a && b && (a.startsWith(b) || b.startsWith(a))) return '裁判与该选手属同一地区（或上下级地区），须回避';
	return null;
}

function requireJudge(db: Db, actor: Actor | null | undefined, contestId: number) {
	const a = requireActor(actor);
	const contest = getContest(db, contestId);
	const judge = judgeOf(db, contestId, a.id);
	if (!judge) error(403, '您不是本比赛的裁判');
	return { actor: a, contest, judge };
}

function practicalRound(db: Db, contestId: number, roundId: number) {
	const r = db.select().from(contestRounds).where(eq(contestRounds.id, roundId)).get();
	if (!r || r.contestId !== contestId || r.kind !== 'practical') error(404, '评分轮次不存在');
	return r;
}

function entrantOf(db: Db, contestId: number, entrantId: number) {
	const e = db.select().from(contestEntrants).where(eq(contestEntrants.id, entrantId)).get();
	if (!e || e.contestId !== contestId) error(404, '参赛人员不存在');
	return e;
}

function sheetOf(db: Db, roundId: number, entrantId: number, judgeId: number) {
	return db
		.select()
		.from(scoreSheets)
		.where(
			and(
				eq(scoreSheets.roundId, roundId),
				eq(scoreSheets.entrantId, entrantId),
				eq(scoreSheets.judgeId, judgeId)
			)
		)
		.get();
}

/** The judge's phone page: practical rounds, each with the entrants they may score and their state. */
export function judgeOverview(db: Db, actor: Actor, contestId: number) {
	const { contest, judge } = requireJudge(db, actor, contestId);
	const names = orgNames(db);
	const cache = new Map<number, string | null>();
	const entrants = db
		.select({ e: contestEntrants, name: users.name })
		.from(contestEntrants)
		.innerJoin(users, eq(users.id, contestEntrants.userId))
		.where(eq(contestEntrants.contestId, contestId))
		.orderBy(asc(contestEntrants.id))
		.all();
	const mine = db.select().from(scoreSheets).where(eq(scoreSheets.judgeId, judge.userId)).all();
	const allowed = entrants.filter(({ e }) => !conflictReason(db, judge, e, cache));
	return {
		contest: { id: contest.id, name: contest.name, published: !!contest.publishedAt },
		chief: judge.chief,
		avoided: entrants.length - allowed.length,
		rounds: roundsOf(db, contestId)
			.filter((r) => r.kind === 'practical')
			.map((r) => ({
				id: r.id,
				name: r.name,
				items: r.rubric.length,
				entrants: allowed.map(({ e, name }) => {
					const s = mine.find((m) => m.roundId === r.id && m.entrantId === e.id);
					return {
						id: e.id,
						name,
						org: orgLabel(names, e),
						state: !s ? 'new' : s.submittedAt ? 'submitted' : s.reopenedAt ? 'reopened' : 'draft'
					} as const;
				})
			}))
	};
}

/** One sheet as the judge sees it: the rubric, their marks, whether it is locked. */
export function sheetView(db: Db, actor: Actor, contestId: number, roundId: number, entrantId: number) {
	const { contest, judge } = requireJudge(db, actor, contestId);
	const round = practicalRound(db, contestId, roundId);
	const entrant = entrantOf(db, contestId, entrantId);
	const conflict = conflictReason(db, judge, entrant);
	if (conflict) error(403, conflict);
	const s = sheetOf(db, roundId, entrantId, judge.userId);
	const name = db.select({ name: users.name }).from(users).where(eq(users.id, entrant.userId)).get()!.name;
	return {
		contest: { id: contest.id, name: contest.name, published: !!contest.publishedAt },
		round: { id: round.id, name: round.name, rubric: round.rubric },
		entrant: { id: entrant.id, name, org: orgLabel(orgNames(db), entrant) },
		marks: s?.marks ?? {},
		submitted: !!s?.submittedAt,
		submittedAt: s?.submittedAt?.toISOString() ?? null,
		reopenReason: s?.submittedAt ? null : (s?.reopenReason ?? null)
	};
}

/** Marks as typed: itemId → number, or null for an item not marked yet. */
export type MarksInput = Record<string, number | null>;

/**
 * Saves the judge's marks (a draft), or submits them (`submit`), which locks the sheet and records
 * the entrant's new round score. Every mark is checked against its item's maximum; a submitted
 * sheet needs every item. Nothing is changed when anything is wrong.
 */
export function saveSheet(
	db: Db,
	actor: Actor,
	contestId: number,
	roundId: number,
	entrantId: number,
	input: MarksInput,
	submit: boolean
): { submitted: boolean; roundScore: number | null } {
	const { contest, judge } = requireJudge(db, actor, contestId);
	if (contest.publishedAt) throw new ContestError('成绩已发布，不能再评分', 409);
	const round = practicalRound(db, contestId, roundId);
	const entrant = entrantOf(db, contestId, entrantId);
	const conflict = conflictReason(db, judge, entrant);
	if (conflict) error(403, conflict);

	const marks: Record<string, number> = {};
	const problems: string[] = [];
	for (const item of round.rubric) {
		const v = input[String(item.id)];
		if (v == null) {
			if (submit) problems.push(`“${item.name}”尚未评分`);
			continue;
		}
		const p = validateMark(v, item.maxPoints);
		if (p) problems.push(`“${item.name}”：${p}`);
		else marks[String(item.id)] = v;
	}
	if (problems.length) throw new ContestError(problems.join('；'));

	return db.transaction((tx) => {
		const t = tx as unknown as Db;
		const existing = sheetOf(t, roundId, entrantId, judge.userId);
		if (existing?.submittedAt) throw new ContestError('评分表已提交并锁定；如需修改，请裁判长退回', 409);
		const at = now();
		if (existing)
			t.update(scoreSheets)
				.set({ marks, submittedAt: submit ? at : null })
				.where(eq(scoreSheets.id, existing.id))
				.run();
		else
			t.insert(scoreSheets)
				.values({ roundId, entrantId, judgeId: judge.userId, marks, submittedAt: submit ? at : null })
				.run();
		if (!submit) return { submitted: false, roundScore: null };
		const roundScore = recordRoundScore(t, contest.id, round, entrantId, contest.trimAt, at);
		return { submitted: true, roundScore };
	});
}

/** Recomputes the entrant's practical round score from the submitted sheets and appends an event. */
function recordRoundScore(
	db: Db,
	contestId: number,
	round: typeof contestRounds.$inferSelect,
	entrantId: number,
	trimAt: number,
	at: Date
): number {
	const sheets = db
		.select()
		.from(scoreSheets)
		.where(
			and(
				eq(scoreSheets.roundId, round.id),
				eq(scoreSheets.entrantId, entrantId),
				isNotNull(scoreSheets.submittedAt)
			)
		)
		.all();
	const result = practicalScore(
		round.rubric.map((i) => ({ itemId: i.id, maxPoints: i.maxPoints })),
		sheets.map((s) => ({
			judgeId: s.judgeId,
			marks: new Map(Object.entries(s.marks).map(([k, v]) => [Number(k), v]))
		})),
		{ trimAt }
	);
	const pct = result.maxTotal > 0 ? (result.total / result.maxTotal) * 100 : 0;
	db.insert(scoreEvents)
		.values({ contestId, roundId: round.id, entrantId, score: pct, timeUsed: null, recordedAt: at })
		.run();
	// Runs on the next turn, after this transaction has committed.
	notifyContest(contestId);
	return round2(pct);
}

/** The chief judge reopens a submitted sheet so its judge can correct it; the reason is audited. */
export function reopenSheet(db: Db, actor: Actor, sheetId: number, reason: string, ip: string | null = null) {
	const a = requireActor(actor);
	const s = db.select().from(scoreSheets).where(eq(scoreSheets.id, sheetId)).get();
	if (!s) error(404, '评分表不存在');
	const round = db.select().from(contestRounds).where(eq(contestRounds.id, s.roundId)).get()!;
	const contest = getContest(db, round.contestId);
	const me = judgeOf(db, contest.id, a.id);
	if (!me?.chief) error(403, '只有裁判长可以退回评分表');
	if (contest.publishedAt) throw new ContestError('成绩已发布，不能再退回评分表', 409);
	if (!s.submittedAt) throw new ContestError('该评分表尚未提交，无需退回', 409);
	const why = reason.trim();
	if (why.length < 2) throw new ContestError('请填写退回原因');
	if (why.length > 500) throw new ContestError('退回原因不能超过 500 个字');
	db.transaction((tx) => {
		tx.update(scoreSheets)
			.set({ submittedAt: null, reopenedAt: now(), reopenedBy: a.id, reopenReason: why })
			.where(eq(scoreSheets.id, sheetId))
			.run();
		audit(tx as unknown as Db, {
			action: 'grade.change',
			actorId: a.id,
			target: `score_sheet:${sheetId}`,
			detail: {
				contestId: contest.id,
				roundId: s.roundId,
				entrantId: s.entrantId,
				judgeId: s.judgeId,
				marks: s.marks,
				reason: why
			},
			ip
		});
	});
	notifyContest(contest.id);
}

/** Sheets reopened and not yet resubmitted (publishing waits for them). */
export function reopenedSheets(db: Db, contestId: number): number {
	const rounds = roundsOf(db, contestId).map((r) => r.id);
	if (rounds.length === 0) return 0;
	return db
		.select({ id: scoreSheets.id })
		.from(scoreSheets)
		.where(
			and(
				inArray(scoreSheets.roundId, rounds),
				isNull(scoreSheets.submittedAt),
				isNotNull(scoreSheets.reopenedAt)
			)
		)
		.all().length;
}
