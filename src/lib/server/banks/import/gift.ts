/**
 * Moodle's GIFT format, limited to the three question types the platform has:
 *
 *     // comment lines are ignored
 *     $CATEGORY: $course$/电工/安全电压        → tag "安全电压" for the questions that follow
 *     ::LV-0001:: [markdown]安全电压是多少？{=36 V ~220 V ~380 V ####解析文字}   → 单选
 *     ::Q2:: 下列哪些属于…？{~%50%甲 ~%50%乙 ~%-100%丙}                       → 多选
 *     绝缘手套应定期做耐压试验。{T}                                             → 判断
 *
 * Questions are separated by blank lines and may span several lines. A title that looks like
 * an id ("LV-0001", "Q12") becomes the ref; other titles are ignored. Text after the answer
 * block ("missing word" questions) is kept, with "____" marking the gap. `####` inside the
 * braces is the general feedback → explanation; per-answer `#feedback` is ignored.
 *
 * Every other GIFT type (short answer, matching, numerical, essay, description, several
 * answer blocks) is reported as an error on the question's line — never dropped silently.
 * GIFT has no source or difficulty: difficulty becomes 3 and the question is imported as a
 * draft with a warning (see `finishLightweight`).
 */
import { OPTION_LETTERS, type ImportIssue, type QuestionContent } from '../types';
import { checkDuplicateRef, DEFAULT_DIFFICULTY, finishLightweight, issue, type ImportResult } from './result';

// Escaped special characters are swapped for private-use placeholders while parsing, so
// every remaining ~ = # { } : is syntax; `restore` turns them back into text.
const ESCAPES: Record<string, string> = {
	'~': '\uE001',
	'=': '\uE002',
	'#': '\uE003',
	'{': '\uE004',
	'}': '\uE005',
	':': '\uE006',
	'\\': '\uE007',
	n: '\uE008'
};
const UNESCAPE: Record<string, string> = Object.fromEntries(
	Object.entries(ESCAPES).map(([ch, ph]) => [ph, ch === 'n' ? '\n' : ch])
);

