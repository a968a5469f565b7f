/**
 * Content checks for a whole bank (`npm run bank:check`), on top of the per-question rules in
 * `validateQuestion`:
 *
 * - every rule problem of every question (error);
 * - identical stems (error) and near-identical stems (warning: character-bigram Dice
 *   similarity ≥ 0.9 after removing whitespace and punctuation);
 * - 单选 answers unevenly spread over A–D (warning, from 20 单选 up) and 判断 answers unevenly
 *   split between 对 and 错 (warning, from 10 判断 up);
 * - fewer published questions of a type than an exam rule needs (error);
 * - a source citing a document that has since been replaced (warning, see ../superseded.ts).
 *
 * Line numbers: for an issue about a question, `line` is the question's 1-based index in
 * `bank.questions` (not a line of the YAML file), and the message says "第 N 题（ref）".
 * Issues about the bank as a whole (answer skew, shortfalls) have `line` 0.
 *
 * Retired questions never reach an exam, so they are left out of the duplicate and skew
 * checks; shortfalls count published questions only.
 */
import {
	TYPE_LABEL,
	type BankFile,
	type ImportIssue,
	type QuestionContent,
	type QuestionType
} from '../types';
import { validateQuestion } from '../validate';
import { supersededCitations, supersededNote } from '../../superseded';

export interface RequiredCount {
	type: QuestionType;
	count: number;
	/** Name of the exam rule that needs these questions, for the message. */
	label?: string;
}

export interface LintOptions {
	requiredCounts?: RequiredCount[];
	/** Day for the superseded-source check (see ../superseded.ts); no check without it. */
	today?: Date;
}

export const NEAR_DUPLICATE_THRESHOLD = 0.9;
export const SINGLE_SKEW = { minQuestions: 20, minShare: 0.15, maxShare: 0.35 } as const;
export const JUDGE_SKEW = { minQuestions: 10, minShare: 0.35 } as const;

export function lintBank(bank: BankFile, opts: LintOptions = {}): ImportIssue[] {
	const issues: ImportIssue[] = [];
	const qs = bank.questions;
	const who = (i: number) => (qs[i].ref ? `第 ${i + 1} 题（${qs[i].ref}）` : `第 ${i + 1} 题`);

	qs.forEach((q, i) => {
		for (const p of validateQuestion(q)) {
			issues.push({ line: i + 1, field: p.field, message: `${who(i)}：${p.message}`, severity: 'error' });
		}
	});

	const active = qs.map((q, i) => ({ q, i })).filter(({ q }) => q.status !== 'retired');
	if (opts.today)
		for (const { q, i } of active)
			for (const d of supersededCitations(q.source, opts.today))
				issues.push({
					line: i + 1,
					field: 'source',
					message: `${who(i)}：依据已更新·待复核——${supersededNote(d)}`,
					severity: 'warning'
				});
	issues.push(...duplicateStems(active, who));
	issues.push(...answerSkew(active.map(({ q }) => q)));

	const published = qs.filter((q) => q.status === 'published');
	for (const need of opts.requiredCounts ?? []) {
		const have = published.filter((q) => q.type === need.type).length;
		if (have < need.count) {
			const rule = need.label ? `组卷规则"${need.label}"` : '组卷规则';
			issues.push({
				line: 0,
				field: 'type',
				message: `已发布的${TYPE_LABEL[need.type]}题只有 ${have} 道，少于${rule}所需的 ${need.count} 道`,
				severity: 'error'
			});
		}
	}
	return issues;
}

/** Whitespace and punctuation removed, full-width folded, lower case. */
function normalizeStem(stem: string): string {
	return stem
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s\p{P}]/gu, '');
}

function bigrams(s: string): { counts: Map<string, number>; size: number } {
	const counts = new Map<string, number>();
	const chars = [...s];
	if (chars.length === 1) counts.set(chars[0], 1);
	for (let i = 0; i + 1 < chars.length; i++) {
		const g = chars[i] + chars[i + 1];
		counts.set(g, (counts.get(g) ?? 0) + 1);
	}
	return { counts, size: chars.length <= 1 ? chars.length : chars.length - 1 };
}

/** Sørensen–Dice coefficient on character-bigram multisets, 0–1. */
export function stemSimilarity(a: string, b: string): number {
	return dice(bigrams(normalizeStem(a)), bigrams(normalizeStem(b)));
}

