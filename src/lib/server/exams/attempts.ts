/**
 * The attempt: a paper drawn at start and frozen in the database, answers saved as given,
 * a server deadline, and grading exactly once. What reaches the candidate before submission
 * is the `AttemptView` DTO, which carries no answer key and no 解析.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db } from '../db';
import {
	attemptEvents,
	attemptItems,
	attempts,
	blueprints,
	contestRounds,
	examSessions,
	questionVersions,
	trades
} from '../db/schema';
import { type Actor } from '../access';
import { audit } from '../audit';
import { now } from '../clock';
import { drawPaper, generateSeed, ShortfallError } from './draw';
import { PaperShape, type QuestionType } from './paper-shape';
import { displayToOriginal, gradeAttempt, originalToDisplay } from './scoring';
import { attemptDeadline, attemptsLeft, SAVE_GRACE_MS, saveAllowed } from './deadline';
import { loadPool, totalPoints, tradeName } from './blueprints';
import { requireInAudience, sessionFor } from './sessions';
import { afterGrading } from './after-grading';
import { connectionOf, prepared } from '../db/prepared';
import { certificationCycleStart } from '../certification/cycle';
import { hoursFor } from '../courses/hours';

export class ExamError extends Error {
	constructor(
		message: string,
		readonly status = 409
	) {
		super(message);
	}
}

type BlueprintRow = typeof blueprints.$inferSelect;

interface GradingRow {
	position: number;
	points: number;
	response: string | null;
	type: 'single' | 'multiple' | 'judge';
	answer: string;
	questionId: number;
}

/**
 * The start path's queries, prepared once per connection: on exam day 2,000 candidates start
 * within seconds, and drizzle's query builder cost more than SQLite itself (see README, 压测).
 */
