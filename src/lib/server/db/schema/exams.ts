import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { trades } from './trades';
import { users } from './auth';
import { questionVersions, questions } from './banks';

/** One section of a 组卷规则: type × count × points, optionally filtered. */
export interface BlueprintSection {
	type: 'single' | 'multiple' | 'judge';
	count: number;
	points: number;
	tags?: string[];
	minDifficulty?: number;
	maxDifficulty?: number;
}

export const blueprints = sqliteTable('blueprints', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	tradeCode: text('trade_code')
		.notNull()
		.references(() => trades.code),
	name: text('name').notNull(),
	sections: text('sections', { mode: 'json' }).$type<BlueprintSection[]>().notNull(),
	durationMinutes: integer('duration_minutes').notNull().default(120),
	passMark: real('pass_mark').notNull().default(80),
	/** First sitting plus 补考; after that retraining is required. */
	maxAttempts: integer('max_attempts').notNull().default(2),
	shuffleQuestions: integer('shuffle_questions', { mode: 'boolean' }).notNull().default(true),
	shuffleOptions: integer('shuffle_options', { mode: 'boolean' }).notNull().default(true),
	/** What the candidate sees after submitting. */
	review: text('review', { enum: ['score', 'full'] })
		.notNull()
		.default('full'),
	/** 多选 scoring: all-or-nothing, or half for a correct subset (少选得一半分、错选不得分). */
	multipleScoring: text('multiple_scoring', { enum: ['all_or_nothing', 'half_for_subset'] })
		.notNull()
		.default('all_or_nothing'),
	createdBy: integer('created_by').references(() => users.id),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** Who may sit a session. Empty lists mean "not restricted by this criterion". */
export interface SessionAudience {
	tradeCodes?: string[];
	enterpriseIds?: number[];
	postIds?: number[];
	userIds?: number[];
}

export const examSessions = sqliteTable('exam_sessions', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	blueprintId: integer('blueprint_id')
		.notNull()
		.references(() => blueprints.id),
	title: text('title').notNull(),
	opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
	closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
	audience: text('audience', { mode: 'json' }).$type<SessionAudience>().notNull(),
	/** 'assigned': any worker in the audience; 'hours': the trade's required 学时 must be met. */
	eligibility: text('eligibility', { enum: ['assigned', 'hours'] })
		.notNull()
		.default('assigned'),
	/** When set, every candidate gets the paper drawn from this seed (one paper for everyone). */
	paperSeed: text('paper_seed'),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export const attempts = sqliteTable(
	'attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Null for a 模拟考试 (mock) attempt, which never counts. */
		sessionId: integer('session_id').references(() => examSessions.id),
		blueprintId: integer('blueprint_id')
			.notNull()
			.references(() => blueprints.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		mode: text('mode', { enum: ['exam', 'mock'] }).notNull(),
		/** 1 = first sitting, 2 = 补考 … */
		attemptNo: integer('attempt_no').notNull(),
		/** The PRNG seed the paper was drawn from; with the bank's versions it reproduces the paper. */
		seed: text('seed').notNull(),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
		/** The server's deadline; never taken from the client. */
		deadline: integer('deadline', { mode: 'timestamp_ms' }).notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		submitReason: text('submit_reason', { enum: ['candidate', 'deadline'] }),
		score: real('score'),
		maxScore: real('max_score').notNull(),
		passed: integer('passed', { mode: 'boolean' })
	},
	(t) => [
		index('attempts_user_idx').on(t.userId),
		index('attempts_session_idx').on(t.sessionId),
		index('attempts_open_deadline_idx')
			.on(t.deadline)
			.where(sql`submitted_at is null`),
		// One open attempt per candidate.
		uniqueIndex('attempts_one_open_uq')
			.on(t.userId)
			.where(sql`submitted_at is null`)
	]
);

/** The frozen paper: one row per drawn question, holding the candidate's latest saved answer. */
export const attemptItems = sqliteTable(
	'attempt_items',
	{
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => attempts.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		questionVersionId: integer('question_version_id')
			.notNull()
			.references(() => questionVersions.id),
		/** Display order of the original option indexes, e.g. [2,0,3,1]. */
		optionOrder: text('option_order', { mode: 'json' }).$type<number[]>().notNull(),
		points: real('points').notNull(),
		/** Canonical answer in ORIGINAL option letters ("AC", "对"), or null if unanswered. */
		response: text('response'),
		/** Client sequence number of the save that set `response`; older saves are ignored. */
		responseSeq: integer('response_seq').notNull().default(0),
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
		flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
		awarded: real('awarded')
	},
	// No index on question_version_id: a new paper's 100 entries would land on ~100 scattered
	// index pages, and writing those pages was most of the cost of a start (see question_usage).
	(t) => [primaryKey({ columns: [t.attemptId, t.position] })]
);

/**
 * How many papers drew each question version, per session (session_id 0: 模拟考试, no session).
 * Counted by a trigger on attempt_items (migration 0003); one session's rows sit on a few pages,
 * so this costs little, and it answers "is this version used?" (edit in place or new version)
 * and the usage list.
 */
export const questionUsage = sqliteTable(
	'question_usage',
	{
		questionVersionId: integer('question_version_id')
			.notNull()
			.references(() => questionVersions.id),
		sessionId: integer('session_id').notNull(),
		papers: integer('papers').notNull()
	},
	(t) => [primaryKey({ columns: [t.questionVersionId, t.sessionId] })]
);

/** Page-hide / blur events, recorded with server time and shown to trainers — never auto-fail. */
export const attemptEvents = sqliteTable(
	'attempt_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => attempts.id, { onDelete: 'cascade' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		kind: text('kind', { enum: ['hidden', 'visible', 'blur', 'focus'] }).notNull()
	},
	(t) => [index('attempt_events_attempt_idx').on(t.attemptId)]
);

/** 错题本: a question leaves after being answered right twice in a row. */
export const wrongBook = sqliteTable(
	'wrong_book',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		questionId: integer('question_id')
			.notNull()
			.references(() => questions.id),
		rightStreak: integer('right_streak').notNull().default(0),
		addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.questionId] })]
);
