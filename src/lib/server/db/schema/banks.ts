import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { trades } from './trades';
import { users } from './auth';

export const banks = sqliteTable('banks', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	tradeCode: text('trade_code')
		.notNull()
		.unique()
		.references(() => trades.code),
	title: text('title').notNull()
});

export const questions = sqliteTable(
	'questions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		bankId: integer('bank_id')
			.notNull()
			.references(() => banks.id),
		/** Stable id from the bank file ("DG-0001"). */
		ref: text('ref').notNull(),
		status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
		/** The version new papers draw; older versions stay for the papers that used them. */
		currentVersionId: integer('current_version_id'),
		/** Position in the bank file, so exports keep the trainer's order. */
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('questions_bank_ref_uq').on(t.bankId, t.ref), index('questions_bank_idx').on(t.bankId)]
);

export const questionVersions = sqliteTable(
	'question_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		questionId: integer('question_id')
			.notNull()
			.references(() => questions.id),
		version: integer('version').notNull(),
		type: text('type', { enum: ['single', 'multiple', 'judge'] }).notNull(),
		stem: text('stem').notNull(),
		options: text('options', { mode: 'json' }).$type<string[]>().notNull(),
		answer: text('answer').notNull(),
		explanation: text('explanation').notNull(),
		difficulty: integer('difficulty').notNull(),
		tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
		source: text('source').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		createdBy: integer('created_by').references(() => users.id)
	},
	(t) => [uniqueIndex('qv_question_version_uq').on(t.questionId, t.version)]
);
