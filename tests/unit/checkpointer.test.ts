// The server's WAL checkpoints run in a worker thread (db/checkpointer.ts): the data must reach
// the database file without the request thread ever checkpointing, and a stopped worker must
// hand checkpoints back to SQLite.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointer } from '../../src/lib/server/db/checkpointer';

const dir = mkdtempSync(join(tmpdir(), 'anxun-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows visible in the main database file alone, as if the WAL were gone. */
function rowsInMainFile(path: string): number {
	const copy = join(dir, `copy-${Math.random()}.db`);
	copyFileSync(path, copy);
	const db = new Database(copy, { readonly: true });
	try {
		return (db.prepare('select count(*) n from t').get() as { n: number }).n;
	} catch {
		return 0; // the table itself has not reached the file yet
	} finally {
		db.close();
	}
}

describe('the background WAL checkpointer', () => {
	it('moves committed pages into the database file while the connection never checkpoints itself', async () => {
		const path = join(dir, 'a.db');
		const db = new Database(path);
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		const worker = startCheckpointer(db, path, 100);
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		db.exec('create table t (id integer primary key, v text)');
		const insert = db.prepare('insert into t (v) values (?)');
		// ~2,500 pages: well past the 1,000 at which SQLite would have checkpointed in a commit.
		for (let k = 0; k < 50; k++)
			db.transaction(() => {
				for (let i = 0; i < 200; i++) insert.run('x'.repeat(1000));
			})();
		const until = Date.now() + 5_000;
		while (rowsInMainFile(path) < 10_000 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
		expect(rowsInMainFile(path)).toBe(10_000);
		// Still off: the worker was alive throughout, so it, not a commit, copied the pages.
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		await worker.terminate();
		db.close();
	});

	it('if the worker stops, SQLite checkpoints automatically again', async () => {
		const path = join(dir, 'b.db');
		const db = new Database(path);
		db.pragma('journal_mode = WAL');
		const worker = startCheckpointer(db, path, 100);
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		await worker.terminate();
		await new Promise((r) => setTimeout(r, 50));
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
		db.close();
	});
});
