/**
 * Scoring of answers. Pure.
 *
 * All answers here are canonical and in ORIGINAL option letters: sorted letters ("A", "ABD") for
 * 单选/多选, "对"/"错" for 判断. The candidate's screen shows options in a shuffled order; convert
 * with `displayToOriginal` before storing a response and with `originalToDisplay` before showing one.
 */
import { OPTION_LETTERS, type QuestionType } from '../banks/types';

/** 多选 rule of the blueprint: all-or-nothing, or 少选得一半分、错选不得分. */
export type MultipleScoring = 'all_or_nothing' | 'half_for_subset';

function letterSet(s: string): Set<string> {
	return new Set(s.trim().toUpperCase().split(''));
}

/**
 * Points awarded for one answer.
 * - 单选/判断: full points for an exact match (surrounding whitespace ignored), else 0.
 * - 多选: full points for exactly the correct letters (order and duplicates ignored). With
 *   'half_for_subset', a non-empty strict subset of the correct letters with no wrong letter earns
 *   points / 2; any wrong letter earns 0.
 * An unanswered item (null or empty) earns 0.
 */
export function scoreItem(
	type: QuestionType,
	correctAnswer: string,
	response: string | null,
	points: number,
	rule: MultipleScoring
): number {
	if (response == null || response.trim() === '') return 0;
	if (type !== 'multiple') return response.trim() === correctAnswer.trim() ? points : 0;

	const correct = letterSet(correctAnswer);
	const given = letterSet(response);
	for (const l of given) if (!correct.has(l)) return 0;
	if (given.size === correct.size) return points;
	return rule === 'half_for_subset' ? points / 2 : 0;
}

function mapLetters(letters: string, map: (index: number) => number, size: number, what: string): string {
	const out = new Set<number>();
	for (const ch of letters.trim().toUpperCase()) {
		const i = (OPTION_LETTERS as readonly string[]).indexOf(ch);
		if (i < 0 || i >= size) {
			const valid = OPTION_LETTERS.slice(0, size).join('、');
			throw new RangeError(`${what}「${ch}」不存在，本题只有选项 ${valid}`);
		}
		out.add(map(i));
	}
	return [...out]
		.sort((a, b) => a - b)
		.map((i) => OPTION_LETTERS[i])
		.join('');
}

function isJudgeAnswer(s: string): boolean {
	const t = s.trim();
	return t === '' || t === '对' || t === '错';
}

/**
 * The candidate picked `displayLetters` on screen, where display position i shows original option
 * optionOrder[i]; returns the canonical answer in original letters. 判断 (optionOrder `[]`) answers
 * "对"/"错" pass through unchanged.
 * @throws RangeError (Chinese message) for a letter that is not an option of this question.
 */
export function displayToOriginal(displayLetters: string, optionOrder: number[]): string {
	if (optionOrder.length === 0 && isJudgeAnswer(displayLetters)) return displayLetters.trim();
	return mapLetters(displayLetters, (i) => optionOrder[i], optionOrder.length, '选项');
}

/** Inverse of `displayToOriginal`: original letters → the letters the candidate sees, sorted. */
export function originalToDisplay(originalLetters: string, optionOrder: number[]): string {
	if (optionOrder.length === 0 && isJudgeAnswer(originalLetters)) return originalLetters.trim();
	return mapLetters(originalLetters, (o) => optionOrder.indexOf(o), optionOrder.length, '原始选项');
}

/** Sums in thousandths of a point, so that e.g. 0.1 + 0.2 is exactly 0.3. */
function toMilli(x: number): number {
	return Math.round(x * 1000);
}

/**
 * Grades a submitted paper.
 * - `awarded[i]` is `scoreItem` for item i (not rounded; a half of 1.5 points stays 0.75).
 * - `score` is the sum, rounded to the nearest 0.5 (halves rounded up: 82.25 → 82.5, 82.75 → 83).
 *   Summation is done in integer thousandths of a point, so there is no float drift.
 * - `maxScore` is the sum of the items' points (same exact summation, not rounded).
 * - `passed` is `score >= passMark`: exactly the pass mark passes.
 */
export function gradeAttempt(
	items: { type: QuestionType; answer: string; response: string | null; points: number }[],
	rule: MultipleScoring,
	passMark: number
): { score: number; maxScore: number; passed: boolean; awarded: number[] } {
	const awarded = items.map((it) => scoreItem(it.type, it.answer, it.response, it.points, rule));
	const scoreMilli = awarded.reduce((sum, a) => sum + toMilli(a), 0);
	const maxMilli = items.reduce((sum, it) => sum + toMilli(it.points), 0);
	// 500 thousandths = one half-point; integer arithmetic, so the tie test is exact.
	const halves = Math.floor(scoreMilli / 500) + (scoreMilli % 500 >= 250 ? 1 : 0);
	const score = halves / 2;
	return { score, maxScore: maxMilli / 1000, passed: score >= passMark, awarded };
}
