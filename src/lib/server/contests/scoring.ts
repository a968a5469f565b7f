/**
 * Contest scoring ("安康杯" skills contests, 执法比武): rubric aggregation across judges, weighted round
 * totals, team scores, ranking, awards and leaderboard freeze.
 *
 * PURE module: no database, no I/O, no SvelteKit imports. Times are passed in (epoch milliseconds).
 */

// ---------------------------------------------------------------------------------------------
// Rubric aggregation (practical rounds scored by judges)
// ---------------------------------------------------------------------------------------------

export interface AggregationRule {
	/** Drop one highest and one lowest mark when at least this many judges marked the item (default 5). */
	trimAt: number;
}

export const DEFAULT_AGGREGATION_RULE: AggregationRule = { trimAt: 5 };

/** Tolerance for comparing scores computed in floating point. */
export const SCORE_EPSILON = 1e-9;

/** Rounds to 2 decimals, half away from zero, robust to binary noise (e.g. 86.675 → 86.68). */
export function round2(x: number): number {
	const scaled = x * 100;
	const nudge = scaled >= 0 ? 1e-7 : -1e-7;
	const r = Math.round(Math.abs(scaled + nudge)) * Math.sign(scaled);
	return r / 100 + 0; // + 0 turns -0 into 0
}

/**
 * One rubric item's score from the judges' marks: the plain mean, or — with at least `trimAt` marks
 * (and never fewer than 3) — the mean after dropping one highest and one lowest mark.
 * null when nobody marked the item. Not rounded: keep precision until the final total.
 */
export function aggregateItem(
	marks: number[],
	rule: AggregationRule = DEFAULT_AGGREGATION_RULE
): number | null {
	if (marks.length === 0) return null;
	let used = marks;
	if (marks.length >= Math.max(rule.trimAt, 3)) {
		used = [...marks].sort((a, b) => a - b).slice(1, -1);
	}
	return used.reduce((s, m) => s + m, 0) / used.length;
}

/** null when `mark` is acceptable for an item worth `maxPoints`; otherwise a Chinese message. */
export function validateMark(mark: number, maxPoints: number): string | null {
	if (typeof mark !== 'number' || !Number.isFinite(mark)) return '评分必须是数字';
	if (mark < 0) return `评分 ${mark} 无效：不能为负数`;
	if (mark > maxPoints) return `评分 ${mark} 超过该项满分 ${maxPoints} 分`;
	return null;
}

export interface RubricItem {
	itemId: number;
	maxPoints: number;
}

export interface ScoreSheet {
	judgeId: number;
	/** itemId → mark. An item a judge did not mark is simply absent. */
	marks: Map<number, number>;
}

/**
 * A practical round's score for one competitor.
 * - perItem: aggregated mark per rubric item (see `aggregateItem`), null when no judge marked it;
 * - total: sum of the per-item scores (unmarked items count 0), in points, not rounded;
 * - maxTotal: sum of the items' maxPoints, so the round percentage is total / maxTotal × 100;
 * - complete: every rubric item has at least one mark.
 * Missing judges are simply not counted. Marks for items not in the rubric are ignored (the rubric
 * may have been edited). Marks are never clamped: an out-of-range mark throws a RangeError with the
 * `validateMark` message — validate at entry with `validateMark` so that never happens.
 */
export function practicalScore(
	rubric: RubricItem[],
	sheets: ScoreSheet[],
	rule: AggregationRule = DEFAULT_AGGREGATION_RULE
): { total: number; maxTotal: number; perItem: Map<number, number | null>; complete: boolean } {
	const judges = new Set<number>();
	for (const sheet of sheets) {
		if (judges.has(sheet.judgeId)) throw new RangeError(`裁判 ${sheet.judgeId} 的评分表重复`);
		judges.add(sheet.judgeId);
	}
	const perItem = new Map<number, number | null>();
	let total = 0;
	let maxTotal = 0;
	let complete = true;
	for (const item of rubric) {
		const marks: number[] = [];
		for (const sheet of sheets) {
			const mark = sheet.marks.get(item.itemId);
			if (mark === undefined) continue;
			const problem = validateMark(mark, item.maxPoints);
			if (problem) throw new RangeError(`裁判 ${sheet.judgeId} 对评分项 ${item.itemId} 的${problem}`);
			marks.push(mark);
		}
		const score = aggregateItem(marks, rule);
		perItem.set(item.itemId, score);
		if (score === null) complete = false;
		else total += score;
		maxTotal += item.maxPoints;
	}
	return { total, maxTotal, perItem, complete };
}

