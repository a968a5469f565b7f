import { sqliteTable, text, integer, real, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { enterprises, regions } from './orgs';
import { blueprints, examSessions } from './exams';

export interface RubricItem {
	id: number;
	name: string;
	maxPoints: number;
	descriptor: string;
}

export interface AwardRuleConfig {
	mode: 'count' | 'share';
	first: number;
	second: number;
	third: number;
}

/** 执法比武 (regulators) or 职工技能比武/"安康杯" (workers). */
export const contests = sqliteTable('contests', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	kind: text('kind', { enum: ['enforcement', 'worker'] }).notNull(),
	organiserId: integer('organiser_id')
		.notNull()
		.references(() => users.id),
	/** From this instant the public board stops changing (the jury's does not). */
	freezeAt: integer('freeze_at', { mode: 'timestamp_ms' }),
	revealed: integer('revealed', { mode: 'boolean' }).notNull().default(false),
	teamMode: text('team_mode', { enum: ['sum', 'average'] })
		.notNull()
		.default('sum'),
	useTieBreak: integer('use_tie_break', { mode: 'boolean' }).notNull().default(true),
	/** Drop the highest and lowest judge mark per item when at least this many judges scored. */
	trimAt: integer('trim_at').notNull().default(5),
	awardRule: text('award_rule', { mode: 'json' })
		.$type<AwardRuleConfig>()
		.notNull()
		.default({ mode: 'count', first: 1, second: 2, third: 3 }),
	publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export const contestRounds = sqliteTable(
	'contest_rounds',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		contestId: integer('contest_id')
			.notNull()
			.references(() => contests.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		kind: text('kind', { enum: ['theory', 'practical'] }).notNull(),
		weight: real('weight').notNull(),
		/** Theory: the blueprint and the exam session entrants sit. */
		blueprintId: integer('blueprint_id').references(() => blueprints.id),
		sessionId: integer('session_id').references(() => examSessions.id),
		/** Practical (实操 / 案卷评查 / 现场模拟执法): the rubric judges score against. */
		rubric: text('rubric', { mode: 'json' }).$type<RubricItem[]>().notNull().default([])
	},
	(t) => [index('contest_rounds_contest_idx').on(t.contestId)]
);

/** A delegation of an enterprise, department or region. */
export const contestTeams = sqliteTable('contest_teams', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	contestId: integer('contest_id')
		.notNull()
		.references(() => contests.id, { onDelete: 'cascade' }),
	name: text('name').notNull()
});

export const contestEntrants = sqliteTable(
	'contest_entrants',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		contestId: integer('contest_id')
			.notNull()
			.references(() => contests.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		teamId: integer('team_id').references(() => contestTeams.id),
		reserve: integer('reserve', { mode: 'boolean' }).notNull().default(false),
		/** The entrant's organisation, for the conflict-of-interest rule on judges. */
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		regionId: integer('region_id').references(() => regions.id)
	},
	(t) => [uniqueIndex('contest_entrants_uq').on(t.contestId, t.userId)]
);

export const contestJudges = sqliteTable(
	'contest_judges',
	{
		contestId: integer('contest_id')
			.notNull()
			.references(() => contests.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		chief: integer('chief', { mode: 'boolean' }).notNull().default(false),
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		regionId: integer('region_id').references(() => regions.id)
	},
	(t) => [primaryKey({ columns: [t.contestId, t.userId] })]
);

/** One judge's marks for one entrant in one practical round; locked once submitted. */
export const scoreSheets = sqliteTable(
	'score_sheets',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		roundId: integer('round_id')
			.notNull()
			.references(() => contestRounds.id, { onDelete: 'cascade' }),
		entrantId: integer('entrant_id')
			.notNull()
			.references(() => contestEntrants.id, { onDelete: 'cascade' }),
		judgeId: integer('judge_id')
			.notNull()
			.references(() => users.id),
		marks: text('marks', { mode: 'json' }).$type<Record<string, number>>().notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		reopenedAt: integer('reopened_at', { mode: 'timestamp_ms' }),
		reopenedBy: integer('reopened_by').references(() => users.id),
		reopenReason: text('reopen_reason')
	},
	(t) => [uniqueIndex('score_sheets_uq').on(t.roundId, t.entrantId, t.judgeId)]
);

/**
 * Append-only log of round results as they are recorded. The public board is computed from
 * the events before the freeze; the jury board from all of them.
 */
export const scoreEvents = sqliteTable(
	'score_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		contestId: integer('contest_id')
			.notNull()
			.references(() => contests.id, { onDelete: 'cascade' }),
		roundId: integer('round_id')
			.notNull()
			.references(() => contestRounds.id, { onDelete: 'cascade' }),
		entrantId: integer('entrant_id')
			.notNull()
			.references(() => contestEntrants.id, { onDelete: 'cascade' }),
		/** Round score as a percentage 0–100. */
		score: real('score').notNull(),
		/** Theory tie-break: seconds used. */
		timeUsed: integer('time_used'),
		recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('score_events_contest_idx').on(t.contestId, t.recordedAt)]
);
