import { describe, expect, it } from 'vitest';
import type { BlueprintSection } from '../../src/lib/server/db/schema/exams';
import { PaperShape, type ShapeItem } from '../../src/lib/server/exams/paper-shape';
import {
	drawPaper,
	generateSeed,
	sectionShortfalls,
	ShortfallError,
	type DrawCandidate,
	type DrawnItem
} from '../../src/lib/server/exams/draw';
import {
	displayToOriginal,
	gradeAttempt,
	originalToDisplay,
	scoreItem
} from '../../src/lib/server/exams/scoring';
import {
	attemptDeadline,
	attemptsLeft,
	mustAutoSubmit,
	SAVE_GRACE_MS,
	saveAllowed
} from '../../src/lib/server/exams/deadline';
import {
	cronbachAlpha,
	itemStatistics,
	scoreDistribution,
	type ItemResponse
} from '../../src/lib/server/exams/stats';

// ---------------------------------------------------------------------------------------------
// helpers

let nextId = 1;
function cand(over: Partial<DrawCandidate> = {}): DrawCandidate {
	const id = over.questionId ?? nextId++;
	const type = over.type ?? 'judge';
	return {
		questionId: id,
		versionId: id * 10,
		type,
		difficulty: 3,
		tags: [],
		optionCount: type === 'judge' ? 0 : 4,
		...over
	};
}

/** n candidates with consecutive question ids starting at `from`. */
function many(n: number, from: number, over: Partial<DrawCandidate> = {}): DrawCandidate[] {
	return Array.from({ length: n }, (_, i) => cand({ ...over, questionId: from + i }));
}

const sec = (
	type: BlueprintSection['type'],
	count: number,
	extra: Partial<BlueprintSection> = {}
): BlueprintSection => ({ type, count, points: type === 'judge' ? 1 : 2, ...extra });

const ids = (paper: DrawnItem[]) => paper.map((i) => i.questionId);
const overlap = (a: DrawnItem[], b: DrawnItem[]) => {
	const s = new Set(ids(a));
	return ids(b).filter((id) => s.has(id)).length;
};

function bySection(paper: DrawnItem[]): Map<number, DrawnItem[]> {
	const m = new Map<number, DrawnItem[]>();
	for (const it of paper) m.set(it.section, [...(m.get(it.section) ?? []), it]);
	return m;
}

function isPermutation(order: number[], n: number): boolean {
	return order.length === n && [...order].sort((a, b) => a - b).every((v, i) => v === i);
}

/** A 70 判断 + 30 单选 style bank: 140 判断 (ids 1–140), 60 单选 (ids 1001–1060), 20 多选. */
const bigPool: DrawCandidate[] = [
	...many(140, 1, { type: 'judge' }),
	...many(60, 1001, { type: 'single' }),
	...many(20, 2001, { type: 'multiple', optionCount: 5 })
];
const bigSections = [sec('judge', 70), sec('single', 30)];

// ---------------------------------------------------------------------------------------------
// drawing