// ---------------------------------------------------------------------------------------------
// Weighted totals and teams
// ---------------------------------------------------------------------------------------------

/**
 * Contest total from round scores (each a percentage 0–100), weighted by `rounds`.
 * Weights are normalised (0.6/0.4 and 3/2 give the same result); a round with no score (absent or
 * null) counts 0; scores for rounds not listed are ignored. Result rounded to 2 decimals.
 * Throws a RangeError for negative weights or when all weights are 0 (a contest set-up error).
 */
export function weightedTotal(
	roundScores: Map<number, number | null>,
	rounds: { id: number; weight: number }[]
): number {
	if (rounds.length === 0) return 0;
	let weightSum = 0;
	let weighted = 0;
	for (const r of rounds) {
		if (!Number.isFinite(r.weight) || r.weight < 0) {
			throw new RangeError(`轮次 ${r.id} 的权重 ${r.weight} 无效，必须是非负数`);
		}
		const score = roundScores.get(r.id) ?? 0;
		if (!Number.isFinite(score)) throw new RangeError(`轮次 ${r.id} 的成绩无效`);
		weightSum += r.weight;
		weighted += r.weight * score;
	}
	if (weightSum <= 0) throw new RangeError('各轮次权重之和必须大于 0');
	return round2(weighted / weightSum);
}

/**
 * Team score from its members' totals; reserves (替补) are excluded. 'sum' adds, 'average' takes the
 * mean of the non-reserve members. No members → 0. Rounded to 2 decimals.
 */
export function teamScore(
	memberTotals: { total: number; reserve: boolean }[],
	mode: 'sum' | 'average'
): number {
	const counted = memberTotals.filter((m) => !m.reserve);
	if (counted.length === 0) return 0;
	const sum = counted.reduce((s, m) => s + m.total, 0);
	return round2(mode === 'sum' ? sum : sum / counted.length);
}

// ---------------------------------------------------------------------------------------------
// Ranking and awards
// ---------------------------------------------------------------------------------------------

export interface RankEntry {
	id: number;
	total: number;
	/** Compared in order; lower is better, e.g. theory time used in seconds. */
	tieBreak?: number[];
}

/** Lexicographic, lower first; a missing value counts as worse (+∞) than any given value. */
function compareTieBreak(a: number[] | undefined, b: number[] | undefined): number {
	const x = a ?? [];
	const y = b ?? [];
	const n = Math.max(x.length, y.length);
	for (let i = 0; i < n; i++) {
		const p = x[i] ?? Number.POSITIVE_INFINITY;
		const q = y[i] ?? Number.POSITIVE_INFINITY;
		if (p !== q) return p < q ? -1 : 1;
	}
	return 0;
}

/**
 * Standard competition ranking ("1, 2, 2, 4"): sorted by total, highest first. Totals within 1e-9 of
 * the first total of their group are equal. Equal totals share a rank, unless `useTieBreak` and their
 * tie-break values differ, in which case the lower tie-break ranks higher (equal tie-breaks still
 * share). Within a shared rank, entries are listed by id ascending so the output is deterministic.
 * O(n log n): 10,000 entries take a few milliseconds.
 */
