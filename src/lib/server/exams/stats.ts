/**
 * Item statistics for trainers (试题分析). Pure.
 *
 * All variances here are POPULATION variances (divide by n, not n − 1). Neither result depends on
 * that choice as long as it is applied consistently: the correlation's divisors cancel, and so do
 * those of the item-variance / total-variance ratio in Cronbach's alpha.
 */

/** One candidate's answer to one question, as graded. `chosen` is in ORIGINAL option letters. */
export interface ItemResponse {
	attemptId: number;
	questionId: number;
	correct: boolean;
	awarded: number;
	points: number;
	chosen: string | null;
}

export type ItemFlag = 'too_easy' | 'too_hard' | 'negative_discrimination';

export interface ItemStats {
	/** Number of responses (answered or not). */
	n: number;
	/** Mean of awarded / points, 0–1 (难度系数 / 通过率). */
	facility: number;
	/** Corrected point-biserial item–rest correlation; null when it cannot be computed. */
	discrimination: number | null;
	/** Times each option letter (or 对/错) was chosen, plus 'unanswered'. */
	optionCounts: Record<string, number>;
	flags: ItemFlag[];
}

export const TOO_EASY_ABOVE = 0.9;
export const TOO_HARD_BELOW = 0.2;

function mean(xs: number[]): number {
	return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Population variance. */
function variance(xs: number[]): number {
	const m = mean(xs);
	return xs.reduce((a, x) => a + (x - m) * (x - m), 0) / xs.length;
}

/** Differences smaller than this are treated as zero (float noise). */
const EPS = 1e-9;

/** Pearson correlation; null when n < 2 or either variable has zero variance. */
function pearson(xs: number[], ys: number[]): number | null {
	if (xs.length < 2) return null;
	const mx = mean(xs);
	const my = mean(ys);
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < xs.length; i++) {
		const dx = xs[i] - mx;
		const dy = ys[i] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx < EPS || syy < EPS) return null;
	return sxy / Math.sqrt(sxx * syy);
}

function ratio(r: ItemResponse): number {
	return r.points > 0 ? r.awarded / r.points : 0;
}

/**
 * Per-question statistics.
 * - facility = mean(awarded / points) over all responses (partial credit counts partially).
 * - discrimination = point-biserial correlation between correctness and the REST score (the
 *   attempt's total minus this item's awarded points — the corrected item–total correlation).
 *   Correctness is dichotomised from the points, not read from `correct`: awarded / points ≥ 1 is
 *   1, anything less (including half credit) is 0. Responses whose attempt is missing from `totals`
 *   are left out of the discrimination only. null when fewer than 2 responses remain or either
 *   variable has zero variance (e.g. everybody right).
 * - flags: facility > 0.9 too_easy, facility < 0.2 too_hard, discrimination < 0
 *   negative_discrimination.
 * - optionCounts: every letter of a multi-letter answer is counted once; null or empty → 'unanswered'
 *   (the key is always present).
 */
export function itemStatistics(
	responses: ItemResponse[],
	totals: Map<number, number>
): Map<number, ItemStats> {
	const byQuestion = new Map<number, ItemResponse[]>();
	for (const r of responses) {
		const list = byQuestion.get(r.questionId);
		if (list) list.push(r);
		else byQuestion.set(r.questionId, [r]);
	}

	const out = new Map<number, ItemStats>();
	for (const [questionId, list] of byQuestion) {
		const facility = mean(list.map(ratio));

		const xs: number[] = [];
		const ys: number[] = [];
		for (const r of list) {
			const total = totals.get(r.attemptId);
			if (total == null) continue;
			xs.push(ratio(r) >= 1 - EPS ? 1 : 0);
			ys.push(total - r.awarded);
		}
		const discrimination = pearson(xs, ys);

		const optionCounts: Record<string, number> = { unanswered: 0 };
		for (const r of list) {
			const chosen = r.chosen?.trim() ?? '';
			if (chosen === '') {
				optionCounts.unanswered++;
				continue;
			}
			for (const letter of new Set(chosen.split(''))) optionCounts[letter] = (optionCounts[letter] ?? 0) + 1;
		}

		const flags: ItemFlag[] = [];
		if (facility > TOO_EASY_ABOVE) flags.push('too_easy');
		if (facility < TOO_HARD_BELOW) flags.push('too_hard');
		if (discrimination != null && discrimination < 0) flags.push('negative_discrimination');

		out.set(questionId, { n: list.length, facility, discrimination, optionCounts, flags });
	}
	return out;
}

/**
 * Cronbach's alpha = k/(k−1) · (1 − Σ var(item) / var(total)), with POPULATION variances (the same
 * value as with sample variances, since the ratio cancels the divisor).
 * Rows are attempts, columns items (awarded points). null when k < 2, there are no rows, or the
 * total score has zero variance.
 * @throws RangeError when the rows do not all have the same number of items.
 */
export function cronbachAlpha(matrix: number[][]): number | null {
	if (matrix.length === 0) return null;
	const k = matrix[0].length;
	if (matrix.some((row) => row.length !== k)) throw new RangeError('计算信度系数需要每份答卷的题目数相同');
	if (k < 2) return null;
	const totalVar = variance(matrix.map((row) => row.reduce((a, b) => a + b, 0)));
	if (totalVar < EPS) return null;
	let itemVarSum = 0;
	for (let j = 0; j < k; j++) itemVarSum += variance(matrix.map((row) => row[j]));
	return (k / (k - 1)) * (1 - itemVarSum / totalVar);
}

/**
 * Histogram of scores over [0, maxScore] in `bins` equal-width bins. Each bin is [from, to), the
 * last one [from, maxScore] so a full score is counted. Scores outside the range are clamped into
 * the first or last bin.
 * @throws RangeError when bins is not a positive integer or maxScore is not positive.
 */
export function scoreDistribution(
	scores: number[],
	maxScore: number,
	bins = 10
): { from: number; to: number; count: number }[] {
	if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`分数段数应为正整数，当前为 ${bins}`);
	if (!(maxScore > 0)) throw new RangeError(`满分应大于 0，当前为 ${maxScore}`);
	const out = Array.from({ length: bins }, (_, i) => ({
		from: (i * maxScore) / bins,
		to: ((i + 1) * maxScore) / bins,
		count: 0
	}));
	for (const s of scores) {
		// s·bins/max (not s / width) keeps exact boundaries exact, e.g. 80 of 100 in 10 bins → 8.
		const i = Math.min(bins - 1, Math.max(0, Math.floor((s * bins) / maxScore)));
		out[i].count++;
	}
	return out;
}