function protect(line: string): string {
	return line.replace(/\\([~=#{}:\\n])/g, (_, ch: string) => ESCAPES[ch]);
}

function restore(s: string): string {
	return s.replace(/[\uE001-\uE008]/g, (ph) => UNESCAPE[ph]);
}

const FORMAT_MARKER = /^\s*\[(markdown|html|plain|moodle)\]/i;

/** Restores escapes, strips a leading [markdown]/[html]/[plain]/[moodle] marker, trims. */
function clean(s: string): string {
	return restore(s.replace(FORMAT_MARKER, '')).trim();
}

/** A title is used as the ref only when it looks like an id: no spaces, ASCII, with a digit. */
function looksLikeId(title: string): boolean {
	return /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(title) && /\d/.test(title);
}

interface SourceLine {
	no: number;
	text: string;
}

interface Answer {
	correctMark: boolean;
	weight: number | null;
	text: string;
}

export function parseGift(text: string): ImportResult {
	const result: ImportResult = { questions: [], issues: [] };
	const seenRefs = new Map<string, number>();
	let category = '';
	let block: SourceLine[] = [];

	const flush = () => {
		if (block.length > 0) parseQuestion(block, category, seenRefs, result);
		block = [];
	};

	text
		.replace(/^\uFEFF/, '')
		.split(/\r\n|\r|\n/)
		.forEach((raw, i) => {
			const trimmed = raw.trim();
			if (!trimmed) return flush();
			if (trimmed.startsWith('//')) return;
			const cat = /^\$CATEGORY\s*:\s*(.*)$/i.exec(trimmed);
			if (cat) {
				flush();
				const segments = cat[1]
					.split('/')
					.map((s) => s.trim())
					.filter(Boolean);
				category = segments[segments.length - 1] ?? '';
				return;
			}
			block.push({ no: i + 1, text: protect(raw) });
		});
	flush();
	return result;
}

function parseQuestion(
	lines: SourceLine[],
	category: string,
	seenRefs: Map<string, number>,
	result: ImportResult
): void {
	const line = lines[0].no;
	const joined = lines.map((l) => l.text).join('\n');
	const lineAt = (offset: number) => lines[joined.slice(0, offset).split('\n').length - 1].no;
	const errors: ImportIssue[] = [];
	const unsupported = (kind: string) => {
		result.issues.push(issue(line, `不支持的题型（${kind}），未导入`));
	};

	let rest = joined;
	let offset = 0;
	let ref = '';
	const title = /^\s*::([\s\S]*?)::/.exec(rest);
	if (title) {
		const t = restore(title[1]).trim();
		if (looksLikeId(t)) ref = t;
		offset = title[0].length;
		rest = rest.slice(offset);
	}

	const open = rest.indexOf('{');
	if (open < 0) {
		const stray = rest.indexOf('}');
		if (stray >= 0) {
			result.issues.push(
				issue(lineAt(offset + stray), '多余的"}"：没有与之对应的"{"（如需文字"}"请写作"\\}"）')
			);
		} else {
			unsupported('说明文字：没有"{…}"答案部分');
		}
		return;
	}
	const close = rest.indexOf('}', open + 1);
	if (close < 0) {
		result.issues.push(issue(lineAt(offset + open), '答案部分的"{"缺少对应的"}"，未导入'));
		return;
	}
	const nested = rest.indexOf('{', open + 1);
	if (nested >= 0 && nested < close) {
		result.issues.push(
			issue(lineAt(offset + nested), '答案部分内不能再有"{"（如需文字"{"请写作"\\{"），未导入')
		);
		return;
	}
	const after = rest.slice(close + 1);
	if (after.includes('{')) return unsupported('含多个"{…}"答案部分的完形填空题');
	if (after.includes('}')) {
		result.issues.push(
			issue(lineAt(offset + close + 1 + after.indexOf('}')), '多余的"}"：没有与之对应的"{"')
		);
		return;
	}

	const before = rest.slice(0, open);
	const stem = clean(after.trim() ? `${before.replace(FORMAT_MARKER, '')}____${after}` : before);
	const body = rest.slice(open + 1, close);
	const feedbackAt = body.indexOf('####');
	const explanation = feedbackAt >= 0 ? clean(body.slice(feedbackAt + 4)) : '';
	const answerPart = (feedbackAt >= 0 ? body.slice(0, feedbackAt) : body).trim();
	const answerLine = lineAt(offset + open);

	const q: QuestionContent = {
		ref,
		type: 'single',
		stem,
		options: [],
		answer: '',
		explanation,
		difficulty: DEFAULT_DIFFICULTY,
		tags: category ? [category] : [],
		source: '',
		status: 'published'
	};

	if (!answerPart) return unsupported('问答题：答案部分为空');
	if (answerPart.startsWith('#')) return unsupported('数值题');
	const judge = /^(T|TRUE|F|FALSE)$/i.exec(answerPart.split('#')[0].trim());
	if (judge) {
		q.type = 'judge';
		q.answer = judge[1].toUpperCase().startsWith('T') ? '对' : '错';
	} else {
		if (answerPart[0] !== '=' && answerPart[0] !== '~') {
			const head = restore(answerPart.split(/[=~]/)[0]).trim();
			result.issues.push(
				issue(answerLine, `无法识别答案部分的"${head}"：每个答案应以"="（正确）或"~"（错误）开头，未导入`)
			);
			return;
		}
		const answers = answerPart.split(/(?=[=~])/).map((token): Answer => {
			let s = token.slice(1);
			const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(s);
			if (w) s = s.slice(w[0].length);
			return { correctMark: token[0] === '=', weight: w ? Number(w[1]) : null, text: s.split('#')[0] };
		});
		if (answers.some((a) => a.text.includes('->'))) return unsupported('匹配题');
		if (answers.every((a) => a.correctMark)) return unsupported('简答（填空）题：只有"="答案、没有"~"干扰项');
		const marked = answers.filter((a) => a.correctMark).length;
		if (marked > 1) {
			result.issues.push(
				issue(
					answerLine,
					`有 ${marked} 个以"="标记的正确答案；单选题只能有一个正确答案，多选题请用"~%50%"这类正分权重标出各正确答案，未导入`,
					'error',
					'answer'
				)
			);
			return;
		}
		const correct = answers
			.map((a, i) => ({ a, i }))
			.filter(({ a }) => (marked === 1 ? a.correctMark : (a.weight ?? 0) > 0))
			.map(({ i }) => OPTION_LETTERS[i] ?? String.fromCharCode(65 + i));
		if (correct.length === 0) {
			result.issues.push(
				issue(
					answerLine,
					'没有正确答案：应以"="标出正确答案，或用"~%50%"这类正分权重标出多选题的各正确答案，未导入',
					'error',
					'answer'
				)
			);
			return;
		}
		q.type = correct.length > 1 ? 'multiple' : 'single';
		q.options = answers.map((a) => clean(a.text));
		q.answer = correct.join('');
	}

	checkDuplicateRef(seenRefs, ref, line, errors);
	finishLightweight(result, q, line, 'GIFT', errors, (field) =>
		field === 'answer' || field === 'options' ? answerLine : line
	);
}
