/**
 * Per-connection cache of prepared queries for the hot paths (session check, answer save,
 * drawing and grading). Drizzle's query builder costs far more than SQLite itself on a
 * request that runs a handful of tiny queries; a prepared query pays that cost once.
 */
import type Database from 'better-sqlite3';
import type { Db } from './index';

const caches = new WeakMap<Database.Database, Map<string, unknown>>();

/** The SQLite connection behind a database handle or a drizzle transaction on it. */
export function connectionOf(db: Db): Database.Database {
	const client =
		db.$client ?? (db as unknown as { session?: { client?: Database.Database } }).session?.client;
	if (!client) throw new Error('no SQLite connection behind this database handle');
	return client;
}

export function prepared<T>(db: Db, key: string, build: () => T): T {
	const client = connectionOf(db);
	let cache = caches.get(client);
	if (!cache) caches.set(client, (cache = new Map()));
	let q = cache.get(key) as T | undefined;
	if (q === undefined) cache.set(key, (q = build()));
	return q;
}