describe('drawPaper', () => {
	const draw = (seed: string, over: Partial<Parameters<typeof drawPaper>[0]> = {}) =>
		drawPaper({
			pool: bigPool,
			sections: bigSections,
			seed,
			shuffleQuestions: true,
			shuffleOptions: true,
			...over
		});

	it('honours every quota exactly, repeats no question, numbers positions 1..n', () => {
		const paper = draw('quota');
		expect(paper).toHaveLength(100);
		const groups = bySection(paper);
		expect(groups.get(0)).toHaveLength(70);
		expect(groups.get(1)).toHaveLength(30);
		expect(groups.get(0)!.every((i) => i.questionId <= 140)).toBe(true);
		expect(groups.get(1)!.every((i) => i.questionId > 1000 && i.questionId <= 1060)).toBe(true);
		expect(new Set(ids(paper)).size).toBe(100);
		expect(paper.map((i) => i.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
		expect(paper.filter((i) => i.section === 0).every((i) => i.points === 1)).toBe(true);
		expect(paper.filter((i) => i.section === 1).every((i) => i.points === 2)).toBe(true);
		expect(paper.every((i) => i.versionId === i.questionId * 10)).toBe(true);
	});

	it('keeps sections in blueprint order even when shuffling questions', () => {
		// Blueprint lists 单选 first this time.
		const paper = draw('order', { sections: [sec('single', 30), sec('judge', 70)] });
		expect(paper.slice(0, 30).every((i) => i.section === 0)).toBe(true);
		expect(paper.slice(30).every((i) => i.section === 1)).toBe(true);
		const secondIds = ids(paper.slice(30));
		expect(secondIds).not.toEqual([...secondIds].sort((a, b) => a - b)); // shuffled within the section
	});

	it('without shuffleQuestions orders each section by questionId', () => {
		const paper = draw('sorted', { shuffleQuestions: false });
		const judge = ids(paper.slice(0, 70));
		const single = ids(paper.slice(70));
		expect(judge).toEqual([...judge].sort((a, b) => a - b));
		expect(single).toEqual([...single].sort((a, b) => a - b));
	});

	it('is reproducible from the seed, and a different seed gives a different paper', () => {
		const a = draw('seed-1');
		const b = draw('seed-1');
		const c = draw('seed-2');
		expect(b).toEqual(a);
		expect(c).not.toEqual(a);
		expect(new Set(ids(c))).not.toEqual(new Set(ids(a)));
	});

	it('does not depend on the order of the pool', () => {
		const reversed = [...bigPool].reverse();
		const interleaved = [...bigPool].sort((x, y) => (x.questionId % 7) - (y.questionId % 7));
		const a = draw('pool-order');
		expect(draw('pool-order', { pool: reversed })).toEqual(a);
		expect(draw('pool-order', { pool: interleaved })).toEqual(a);
	});

	it('shuffles options as permutations; identity without shuffleOptions; [] for 判断', () => {
		const sections = [sec('judge', 5), sec('single', 10), sec('multiple', 10)];
		const shuffled = draw('opts', { sections });
		for (const it of shuffled) {
			if (it.section === 0) expect(it.optionOrder).toEqual([]);
			if (it.section === 1) expect(isPermutation(it.optionOrder, 4)).toBe(true);
			if (it.section === 2) expect(isPermutation(it.optionOrder, 5)).toBe(true);
		}
		const identity = (n: number) => Array.from({ length: n }, (_, i) => i);
		expect(
			shuffled
				.filter((i) => i.section > 0)
				.some((i) => i.optionOrder.join() !== identity(i.optionOrder.length).join())
		).toBe(true);

		const plain = draw('opts', { sections, shuffleOptions: false });
		for (const it of plain) {
			if (it.section === 0) expect(it.optionOrder).toEqual([]);
			if (it.section === 1) expect(it.optionOrder).toEqual([0, 1, 2, 3]);
			if (it.section === 2) expect(it.optionOrder).toEqual([0, 1, 2, 3, 4]);
		}
	});

	it('respects tag and difficulty filters', () => {
		const pool = [
			...many(10, 1, { type: 'judge', tags: ['触电急救'], difficulty: 2 }),
			...many(10, 11, { type: 'judge', tags: ['绝缘'], difficulty: 4 }),
			...many(10, 21, { type: 'judge', tags: ['触电急救', '绝缘'], difficulty: 5 }),
			...many(10, 31, { type: 'single', tags: ['绝缘'], difficulty: 1 }),
			...many(10, 41, { type: 'single', tags: ['接地'], difficulty: 3 })
		];
		const sections = [
			sec('judge', 6, { tags: ['触电急救'], maxDifficulty: 3 }),
			sec('judge', 8, { minDifficulty: 4 }),
			sec('single', 5, { tags: ['接地', '防雷'], minDifficulty: 2, maxDifficulty: 3 })
		];
		for (const seed of ['f1', 'f2', 'f3']) {
			const paper = drawPaper({ pool, sections, seed, shuffleQuestions: true, shuffleOptions: true });
			const g = bySection(paper);
			expect(
				g
					.get(0)!
					.map((i) => i.questionId)
					.every((id) => id >= 1 && id <= 10)
			).toBe(true);
			expect(
				g
					.get(1)!
					.map((i) => i.questionId)
					.every((id) => id >= 11 && id <= 30)
			).toBe(true);
			expect(
				g
					.get(2)!
					.map((i) => i.questionId)
					.every((id) => id >= 41 && id <= 50)
			).toBe(true);
			expect(paper).toHaveLength(19);
		}
	});

	it('allocates competing sections correctly (a question matching two sections is used once)', () => {
		// A: 判断 tagged X ×5; B: any 判断 ×7. Pool: 12 判断, 5 of them tagged X — the five X
		// questions must all go to A. A naive pass that fills B first (by id: X ids come first)
		// would leave A short.
		const pool = [...many(5, 1, { tags: ['X'] }), ...many(7, 6)];
		const sections = [sec('judge', 5, { tags: ['X'] }), sec('judge', 7)];
		const reversedSections = [sec('judge', 7), sec('judge', 5, { tags: ['X'] })];
		expect(sectionShortfalls(pool, sections, '低压电工作业')).toEqual([]);
		expect(sectionShortfalls(pool, reversedSections, '低压电工作业')).toEqual([]);
		for (const seed of ['c1', 'c2', 'c3', 'c4']) {
			const paper = drawPaper({ pool, sections, seed, shuffleQuestions: false, shuffleOptions: false });
			expect(paper).toHaveLength(12);
			expect(ids(bySection(paper).get(0)!)).toEqual([1, 2, 3, 4, 5]);
			const rev = drawPaper({
				pool,
				sections: reversedSections,
				seed,
				shuffleQuestions: false,
				shuffleOptions: false
			});
			expect(ids(bySection(rev).get(1)!)).toEqual([1, 2, 3, 4, 5]);
			expect(ids(bySection(rev).get(0)!)).toEqual([6, 7, 8, 9, 10, 11, 12]);
		}
	});

	it('reports competing sections that together need more questions than exist', () => {
		// Each section alone is satisfiable (5 of 5 X, 9 of 12), together 14 > 12.
		const pool = [...many(5, 1, { tags: ['X'] }), ...many(7, 6)];
		const sections = [sec('judge', 5, { tags: ['X'] }), sec('judge', 9)];
		const expected = [
			'低压电工作业 第1部分（判断题 知识点「X」）、第2部分（判断题） 能用的题目有重叠，合计只有 12 道不同的题，需要 14 道'
		];
		expect(sectionShortfalls(pool, sections, '低压电工作业')).toEqual(expected);
		let err: unknown;
		try {
			drawPaper({
				pool,
				sections,
				seed: 's',
				shuffleQuestions: true,
				shuffleOptions: true,
				tradeName: '低压电工作业'
			});
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ShortfallError);
		expect((err as ShortfallError).messages).toEqual(expected);
	});

	it('words a single section shortfall exactly', () => {
		const pool = [...many(12, 1, { difficulty: 3 }), ...many(30, 100, { difficulty: 2 })];
		expect(sectionShortfalls(pool, [sec('judge', 20, { minDifficulty: 3 })], '低压电工作业')).toEqual([
			'低压电工作业 判断题 难度≥3 只有 12 道，需要 20 道'
		]);
		expect(
			sectionShortfalls(
				[...pool, ...many(3, 200, { type: 'single', tags: ['触电急救'], difficulty: 3 })],
				[
					sec('judge', 10, { maxDifficulty: 2 }),
					sec('single', 5, { tags: ['触电急救'], minDifficulty: 2, maxDifficulty: 4 }),
					sec('multiple', 2, { tags: ['触电急救', '现场救护'], minDifficulty: 3, maxDifficulty: 3 })
				],
				'低压电工作业'
			)
		).toEqual([
			'低压电工作业 单选题 知识点「触电急救」 难度 2–4 只有 3 道，需要 5 道',
			'低压电工作业 多选题 知识点「触电急救」或「现场救护」 难度 3 只有 0 道，需要 2 道'
		]);
		expect(() =>
			drawPaper({
				pool,
				sections: [sec('judge', 20, { minDifficulty: 3 })],
				seed: 'x',
				shuffleQuestions: false,
				shuffleOptions: false
			})
		).toThrow(ShortfallError);
	});

	it('does not repeat a group message when the sections own shortfalls explain it', () => {
		// A needs 6 X but only 5 exist; together 13 > 12 by exactly that one missing X question.
		const pool = [...many(5, 1, { tags: ['X'] }), ...many(7, 6)];
		expect(sectionShortfalls(pool, [sec('judge', 6, { tags: ['X'] }), sec('judge', 7)], '电工')).toEqual([
			'电工 判断题 知识点「X」 只有 5 道，需要 6 道'
		]);
		// …but does when the overlap is short beyond that.
		expect(sectionShortfalls(pool, [sec('judge', 6, { tags: ['X'] }), sec('judge', 9)], '电工')).toEqual([
			'电工 判断题 知识点「X」 只有 5 道，需要 6 道',
			'电工 第1部分（判断题 知识点「X」）、第2部分（判断题） 能用的题目有重叠，合计只有 12 道不同的题，需要 15 道'
		]);
	});

	it('avoids the first paper on a 补考: zero overlap with a 2× bank', () => {
		const pool = [...many(20, 1), ...many(10, 101, { type: 'single' })];
		const sections = [sec('judge', 10), sec('single', 5)];
		for (const seed of ['a', 'b', 'c', 'd', 'e']) {
			const first = drawPaper({ pool, sections, seed, shuffleQuestions: true, shuffleOptions: true });
			const second = drawPaper({
				pool,
				sections,
				seed: seed + '-retake',
				shuffleQuestions: true,
				shuffleOptions: true,
				avoidQuestionIds: new Set(ids(first))
			});
			expect(second).toHaveLength(15);
			expect(overlap(first, second)).toBe(0);
		}
	});

	it('avoids the first paper on a 补考: minimum overlap with a 1.5× bank', () => {
		// 15 判断 for 10, 6 单选 for 4: at least 5 + 2 questions must come back.
		const pool = [...many(15, 1), ...many(6, 101, { type: 'single' })];
		const sections = [sec('judge', 10), sec('single', 4)];
		for (const seed of ['a', 'b', 'c', 'd', 'e']) {
			const first = drawPaper({ pool, sections, seed, shuffleQuestions: true, shuffleOptions: true });
			const avoid = new Set(ids(first));
			const second = drawPaper({
				pool,
				sections,
				seed: seed + '-retake',
				shuffleQuestions: true,
				shuffleOptions: true,
				avoidQuestionIds: avoid
			});
			expect(second).toHaveLength(14);
			expect(new Set(ids(second)).size).toBe(14);
			expect(overlap(first, second)).toBe(7);
			// every question not on the first paper is used
			for (const c of pool) if (!avoid.has(c.questionId)) expect(ids(second)).toContain(c.questionId);
		}
	});

	it('minimises overlap even when sections compete for the fresh questions', () => {
		// X-tagged: 1, 2, 3. A = X ×2, B = any ×2. Avoided 1, 2, 4, 5: fresh are 3 (X) and 6, so the
		// best paper reuses exactly 2 — fresh 3 must serve A and fresh 6 must serve B.
		const pool = [...many(3, 1, { tags: ['X'] }), ...many(3, 4)];
		const sections = [sec('judge', 2, { tags: ['X'] }), sec('judge', 2)];
		for (const seed of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']) {
			const paper = drawPaper({
				pool,
				sections,
				seed,
				shuffleQuestions: false,
				shuffleOptions: false,
				avoidQuestionIds: new Set([1, 2, 4, 5])
			});
			expect(ids(paper)).toContain(3);
			expect(ids(paper)).toContain(6);
			expect(ids(paper).filter((id) => [1, 2, 4, 5].includes(id))).toHaveLength(2);
			expect(
				bySection(paper)
					.get(0)!
					.every((i) => i.questionId <= 3)
			).toBe(true);
		}
	});

	it('uses each question once even if the pool lists it twice', () => {
		const pool = [
			cand({ questionId: 1, versionId: 10 }),
			cand({ questionId: 1, versionId: 11 }),
			cand({ questionId: 2 })
		];
		const paper = drawPaper({
			pool,
			sections: [sec('judge', 2)],
			seed: 'dup',
			shuffleQuestions: false,
			shuffleOptions: false
		});
		expect(paper.map((i) => [i.questionId, i.versionId])).toEqual([
			[1, 11],
			[2, 20]
		]);
		expect(() =>
			drawPaper({
				pool,
				sections: [sec('judge', 3)],
				seed: 'dup',
				shuffleQuestions: false,
				shuffleOptions: false
			})
		).toThrow(ShortfallError);
	});

	it('generateSeed gives fresh hex seeds of 16+ characters', () => {
		const a = generateSeed();
		const b = generateSeed();
		expect(a).toMatch(/^[0-9a-f]{16,}$/);
		expect(a).not.toBe(b);
	});
});

// ---------------------------------------------------------------------------------------------
// scoring

describe('scoreItem', () => {
	it('scores 单选 and 判断 exactly', () => {
		expect(scoreItem('single', 'B', 'B', 2, 'all_or_nothing')).toBe(2);
		expect(scoreItem('single', 'B', 'C', 2, 'half_for_subset')).toBe(0);
		expect(scoreItem('single', 'B', null, 2, 'all_or_nothing')).toBe(0);
		expect(scoreItem('judge', '对', '对', 1, 'all_or_nothing')).toBe(1);
		expect(scoreItem('judge', '对', '错', 1, 'all_or_nothing')).toBe(0);
		expect(scoreItem('judge', '错', '', 1, 'all_or_nothing')).toBe(0);
	});

	it('scores 多选 all-or-nothing', () => {
		expect(scoreItem('multiple', 'ABD', 'ABD', 2, 'all_or_nothing')).toBe(2);
		expect(scoreItem('multiple', 'ABD', 'AB', 2, 'all_or_nothing')).toBe(0);
		expect(scoreItem('multiple', 'ABD', 'ABCD', 2, 'all_or_nothing')).toBe(0);
	});

	it('scores 多选 with half credit for a correct subset and nothing for a wrong letter', () => {
		expect(scoreItem('multiple', 'ABD', 'ABD', 2, 'half_for_subset')).toBe(2);
		expect(scoreItem('multiple', 'ABD', 'AB', 2, 'half_for_subset')).toBe(1);
		expect(scoreItem('multiple', 'ABD', 'D', 2, 'half_for_subset')).toBe(1);
		expect(scoreItem('multiple', 'ABD', 'ABC', 2, 'half_for_subset')).toBe(0);
		expect(scoreItem('multiple', 'ABD', 'ABCD', 2, 'half_for_subset')).toBe(0);
		expect(scoreItem('multiple', 'ABD', 'C', 2, 'half_for_subset')).toBe(0);
		expect(scoreItem('multiple', 'ABD', '', 2, 'half_for_subset')).toBe(0);
		expect(scoreItem('multiple', 'ABD', null, 2, 'half_for_subset')).toBe(0);
	});
});

describe('display/original letters', () => {
	// Display A shows original C, display B shows original A, display C shows D, display D shows B.
	const order = [2, 0, 3, 1];

	it('maps display letters to original letters and back, canonical', () => {
		expect(displayToOriginal('A', order)).toBe('C');
		expect(displayToOriginal('DA', order)).toBe('BC');
		expect(displayToOriginal('ABCD', order)).toBe('ABCD');
		expect(originalToDisplay('C', order)).toBe('A');
		expect(originalToDisplay('BC', order)).toBe('AD');
		expect(displayToOriginal('A', [0, 1, 2, 3])).toBe('A');
	});

	it('round-trips every subset', () => {
		for (let mask = 1; mask < 16; mask++) {
			const display = ['A', 'B', 'C', 'D'].filter((_, i) => mask & (1 << i)).join('');
			const original = displayToOriginal(display, order);
			expect(originalToDisplay(original, order)).toBe(display);
		}
	});

	it('passes 判断 answers through and rejects a letter that is not an option', () => {
		expect(displayToOriginal('对', [])).toBe('对');
		expect(originalToDisplay('错', [])).toBe('错');
		expect(() => displayToOriginal('E', order)).toThrow('选项「E」不存在，本题只有选项 A、B、C、D');
	});
});

describe('gradeAttempt', () => {
	const paper = (correctSingles: number) => [
		...Array.from({ length: 60 }, (_, i) => ({
			type: 'judge' as const,
			answer: '对',
			response: i < correctSingles ? '对' : '错',
			points: 1
		})),
		...Array.from({ length: 20 }, () => ({ type: 'single' as const, answer: 'A', response: 'A', points: 2 }))
	];

	it('passes exactly at the pass mark and fails half a point below', () => {
		const at = gradeAttempt(paper(40), 'all_or_nothing', 80);
		expect(at.score).toBe(80);
		expect(at.maxScore).toBe(100);
		expect(at.passed).toBe(true);
		const below = gradeAttempt(
			[...paper(39), { type: 'multiple', answer: 'AB', response: 'A', points: 1 }],
			'half_for_subset',
			80
		);
		expect(below.score).toBe(79.5);
		expect(below.maxScore).toBe(101);
		expect(below.passed).toBe(false);
	});

	it('sums without float drift and rounds to half points', () => {
		const tenths = Array.from({ length: 3 }, () => ({
			type: 'single' as const,
			answer: 'A',
			response: 'A',
			points: 0.1
		}));
		const r = gradeAttempt(tenths, 'all_or_nothing', 0.5);
		expect(r.maxScore).toBe(0.3);
		expect(r.score).toBe(0.5); // 0.3 → nearest half
		const halfOf15 = [
			{ type: 'multiple' as const, answer: 'ABC', response: 'AB', points: 1.5 },
			{ type: 'judge' as const, answer: '对', response: '对', points: 1 }
		];
		const h = gradeAttempt(halfOf15, 'half_for_subset', 2);
		expect(h.awarded).toEqual([0.75, 1]);
		expect(h.score).toBe(2); // 1.75 rounds half up to 2
		expect(h.passed).toBe(true);
		const q = gradeAttempt(
			[{ type: 'multiple' as const, answer: 'AB', response: 'A', points: 0.5 }],
			'half_for_subset',
			1
		);
		expect(q.score).toBe(0.5); // 0.25 → 0.5
		expect(q.passed).toBe(false);
	});
});

// ---------------------------------------------------------------------------------------------
// deadline

describe('deadline', () => {
	const start = new Date('2025-06-01T01:00:00Z');

	it('is start + duration, or the session close if earlier', () => {
		expect(attemptDeadline(start, 120, null).toISOString()).toBe('2025-06-01T03:00:00.000Z');
		expect(attemptDeadline(start, 120, new Date('2025-06-01T02:30:00Z')).toISOString()).toBe(
			'2025-06-01T02:30:00.000Z'
		);
		expect(attemptDeadline(start, 120, new Date('2025-06-01T05:00:00Z')).toISOString()).toBe(
			'2025-06-01T03:00:00.000Z'
		);
	});

	it('accepts saves until deadline + grace, exclusive', () => {
		const deadline = attemptDeadline(start, 120, null);
		const at = (ms: number) => new Date(deadline.getTime() + ms);
		expect(saveAllowed(at(-1), deadline, null)).toEqual({ ok: true });
		expect(saveAllowed(at(SAVE_GRACE_MS - 1), deadline, null)).toEqual({ ok: true });
		const late = { ok: false, reason: 'deadline', message: '考试时间已到，答案未被接受' };
		expect(saveAllowed(at(SAVE_GRACE_MS), deadline, null)).toEqual(late);
		expect(saveAllowed(at(SAVE_GRACE_MS + 1), deadline, null)).toEqual(late);
		expect(SAVE_GRACE_MS).toBe(30_000);
	});

	it('refuses saves after submission, even before the deadline', () => {
		const deadline = attemptDeadline(start, 120, null);
		expect(saveAllowed(start, deadline, start)).toEqual({
			ok: false,
			reason: 'submitted',
			message: '试卷已交卷，不能再修改答案'
		});
	});

	it('auto-submits from the deadline on, unless submitted', () => {
		const deadline = attemptDeadline(start, 120, null);
		expect(mustAutoSubmit(new Date(deadline.getTime() - 1), deadline, null)).toBe(false);
		expect(mustAutoSubmit(deadline, deadline, null)).toBe(true);
		expect(mustAutoSubmit(new Date(deadline.getTime() + 1), deadline, null)).toBe(true);
		expect(mustAutoSubmit(new Date(deadline.getTime() + 1), deadline, deadline)).toBe(false);
	});
});

describe('attemptsLeft', () => {
	const done = (passed: boolean) => ({ passed, submittedAt: new Date('2025-06-01T00:00:00Z') });
	const open = { passed: null, submittedAt: null };

	it('lets a new candidate start attempt 1, and a failed one start the 补考', () => {
		expect(attemptsLeft([], 2)).toEqual({ canStart: true, attemptNo: 1 });
		expect(attemptsLeft([done(false)], 2)).toEqual({ canStart: true, attemptNo: 2 });
	});

	it('only counts submitted attempts', () => {
		expect(attemptsLeft([open], 2)).toEqual({ canStart: true, attemptNo: 1 });
		expect(attemptsLeft([done(false), open], 2)).toEqual({ canStart: true, attemptNo: 2 });
	});

	it('refuses after a pass', () => {
		expect(attemptsLeft([done(true)], 2)).toMatchObject({
			canStart: false,
			reason: '已通过本工种考试，无需再考'
		});
		expect(attemptsLeft([done(false), done(true)], 2)).toMatchObject({
			canStart: false,
			reason: '已通过本工种考试，无需再考'
		});
	});

	it('refuses once the attempts are used up', () => {
		expect(attemptsLeft([done(false), done(false)], 2)).toEqual({
			canStart: false,
			reason: '考试次数已用完（含一次补考），须重新参加培训后再考',
			attemptNo: 3
		});
		expect(attemptsLeft([done(false)], 1)).toMatchObject({
			canStart: false,
			reason: '考试次数已用完（共 1 次），须重新参加培训后再考'
		});
	});
});

// ---------------------------------------------------------------------------------------------
// statistics

/*
 * Hand-computed example: 5 candidates (P1–P5) × 4 items.
 *   I1 单选 1 pt, key A   I2 多选 2 pts, key AC, half_for_subset   I3 判断 1 pt, key 对   I4 单选 1 pt, key D
 *
 *        chosen               awarded           total
 *   P1   A   AC  对  C        1   2   1   0      4
 *   P2   A   AB  对  B        1   0   1   0      2
 *   P3   A   AC  对  D        1   2   1   1      5
 *   P4   B   A   对  D        0   1   1   1      3
 *   P5   —   —   对  D        0   0   1   1      2
 *
 * Facility = mean(awarded/points): I1 3/5 = 0.6; I2 (1+0+1+0.5+0)/5 = 0.5; I3 1.0; I4 0.6.
 *
 * Discrimination = Pearson r(x, rest), x = 1 only for full credit, rest = total − awarded.
 *  I1: x = 1 1 1 0 0, rest = 3 1 4 3 2 (mean 2.6)
 *      dx = .4 .4 .4 −.6 −.6, dy = .4 −1.6 1.4 .4 −.6
 *      Σdxdy = .16 − .64 + .56 − .24 + .36 = 0.2; Σdx² = 1.2; Σdy² = .16+2.56+1.96+.16+.36 = 5.2
 *      r = 0.2 / √(1.2·5.2) = 0.2 / √6.24 = 0.080064
 *  I2: x = 1 0 1 0 0 (P4's half credit counts as 0), rest = 2 2 3 2 2 (mean 2.2)
 *      dx = .6 −.4 .6 −.4 −.4, dy = −.2 −.2 .8 −.2 −.2
 *      Σdxdy = −.12 + .08 + .48 + .08 + .08 = 0.6; Σdx² = 1.2; Σdy² = 0.8
 *      r = 0.6 / √0.96 = 0.612372
 *  I3: x constant → null (and facility 1.0 > 0.9 → too_easy)
 *  I4: x = 0 0 1 1 1, rest = 4 2 4 2 1 (mean 2.6)
 *      dx = −.6 −.6 .4 .4 .4, dy = 1.4 −.6 1.4 −.6 −1.6
 *      Σdxdy = −.84 + .36 + .56 − .24 − .64 = −0.8; Σdx² = 1.2; Σdy² = 1.96+.36+1.96+.36+2.56 = 7.2
 *      r = −0.8 / √8.64 = −0.272166 → negative_discrimination
 *
 * Cronbach's alpha (population variances):
 *   var I1 = .6·.4 = 0.24; var I2 of 2 0 2 1 0 (mean 1) = (1+1+1+0+1)/5 = 0.8; var I3 = 0; var I4 = 0.24
 *   Σ = 1.28. Totals 4 2 5 3 2 (mean 3.2): (.64+1.44+3.24+.04+1.44)/5 = 6.8/5 = 1.36
 *   alpha = 4/3 · (1 − 1.28/1.36) = 4/3 · 0.08/1.36 = 4/51 = 0.078431
 */
describe('item statistics', () => {
	const keys = [
		{ questionId: 11, type: 'single' as const, answer: 'A', points: 1 },
		{ questionId: 12, type: 'multiple' as const, answer: 'AC', points: 2 },
		{ questionId: 13, type: 'judge' as const, answer: '对', points: 1 },
		{ questionId: 14, type: 'single' as const, answer: 'D', points: 1 }
	];
	const chosen: (string | null)[][] = [
		['A', 'AC', '对', 'C'],
		['A', 'AB', '对', 'B'],
		['A', 'AC', '对', 'D'],
		['B', 'A', '对', 'D'],
		[null, null, '对', 'D']
	];
	const graded = chosen.map((row) =>
		gradeAttempt(
			row.map((response, j) => ({ ...keys[j], response })),
			'half_for_subset',
			3
		)
	);
	const responses: ItemResponse[] = chosen.flatMap((row, i) =>
		row.map((c, j) => ({
			attemptId: 100 + i,
			questionId: keys[j].questionId,
			correct: graded[i].awarded[j] === keys[j].points,
			awarded: graded[i].awarded[j],
			points: keys[j].points,
			chosen: c
		}))
	);
	const totals = new Map(graded.map((g, i) => [100 + i, g.score]));

	it('grades the example as in the table', () => {
		expect(graded.map((g) => g.awarded)).toEqual([
			[1, 2, 1, 0],
			[1, 0, 1, 0],
			[1, 2, 1, 1],
			[0, 1, 1, 1],
			[0, 0, 1, 1]
		]);
		expect(graded.map((g) => g.score)).toEqual([4, 2, 5, 3, 2]);
	});

	it('computes facility, point-biserial discrimination, option counts and flags', () => {
		const s = itemStatistics(responses, totals);
		expect([...s.keys()].sort()).toEqual([11, 12, 13, 14]);

		const i1 = s.get(11)!;
		expect(i1.n).toBe(5);
		expect(i1.facility).toBeCloseTo(0.6, 10);
		expect(i1.discrimination).toBeCloseTo(0.080064, 5);
		expect(i1.optionCounts).toEqual({ A: 3, B: 1, unanswered: 1 });
		expect(i1.flags).toEqual([]);

		const i2 = s.get(12)!;
		expect(i2.facility).toBeCloseTo(0.5, 10);
		expect(i2.discrimination).toBeCloseTo(0.612372, 5);
		expect(i2.optionCounts).toEqual({ A: 4, B: 1, C: 2, unanswered: 1 });
		expect(i2.flags).toEqual([]);

		const i3 = s.get(13)!;
		expect(i3.facility).toBe(1);
		expect(i3.discrimination).toBeNull();
		expect(i3.optionCounts).toEqual({ 对: 5, unanswered: 0 });
		expect(i3.flags).toEqual(['too_easy']);

		const i4 = s.get(14)!;
		expect(i4.facility).toBeCloseTo(0.6, 10);
		expect(i4.discrimination).toBeCloseTo(-0.272166, 5);
		expect(i4.optionCounts).toEqual({ B: 1, C: 1, D: 3, unanswered: 0 });
		expect(i4.flags).toEqual(['negative_discrimination']);
	});

	it('flags a too-hard item and returns null discrimination for a single response', () => {
		const hard: ItemResponse[] = [100, 101, 102, 103, 104].map((attemptId, i) => ({
			attemptId,
			questionId: 99,
			correct: i === 0,
			awarded: i === 0 ? 1 : 0,
			points: 1,
			chosen: i === 0 ? 'A' : 'B'
		}));
		const s = itemStatistics(hard, totals).get(99)!;
		expect(s.facility).toBeCloseTo(0.2, 10);
		expect(s.flags).toEqual([]); // 0.2 is not < 0.2
		const harder = itemStatistics(
			hard.map((r, i) => (i === 0 ? { ...r, awarded: 0, correct: false, chosen: 'C' } : r)),
			totals
		).get(99)!;
		expect(harder.facility).toBe(0);
		expect(harder.discrimination).toBeNull();
		expect(harder.flags).toEqual(['too_hard']);
		expect(itemStatistics([hard[0]], totals).get(99)!.discrimination).toBeNull();
	});

	it('computes Cronbach alpha with population variances', () => {
		const matrix = graded.map((g) => g.awarded);
		expect(cronbachAlpha(matrix)).toBeCloseTo(4 / 51, 10);
		expect(cronbachAlpha(matrix)).toBeCloseTo(0.078431, 5);
		expect(cronbachAlpha(matrix.map((r) => [r[0]]))).toBeNull(); // k < 2
		expect(
			cronbachAlpha([
				[1, 1],
				[1, 1]
			])
		).toBeNull(); // zero total variance
		// Perfectly consistent items: alpha = 2 · (1 − 0.5/1) = 1
		expect(
			cronbachAlpha([
				[1, 1],
				[0, 0],
				[1, 1],
				[0, 0]
			])
		).toBeCloseTo(1, 10);
		expect(() => cronbachAlpha([[1, 0], [1]])).toThrow(RangeError);
	});

	it('bins a score distribution, full marks in the last bin', () => {
		const d = scoreDistribution([0, 9.5, 10, 79.5, 80, 80, 99, 100], 100);
		expect(d).toHaveLength(10);
		expect(d[0]).toEqual({ from: 0, to: 10, count: 2 });
		expect(d[1]).toEqual({ from: 10, to: 20, count: 1 });
		expect(d[7]).toEqual({ from: 70, to: 80, count: 1 });
		expect(d[8]).toEqual({ from: 80, to: 90, count: 2 });
		expect(d[9]).toEqual({ from: 90, to: 100, count: 2 });
		expect(d.reduce((a, b) => a + b.count, 0)).toBe(8);
		expect(scoreDistribution([3, 4.5], 6, 4).map((b) => b.count)).toEqual([0, 0, 1, 1]);
	});
});

describe('PaperShape: a frozen paper packed for the save path', () => {
	const items: ShapeItem[] = [
		{ position: 1, type: 'single', order: [2, 0, 3, 1] },
		{ position: 2, type: 'multiple', order: [5, 4, 3, 2, 1, 0] },
		{ position: 3, type: 'judge', order: [] },
		{ position: 5, type: 'single', order: [0, 1] }
	];
	const shape = PaperShape.pack(items);

	it('gives back each position exactly as packed', () => {
		for (const i of items) expect(shape.at(i.position)).toEqual(i);
	});

	it('has nothing at a gap, before the first or after the last position, or at a non-integer', () => {
		for (const p of [0, 4, 6, -1, 1.5, NaN]) expect(shape.at(p)).toBeUndefined();
	});

	it('round-trips a drawn 100-question paper', () => {
		const paper = Array.from({ length: 100 }, (_, k) => ({
			position: k + 1,
			type: (['single', 'multiple', 'judge'] as const)[k % 3],
			order: k % 3 === 2 ? [] : [3, 1, 0, 2].slice(0, 2 + (k % 3) * 2)
		}));
		const packed = PaperShape.pack([...paper].reverse());
		expect(paper.map((i) => packed.at(i.position))).toEqual(paper);
	});

	it('refuses an order it cannot hold rather than storing it wrong', () => {
		expect(() => PaperShape.pack([{ position: 1, type: 'single', order: [0, 1, 2, 3, 4, 5, 6] }])).toThrow();
		expect(() => PaperShape.pack([{ position: 1, type: 'single', order: [0, 10] }])).toThrow();
	});
});