export function rank(
	entries: RankEntry[],
	useTieBreak: boolean
): { id: number; rank: number; total: number }[] {
	const sorted = [...entries].sort((a, b) => b.total - a.total || a.id - b.id);
	const out: { id: number; rank: number; total: number }[] = [];
	let start = 0;
	while (start < sorted.length) {
		// A group of equal totals: within SCORE_EPSILON of the group's first (highest) total.
		let end = start + 1;
		while (end < sorted.length && sorted[start].total - sorted[end].total <= SCORE_EPSILON) end++;
		if (end - start === 1) {
			out.push({ id: sorted[start].id, rank: start + 1, total: sorted[start].total });
			start = end;
			continue;
		}
		const group = sorted.slice(start, end);
		if (useTieBreak) group.sort((a, b) => compareTieBreak(a.tieBreak, b.tieBreak) || a.id - b.id);
		else group.sort((a, b) => a.id - b.id);
		let shared = start + 1;
		for (let i = 0; i < group.length; i++) {
			if (i > 0 && useTieBreak && compareTieBreak(group[i - 1].tieBreak, group[i].tieBreak) !== 0) {
				shared = start + i + 1;
			}
			out.push({ id: group[i].id, rank: shared, total: group[i].total });
		}
		start = end;
	}
	return out;
}

export type Award = '一等奖' | '二等奖' | '三等奖';

export interface AwardRule {
	/** 'count': first/second/third are numbers of entrants; 'share': fractions of all entrants. */
	mode: 'count' | 'share';
	first: number;
	second: number;
	third: number;
}

/**
 * Awards by rank. The tiers fill positions in order: with counts c1, c2, c3 an entrant ranked r gets
 * 一等奖 if r ≤ c1, else 二等奖 if r ≤ c1 + c2, else 三等奖 if r ≤ c1 + c2 + c3.
 * - 'share' mode: c = share × number of entrants, rounded to nearest (halves up); first is at least 1
 *   when there is anyone to award.
 * - Ties at a boundary all get the higher award: tied entrants share the lowest rank of their group,
 *   so if that rank is within a tier, all of them are in it. The positions they take beyond the tier
 *   come out of the next tier (cut-offs are by position, so the total awarded only grows by ties).
 */
export function awards(ranked: { id: number; rank: number }[], rule: AwardRule): Map<number, Award> {
	const result = new Map<number, Award>();
	const n = ranked.length;
	if (n === 0) return result;
	for (const [key, v] of [
		['first', rule.first],
		['second', rule.second],
		['third', rule.third]
	] as const) {
		if (
			!Number.isFinite(v) ||
			v < 0 ||
			(rule.mode === 'share' && v > 1) ||
			(rule.mode === 'count' && !Number.isInteger(v))
		) {
			throw new RangeError(`获奖设置 ${key} = ${v} 无效`);
		}
	}
	const count = (v: number) => (rule.mode === 'count' ? v : Math.round(v * n + 1e-9));
	const c1 = rule.mode === 'share' ? Math.max(1, count(rule.first)) : count(rule.first);
	const c2 = c1 + count(rule.second);
	const c3 = c2 + count(rule.third);
	for (const e of ranked) {
		if (e.rank <= c1) result.set(e.id, '一等奖');
		else if (e.rank <= c2) result.set(e.id, '二等奖');
		else if (e.rank <= c3) result.set(e.id, '三等奖');
	}
	return result;
}

// ---------------------------------------------------------------------------------------------
// Leaderboard freeze (封榜)
// ---------------------------------------------------------------------------------------------

/**
 * Score events the viewer may see. The jury sees everything. The public sees everything when there is
 * no freeze or once the results are revealed; otherwise only events recorded strictly before
 * `freezeAt` (an event at exactly `freezeAt` is hidden). Order is preserved; a new array is returned.
 */
export function visibleScoreEvents<T extends { recordedAt: number }>(
	events: T[],
	view: 'public' | 'jury',
	freezeAt: number | null,
	revealed: boolean
): T[] {
	if (view === 'jury' || freezeAt === null || revealed) return [...events];
	return events.filter((e) => e.recordedAt < freezeAt);
}
