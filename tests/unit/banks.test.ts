import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import type { Db } from '../../src/lib/server/db';
import {
	attemptItems,
	attempts,
	blueprints,
	questionVersions,
	questions,
	users
} from '../../src/lib/server/db/schema';
import { parseBankFile, serializeBankFile } from '../../src/lib/server/banks/format';
import { exportBankFile, loadBankFile } from '../../src/lib/server/banks/store';
import { readShippedBanks, bankDir } from '../../src/lib/server/seed/banks';
import { seedTrades } from '../../src/lib/server/seed/trades';
import {
	saveQuestionContent,
	previewImport,
	commitImport,
	questionDetail
} from '../../src/lib/server/banks/service';
import type { Actor } from '../../src/lib/server/access';
import { lintBank } from '../../src/lib/server/banks/import/lint';
import { STANDARD_BLUEPRINTS } from '../../src/lib/server/seed/blueprints';

let t: ReturnType<typeof createTestDb>;
let db: Db;
const trainer: Actor = {
	id: 1,
	name: '培训',
	enterpriseId: null,
	roles: [{ role: 'trainer', enterpriseId: null, regionId: null }]
};
const worker: Actor = {
	id: 2,
	name: '学员',
	enterpriseId: null,
	roles: [{ role: 'worker', enterpriseId: null, regionId: null }]
};

beforeAll(() => {
	t = createTestDb();
	db = t.db;
	seedTrades(db);
	for (const u of [trainer, worker])
		db.insert(users)
			.values({
				id: u.id,
				name: u.name,
				phone: `1390000000${u.id}`,
				passwordHash: 'x',
				createdAt: new Date()
			})
			.run();
});
afterAll(() => t.cleanup());

const shipped = readShippedBanks();

describe('shipped banks', () => {
	it('meet the numbers: ≥150 per bank, ≥1000 in all, no duplicate stems', () => {
		expect(shipped.length).toBeGreaterThanOrEqual(7);
		let total = 0;
		for (const { file, bank } of shipped) {
			expect(bank.questions.length, file).toBeGreaterThanOrEqual(150);
			const stems = bank.questions.map((q) => q.stem);
			expect(new Set(stems).size, file).toBe(stems.length);
			total += bank.questions.length;
		}
		expect(total).toBeGreaterThanOrEqual(1000);
	});

	it('pass the lint with no errors and cover their standard blueprints', () => {
		for (const { file, bank } of shipped) {
			const requiredCounts = STANDARD_BLUEPRINTS.filter((b) => b.tradeCode === bank.trade).flatMap((b) =>
				b.sections.map((s) => ({ type: s.type, count: s.count }))
			);
			expect(requiredCounts.length, file).toBeGreaterThan(0);
			const errors = lintBank(bank, { requiredCounts }).filter((i) => i.severity === 'error');
			expect(errors, file).toEqual([]);
		}
	});

	it.each(shipped.map((s) => [s.file]))('%s: file → database → export is byte-identical', (file) => {
		const text = readFileSync(join(bankDir(), file), 'utf8');
		const { bank } = parseBankFile(text);
		loadBankFile(db, bank!);
		expect(serializeBankFile(exportBankFile(db, bank!.trade)!)).toBe(text);
	});
});

