// Hand-written SQL in a generated migration must do what it says on a database that already
// holds data: 0003 carries earlier papers' usage into question_usage.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db';
import { seedTrades } from '../../src/lib/server/seed/trades';
import { readShippedBanks } from '../../src/lib/server/seed/banks';
import { loadBankFile } from '../../src/lib/server/banks/store';

const dir = mkdtempSync(join(tmpdir(), 'anxun-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The committed migrations up to (not including) `tag`. */
function migrationsBefore(tag: string): string {
	const out = join(dir, `before-${tag}`);
	cpSync('drizzle', out, { recursive: true });
	const journalPath = join(out, 'meta', '_journal.json');
	const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
	const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
	expect(at).toBeGreaterThan(0);
	journal.entries = journal.entries.slice(0, at);
	writeFileSync(journalPath, JSON.stringify(journal));
	return out;
}

describe('0003_question_usage', () => {
	it('counts the papers drawn before it, per version and session (0 for 模拟考试)', () => {
		const db = openDatabase(join(dir, 'old.db'));
		migrateDatabase(db, migrationsBefore('0003_question_usage'));
		seedTrades(db);
		const bank = readShippedBanks().find((b) => b.bank.trade === 'electrician-low-voltage')!.bank;
		loadBankFile(db, bank);
		const s = db.$client;
		const [v1, v2, v3] = (
			s.prepare('select id from question_versions order by id limit 3').all() as {
				id: number;
			}[]
		).map((r) => r.id);
		s.exec(
			`insert into users (id, name, phone, password_hash, created_at) values (1, 'a', '1', 'h', 0), (2, 'b', '2', 'h', 0)`
		);
		s.exec(
			`insert into blueprints (id, trade_code, name, sections, updated_at) values (1, 'electrician-low-voltage', 'b', '[]', 0)`
		);
		s.exec(
			`insert into exam_sessions (id, blueprint_id, title, opens_at, closes_at, audience, created_at) values (7, 1, 's', 0, 1, '{}', 0)`
		);
		const attempt = s.prepare(
			`insert into attempts (id, session_id, blueprint_id, user_id, mode, attempt_no, seed, started_at, deadline, max_score, submitted_at)
			 values (?, ?, 1, ?, ?, 1, 's', 0, 0, 2, 1)`
		);
		attempt.run(1, 7, 1, 'exam');
		attempt.run(2, 7, 2, 'exam');
		attempt.run(3, null, 1, 'mock');
		const item = s.prepare(
			`insert into attempt_items (attempt_id, position, question_version_id, option_order, points) values (?, ?, ?, '[]', 1)`
		);
		item.run(1, 1, v1);
		item.run(1, 2, v2);
		item.run(2, 1, v1);
		item.run(3, 1, v1);
		item.run(3, 2, v3);

		migrateDatabase(db);
		const usage = s
			.prepare('select question_version_id v, session_id s, papers from question_usage order by v, s')
			.all();
		expect(usage).toEqual([
			{ v: v1, s: 0, papers: 1 },
			{ v: v1, s: 7, papers: 2 },
			{ v: v2, s: 7, papers: 1 },
			{ v: v3, s: 0, papers: 1 }
		]);
		// From here on the trigger counts new papers.
		attempt.run(4, 7, 1, 'exam');
		item.run(4, 1, v2);
		expect(
			s.prepare('select papers from question_usage where question_version_id = ? and session_id = 7').get(v2)
		).toEqual({ papers: 2 });
		expect(
			s.prepare(`select count(*) n from sqlite_master where name = 'attempt_items_qv_idx'`).get()
		).toEqual({ n: 0 });
		s.close();
	});
});
