import { describe, expect, it } from 'vitest';
import {
	aggregateItem,
	awards,
	practicalScore,
	rank,
	round2,
	teamScore,
	validateMark,
	visibleScoreEvents,
	weightedTotal,
	type RankEntry,
	type ScoreSheet
} from '../../src/lib/server/contests/scoring';

const RULE = { trimAt: 5 };

function sheet(judgeId: number, marks: Record<number, number>): ScoreSheet {
	return { judgeId, marks: new Map(Object.entries(marks).map(([k, v]) => [Number(k), v])) };
}

describe('aggregateItem', () => {
	it('4 judges → plain mean', () => {
		// (8 + 9 + 7 + 10) / 4 = 34 / 4 = 8.5
		expect(aggregateItem([8, 9, 7, 10], RULE)).toBe(8.5);
	});
	it('5 judges → trimmed mean (drop one highest, one lowest)', () => {
		// sorted 6 7 8 9 10 → drop 6 and 10 → (7 + 8 + 9) / 3 = 8
		expect(aggregateItem([8, 9, 7, 10, 6], RULE)).toBe(8);
		// an outlier is neutralised: 9 9 9 9 0 → drop 0 and one 9 → 9 (plain mean would be 36 / 5 = 7.2)
		expect(aggregateItem([9, 9, 9, 9, 0], RULE)).toBe(9);
		expect(aggregateItem([9, 9, 9, 9, 0], { trimAt: 6 })).toBe(7.2);
	});
	it('default rule is trimAt 5; trimming never leaves fewer than one mark', () => {
		expect(aggregateItem([8, 9, 7, 10, 6])).toBe(8);
		// trimAt 3: 1 5 6 → 5
		expect(aggregateItem([1, 5, 6], { trimAt: 3 })).toBe(5);
		// trimAt 2 with 2 marks would leave nothing: plain mean (4 + 6) / 2 = 5
		expect(aggregateItem([4, 6], { trimAt: 2 })).toBe(5);
	});
	it('no marks → null; one mark → that mark', () => {
		expect(aggregateItem([], RULE)).toBeNull();
		expect(aggregateItem([7.5], RULE)).toBe(7.5);
	});
	it('does not reorder the caller’s array', () => {
		const marks = [8, 9, 7, 10, 6];
		aggregateItem(marks, RULE);
		expect(marks).toEqual([8, 9, 7, 10, 6]);
	});
});

describe('validateMark', () => {
	it('accepts 0..maxPoints inclusive, decimals allowed', () => {
		expect(validateMark(0, 10)).toBeNull();
		expect(validateMark(10, 10)).toBeNull();
		expect(validateMark(7.5, 10)).toBeNull();
	});
	it('rejects out-of-range and non-numbers with Chinese messages', () => {
		expect(validateMark(-1, 10)).toBe('评分 -1 无效：不能为负数');
		expect(validateMark(10.5, 10)).toBe('评分 10.5 超过该项满分 10 分');
		expect(validateMark(Number.NaN, 10)).toBe('评分必须是数字');
		expect(validateMark(Number.POSITIVE_INFINITY, 10)).toBe('评分必须是数字');
	});
});

