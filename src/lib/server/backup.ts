/**
 * Online backup with SQLite's backup API: safe while the server runs (it copies a consistent
 * snapshot page by page; writers carry on), then checked with SQLite's own integrity check.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export async function backupDatabase(source: string, dest: string): Promise<{ ms: number; pages: number }> {
	mkdirSync(dirname(dest), { recursive: true });
	const db = new Database(source, { readonly: true, fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	const started = Date.now();
	const r = await db.backup(dest);
	db.close();
	const copy = new Database(dest, { readonly: true });
	const check = copy.pragma('integrity_check', { simple: true });
	copy.close();
	if (check !== 'ok') throw new Error(`备份校验失败：${String(check)}`);
	return { ms: Date.now() - started, pages: r.totalPages };
}
