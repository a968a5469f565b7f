import { sqliteTable, text, integer, index, primaryKey, blob } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { trades } from './trades';
import { posts } from './roster';

export const courses = sqliteTable('courses', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	code: text('code').notNull().unique(),
	title: text('title').notNull(),
	summary: text('summary').notNull().default(''),
	/** Declared 学时 (1 学时 = 45 minutes of counted study). */
	hours: integer('hours').notNull(),
	status: text('status', { enum: ['draft', 'published'] }).notNull(),
	/** Where a draft came from, e.g. the policy document it was imported from. */
	origin: text('origin'),
	createdBy: integer('created_by').references(() => users.id),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const courseTrades = sqliteTable(
	'course_trades',
	{
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		tradeCode: text('trade_code')
			.notNull()
			.references(() => trades.code)
	},
	(t) => [primaryKey({ columns: [t.courseId, t.tradeCode] })]
);

export const chapters = sqliteTable(
	'chapters',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull()
	},
	(t) => [index('chapters_course_idx').on(t.courseId)]
);

export const lessons = sqliteTable(
	'lessons',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		chapterId: integer('chapter_id')
			.notNull()
			.references(() => chapters.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		/** Markdown source; rendered with marked and sanitised on the server. */
		markdown: text('markdown').notNull(),
		/** Minimum counted study time for completion (minutes). */
		minMinutes: integer('min_minutes').notNull(),
		/** Bank question refs for the self-check after the lesson. */
		selfCheck: text('self_check', { mode: 'json' }).$type<string[]>().notNull().default([]),
		/** Responsible units pulled out of a policy clause (…负责), shown as metadata. */
		responsible: text('responsible', { mode: 'json' }).$type<string[]>().notNull().default([])
	},
	(t) => [index('lessons_chapter_idx').on(t.chapterId)]
);

/** Images and attachments of lessons, served to people who may read the course. */
export const lessonFiles = sqliteTable('lesson_files', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	courseId: integer('course_id')
		.notNull()
		.references(() => courses.id, { onDelete: 'cascade' }),
	fileName: text('file_name').notNull(),
	mime: text('mime').notNull(),
	data: blob('data', { mode: 'buffer' }).notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/** A course assigned to one worker or to everyone on a post, with a due date. */
export const courseAssignments = sqliteTable(
	'course_assignments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
		postId: integer('post_id').references(() => posts.id, { onDelete: 'cascade' }),
		dueOn: text('due_on'),
		assignedBy: integer('assigned_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('course_assignments_user_idx').on(t.userId),
		index('course_assignments_post_idx').on(t.postId)
	]
);

/** Counted study time per person, lesson and China-time day (the 学时 ledger). */
export const studyLog = sqliteTable(
	'study_log',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		day: text('day').notNull(),
		seconds: integer('seconds').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId, t.day] })]
);

export const lessonProgress = sqliteTable(
	'lesson_progress',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		seconds: integer('seconds').notNull().default(0),
		readToEnd: integer('read_to_end', { mode: 'boolean' }).notNull().default(false),
		/** Server time of the last counted heartbeat; the next one counts only the gap since it. */
		lastBeatAt: integer('last_beat_at', { mode: 'timestamp_ms' }),
		completedAt: integer('completed_at', { mode: 'timestamp_ms' })
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId] })]
);