describe('practicalScore', () => {
	// Items: 1 (max 10), 2 (max 20), 3 (max 5) → maxTotal 35.
	const rubric = [
		{ itemId: 1, maxPoints: 10 },
		{ itemId: 2, maxPoints: 20 },
		{ itemId: 3, maxPoints: 5 }
	];
	const four = [
		sheet(1, { 1: 8, 2: 15, 3: 4 }),
		sheet(2, { 1: 9, 2: 16 }), // judge 2 did not mark item 3
		sheet(3, { 1: 7, 2: 17, 3: 5 }),
		sheet(4, { 1: 10, 2: 18, 3: 3 })
	];

	it('4 judges, one item missed by a judge', () => {
		// item 1: (8 + 9 + 7 + 10) / 4 = 8.5; item 2: (15 + 16 + 17 + 18) / 4 = 16.5;
		// item 3: only 3 judges → (4 + 5 + 3) / 3 = 4. Total 8.5 + 16.5 + 4 = 29.
		const r = practicalScore(rubric, four, RULE);
		expect([...r.perItem]).toEqual([
			[1, 8.5],
			[2, 16.5],
			[3, 4]
		]);
		expect(r.total).toBe(29);
		expect(r.maxTotal).toBe(35);
		expect(r.complete).toBe(true);
	});

	it('a fifth judge switches items with ≥ 5 marks to the trimmed mean', () => {
		// item 1: 8 9 7 10 6 → (7 + 8 + 9) / 3 = 8; item 2: 15 16 17 18 20 → (16 + 17 + 18) / 3 = 17;
		// item 3: 4 marks 4 5 3 5 → 17 / 4 = 4.25 (plain). Total 8 + 17 + 4.25 = 29.25.
		const r = practicalScore(rubric, [...four, sheet(5, { 1: 6, 2: 20, 3: 5 })], RULE);
		expect([...r.perItem.values()]).toEqual([8, 17, 4.25]);
		expect(r.total).toBe(29.25);
	});

	it('an item nobody marked is null, counts 0 and makes the sheet incomplete', () => {
		const r = practicalScore([...rubric, { itemId: 4, maxPoints: 10 }], four, RULE);
		expect(r.perItem.get(4)).toBeNull();
		expect(r.total).toBe(29);
		expect(r.maxTotal).toBe(45);
		expect(r.complete).toBe(false);
	});

	it('no sheets at all → 0, incomplete', () => {
		const r = practicalScore(rubric, [], RULE);
		expect(r).toMatchObject({ total: 0, complete: false });
	});

	it('ignores marks for items not in the rubric', () => {
		const r = practicalScore(rubric, [sheet(1, { 1: 5, 2: 10, 3: 2, 99: 1000 })], RULE);
		expect(r.total).toBe(17);
	});

	it('never clamps: an out-of-range mark or a duplicate judge sheet throws', () => {
		expect(() => practicalScore(rubric, [sheet(7, { 1: 11 })], RULE)).toThrow(
			'裁判 7 对评分项 1 的评分 11 超过该项满分 10 分'
		);
		expect(() => practicalScore(rubric, [sheet(1, { 1: 5 }), sheet(1, { 1: 6 })], RULE)).toThrow(
			'评分表重复'
		);
	});
});

describe('weightedTotal', () => {
	const rounds64 = [
		{ id: 1, weight: 0.6 },
		{ id: 2, weight: 0.4 }
	];
	const rounds32 = [
		{ id: 1, weight: 3 },
		{ id: 2, weight: 2 }
	];

	it('weights 0.6 / 0.4 and 3 / 2 give the same result', () => {
		// 0.6 × 85 + 0.4 × 90 = 51 + 36 = 87;  (3 × 85 + 2 × 90) / 5 = (255 + 180) / 5 = 87
		const scores = new Map([
			[1, 85],
			[2, 90]
		]);
		expect(weightedTotal(scores, rounds64)).toBe(87);
		expect(weightedTotal(scores, rounds32)).toBe(87);
		// (3 × 88.5 + 2 × 79.25) / 5 = (265.5 + 158.5) / 5 = 424 / 5 = 84.8
		const other = new Map([
			[1, 88.5],
			[2, 79.25]
		]);
		expect(weightedTotal(other, rounds32)).toBe(84.8);
		expect(weightedTotal(other, rounds64)).toBe(84.8);
	});

	it('rounds the final total to 2 decimals', () => {
		// (100 + 80 + 80) / 3 = 86.666… → 86.67
		const scores = new Map([
			[1, 100],
			[2, 80],
			[3, 80]
		]);
		const equal = [1, 2, 3].map((id) => ({ id, weight: 1 }));
		expect(weightedTotal(scores, equal)).toBe(86.67);
	});

	it('a missing round counts 0; unknown rounds are ignored', () => {
		// 0.6 × 85 + 0.4 × 0 = 51
		expect(weightedTotal(new Map([[1, 85]]), rounds64)).toBe(51);
		expect(
			weightedTotal(
				new Map<number, number | null>([
					[1, 85],
					[2, null],
					[9, 100]
				]),
				rounds64
			)
		).toBe(51);
	});

	it('no rounds → 0; negative or all-zero weights are a set-up error', () => {
		expect(weightedTotal(new Map([[1, 85]]), [])).toBe(0);
		expect(() => weightedTotal(new Map(), [{ id: 1, weight: -1 }])).toThrow('权重 -1 无效');
		expect(() => weightedTotal(new Map(), [{ id: 1, weight: 0 }])).toThrow('权重之和必须大于 0');
	});

	it('round2 is robust to binary noise', () => {
		expect(round2(1.005)).toBe(1.01);
		expect(round2(86.675)).toBe(86.68);
		expect(round2(0.1 + 0.2)).toBe(0.3);
		expect(round2(87.004)).toBe(87);
		expect(round2(-1.005)).toBe(-1.01);
		expect(Object.is(round2(-0.001), 0)).toBe(true);
	});
});