describe('versioning', () => {
	it('edits an unused question in place, and versions a used one while old papers keep theirs', () => {
		const trade = 'electrician-low-voltage';
		const detail = questionDetail(db, trainer, trade, 'DG-0002');
		const base = { ...detail.question };
		const edit1 = saveQuestionContent(db, trainer, trade, 'DG-0002', {
			...base,
			explanation: base.explanation + '（补充）'
		});
		expect(edit1).toMatchObject({ ok: true, outcome: 'updated' });
		const q = db.select().from(questions).where(eq(questions.ref, 'DG-0002')).get()!;
		const v1 = q.currentVersionId!;
		expect(
			db.select().from(questionVersions).where(eq(questionVersions.questionId, q.id)).all()
		).toHaveLength(1);

		// A paper draws version 1.
		const bp = db
			.insert(blueprints)
			.values({ tradeCode: trade, name: 't', sections: [], updatedAt: new Date() })
			.returning()
			.get();
		const a = db
			.insert(attempts)
			.values({
				blueprintId: bp.id,
				userId: worker.id,
				mode: 'exam',
				attemptNo: 1,
				seed: 's',
				startedAt: new Date(),
				deadline: new Date(),
				maxScore: 1,
				submittedAt: new Date()
			})
			.returning()
			.get();
		db.insert(attemptItems)
			.values({ attemptId: a.id, position: 1, questionVersionId: v1, optionOrder: [], points: 1 })
			.run();

		const edit2 = saveQuestionContent(db, trainer, trade, 'DG-0002', {
			...base,
			stem: base.stem + '（修订）'
		});
		expect(edit2).toMatchObject({ ok: true, outcome: 'versioned' });
		const after = db.select().from(questions).where(eq(questions.id, q.id)).get()!;
		expect(after.currentVersionId).not.toBe(v1);
		const old = db.select().from(questionVersions).where(eq(questionVersions.id, v1)).get()!;
		expect(old.stem).toBe(base.stem);
		expect(
			db.select().from(attemptItems).where(eq(attemptItems.attemptId, a.id)).get()!.questionVersionId
		).toBe(v1);
		expect(questionDetail(db, trainer, trade, 'DG-0002').usage).toEqual([
			expect.objectContaining({ version: 1, papers: 1 })
		]);
	});

	it('refuses an invalid edit with field messages, and a worker outright', () => {
		const r = saveQuestionContent(db, trainer, 'electrician-low-voltage', 'DG-0003', {
			type: 'single',
			stem: '',
			options: ['a', 'b'],
			answer: 'C',
			explanation: '',
			difficulty: 9,
			tags: [],
			source: '',
			status: 'published'
		});
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.problems.map((p) => p.field).sort()).toEqual([
				'answer',
				'difficulty',
				'explanation',
				'source',
				'stem',
				'tags'
			]);
		expect(() => saveQuestionContent(db, worker, 'electrician-low-voltage', 'DG-0003', {} as never)).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});
});

describe('import into a bank', () => {
	const csv = (rows: string[][]) =>
		new File([rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n')], 'import.csv');
	const header = [
		'题型',
		'题干',
		'选项A',
		'选项B',
		'选项C',
		'选项D',
		'答案',
		'解析',
		'难度',
		'知识点',
		'来源'
	];

	it('is all-or-nothing and flags a stem already in the bank', async () => {
		const existing = shipped
			.find((s) => s.bank.trade === 'work-at-height')!
			.bank.questions.find((q) => q.type === 'judge')!;
		const before = db.select().from(questions).all().length;
		const file = csv([
			header,
			['判断', '新题：作业前应检查安全带。', '', '', '', '', '对', '解析', '2', '安全带', 'GB 6095-2021'],
			['判断', existing.stem, '', '', '', '', existing.answer, '解析', '2', '安全带', 'GB 6095-2021']
		]);
		const preview = await previewImport(db, trainer, 'work-at-height', file);
		expect(preview.errors).toBe(1);
		expect(preview.issues[0].message).toBe(`第 3 行：题干与本题库已有题目 ${existing.ref} 相同`);
		const r = await commitImport(db, trainer, 'work-at-height', file);
		expect(r.ok).toBe(false);
		expect(db.select().from(questions).all().length).toBe(before);
	});

	it('warns, without refusing, when an imported question cites a replaced standard', async () => {
		const file = csv([
			header,
			[
				'判断',
				'导入提示：焊割作业现场应配备灭火器材。',
				'',
				'',
				'',
				'',
				'对',
				'解析',
				'2',
				'消防',
				'GB 9448-1999 第6章'
			],
			[
				'判断',
				'导入提示：高处作业应系挂安全带。',
				'',
				'',
				'',
				'',
				'对',
				'解析',
				'2',
				'安全带',
				'GB 6095-2021'
			]
		]);
		const preview = await previewImport(db, trainer, 'work-at-height', file);
		expect(preview.errors).toBe(0);
		const outdated = preview.issues.filter((i) => i.field === 'source');
		expect(outdated).toHaveLength(1);
		expect(outdated[0]).toMatchObject({ line: 2, severity: 'warning' });
		expect(outdated[0].message).toMatch(
			/^第 2 行：依据已更新·待复核——GB 9448-1999《焊接与切割安全》已由GB 9448-2025替代/
		);
	});

	it('assigns the bank prefix to new questions', async () => {
		const file = csv([
			header,
			[
				'单选',
				'全新的单选题：下列哪项是正确的防坠落做法？',
				'高挂低用',
				'低挂高用',
				'不系安全带',
				'把安全带系在腰间不挂',
				'A',
				'解析',
				'2',
				'安全带',
				'GB 6095-2021'
			]
		]);
		const r = await commitImport(db, trainer, 'work-at-height', file);
		expect(r).toMatchObject({ ok: true, summary: { created: 1 } });
		const last = db.select().from(questions).all().at(-1)!;
		expect(last.ref).toMatch(/^GC-\d{4}$/);
		expect(Number(last.ref.slice(3))).toBeGreaterThan(
			shipped.find((s) => s.bank.trade === 'work-at-height')!.bank.questions.length - 1
		);
	});
});
