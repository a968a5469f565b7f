import { OPTION_LETTERS, type QuestionContent } from './types';

export interface FieldProblem {
	field: string;
	message: string;
}

/** Normalises an answer as trainers type it ("abd", "B,A", "正确", "×") to canonical form. */
export function normalizeAnswer(type: QuestionContent['type'], raw: string): string {
	const s = raw.trim();
	if (type === 'judge') {
		if (['对', '正确', '√', '✓', 'T', 'TRUE', 'true', 'Y', '是'].includes(s)) return '对';
		if (['错', '错误', '×', '✗', 'F', 'FALSE', 'false', 'N', '否'].includes(s)) return '错';
		return s;
	}
	const letters = s.toUpperCase().replace(/[\s,，、;；]/g, '');
	return [...new Set(letters.split(''))].sort().join('');
}

/** Every rule a single question must satisfy, as Chinese messages naming the field. */
export function validateQuestion(q: QuestionContent): FieldProblem[] {
	const out: FieldProblem[] = [];
	if (!q.stem) out.push({ field: 'stem', message: '缺少题干' });
	if (!q.explanation) out.push({ field: 'explanation', message: '缺少解析' });
	if (!q.source) out.push({ field: 'source', message: '缺少来源依据' });
	if (q.tags.length === 0) out.push({ field: 'tags', message: '至少需要一个知识点' });
	if (!Number.isInteger(q.difficulty) || q.difficulty < 1 || q.difficulty > 5)
		out.push({ field: 'difficulty', message: '难度应为 1–5 的整数' });
	if (!q.answer) {
		out.push({ field: 'answer', message: '缺少答案' });
		return out;
	}
	if (q.type === 'judge') {
		if (q.options.length > 0) out.push({ field: 'options', message: '判断题不应有选项' });
		if (q.answer !== '对' && q.answer !== '错')
			out.push({ field: 'answer', message: `判断题答案应为"对"或"错"，而不是"${q.answer}"` });
		return out;
	}
	const n = q.options.length;
	if (n < 2 || n > 6) out.push({ field: 'options', message: `选项应为 2–6 个，实际 ${n} 个` });
	if (q.options.some((o) => !o.trim())) out.push({ field: 'options', message: '存在空白选项' });
	if (new Set(q.options.map((o) => o.trim())).size !== n)
		out.push({ field: 'options', message: '存在重复选项' });
	const allowed = OPTION_LETTERS.slice(0, n) as readonly string[];
	if (!/^[A-F]+$/.test(q.answer) || [...q.answer].some((c) => !allowed.includes(c))) {
		out.push({
			field: 'answer',
			message: `答案"${q.answer}"不在选项 ${allowed[0]}–${allowed[n - 1] ?? allowed[0]} 范围内`
		});
	} else if ([...q.answer].sort().join('') !== q.answer || new Set(q.answer).size !== q.answer.length) {
		out.push({ field: 'answer', message: `答案"${q.answer}"应按字母顺序书写且不重复` });
	} else if (q.type === 'single' && q.answer.length !== 1) {
		out.push({ field: 'answer', message: `单选题只能有一个答案，而不是"${q.answer}"` });
	} else if (q.type === 'multiple') {
		if (q.answer.length < 2) out.push({ field: 'answer', message: '多选题至少有两个正确答案' });
		if (n < 3) out.push({ field: 'options', message: '多选题至少需要 3 个选项' });
	}
	return out;
}