describe('teamScore', () => {
	const members = [
		{ total: 90, reserve: false },
		{ total: 80, reserve: false },
		{ total: 70, reserve: false },
		{ total: 100, reserve: true }
	];
	it('sum and average exclude the reserve', () => {
		// 90 + 80 + 70 = 240; 240 / 3 = 80 (the reserve's 100 is not counted)
		expect(teamScore(members, 'sum')).toBe(240);
		expect(teamScore(members, 'average')).toBe(80);
	});
	it('averages are rounded to 2 decimals', () => {
		// (90 + 80 + 81) / 3 = 251 / 3 = 83.666… → 83.67
		expect(
			teamScore(
				[
					{ total: 90, reserve: false },
					{ total: 80, reserve: false },
					{ total: 81, reserve: false }
				],
				'average'
			)
		).toBe(83.67);
	});
	it('no counted members → 0', () => {
		expect(teamScore([], 'average')).toBe(0);
		expect(teamScore([{ total: 99, reserve: true }], 'sum')).toBe(0);
	});
});

describe('rank', () => {
	const ranks = (r: { id: number; rank: number }[]) => r.map((e) => [e.id, e.rank]);

	it('equal totals share a rank: 1, 2, 2, 4', () => {
		const entries: RankEntry[] = [
			{ id: 4, total: 85 },
			{ id: 3, total: 90 },
			{ id: 1, total: 95 },
			{ id: 2, total: 90 }
		];
		expect(rank(entries, false)).toEqual([
			{ id: 1, rank: 1, total: 95 },
			{ id: 2, rank: 2, total: 90 },
			{ id: 3, rank: 2, total: 90 },
			{ id: 4, rank: 4, total: 85 }
		]);
	});

	it('totals within 1e-9 are equal', () => {
		const r = rank(
			[
				{ id: 1, total: 0.1 + 0.2 }, // 0.30000000000000004
				{ id: 2, total: 0.3 },
				{ id: 3, total: 0.3 - 1e-6 }
			],
			false
		);
		expect(ranks(r)).toEqual([
			[1, 1],
			[2, 1],
			[3, 3]
		]);
	});

	it('tie-break separates equal totals (lower is better), only when enabled', () => {
		const entries: RankEntry[] = [
			{ id: 1, total: 95, tieBreak: [900] },
			{ id: 2, total: 90, tieBreak: [600] },
			{ id: 3, total: 90, tieBreak: [540] }, // faster theory → ahead of 2
			{ id: 4, total: 85, tieBreak: [100] }
		];
		expect(ranks(rank(entries, true))).toEqual([
			[1, 1],
			[3, 2],
			[2, 3],
			[4, 4]
		]);
		expect(ranks(rank(entries, false))).toEqual([
			[1, 1],
			[2, 2],
			[3, 2],
			[4, 4]
		]);
	});

	it('tie-break values are compared in order; equal tie-breaks still share; missing counts as worse', () => {
		const entries: RankEntry[] = [
			{ id: 1, total: 90, tieBreak: [600, 10] },
			{ id: 2, total: 90, tieBreak: [600, 5] },
			{ id: 3, total: 90, tieBreak: [600, 5] },
			{ id: 4, total: 90 },
			{ id: 5, total: 90, tieBreak: [600] }
		];
		// [600,5] ×2 → rank 1; [600,10] → 3; [600] (second missing = +∞) → 4; none → 5
		expect(ranks(rank(entries, true))).toEqual([
			[2, 1],
			[3, 1],
			[1, 3],
			[5, 4],
			[4, 5]
		]);
	});

	it('all equal → everyone first; empty → empty', () => {
		const all = [5, 3, 9, 1].map((id) => ({ id, total: 80 }));
		expect(ranks(rank(all, true))).toEqual([
			[1, 1],
			[3, 1],
			[5, 1],
			[9, 1]
		]);
		expect(rank([], true)).toEqual([]);
	});

	it('does not modify its input', () => {
		const entries = [
			{ id: 2, total: 10 },
			{ id: 1, total: 20 }
		];
		rank(entries, false);
		expect(entries.map((e) => e.id)).toEqual([2, 1]);
	});

	it('handles 10,000 entries (timing is benchmarked elsewhere)', () => {
		let seed = 12345;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
		const entries: RankEntry[] = Array.from({ length: 10_000 }, (_, i) => ({
			id: i + 1,
			total: (next() % 10_001) / 100, // many ties among 10,001 possible totals
			tieBreak: [next() % 7200]
		}));
		for (const useTieBreak of [false, true]) {
			const r = rank(entries, useTieBreak);
			expect(r).toHaveLength(10_000);
			expect(r[0].rank).toBe(1);
			// Totals never increase; ranks never decrease and never exceed the position.
			const badAt = r.findIndex(
				(e, i) => i > 0 && (e.total > r[i - 1].total || e.rank < r[i - 1].rank || e.rank > i + 1)
			);
			expect(badAt).toBe(-1);
			expect(new Set(r.map((e) => e.id)).size).toBe(10_000);
		}
	});
});