function dice(a: ReturnType<typeof bigrams>, b: ReturnType<typeof bigrams>): number {
	if (a.size === 0 || b.size === 0) return 0;
	let shared = 0;
	const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
	for (const [g, n] of small.counts) shared += Math.min(n, large.counts.get(g) ?? 0);
	return (2 * shared) / (a.size + b.size);
}

function duplicateStems(
	active: { q: QuestionContent; i: number }[],
	who: (i: number) => string
): ImportIssue[] {
	const issues: ImportIssue[] = [];
	const exactKey = (s: string) => s.replace(/\s+/g, ' ').trim();

	const firstByStem = new Map<string, number>();
	for (const { q, i } of active) {
		const key = exactKey(q.stem);
		if (!key) continue;
		const first = firstByStem.get(key);
		if (first === undefined) firstByStem.set(key, i);
		else
			issues.push({
				line: i + 1,
				field: 'stem',
				message: `${who(i)}：题干与${who(first)}完全相同`,
				severity: 'error'
			});
	}

	// Dice ≥ t is only possible when the smaller bigram count a and the larger b satisfy
	// b ≤ a·(2−t)/t, so after sorting by size each question is compared with a short window.
	const grams = active
		.map(({ q, i }) => ({ i, key: exactKey(q.stem), g: bigrams(normalizeStem(q.stem)) }))
		.filter((x) => x.g.size > 0)
		.sort((x, y) => x.g.size - y.g.size);
	const factor = (2 - NEAR_DUPLICATE_THRESHOLD) / NEAR_DUPLICATE_THRESHOLD;
	const pairs: { earlier: number; later: number; sim: number }[] = [];
	for (let x = 0; x < grams.length; x++) {
		const limit = grams[x].g.size * factor;
		for (let y = x + 1; y < grams.length && grams[y].g.size <= limit; y++) {
			if (grams[x].key === grams[y].key) continue; // identical: already an error
			const sim = dice(grams[x].g, grams[y].g);
			if (sim >= NEAR_DUPLICATE_THRESHOLD) {
				const [earlier, later] = [grams[x].i, grams[y].i].sort((m, n) => m - n);
				pairs.push({ earlier, later, sim });
			}
		}
	}
	pairs.sort((p, r) => p.later - r.later || p.earlier - r.earlier);
	for (const p of pairs) {
		issues.push({
			line: p.later + 1,
			field: 'stem',
			message: `${who(p.later)}：题干与${who(p.earlier)}高度相似（相似度 ${Math.floor(p.sim * 100)}%），请确认是否重复`,
			severity: 'warning'
		});
	}
	return issues;
}

function percent(n: number, total: number): string {
	return `${Math.round((n / total) * 100)}%（${n}/${total}）`;
}

function answerSkew(active: QuestionContent[]): ImportIssue[] {
	const issues: ImportIssue[] = [];

	const singles = active.filter((q) => q.type === 'single' && /^[A-F]$/.test(q.answer));
	if (singles.length >= SINGLE_SKEW.minQuestions) {
		const total = singles.length;
		const off = ['A', 'B', 'C', 'D']
			.map((l) => ({ l, n: singles.filter((q) => q.answer === l).length }))
			.filter(({ n }) => n / total < SINGLE_SKEW.minShare || n / total > SINGLE_SKEW.maxShare);
		if (off.length > 0) {
			issues.push({
				line: 0,
				field: 'answer',
				message: `单选题答案分布不均：${off.map(({ l, n }) => `${l} 占 ${percent(n, total)}`).join('，')}；A–D 每个字母宜占 15%–35%`,
				severity: 'warning'
			});
		}
	}

	const judges = active.filter((q) => q.type === 'judge' && (q.answer === '对' || q.answer === '错'));
	if (judges.length >= JUDGE_SKEW.minQuestions) {
		const total = judges.length;
		const yes = judges.filter((q) => q.answer === '对').length;
		const no = total - yes;
		if (yes / total < JUDGE_SKEW.minShare || no / total < JUDGE_SKEW.minShare) {
			issues.push({
				line: 0,
				field: 'answer',
				message: `判断题"对""错"比例失衡：对 占 ${percent(yes, total)}，错 占 ${percent(no, total)}；两者宜各占 35% 以上`,
				severity: 'warning'
			});
		}
	}
	return issues;
}
