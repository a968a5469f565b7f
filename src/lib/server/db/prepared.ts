/**
 * Per-connection cache of prepared queries for the hot paths (session check, answer save,
 * drawing and grading). Drizzle's query builder costs far more than SQLite itself on a
 * request that runs a handful of tiny queries; a prepared query pays that cost once.
 */
import type Database from 'better-sqlite3';
import type { Db } from './index';

const caches = new WeakMap<Database.Database, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: () => T): T {
	let cache = caches.get(db.$client);
	if (!cache) caches.set(db.$client, (cache = new Map()));
	let q = cache.get(key) as T | undefined;
	if (q === undefined) cache.set(key, (q = build()));
	return q;
}
