/**
 * Moodle's Aiken format — single-answer multiple choice only:
 *
 *     我国安全电压额定值的等级中，下列哪一项不属于标准等级？
 *     A. 42 V
 *     B) 36 V
 *     C. 24 V
 *     D. 110 V
 *     ANSWER: D
 *
 * Questions are separated by blank lines (an ANSWER line also ends a question). The stem may
 * span several lines before the first option. Aiken has no explanation, knowledge points,
 * source or difficulty: difficulty becomes 3 and the question is imported as a draft with a
 * warning (see `finishLightweight`).
 */
import { OPTION_LETTERS, type ImportIssue, type QuestionContent } from '../types';
import { normalizeAnswer } from '../validate';
import { DEFAULT_DIFFICULTY, finishLightweight, issue, type ImportResult } from './result';

/** "A. text", "A) text"; full-width "A．" "A）" and "A、" are tolerated. */
const OPTION_RE = /^([A-Z])\s*[.)．）、]\s*(.*)$/;
const ANSWER_RE = /^ANSWER\s*[:：]\s*(.*)$/i;

interface Block {
	line: number;
	stem: string[];
	options: { text: string; line: number }[];
	errors: ImportIssue[];
}

function letterAt(index: number): string {
	return OPTION_LETTERS[index] ?? String.fromCharCode(65 + index);
}

function preview(s: string): string {
	return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}

export function parseAiken(text: string): ImportResult {
	const result: ImportResult = { questions: [], issues: [] };
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	let cur: Block | null = null;

	const finish = (b: Block, answer: { raw: string; line: number } | null, missingNote = '') => {
		if (!answer) {
			b.errors.push(issue(b.line, `题目缺少答案行"ANSWER: X"${missingNote}`, 'error', 'answer'));
		}
		const q: QuestionContent = {
			ref: '',
			type: 'single',
			stem: b.stem.join('\n'),
			options: b.options.map((o) => o.text),
			// Without an ANSWER line, check the options against a stand-in answer and drop
			// the answer problems: the missing line is already reported above.
			answer: answer ? normalizeAnswer('single', answer.raw) : 'A',
			explanation: '',
			difficulty: DEFAULT_DIFFICULTY,
			tags: [],
			source: '',
			status: 'published'
		};
		finishLightweight(
			result,
			q,
			b.line,
			'Aiken',
			b.errors,
			(field) => (field === 'answer' && answer ? answer.line : b.line),
			answer ? [] : ['answer']
		);
	};

	lines.forEach((raw, i) => {
		const lineNo = i + 1;
		const line = raw.trim();
		if (!line) {
			if (cur) finish(cur, null);
			cur = null;
			return;
		}
		if (!cur) {
			cur = { line: lineNo, stem: [line], options: [], errors: [] };
			return;
		}
		const answer = ANSWER_RE.exec(line);
		if (answer) {
			finish(cur, { raw: answer[1], line: lineNo });
			cur = null;
			return;
		}
		const option = OPTION_RE.exec(line);
		if (option) {
			const expected = letterAt(cur.options.length);
			if (option[1] !== expected) {
				cur.errors.push(
					issue(
						lineNo,
						`选项字母应为"${expected}"，实际为"${option[1]}"（选项须按 A、B、C… 的顺序排列）`,
						'error',
						'options'
					)
				);
			}
			cur.options.push({ text: option[2].trim(), line: lineNo });
			return;
		}
		if (cur.options.length === 0) {
			cur.stem.push(line);
			return;
		}
		// Neither an option nor ANSWER after the options: most likely the next question
		// started without this one's ANSWER line. Report and start over with this line.
		finish(cur, null, `（第 ${lineNo} 行"${preview(line)}"既不是选项也不是答案行，已按下一题的题干处理）`);
		cur = { line: lineNo, stem: [line], options: [], errors: [] };
	});
	if (cur) finish(cur, null);
	return result;
}
