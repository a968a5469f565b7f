/**
 * The shared result of every question importer (Aiken, GIFT, spreadsheet) plus the small
 * helpers they have in common. Pure: no DB, no SvelteKit.
 */
import type { ImportIssue, QuestionContent } from '../types';
import { validateQuestion } from '../validate';

/** An imported question together with the line (or spreadsheet row) it starts on. */
export type ImportedQuestion = QuestionContent & { line: number };

/**
 * What an importer returns. A question with any error is left out of `questions`, but all of
 * its errors are in `issues`; warnings never block a question.
 */
export interface ImportResult {
	questions: ImportedQuestion[];
	issues: ImportIssue[];
}

/** Difficulty given to questions from formats that cannot express one. */
export const DEFAULT_DIFFICULTY = 3;

export function issue(
	line: number,
	message: string,
	severity: ImportIssue['severity'] = 'error',
	field?: string
): ImportIssue {
	return field
		? { line, field, message: `第 ${line} 行：${message}`, severity }
		: { line, message: `第 ${line} 行：${message}`, severity };
}

/** Fields that Aiken and GIFT cannot (always) carry, with their Chinese names. */
const SUPPLEMENT_FIELDS: Record<string, string> = { explanation: '解析', tags: '知识点', source: '来源依据' };

/**
 * Finishes a question read from a lightweight exchange format (Aiken, GIFT). Rule problems
 * from `validateQuestion` are errors, except for the fields the format cannot express
 * (explanation / tags / source): their absence is a warning and the question is imported
 * as a draft, so it cannot reach an exam until a trainer completes it.
 *
 * `errors` holds the format-level errors already found for this question; `lineOf` maps a
 * field to the line the problem should be reported on; problems with a field in `skipFields`
 * are dropped (the caller has already reported that field more precisely).
 */
export function finishLightweight(
	result: ImportResult,
	q: QuestionContent,
	line: number,
	formatName: string,
	errors: ImportIssue[],
	lineOf: (field: string) => number = () => line,
	skipFields: string[] = []
): void {
	const problems = validateQuestion(q).filter((p) => !skipFields.includes(p.field));
	const missing = problems.filter((p) => p.field in SUPPLEMENT_FIELDS).map((p) => SUPPLEMENT_FIELDS[p.field]);
	for (const p of problems) {
		if (!(p.field in SUPPLEMENT_FIELDS)) errors.push(issue(lineOf(p.field), p.message, 'error', p.field));
	}
	result.issues.push(...errors);
	if (errors.length > 0) return;
	if (missing.length > 0) {
		q.status = 'draft';
		result.issues.push(
			issue(
				line,
				`题目缺少${missing.join('、')}（${formatName} 格式不包含这些信息），已作为草稿导入，补充后方可发布`,
				'warning'
			)
		);
	}
	result.questions.push({ ...q, line });
}

/** Reports a ref already used by an earlier question of the same import; returns true if so. */
export function checkDuplicateRef(
	seen: Map<string, number>,
	ref: string,
	line: number,
	errors: ImportIssue[]
): boolean {
	if (!ref) return false;
	const first = seen.get(ref);
	if (first !== undefined) {
		errors.push(issue(line, `编号"${ref}"与第 ${first} 行的题目重复`, 'error', 'ref'));
		return true;
	}
	seen.set(ref, line);
	return false;
}