describe('awards', () => {
	const ranked = (list: number[]) => list.map((r, i) => ({ id: i + 1, rank: r }));
	const byId = (m: Map<number, string>) => Object.fromEntries(m);

	it('by count 1 / 2 / 3', () => {
		const m = awards(ranked([1, 2, 3, 4, 5, 6, 7, 8]), { mode: 'count', first: 1, second: 2, third: 3 });
		// cut-offs: rank ≤ 1 一等, ≤ 3 二等, ≤ 6 三等
		expect(byId(m)).toEqual({ 1: '一等奖', 2: '二等奖', 3: '二等奖', 4: '三等奖', 5: '三等奖', 6: '三等奖' });
	});

	it('by count with ties at a boundary: the tied all get the higher award', () => {
		// count 1/1/2 → cut-offs 1, 2, 4. Ranks 1 2 2 4 5: both rank-2 entrants get 二等奖.
		const m = awards(ranked([1, 2, 2, 4, 5]), { mode: 'count', first: 1, second: 1, third: 2 });
		expect(byId(m)).toEqual({ 1: '一等奖', 2: '二等奖', 3: '二等奖', 4: '三等奖' });
		// count 1/1/1 → cut-offs 1, 2, 3. Ranks 1 1 3 4: both firsts; the extra 一等奖 uses the 二等奖 slot.
		const n = awards(ranked([1, 1, 3, 4]), { mode: 'count', first: 1, second: 1, third: 1 });
		expect(byId(n)).toEqual({ 1: '一等奖', 2: '一等奖', 3: '三等奖' });
	});

	it('by share 0.1 / 0.2 / 0.3 of 20 entrants → 2 / 4 / 6', () => {
		const m = awards(ranked(Array.from({ length: 20 }, (_, i) => i + 1)), {
			mode: 'share',
			first: 0.1,
			second: 0.2,
			third: 0.3
		});
		// cut-offs 2, 6, 12
		expect([...m.values()].filter((a) => a === '一等奖')).toHaveLength(2);
		expect([...m.values()].filter((a) => a === '二等奖')).toHaveLength(4);
		expect([...m.values()].filter((a) => a === '三等奖')).toHaveLength(6);
		expect(m.get(12)).toBe('三等奖');
		expect(m.has(13)).toBe(false);
	});

	it('share rounds to nearest (halves up) and gives at least one 一等奖', () => {
		// 15 entrants: 1.5 → 2, 3 → 3, 4.5 → 5 → cut-offs 2, 5, 10
		const m = awards(ranked(Array.from({ length: 15 }, (_, i) => i + 1)), {
			mode: 'share',
			first: 0.1,
			second: 0.2,
			third: 0.3
		});
		expect([m.get(2), m.get(3), m.get(5), m.get(6), m.get(10), m.has(11)]).toEqual([
			'一等奖',
			'二等奖',
			'二等奖',
			'三等奖',
			'三等奖',
			false
		]);
		// 4 entrants: 0.4 → 0 → at least 1; 0.8 → 1; 1.2 → 1 → cut-offs 1, 2, 3
		const small = awards(ranked([1, 2, 3, 4]), { mode: 'share', first: 0.1, second: 0.2, third: 0.3 });
		expect(byId(small)).toEqual({ 1: '一等奖', 2: '二等奖', 3: '三等奖' });
	});

	it('share with a tie at a boundary', () => {
		// 10 entrants: 1 / 2 / 3 → cut-offs 1, 3, 6. Ranks 1 2 3 3 5 6 6 8 9 10:
		// both rank-3 entrants get 二等奖, both rank-6 entrants get 三等奖.
		const m = awards(ranked([1, 2, 3, 3, 5, 6, 6, 8, 9, 10]), {
			mode: 'share',
			first: 0.1,
			second: 0.2,
			third: 0.3
		});
		expect(byId(m)).toEqual({
			1: '一等奖',
			2: '二等奖',
			3: '二等奖',
			4: '二等奖',
			5: '三等奖',
			6: '三等奖',
			7: '三等奖'
		});
	});

	it('no entrants → no awards; invalid settings throw', () => {
		expect(awards([], { mode: 'share', first: 0.1, second: 0.2, third: 0.3 }).size).toBe(0);
		expect(() => awards(ranked([1]), { mode: 'share', first: 1.5, second: 0, third: 0 })).toThrow('获奖设置');
		expect(() => awards(ranked([1]), { mode: 'count', first: 1.5, second: 0, third: 0 })).toThrow('获奖设置');
	});
});

describe('visibleScoreEvents', () => {
	const events = [100, 199, 200, 250].map((recordedAt, i) => ({ id: i + 1, recordedAt }));

	it('public view hides events at or after the freeze until revealed', () => {
		expect(visibleScoreEvents(events, 'public', 200, false).map((e) => e.recordedAt)).toEqual([100, 199]);
	});
	it('revealed shows all; no freeze shows all', () => {
		expect(visibleScoreEvents(events, 'public', 200, true)).toEqual(events);
		expect(visibleScoreEvents(events, 'public', null, false)).toEqual(events);
	});
	it('the jury sees everything, frozen or not', () => {
		expect(visibleScoreEvents(events, 'jury', 200, false)).toEqual(events);
	});
	it('returns a new array and keeps the order', () => {
		const out = visibleScoreEvents(events, 'jury', null, false);
		expect(out).not.toBe(events);
		expect(visibleScoreEvents([...events].reverse(), 'public', 200, false).map((e) => e.id)).toEqual([2, 1]);
	});
});
