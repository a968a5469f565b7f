// Questions citing a replaced law or standard are marked 依据已更新·待复核 until re-cited.
import { describe, expect, it } from 'vitest';
import { demoDatabase } from './helpers/demo';
import { readShippedBanks } from '../../src/lib/server/seed/banks';
import { lintBank } from '../../src/lib/server/banks/import/lint';
import { SUPERSEDED, supersededCitations } from '../../src/lib/server/superseded';
import { browseBank, questionDetail, saveQuestionContent } from '../../src/lib/server/banks/service';
import { editableCourse, lessonSource } from '../../src/lib/server/courses/service';
import type { BankFile } from '../../src/lib/server/banks/types';

const order30 = SUPERSEDED.find((d) => d.effective === '2026-06-01')!;

describe('which sources are outdated', () => {
	it('matches the replaced edition, not its successor', () => {
		const on = new Date('2026-11-23T00:00:00Z');
		expect(supersededCitations('JGJ 46-2005《施工现场临时用电安全技术规范》第8.2.11条', on)).toHaveLength(1);
		expect(
			supersededCitations('JGJ/T 46-2024《建筑与市政工程施工现场临时用电安全技术标准》第9.2.2条', on)
		).toEqual([]);
		expect(
			supersededCitations('《特种作业人员安全技术培训考核管理规定》（国家安监总局令第30号）第二十一条', on)
		).toEqual([order30]);
		expect(supersededCitations('《生产经营单位安全培训规定》（国家安监总局令第3号）', on)).toEqual([]);
	});

	it('counts a replacement from the day it takes effect, in China time', () => {
		const src = '（国家安全监管总局令第30号，2015年修正）';
		// 2026-05-31 23:59 and 2026-06-01 00:00 in Beijing.
		expect(supersededCitations(src, new Date('2026-05-31T15:59:00Z'))).toEqual([]);
		expect(supersededCitations(src, new Date('2026-05-31T16:00:00Z'))).toEqual([order30]);
	});
});

describe('the bank check', () => {
	const bank = readShippedBanks().find((b) => b.bank.trade === 'work-at-height')!.bank;
	const outdated = (b: BankFile, today?: Date) =>
		lintBank(b, { today }).filter((i) => i.field === 'source' && i.severity === 'warning');

	it('warns once per outdated citation of a question in use, naming the question and the replacement', () => {
		const today = new Date('2026-11-23T00:00:00Z');
		const expected = bank.questions.filter(
			(q) => q.status !== 'retired' && supersededCitations(q.source, today).length > 0
		);
		expect(expected.length).toBeGreaterThan(0);
		const found = outdated(bank, today);
		expect(found.map((i) => i.line)).toEqual(
			expected.flatMap((q) => supersededCitations(q.source, today).map(() => bank.questions.indexOf(q) + 1))
		);
		expect(found[0].message).toContain(expected[0].ref!);
		expect(found[0].message).toContain('依据已更新·待复核');
	});

	it('says nothing without a date, and nothing for retired questions', () => {
		expect(outdated(bank)).toEqual([]);
		const retired = { ...bank, questions: bank.questions.map((q) => ({ ...q, status: 'retired' as const })) };
		expect(outdated(retired, new Date())).toEqual([]);
	});
});

describe('on the demo database', () => {
	const demo = demoDatabase();

	it('the trainer sees the outdated questions, filters to them, and a re-cited one is no longer marked', () => {
		const db = demo.db;
		const trainer = demo.actorOf('13800000002');
		const all = browseBank(db, trainer, 'welding-cutting', {});
		const marked = all.items.filter((i) => i.outdated);
		expect(all.outdated).toBe(marked.length);
		expect(marked.length).toBeGreaterThan(0);
		const only = browseBank(db, trainer, 'welding-cutting', { outdated: true });
		expect(only.items.map((i) => i.ref)).toEqual(marked.map((i) => i.ref));

		const ref = marked[0].ref;
		const detail = questionDetail(db, trainer, 'welding-cutting', ref);
		expect(detail.outdated.length).toBeGreaterThan(0);
		expect(detail.outdated[0]).toContain('替代');

		const { version: _v, ...content } = detail.question;
		void _v;
		const r = saveQuestionContent(db, trainer, 'welding-cutting', ref, {
			...content,
			source: '熔化焊接与热切割作业安全技术培训大纲及考核标准（复核后改引）'
		});
		expect(r.ok).toBe(true);
		expect(questionDetail(db, trainer, 'welding-cutting', ref).outdated).toEqual([]);
		expect(browseBank(db, trainer, 'welding-cutting', {}).outdated).toBe(marked.length - 1);
	});

	it('a shipped lesson still citing JGJ 46-2005 is marked in the course outline and on its page', () => {
		const db = demo.db;
		const trainer = demo.actorOf('13800000002');
		const rows = db.$client
			.prepare(`select l.id, c.course_id, l.markdown from lessons l join chapters c on c.id = l.chapter_id`)
			.all() as { id: number; course_id: number; markdown: string }[];
		const old = rows.find((r) => r.markdown.includes('JGJ 46-2005'))!;
		const clean = rows.find((r) => supersededCitations(r.markdown, new Date()).length === 0)!;
		const outline = editableCourse(db, trainer, old.course_id);
		const flagged = outline.chapters.flatMap((c) => c.lessons).find((l) => l.id === old.id)!;
		expect(flagged.outdated).toBe(true);
		expect(lessonSource(db, trainer, old.id).outdated.join()).toContain('复核本课');
		expect(lessonSource(db, trainer, clean.id).outdated).toEqual([]);
	});
});
