import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type Db } from '../../../src/lib/server/db';

/** A real SQLite file in a temp dir, migrated exactly as production is. */
export function createTestDb(): { db: Db; path: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'anxun-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	migrateDatabase(db);
	return {
		db,
		path,
		cleanup: () => {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
