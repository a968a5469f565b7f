// `npm run backup [-- dest.db]`: an online backup of DATABASE_PATH (safe while the server runs).
// Restore: stop the server, copy the backup over DATABASE_PATH, delete its -wal/-shm files, start.
import { resolve } from 'node:path';
import { DEFAULT_DATABASE_PATH } from '../src/lib/server/db';
import { backupDatabase } from '../src/lib/server/backup';

const source = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dest = resolve(process.argv[2] ?? `backups/anxun-${stamp}.db`);
try {
	const r = await backupDatabase(source, dest);
	console.log(`已备份 ${source} → ${dest}（${r.pages} 页，${r.ms} ms，完整性校验通过）`);
} catch (e) {
	console.error(`备份失败：${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