function startQueries(db: Db) {
	return prepared(db, 'attempt.start', () => {
		const sqlite = connectionOf(db);
		return {
			openAttempt: db
				.select()
				.from(attempts)
				.where(and(eq(attempts.userId, sql.placeholder('userId')), isNull(attempts.submittedAt)))
				.prepare(),
			previous: db
				.select({
					passed: attempts.passed,
					submittedAt: attempts.submittedAt,
					startedAt: attempts.startedAt,
					sessionId: attempts.sessionId
				})
				.from(attempts)
				.innerJoin(blueprints, eq(blueprints.id, attempts.blueprintId))
				.where(
					and(
						eq(attempts.userId, sql.placeholder('userId')),
						eq(attempts.mode, 'exam'),
						eq(blueprints.tradeCode, sql.placeholder('tradeCode'))
					)
				)
				.prepare(),
			contestRound: db
				.select({ id: contestRounds.id })
				.from(contestRounds)
				.where(eq(contestRounds.sessionId, sql.placeholder('sessionId')))
				.prepare(),
			satRound: db
				.select({ id: attempts.id })
				.from(attempts)
				.where(
					and(
						eq(attempts.sessionId, sql.placeholder('sessionId')),
						eq(attempts.userId, sql.placeholder('userId'))
					)
				)
				.prepare(),
			insertAttempt: sqlite.prepare<
				[number | null, number, number, string, number, string, number, number, number]
			>(
				`insert into attempts (session_id, blueprint_id, user_id, mode, attempt_no, seed, started_at, deadline, max_score)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			),
			// The whole paper in one statement: [position, versionId, optionOrder, points] rows as JSON.
			insertItems: sqlite.prepare<[number, string]>(
				// question_usage is counted by a trigger (migration 0003).
				`insert into attempt_items (attempt_id, position, question_version_id, option_order, points)
				 select ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 from json_each(?)`
			)
		};
	});
}

function openAttemptOf(db: Db, userId: number) {
	return startQueries(db).openAttempt.get({ userId });
}

/** Question ids a candidate already had for this trade (a 补考 avoids them where the bank allows). */
function previousQuestionIds(db: Db, userId: number, tradeCode: string): Set<number> {
	const rows = db
		.select({ questionId: questionVersions.questionId })
		.from(attemptItems)
		.innerJoin(attempts, eq(attempts.id, attemptItems.attemptId))
		.innerJoin(blueprints, eq(blueprints.id, attempts.blueprintId))
		.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
		.where(and(eq(attempts.userId, userId), eq(blueprints.tradeCode, tradeCode), eq(attempts.mode, 'exam')))
		.all();
	return new Set(rows.map((r) => r.questionId));
}

function createAttempt(
	db: Db,
	userId: number,
	bp: BlueprintRow,
	mode: 'exam' | 'mock',
	sessionId: number | null,
	attemptNo: number,
	closesAt: Date | null,
	avoid: Set<number>,
	fixedSeed: string | null = null
): number {
	// A session with a paper seed gives everyone the same paper (e.g. a contest's theory round).
	const seed = fixedSeed ?? generateSeed();
	let paper;
	try {
		paper = drawPaper({
			pool: loadPool(db, bp.tradeCode),
			sections: bp.sections,
			seed,
			shuffleQuestions: bp.shuffleQuestions,
			shuffleOptions: bp.shuffleOptions,
			avoidQuestionIds: avoid,
			tradeName: tradeName(db, bp.tradeCode)
		});
	} catch (e) {
		if (e instanceof ShortfallError)
			throw new ExamError(`题库题量不足，无法组卷：${e.messages.join('；')}`, 500);
		throw e;
	}
	const startedAt = now();
	const q = startQueries(db);
	const attemptId = db.transaction(() => {
		const id = Number(
			q.insertAttempt.run(
				sessionId,
				bp.id,
				userId,
				mode,
				attemptNo,
				seed,
				startedAt.getTime(),
				attemptDeadline(startedAt, bp.durationMinutes, closesAt).getTime(),
				totalPoints(bp.sections)
			).lastInsertRowid
		);
		q.insertItems.run(
			id,
			JSON.stringify(paper.map((i) => [i.position, i.versionId, JSON.stringify(i.optionOrder), i.points]))
		);
		return id;
	});
	// The first save would otherwise read the paper back (2,000 such reads right after a county's
	// start were the slowest saves of the load test); what it needs is in hand. Inside a caller's
	// transaction the row is not committed yet (a rollback could hand the id to another paper), so
	// the first save reads it instead.
	if (!connectionOf(db).inTransaction)
		rememberPaper(
			db,
			attemptId,
			PaperShape.pack(
				paper.map((i) => ({ position: i.position, type: bp.sections[i.section].type, order: i.optionOrder }))
			)
		);
	return attemptId;
}

function isUniqueViolation(e: unknown) {
	return (
		e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')
	);
}

/** Sessions that are a contest's theory round (see contests/): competitions, not qualification exams. */
function isContestSession(db: Db, sessionId: number): boolean {
	return !!startQueries(db).contestRound.get({ sessionId });
}

/**
 * Starts (or resumes) the candidate's attempt for a session. The paper is drawn once; a second
 * start, a refresh or another device gets the same attempt back.
 */
export function startSessionAttempt(db: Db, actor: Actor, sessionId: number): number {
	const { s, bp } = sessionFor(db, sessionId);
	requireInAudience(db, actor, s.audience);
	const open = openAttemptOf(db, actor.id);
	if (open) {
		if (open.sessionId === sessionId) return open.id;
		if (open.mode === 'mock') submitAttempt(db, actor, open.id, [], 'candidate');
		else throw new ExamError('您还有一场考试尚未交卷，请先完成该考试');
	}
	const t = now();
	if (t < s.opensAt)
		throw new ExamError(
			`考试尚未开始，开考时间 ${s.opensAt.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })}`
		);
	if (t >= s.closesAt) throw new ExamError('本场考试已结束');
	// A contest's theory round is a competition, not a qualification exam: one sitting per round,
	// and it neither needs nor uses up the trade's attempts.
	if (isContestSession(db, sessionId)) {
		const sat = startQueries(db).satRound.get({ sessionId, userId: actor.id });
		if (sat) throw new ExamError('您已参加过本轮理论赛，比赛只计一次成绩');
		try {
			return createAttempt(db, actor.id, bp, 'exam', sessionId, 1, s.closesAt, new Set(), s.paperSeed);
		} catch (e) {
			if (isUniqueViolation(e)) return openAttemptOf(db, actor.id)!.id;
			throw e;
		}
	}
	const cycleStart = certificationCycleStart(db, actor.id, bp.tradeCode);
	const previous = startQueries(db)
		.previous.all({ userId: actor.id, tradeCode: bp.tradeCode })
		// Attempts before the worker's latest certificate (or 复审) of this trade belong to an earlier
		// cycle: a 复审 or re-certification exam may be sat again.
		.filter((p) => !cycleStart || p.startedAt > cycleStart)
		// Contest theory rounds do not count toward the trade's attempts.
		.filter((p) => p.sessionId == null || !isContestSession(db, p.sessionId));
	if (s.eligibility === 'hours') {
		const h = hoursFor(db, actor.id, bp.tradeCode);
		if (!h.met)
			throw new ExamError(
				`尚未完成本工种规定学时（已完成 ${h.done} / ${h.required} 学时），完成后才能参加考试`
			);
	}
	const left = attemptsLeft(previous, bp.maxAttempts);
	if (!left.canStart) throw new ExamError(left.reason!);
	const avoid = left.attemptNo > 1 ? previousQuestionIds(db, actor.id, bp.tradeCode) : new Set<number>();
	try {
		return createAttempt(db, actor.id, bp, 'exam', sessionId, left.attemptNo, s.closesAt, avoid, s.paperSeed);
	} catch (e) {
		// A double tap raced us: the unique open-attempt index kept one; resume it.
		if (isUniqueViolation(e)) return openAttemptOf(db, actor.id)!.id;
		throw e;
	}
}

/** 模拟考试: a full paper of the trade's blueprint, timed, never counted. */
export function startMockAttempt(db: Db, actor: Actor, blueprintId: number): number {
	const bp = db.select().from(blueprints).where(eq(blueprints.id, blueprintId)).get();
	if (!bp) error(404, '组卷规则不存在');
	const open = openAttemptOf(db, actor.id);
	if (open) {
		if (open.mode === 'mock' && open.blueprintId === blueprintId) return open.id;
		if (open.mode === 'exam') throw new ExamError('您还有一场考试尚未交卷，请先完成该考试');
		submitAttempt(db, actor, open.id, [], 'candidate');
	}
	return createAttempt(db, actor.id, bp, 'mock', null, 1, null, new Set());
}

function ownedAttempt(db: Db, actor: Actor, attemptId: number) {
	const a = db.select().from(attempts).where(eq(attempts.id, attemptId)).get();
	// Same answer for "missing" and "someone else's": ids reveal nothing.
	if (!a || a.userId !== actor.id) error(403, '您无权访问该试卷');
	return a;
}

export interface AttemptItemView {
	position: number;
	type: 'single' | 'multiple' | 'judge';
	stem: string;
	/** Options in display order. */
	options: string[];
	points: number;
	/** The saved answer in display letters ("" if none). */
	response: string;
	seq: number;
	flagged: boolean;
}

export interface AttemptView {
	id: number;
	title: string;
	mode: 'exam' | 'mock';
	deadline: number;
	serverNow: number;
	graceMs: number;
	submitted: boolean;
	maxScore: number;
	items: AttemptItemView[];
}

/** The exam room's DTO. Overdue attempts are graded first, so a late visitor sees the result. */
export function attemptView(db: Db, actor: Actor, attemptId: number): AttemptView {
	let a = ownedAttempt(db, actor, attemptId);
	const t = now();
	if (!a.submittedAt && t.getTime() >= a.deadline.getTime() + SAVE_GRACE_MS) {
		finalize(db, a.id, 'deadline');
		a = ownedAttempt(db, actor, attemptId);
	}
	const title = a.sessionId
		? (db
				.select({ title: examSessions.title })
				.from(examSessions)
				.where(eq(examSessions.id, a.sessionId))
				.get()?.title ?? '')
		: `模拟考试 · ${db.select({ name: trades.name }).from(blueprints).innerJoin(trades, eq(trades.code, blueprints.tradeCode)).where(eq(blueprints.id, a.blueprintId)).get()?.name ?? ''}`;
	const rows = db
		.select({
			item: attemptItems,
			type: questionVersions.type,
			stem: questionVersions.stem,
			options: questionVersions.options
		})
		.from(attemptItems)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
		.where(eq(attemptItems.attemptId, a.id))
		.orderBy(asc(attemptItems.position))
		.all();
	return {
		id: a.id,
		title,
		mode: a.mode,
		deadline: a.deadline.getTime(),
		serverNow: t.getTime(),
		graceMs: SAVE_GRACE_MS,
		submitted: !!a.submittedAt,
		maxScore: a.maxScore,
		items: rows.map(({ item, type, stem, options }) => ({
			position: item.position,
			type,
			stem,
			options: type === 'judge' ? [] : item.optionOrder.map((i) => options[i]),
			points: item.points,
			response:
				item.response == null
					? ''
					: type === 'judge'
						? item.response
						: originalToDisplay(item.response, item.optionOrder),
			seq: item.responseSeq,
			flagged: item.flagged
		}))
	};
}

export interface AnswerInput {
	position: number;
	/** Display letters, "对"/"错", or "" to clear. */
	answer: string;
	/** Client sequence number; a save with a lower or equal seq than the stored one is ignored. */
	seq: number;
	flagged?: boolean;
}

// The save path is the hottest route on exam day: prepared statements, cached per connection.
function prepareStatements(sqlite: Database.Database) {
	return {
		attempt: sqlite.prepare<[number], { user_id: number; deadline: number; submitted_at: number | null }>(
			'select user_id, deadline, submitted_at from attempts where id = ?'
		),
		paper: sqlite.prepare<[number], { position: number; option_order: string; type: QuestionType }>(
			`select ai.position, ai.option_order, qv.type
			 from attempt_items ai join question_versions qv on qv.id = ai.question_version_id
			 where ai.attempt_id = ?`
		),
		save: sqlite.prepare(
			`update attempt_items set response = ?, response_seq = ?, answered_at = ?
			 where attempt_id = ? and position = ? and response_seq < ?`
		),
		flag: sqlite.prepare('update attempt_items set flagged = ? where attempt_id = ? and position = ?')
	};
}

function stmts(db: Db) {
	return prepared(db, 'attempt.save', () => prepareStatements(connectionOf(db)));
}

/**
 * A paper is frozen at start, so what a save needs to know of it (types, option orders) can be
 * kept in memory instead of joined on every save: a bounded LRU per connection, of packed shapes.
 */
function paperOf(db: Db, attemptId: number): PaperShape {
	const cache = paperCache(db);
	let paper = cache.get(attemptId);
	if (paper) {
		cache.delete(attemptId);
	} else {
		paper = PaperShape.pack(
			stmts(db)
				.paper.all(attemptId)
				.map((r) => ({ position: r.position, type: r.type, order: JSON.parse(r.option_order) as number[] }))
		);
	}
	rememberPaper(db, attemptId, paper);
	return paper;
}

const paperCache = (db: Db) => prepared(db, 'attempt.papers', () => new Map<number, PaperShape>());

/** Most recently used last; the oldest paper is dropped beyond 10,000. */
function rememberPaper(db: Db, attemptId: number, paper: PaperShape) {
	const cache = paperCache(db);
	if (cache.size >= 10_000) cache.delete(cache.keys().next().value!);
	cache.set(attemptId, paper);
}

const LETTERS = 'ABCDEF';

function canonicalResponse(type: string, optionCount: number, answer: string): string | null | undefined {
	if (answer === '') return null;
	if (type === 'judge') return answer === '对' || answer === '错' ? answer : undefined;
	const letters = [...new Set(answer.toUpperCase().split(''))].sort();
	if (
		letters.some((c) => {
			const i = LETTERS.indexOf(c);
			return i < 0 || i >= optionCount;
		})
	)
		return undefined;
	if (type === 'single' && letters.length !== 1) return undefined;
	return letters.join('');
}

/**
 * Saves answers (in display letters) if the deadline allows. Returns the positions saved
 * (including ones a newer save had already overtaken, which are acknowledged too).
 */
export function saveAnswers(
	db: Db,
	actor: Actor,
	attemptId: number,
	answers: AnswerInput[]
): { saved: { position: number; seq: number }[] } {
	const s = stmts(db);
	const a = s.attempt.get(attemptId);
	if (!a || a.user_id !== actor.id) error(403, '您无权访问该试卷');
	const t = now();
	const allowed = saveAllowed(
		t,
		new Date(a.deadline),
		a.submitted_at == null ? null : new Date(a.submitted_at)
	);
	if (!allowed.ok) throw new ExamError(allowed.message);
	if (answers.length > 200) throw new ExamError('一次提交的答案过多', 400);
	// Validate the whole batch first: a batch is written all or nothing.
	const paper = paperOf(db, attemptId);
	const rows = answers.map((ans) => {
		if (
			!Number.isInteger(ans.position) ||
			!Number.isInteger(ans.seq) ||
			ans.seq < 1 ||
			typeof ans.answer !== 'string'
		)
			throw new ExamError('答案格式不正确', 400);
		const item = paper.at(ans.position);
		if (!item) throw new ExamError(`试卷中没有第 ${ans.position} 题`, 400);
		// The order covers every option of the question (none for 判断).
		const canonical = canonicalResponse(item.type, item.order.length, ans.answer);
		if (canonical === undefined) throw new ExamError(`第 ${ans.position} 题的答案"${ans.answer}"无效`, 400);
		const original =
			canonical == null || item.type === 'judge' ? canonical : displayToOriginal(canonical, item.order);
		return { ans, original };
	});
	const write = () => {
		for (const { ans, original } of rows) {
			s.save.run(original, ans.seq, t.getTime(), attemptId, ans.position, ans.seq);
			if (ans.flagged !== undefined) s.flag.run(ans.flagged ? 1 : 0, attemptId, ans.position);
		}
	};
	// One statement is atomic on its own; a batch needs a transaction.
	if (rows.length === 1 && rows[0].ans.flagged === undefined) write();
	else connectionOf(db).transaction(write)();
	const saved = rows.map(({ ans }) => ({ position: ans.position, seq: ans.seq }));
	return { saved };
}

/** Grades an attempt exactly once: the submitted_at guard makes a second call a no-op. */
function finalize(db: Db, attemptId: number, reason: 'candidate' | 'deadline'): boolean {
	return db.transaction((tx) => {
		const t = now();
		const claimed = tx
			.update(attempts)
			.set({ submittedAt: t, submitReason: reason })
			.where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
			.run();
		if (claimed.changes === 0) return false;
		const a = tx.select().from(attempts).where(eq(attempts.id, attemptId)).get()!;
		const bp = tx.select().from(blueprints).where(eq(blueprints.id, a.blueprintId)).get()!;
		// Hot on exam day (every candidate submits at once): prepared statements, not the builder.
		const q = prepared(db, 'finalize', () => ({
			items: connectionOf(db).prepare<[number], GradingRow>(
				`select ai.position, ai.points, ai.response, qv.type, qv.answer, qv.question_id as questionId
				 from attempt_items ai join question_versions qv on qv.id = ai.question_version_id
				 where ai.attempt_id = ? order by ai.position`
			),
			award: connectionOf(db).prepare(
				'update attempt_items set awarded = ? where attempt_id = ? and position = ?'
			)
		}));
		const items = q.items.all(attemptId);
		const g = gradeAttempt(items, bp.multipleScoring, bp.passMark);
		items.forEach((it, i) => q.award.run(g.awarded[i], attemptId, it.position));
		tx.update(attempts).set({ score: g.score, passed: g.passed }).where(eq(attempts.id, attemptId)).run();
		afterGrading(tx as unknown as Db, { ...a, score: g.score, passed: g.passed });
		// 错题本: wrong answers go in; a question leaves after two right answers in a row.
		items.forEach((it, i) =>
			recordPracticeOutcome(db, a.userId, it.questionId, g.awarded[i] >= it.points, t)
		);
		if (a.mode === 'exam')
			audit(tx as unknown as Db, {
				action: 'exam.submit',
				actorId: a.userId,
				target: `attempt:${a.id}`,
				detail: { reason, score: g.score, passed: g.passed }
			});
		return true;
	});
}

export function recordPracticeOutcome(db: Db, userId: number, questionId: number, right: boolean, at: Date) {
	const q = prepared(db, 'wrongBook', () => ({
		get: connectionOf(db).prepare<[number, number], { right_streak: number }>(
			'select right_streak from wrong_book where user_id = ? and question_id = ?'
		),
		insert: connectionOf(db).prepare(
			'insert into wrong_book (user_id, question_id, right_streak, added_at) values (?, ?, 0, ?)'
		),
		streak: connectionOf(db).prepare(
			'update wrong_book set right_streak = ? where user_id = ? and question_id = ?'
		),
		remove: connectionOf(db).prepare('delete from wrong_book where user_id = ? and question_id = ?')
	}));
	const row = q.get.get(userId, questionId);
	if (!right) {
		if (row) q.streak.run(0, userId, questionId);
		else q.insert.run(userId, questionId, at.getTime());
	} else if (row) {
		if (row.right_streak + 1 >= 2) q.remove.run(userId, questionId);
		else q.streak.run(row.right_streak + 1, userId, questionId);
	}
}

/**
 * The candidate submits (with any answers still queued). Answers are refused after the
 * deadline + grace exactly as on the save path; the submission itself always returns the
 * graded result, whether this call or the deadline sweeper graded it.
 */
export function submitAttempt(
	db: Db,
	actor: Actor,
	attemptId: number,
	finalAnswers: AnswerInput[],
	reason: 'candidate' | 'deadline' = 'candidate'
) {
	const a = ownedAttempt(db, actor, attemptId);
	let lateRefused = false;
	if (!a.submittedAt && finalAnswers.length) {
		try {
			saveAnswers(db, actor, attemptId, finalAnswers);
		} catch (e) {
			if (!(e instanceof ExamError) || e.status !== 409) throw e;
			lateRefused = true;
		}
	}
	const t = now();
	const overdue = t.getTime() >= a.deadline.getTime() + SAVE_GRACE_MS;
	finalize(db, attemptId, overdue ? 'deadline' : reason);
	return { lateRefused };
}

/** The deadline sweeper: grades every open attempt whose deadline + grace has passed. */
export function submitOverdue(db: Db, at = now()): number {
	const due = db
		.select({ id: attempts.id })
		.from(attempts)
		.where(and(isNull(attempts.submittedAt), lte(attempts.deadline, new Date(at.getTime() - SAVE_GRACE_MS))))
		.all();
	let n = 0;
	for (const { id } of due) if (finalize(db, id, 'deadline')) n++;
	return n;
}

export function recordEvent(db: Db, actor: Actor, attemptId: number, kind: string) {
	const a = ownedAttempt(db, actor, attemptId);
	if (a.submittedAt) return;
	if (!['hidden', 'visible', 'blur', 'focus'].includes(kind)) throw new ExamError('事件类型无效', 400);
	db.insert(attemptEvents)
		.values({ attemptId, at: now(), kind: kind as 'hidden' })
		.run();
}

/** After submission: the score, and per the blueprint's review policy each question with its key. */
export function resultView(db: Db, actor: Actor, attemptId: number) {
	const a = ownedAttempt(db, actor, attemptId);
	if (!a.submittedAt) throw new ExamError('试卷尚未交卷', 409);
	const bp = db.select().from(blueprints).where(eq(blueprints.id, a.blueprintId)).get()!;
	const full = bp.review === 'full' || a.mode === 'mock';
	const rows = full
		? db
				.select({ item: attemptItems, v: questionVersions })
				.from(attemptItems)
				.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
				.where(eq(attemptItems.attemptId, a.id))
				.orderBy(asc(attemptItems.position))
				.all()
		: [];
	const answered = db
		.select({ n: attemptItems.position })
		.from(attemptItems)
		.where(and(eq(attemptItems.attemptId, a.id), ne(attemptItems.response, '')))
		.all().length;
	return {
		id: a.id,
		mode: a.mode,
		score: a.score!,
		maxScore: a.maxScore,
		passMark: bp.passMark,
		passed: !!a.passed,
		submitReason: a.submitReason,
		submittedAt: a.submittedAt.toISOString(),
		answered,
		review: full
			? rows.map(({ item, v }) => {
					const toDisplay = (s: string | null) =>
						s == null ? '' : v.type === 'judge' ? s : originalToDisplay(s, item.optionOrder);
					return {
						position: item.position,
						type: v.type,
						stem: v.stem,
						options: v.type === 'judge' ? [] : item.optionOrder.map((i) => v.options[i]),
						response: toDisplay(item.response),
						answer: toDisplay(v.answer),
						explanation: v.explanation,
						source: v.source,
						points: item.points,
						awarded: item.awarded ?? 0
					};
				})
			: null
	};
}
