import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { enterprises } from './orgs';
import { users } from './auth';
import { trades } from './trades';

/** 岗位 within an enterprise. */
export const posts = sqliteTable(
	'posts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		name: text('name').notNull()
	},
	(t) => [index('posts_enterprise_idx').on(t.enterpriseId)]
);

/** The qualifications (trades) a post needs. */
export const postRequirements = sqliteTable(
	'post_requirements',
	{
		postId: integer('post_id')
			.notNull()
			.references(() => posts.id, { onDelete: 'cascade' }),
		tradeCode: text('trade_code')
			.notNull()
			.references(() => trades.code)
	},
	(t) => [primaryKey({ columns: [t.postId, t.tradeCode] })]
);

export const workerPosts = sqliteTable(
	'worker_posts',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		postId: integer('post_id')
			.notNull()
			.references(() => posts.id, { onDelete: 'cascade' }),
		assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.postId] }), index('worker_posts_post_idx').on(t.postId)]
);
