import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import type { Db } from '../../src/lib/server/db';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { attemptItems, examSessions, users } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { loadActor } from '../../src/lib/server/accounts/actor';
import { saveAnswers, startSessionAttempt } from '../../src/lib/server/exams/attempts';
import { jsonCall } from '../../src/lib/server/api';
import { backupDatabase } from '../../src/lib/server/backup';

let t: ReturnType<typeof createTestDb>;
let db: Db;
let attemptId: number;
let actor: NonNullable<ReturnType<typeof loadActor>>;

beforeAll(async () => {
	t = createTestDb();
	db = t.db;
	await seedDemo(db);
	actor = loadActor(db, db.select().from(users).where(eq(users.phone, '13800000010')).get()!.id)!;
	const s = db
		.select()
		.from(examSessions)
		.all()
		.find((x) => x.title.includes('低压电工'))!;
	attemptId = startSessionAttempt(db, actor, s.id);
});
afterAll(() => t.cleanup());

const typeOf = (position: number) =>
	db.$client
		.prepare(
			`select qv.type from attempt_items ai join question_versions qv on qv.id = ai.question_version_id where ai.attempt_id = ? and ai.position = ?`
		)
		.get(attemptId, position) as { type: string };
const answerFor = (position: number) => (typeOf(position).type === 'judge' ? '对' : 'A');

describe('a save the database cannot take is refused with a retry message, and nothing is half-written', () => {
	it('locked database → 503 "服务器暂时无法保存，正在重试"', async () => {
		db.$client.pragma('busy_timeout = 50');
		const other = new Database(t.path);
		other.exec('begin exclusive');
		try {
			const res = await jsonCall(() =>
				saveAnswers(db, actor, attemptId, [{ position: 1, answer: answerFor(1), seq: 1 }])
			);
			expect(res.status).toBe(503);
			expect(await res.json()).toEqual({ message: '服务器暂时无法保存，正在重试' });
		} finally {
			other.exec('rollback');
			other.close();
		}
		// The retry goes through once the lock is gone.
		const ok = await jsonCall(() =>
			saveAnswers(db, actor, attemptId, [{ position: 1, answer: answerFor(1), seq: 1 }])
		);
		expect(ok.status).toBe(200);
	});

	it('full disk → 503, and a batch is all-or-nothing', async () => {
		const pages = db.$client.pragma('page_count', { simple: true }) as number;
		db.$client.pragma(`max_page_count = ${pages}`);
		// A large batch needs new pages: it fails as a whole.
		const batch = Array.from({ length: 100 }, (_, i) => ({
			position: i + 1,
			answer: answerFor(i + 1),
			seq: 5
		}));
		const res = await jsonCall(() => saveAnswers(db, actor, attemptId, batch));
		db.$client.pragma('max_page_count = 1073741823');
		if (res.status === 200) {
			// The pages happened to be there (free list): then everything must have been written.
			expect(
				db
					.select()
					.from(attemptItems)
					.where(eq(attemptItems.attemptId, attemptId))
					.all()
					.every((i) => i.responseSeq === 5)
			).toBe(true);
		} else {
			expect(res.status).toBe(503);
			expect(
				db
					.select()
					.from(attemptItems)
					.where(eq(attemptItems.attemptId, attemptId))
					.all()
					.some((i) => i.responseSeq === 5)
			).toBe(false);
		}
	});
});

describe('backup and restore', () => {
	it('backs up a database while it is being written, and the copy restores with every committed save', async () => {
		const dest = join(t.path, '..', 'backup.db');
		let seq = 0;
		const writer = setInterval(
			() =>
				saveAnswers(db, actor, attemptId, [
					{ position: 1 + (seq % 100), answer: answerFor(1 + (seq % 100)), seq: ++seq }
				]),
			1
		);
		await new Promise((r) => setTimeout(r, 30));
		const before = seq;
		const r = await backupDatabase(t.path, dest);
		clearInterval(writer);
		expect(r.pages).toBeGreaterThan(10);
		expect(existsSync(dest)).toBe(true);
		// Restore: copy the backup into place and open it as the server would.
		const restored = join(t.path, '..', 'restored.db');
		copyFileSync(dest, restored);
		const rdb = openDatabase(restored);
		migrateDatabase(rdb);
		const saved = rdb
			.select()
			.from(attemptItems)
			.where(eq(attemptItems.attemptId, attemptId))
			.all()
			.filter((i) => i.response != null);
		expect(saved.length).toBeGreaterThanOrEqual(Math.min(before, 100));
		expect(rdb.select().from(users).all().length).toBe(db.select().from(users).all().length);
		rdb.$client.close();
		rmSync(restored, { force: true });
	});
});
