// `npm run backup [-- dest.db]`: an online backup of DATABASE_PATH with SQLite's backup API.
// Safe while the server runs (readers and the writer carry on); the copy is a consistent snapshot.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DATABASE_PATH } from '../src/lib/server/db';

const source = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dest = resolve(process.argv[2] ?? `backups/anxun-${stamp}.db`);
mkdirSync(dirname(dest), { recursive: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const started = Date.now();
await db.backup(dest);
db.close();
// Verify the copy opens and passes SQLite's own check.
const copy = new Database(dest, { readonly: true });
const check = copy.pragma('quick_check', { simple: true });
copy.close();
if (check !== 'ok') {
	console.error(`备份校验失败：${String(check)}`);
	process.exit(1);
}
console.log(`已备份 ${source} → ${dest}（${Date.now() - started} ms，校验通过）`);
