/**
 * The question-bank file format (question-bank/README.md): YAML, one block per question.
 * `parseBankFile` reports every problem with its line; `serializeBankFile` writes the
 * canonical form, so parse → serialize is the identity on canonical files.
 */
import { Document, LineCounter, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, Scalar } from 'yaml';
import type { BankFile, ImportIssue, QuestionContent, QuestionStatus, QuestionType } from './types';
import { validateQuestion } from './validate';

const TYPE_FROM_LABEL: Record<string, QuestionType> = { 单选: 'single', 多选: 'multiple', 判断: 'judge' };
const LABEL_FROM_TYPE: Record<QuestionType, string> = { single: '单选', multiple: '多选', judge: '判断' };
const STATUSES: QuestionStatus[] = ['draft', 'published', 'retired'];
const KNOWN_KEYS = [
	'id',
	'type',
	'stem',
	'options',
	'answer',
	'explanation',
	'difficulty',
	'tags',
	'source',
	'status'
];

export interface ParsedBank {
	bank: BankFile | null;
	issues: ImportIssue[];
}

export function parseBankFile(text: string): ParsedBank {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
	const issues: ImportIssue[] = [];
	const lineOf = (offset: number | undefined) => (offset == null ? 1 : lineCounter.linePos(offset).line);
	for (const e of doc.errors) {
		issues.push({
			line: lineOf(e.pos[0]),
			message: `YAML 格式错误：${e.message.split('\n')[0]}`,
			severity: 'error'
		});
	}
	if (issues.length) return { bank: null, issues };
	const root = doc.contents;
	if (!isMap(root)) {
		return {
			bank: null,
			issues: [{ line: 1, message: '文件顶层应包含 trade、title、questions', severity: 'error' }]
		};
	}
	const trade = String(root.get('trade') ?? '').trim();
	const title = String(root.get('title') ?? '').trim();
	if (!trade) issues.push({ line: 1, field: 'trade', message: '缺少工种代码 trade', severity: 'error' });
	if (!title) issues.push({ line: 1, field: 'title', message: '缺少题库名称 title', severity: 'error' });
	const qs = root.get('questions', true);
	if (!isSeq(qs)) {
		issues.push({ line: 1, field: 'questions', message: '缺少题目列表 questions', severity: 'error' });
		return { bank: null, issues };
	}
	const questions: QuestionContent[] = [];
	const seenRefs = new Map<string, number>();
	for (const item of qs.items) {
		const line = lineOf((item as { range?: [number] }).range?.[0]);
		if (!isMap(item)) {
			issues.push({ line, message: '每道题应为一个包含 id、type、stem 等字段的条目', severity: 'error' });
			continue;
		}
		const obj = item.toJSON() as Record<string, unknown>;
		for (const key of Object.keys(obj)) {
			if (!KNOWN_KEYS.includes(key))
				issues.push({ line, field: key, message: `未知字段 ${key}`, severity: 'error' });
		}
		const ref = String(obj.id ?? '').trim();
		const typeLabel = String(obj.type ?? '').trim();
		const type = TYPE_FROM_LABEL[typeLabel];
		const where = ref ? `题目 ${ref}` : '题目';
		if (!ref) issues.push({ line, field: 'id', message: `${where}缺少编号 id`, severity: 'error' });
		else if (seenRefs.has(ref))
			issues.push({
				line,
				field: 'id',
				message: `编号 ${ref} 与第 ${seenRefs.get(ref)} 行的题目重复`,
				severity: 'error'
			});
		else seenRefs.set(ref, line);
		if (!type) {
			issues.push({
				line,
				field: 'type',
				message: `${where}的题型"${typeLabel}"无效，应为 单选、多选 或 判断`,
				severity: 'error'
			});
			continue;
		}
		const statusRaw = obj.status == null ? 'published' : String(obj.status);
		if (!STATUSES.includes(statusRaw as QuestionStatus))
			issues.push({
				line,
				field: 'status',
				message: `${where}的状态"${statusRaw}"无效，应为 draft、published 或 retired`,
				severity: 'error'
			});
		const options = Array.isArray(obj.options) ? obj.options.map((o) => String(o)) : [];
		if (obj.options != null && !Array.isArray(obj.options))
			issues.push({ line, field: 'options', message: `${where}的 options 应为列表`, severity: 'error' });
		const tags = Array.isArray(obj.tags)
			? obj.tags.map((t) => String(t).trim()).filter(Boolean)
			: obj.tags
				? [String(obj.tags)]
				: [];
		const q: QuestionContent = {
			ref,
			type,
			stem: String(obj.stem ?? '').trim(),
			options,
			answer: obj.answer == null ? '' : String(obj.answer).trim(),
			explanation: String(obj.explanation ?? '').trim(),
			difficulty: Number(obj.difficulty),
			tags,
			source: String(obj.source ?? '').trim(),
			status: statusRaw as QuestionStatus
		};
		for (const p of validateQuestion(q))
			issues.push({ line, field: p.field, message: `${where}：${p.message}`, severity: 'error' });
		questions.push(q);
	}
	return { bank: issues.some((i) => i.severity === 'error') ? null : { trade, title, questions }, issues };
}

function scalar(value: string | number) {
	return new Scalar(value);
}

export function serializeBankFile(bank: BankFile): string {
	const doc = new Document();
	const root = new YAMLMap();
	root.add({ key: scalar('trade'), value: scalar(bank.trade) });
	root.add({ key: scalar('title'), value: scalar(bank.title) });
	const list = new YAMLSeq();
	for (const q of bank.questions) {
		const m = new YAMLMap();
		m.add({ key: scalar('id'), value: scalar(q.ref) });
		m.add({ key: scalar('type'), value: scalar(LABEL_FROM_TYPE[q.type]) });
		m.add({ key: scalar('stem'), value: scalar(q.stem) });
		if (q.type !== 'judge') {
			const opts = new YAMLSeq();
			for (const o of q.options) opts.items.push(scalar(o));
			m.add({ key: scalar('options'), value: opts });
		}
		m.add({ key: scalar('answer'), value: scalar(q.answer) });
		m.add({ key: scalar('explanation'), value: scalar(q.explanation) });
		m.add({ key: scalar('difficulty'), value: scalar(q.difficulty) });
		const tags = new YAMLSeq();
		tags.flow = true;
		for (const t of q.tags) tags.items.push(scalar(t));
		m.add({ key: scalar('tags'), value: tags });
		m.add({ key: scalar('source'), value: scalar(q.source) });
		if (q.status !== 'published') m.add({ key: scalar('status'), value: scalar(q.status) });
		list.items.push(m);
	}
	root.add({ key: scalar('questions'), value: list });
	doc.contents = root;
	return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
