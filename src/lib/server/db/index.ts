import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { startCheckpointer } from './checkpointer';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = 'data/anxun.db';

/** Opens a SQLite file with the pragmas the platform relies on. */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	// WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	// Wait for a competing writer (backup, CLI) instead of failing at once.
	sqlite.pragma('busy_timeout = 5000');
	cacheStatements(sqlite);
	return drizzle(sqlite, { schema }) as Db;
}

/**
 * Drizzle compiles a fresh SQLite statement for every query it runs; compiling costs more than
 * running these small queries. Reusing compiled statements by SQL text (a bounded LRU) removes
 * that cost everywhere at once. A reused statement is reset to plain object rows first, since
 * drizzle switches some to raw mode.
 */
function cacheStatements(sqlite: Database.Database, max = 1000) {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		let stmt = cache.get(source);
		if (stmt) {
			cache.delete(source); // re-insert: most recently used last
			if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
		} else {
			stmt = prepare(source);
			if (cache.size >= max) cache.delete(cache.keys().next().value!);
		}
		cache.set(source, stmt);
		return stmt;
	}) as typeof sqlite.prepare;
}

/** Applies the committed migrations in `drizzle/` (the same way in production and tests). */
export function migrateDatabase(db: Db, migrationsFolder = process.env.MIGRATIONS_DIR ?? 'drizzle') {
	migrate(db, { migrationsFolder: resolve(migrationsFolder) });
}

let current: Db | undefined;

/** The process-wide connection (one SQLite file per server process). */
export function getDb(): Db {
	if (!current) {
		const path = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
		current = openDatabase(path);
		migrateDatabase(current);
		if (path !== ':memory:') startCheckpointer(current.$client, path);
	}
	return current;
}

/** Tests point the process at their own temp database. */
export function setDb(db: Db | undefined) {
	current = db;
}

export { schema };
