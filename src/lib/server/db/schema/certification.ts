import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { trades } from './trades';
import { attempts } from './exams';

/** 实际操作考试 results recorded by an examiner (考评员) against the trade's practical items. */
export const practicalResults = sqliteTable(
	'practical_results',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		tradeCode: text('trade_code')
			.notNull()
			.references(() => trades.code),
		/** Marks per practical item, in the trade's item order. */
		marks: text('marks', { mode: 'json' }).$type<{ item: string; max: number; mark: number }[]>().notNull(),
		score: real('score').notNull(),
		passed: integer('passed', { mode: 'boolean' }).notNull(),
		examinerId: integer('examiner_id')
			.notNull()
			.references(() => users.id),
		recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
		note: text('note')
	},
	(t) => [index('practical_user_idx').on(t.userId)]
);

/**
 * Certificates: trade qualifications (操作证 / 考核合格证明) and contest awards. Dates are China
 * calendar days ('YYYY-MM-DD'); status is computed from them on every read, so expiry and missed
 * reviews take effect by date without any job running.
 */
export const certificates = sqliteTable(
	'certificates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		number: text('number').notNull().unique(),
		/** Public verification code (QR); unguessable, never sequential. */
		verificationCode: text('verification_code').notNull().unique(),
		kind: text('kind', { enum: ['qualification', 'award'] }).notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		tradeCode: text('trade_code').references(() => trades.code),
		/** For awards: "2025年执法比武 一等奖". */
		title: text('title'),
		issuedOn: text('issued_on').notNull(),
		validUntil: text('valid_until').notNull(),
		revokedOn: text('revoked_on'),
		revokedReason: text('revoked_reason'),
		theoryAttemptId: integer('theory_attempt_id').references(() => attempts.id),
		practicalResultId: integer('practical_result_id').references(() => practicalResults.id),
		issuedBy: integer('issued_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('certificates_user_idx').on(t.userId), index('certificates_trade_idx').on(t.tradeCode)]
);

/** 复审 schedule: one row per review due; passedOn set when the refresher + review exam are done. */
export const certificateReviews = sqliteTable(
	'certificate_reviews',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		certificateId: integer('certificate_id')
			.notNull()
			.references(() => certificates.id, { onDelete: 'cascade' }),
		dueOn: text('due_on').notNull(),
		passedOn: text('passed_on'),
		attemptId: integer('attempt_id').references(() => attempts.id)
	},
	(t) => [index('certificate_reviews_cert_idx').on(t.certificateId)]
);
