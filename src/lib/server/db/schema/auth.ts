import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { enterprises, regions } from './orgs';

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		/** 身份证号, upper-case X; unique when present. */
		idCard: text('id_card'),
		phone: text('phone'),
		passwordHash: text('password_hash').notNull(),
		/** Set for accounts created by an admin or import: the first login must change the password. */
		mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
		disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
		/** The enterprise a worker belongs to (null for regulators, trainers, admins). */
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('users_id_card_uq').on(t.idCard),
		uniqueIndex('users_phone_uq').on(t.phone),
		index('users_enterprise_idx').on(t.enterpriseId)
	]
);

export const roles = ['worker', 'trainer', 'enterprise_admin', 'regulator', 'judge', 'admin'] as const;
export type Role = (typeof roles)[number];

/** A user may hold several roles, each with its own scope. */
export const userRoles = sqliteTable(
	'user_roles',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: roles }).notNull(),
		/** enterprise_admin (and worker): the enterprise. */
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		/** regulator: the root of the region subtree they oversee. */
		regionId: integer('region_id').references(() => regions.id)
	},
	(t) => [index('user_roles_user_idx').on(t.userId)]
);

/**
 * Sessions per lucia-auth.com's current guide: the cookie token is `<id>.<secret>`;
 * only SHA-256(secret) is stored, compared in constant time.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		/** Sliding expiry: refreshed when a request arrives in the second half of the window. */
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed-login counters per key ("acct:<login>" or "ip:<addr>") for throttling. */
export const loginThrottle = sqliteTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
	lockedUntil: integer('locked_until', { mode: 'timestamp_ms' })
});

/** Append-only: rows are inserted, never updated or deleted (a trigger in the migration enforces it). */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: integer('actor_id').references(() => users.id),
		action: text('action').notNull(),
		target: text('target'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
		ip: text('ip')
	},
	(t) => [index('audit_at_idx').on(t.at), index('audit_action_idx').on(t.action)]
);
