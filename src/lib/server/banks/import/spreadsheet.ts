/**
 * The Chinese spreadsheet template (xlsx or CSV). Row 1 is the header; columns are matched by
 * name, so their order does not matter:
 *
 *     [编号] 题型 题干 选项A 选项B 选项C 选项D 选项E 选项F 答案 解析 难度 知识点 来源 [状态]
 *
 * Required columns: 题型 题干 答案 解析 知识点 来源. Optional: 编号 (→ ref), 选项A–F, 难度
 * (blank → 3), 状态 (blank → 已发布). Rows are numbered as Excel shows them (header = row 1,
 * first data row = 2); blank rows are skipped.
 */
import ExcelJS from 'exceljs';
import { readXlsxRows, TableFormatError } from '../../tables';
import Papa from 'papaparse';
import {
	OPTION_LETTERS,
	STATUS_LABEL,
	TYPE_LABEL,
	type BankFile,
	type ImportIssue,
	type QuestionContent,
	type QuestionStatus,
	type QuestionType
} from '../types';
import { normalizeAnswer, validateQuestion } from '../validate';
import { checkDuplicateRef, DEFAULT_DIFFICULTY, issue, type ImportResult } from './result';

type Column =
	| 'ref'
	| 'type'
	| 'stem'
	| 'A'
	| 'B'
	| 'C'
	| 'D'
	| 'E'
	| 'F'
	| 'answer'
	| 'explanation'
	| 'difficulty'
	| 'tags'
	| 'source'
	| 'status';

const OPTION_COLUMNS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Column headers in template order; `required` columns must be present in the header row. */
const COLUMNS: { key: Column; header: string; required: boolean; width: number }[] = [
	{ key: 'ref', header: '编号', required: false, width: 12 },
	{ key: 'type', header: '题型', required: true, width: 8 },
	{ key: 'stem', header: '题干', required: true, width: 50 },
	...OPTION_COLUMNS.map((l) => ({ key: l as Column, header: `选项${l}`, required: false, width: 22 })),
	{ key: 'answer', header: '答案', required: true, width: 8 },
	{ key: 'explanation', header: '解析', required: true, width: 50 },
	{ key: 'difficulty', header: '难度', required: false, width: 8 },
	{ key: 'tags', header: '知识点', required: true, width: 20 },
	{ key: 'source', header: '来源', required: true, width: 36 },
	{ key: 'status', header: '状态', required: false, width: 10 }
];

/** Other spellings trainers use for the same headers (after whitespace/annotation removal). */
const HEADER_ALIASES: Record<string, Column> = {
	ID: 'ref',
	题号: 'ref',
	题目编号: 'ref',
	类型: 'type',
	题目类型: 'type',
	题目: 'stem',
	题目内容: 'stem',
	正确答案: 'answer',
	标准答案: 'answer',
	答案解析: 'explanation',
	难度等级: 'difficulty',
	难易程度: 'difficulty',
	标签: 'tags',
	依据: 'source',
	出处: 'source',
	来源依据: 'source'
};

const TYPE_FROM_CELL: Record<string, QuestionType> = {
	单选: 'single',
	单选题: 'single',
	单项选择: 'single',
	单项选择题: 'single',
	多选: 'multiple',
	多选题: 'multiple',
	多项选择: 'multiple',
	多项选择题: 'multiple',
	判断: 'judge',
	判断题: 'judge'
};

const STATUS_FROM_CELL: Record<string, QuestionStatus> = {
	published: 'published',
	已发布: 'published',
	发布: 'published',
	draft: 'draft',
	草稿: 'draft',
	retired: 'retired',
	已停用: 'retired',
	停用: 'retired'
};

/** "题型（必填）", "选项 a", " 答案 " → "题型", "选项A", "答案". */
function normalizeHeader(raw: string): string {
	return raw
		.replace(/\s+/g, '')
		.replace(/[（(][^）)]*[）)]$/, '')
		.replace(/^选项([a-f])$/, (_, l: string) => `选项${l.toUpperCase()}`)
		.toUpperCase();
}

const HEADER_LOOKUP: Record<string, Column> = {
	...Object.fromEntries(COLUMNS.map((c) => [c.header, c.key])),
	...HEADER_ALIASES
};

/** A cell as text: numbers, booleans, dates and exceljs rich text / formulas / links. */
function cellText(v: unknown): string {
	if (v == null) return '';
	if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.richText))
			return cellText(o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join(''));
		if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
		if ('text' in o) return cellText(o.text);
		if ('error' in o) return '';
	}
	return String(v).trim();
}

export function parseRows(rows: unknown[][]): ImportResult {
	const result: ImportResult = { questions: [], issues: [] };
	const header = (rows[0] ?? []).map(cellText);
	if (header.every((h) => !h)) {
		result.issues.push(issue(1, '第 1 行应为表头（题型、题干、选项A…来源），但该行为空'));
		return result;
	}

	const index = new Map<Column, number>();
	header.forEach((raw, i) => {
		if (!raw) return;
		const key = HEADER_LOOKUP[normalizeHeader(raw)];
		if (!key) {
			result.issues.push(issue(1, `无法识别的列"${raw}"（第 ${i + 1} 列），已忽略`, 'warning'));
		} else if (index.has(key)) {
			result.issues.push(
				issue(1, `列"${raw}"重复出现（第 ${index.get(key)! + 1} 列和第 ${i + 1} 列）`, 'error', key)
			);
		} else {
			index.set(key, i);
		}
	});
	const missing = COLUMNS.filter((c) => c.required && !index.has(c.key));
	for (const c of missing) result.issues.push(issue(1, `表头缺少必需的列"${c.header}"`, 'error', c.key));
	if (result.issues.some((i) => i.severity === 'error')) return result;

	const seenRefs = new Map<string, number>();
	rows.slice(1).forEach((row, i) => {
		const line = i + 2;
		const cells = Array.from(row ?? [], cellText);
		if (cells.every((c) => !c)) return;
		const get = (key: Column) => {
			const at = index.get(key);
			return at === undefined ? '' : (cells[at] ?? '');
		};
		const q = readRow(line, get, result.issues, seenRefs);
		if (q) result.questions.push(q);
	});
	return result;
}

function readRow(
	line: number,
	get: (key: Column) => string,
	issues: ImportIssue[],
	seenRefs: Map<string, number>
): (QuestionContent & { line: number }) | null {
	const errors: ImportIssue[] = [];
	const reported = new Set<string>();
	const fail = (field: string, message: string) => {
		reported.add(field);
		errors.push(issue(line, message, 'error', field));
	};

	const ref = get('ref');
	checkDuplicateRef(seenRefs, ref, line, errors);

	const typeRaw = get('type');
	const type = TYPE_FROM_CELL[typeRaw.replace(/\s+/g, '')];
	if (!type) {
		fail(
			'type',
			typeRaw ? `题型"${typeRaw}"无效，应为 单选、多选 或 判断` : '缺少题型（应为 单选、多选 或 判断）'
		);
		issues.push(...errors);
		return null;
	}

	const cells = OPTION_COLUMNS.map((l) => get(l));
	const lastFilled = cells.reduce((last, c, i) => (c ? i : last), -1);
	let options = cells.slice(0, lastFilled + 1);
	const gap = options.findIndex((o) => !o);
	if (gap >= 0) {
		fail(
			'options',
			`选项${OPTION_LETTERS[gap]}为空，但其后的选项${OPTION_LETTERS[lastFilled]}有内容（选项须从 A 起连续填写）`
		);
	}
	// Trainers sometimes write 对/错 into 选项A/B of a 判断 row; that is not a real option.
	if (type === 'judge' && options.every((o) => ['对', '错', '正确', '错误', '√', '×'].includes(o)))
		options = [];

	const difficultyRaw = get('difficulty');
	let difficulty = DEFAULT_DIFFICULTY;
	if (difficultyRaw) {
		difficulty = Number(difficultyRaw);
		if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) {
			fail('difficulty', `难度"${difficultyRaw}"无效，应为 1–5 的整数（留空默认为 3）`);
		}
	}

	const statusRaw = get('status');
	const status = statusRaw ? STATUS_FROM_CELL[statusRaw.toLowerCase()] : 'published';
	if (!status) fail('status', `状态"${statusRaw}"无效，应为 已发布、草稿 或 已停用（留空默认为已发布）`);

	const q: QuestionContent = {
		ref,
		type,
		stem: get('stem'),
		options,
		answer: normalizeAnswer(type, get('answer')),
		explanation: get('explanation'),
		difficulty,
		tags: get('tags')
			.split(/[，,、;；]/)
			.map((t) => t.trim())
			.filter(Boolean),
		source: get('source'),
		status: status ?? 'published'
	};
	for (const p of validateQuestion(q)) {
		if (!reported.has(p.field)) errors.push(issue(line, p.message, 'error', p.field));
	}
	issues.push(...errors);
	return errors.length > 0 ? null : { ...q, line };
}

export function parseCsv(text: string): ImportResult {
	const clean = text.replace(/^\uFEFF/, '');
	if (clean.includes('\uFFFD')) {
		return {
			questions: [],
			issues: [
				issue(
					1,
					'文件含有无法识别的字符，可能不是 UTF-8 编码。请在 Excel 中"另存为"→"CSV UTF-8（逗号分隔）"后重新导入，或直接导入 .xlsx 文件'
				)
			]
		};
	}
	const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: false });
	const issues: ImportIssue[] = [];
	for (const e of parsed.errors) {
		if (e.code === 'UndetectableDelimiter') continue;
		const line = (e.row ?? 0) + 1;
		const why = e.code === 'MissingQuotes' ? '引号未闭合（单元格内的英文双引号请写成两个""）' : e.message;
		issues.push(issue(line, `CSV 格式错误：${why}`));
	}
	if (issues.length > 0) return { questions: [], issues };
	return parseRows(parsed.data);
}

export async function parseXlsx(data: ArrayBuffer | Buffer): Promise<ImportResult> {
	try {
		return parseRows(await readXlsxRows(data));
	} catch (e) {
		if (e instanceof TableFormatError) return { questions: [], issues: [issue(1, e.message)] };
		throw e;
	}
}

// ---------------------------------------------------------------------------------------
// Writing: the empty template and a bank export in the same columns.

const TEMPLATE_EXAMPLES: QuestionContent[] = [
	{
		ref: '',
		type: 'single',
		stem: '我国安全电压额定值的等级中，下列哪一项不属于标准等级？',
		options: ['42 V', '36 V', '24 V', '110 V'],
		answer: 'D',
		explanation: 'GB/T 3805 规定的特低电压额定值等级为 42、36、24、12、6 V，110 V 不属于安全电压。',
		difficulty: 2,
		tags: ['安全电压', '触电防护'],
		source: 'GB/T 3805-2008《特低电压（ELV）限值》',
		status: 'published'
	},
	{
		ref: '',
		type: 'multiple',
		stem: '根据《安全生产法》，生产经营单位的从业人员享有下列哪些权利？',
		options: [
			'了解作业场所和工作岗位存在的危险因素、防范措施及事故应急措施',
			'拒绝违章指挥和强令冒险作业',
			'发现直接危及人身安全的紧急情况时停止作业或者在采取可能的应急措施后撤离作业场所',
			'不接受安全生产教育和培训'
		],
		answer: 'ABC',
		explanation:
			'知情权、拒绝违章指挥和强令冒险作业权、紧急撤离权分别见第五十三、五十四、五十五条；接受安全生产教育和培训是从业人员的义务（第五十八条）。',
		difficulty: 2,
		tags: ['从业人员权利义务'],
		source: '《中华人民共和国安全生产法》（2021年修正）第五十三条至第五十五条、第五十八条',
		status: 'published'
	},
	{
		ref: '',
		type: 'judge',
		stem: '从业人员发现事故隐患或者其他不安全因素，应当立即向现场安全生产管理人员或者本单位负责人报告。',
		options: [],
		answer: '对',
		explanation: '这是《安全生产法》规定的从业人员报告事故隐患的义务。',
		difficulty: 1,
		tags: ['从业人员权利义务', '隐患报告'],
		source: '《中华人民共和国安全生产法》（2021年修正）第五十九条',
		status: 'published'
	}
];

const INSTRUCTIONS: [string, string, string][] = [
	['编号', '选填', '题目编号，如 LV-0001，同一题库内唯一。重新导入时按编号识别"同一道题"；新题可留空。'],
	['题型', '必填', '单选、多选 或 判断（也可写 单选题、多选题、判断题）。'],
	['题干', '必填', '题目内容。同一题库内不得有相同或近似重复的题干。'],
	['选项A–选项F', '单选、多选必填', '从选项A起连续填写：单选 2–6 个选项，多选至少 3 个选项。判断题不填。'],
	[
		'答案',
		'必填',
		'单选填一个字母，如 B；多选填全部正确字母，如 ABD（也可写 a,b,d）；判断填 对 或 错（也可写 正确/错误、√/×）。'
	],
	['解析', '必填', '说明答案的理由，考试后展示给考生。'],
	['难度', '选填', '1（易）–5（难）的整数，留空默认为 3。'],
	['知识点', '必填', '至少一个，多个知识点用顿号、逗号或分号分隔，如"安全电压、触电防护"。'],
	['来源', '必填', '出题依据：法律条款、标准或政策文件条目，如"《安全生产法》第五十九条"。'],
	['状态', '选填', '已发布、草稿 或 已停用，留空默认为 已发布。只有已发布的题目会进入考试。']
];

function rowFor(q: QuestionContent, withMeta: boolean): (string | number)[] {
	const options = OPTION_COLUMNS.map((_, i) => q.options[i] ?? '');
	const core = [
		TYPE_LABEL[q.type],
		q.stem,
		...options,
		q.answer,
		q.explanation,
		q.difficulty,
		q.tags.join('、'),
		q.source
	];
	return withMeta ? [q.ref, ...core, STATUS_LABEL[q.status]] : core;
}

function addQuestionSheet(
	workbook: ExcelJS.Workbook,
	name: string,
	questions: QuestionContent[],
	withMeta: boolean
): ExcelJS.Worksheet {
	const columns = COLUMNS.filter((c) => withMeta || (c.key !== 'ref' && c.key !== 'status'));
	const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
	const headerRow = sheet.getRow(1);
	headerRow.font = { bold: true };
	headerRow.alignment = { vertical: 'middle', horizontal: 'center' };
	headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
	for (const q of questions) {
		const row = sheet.addRow(rowFor(q, withMeta));
		row.alignment = { vertical: 'top', wrapText: true };
	}
	// Text cells stay text (a stem like "1/2" or an answer like "1" must not become a number/date).
	columns.forEach((c, i) => {
		if (c.key !== 'difficulty') sheet.getColumn(i + 1).numFmt = '@';
	});
	return sheet;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
	const out = await workbook.xlsx.writeBuffer();
	return Buffer.from(out as unknown as ArrayBuffer);
}

/** An empty-to-fill template: header, one example per question type, and a "填写说明" sheet. */
export async function buildTemplateXlsx(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = '安训';
	const sheet = addQuestionSheet(workbook, '题目', TEMPLATE_EXAMPLES, false);
	const typeColumn = COLUMNS.filter((c) => c.key !== 'ref').findIndex((c) => c.key === 'type') + 1;
	for (let r = 2; r <= 500; r++) {
		sheet.getCell(r, typeColumn).dataValidation = {
			type: 'list',
			allowBlank: true,
			formulae: ['"单选,多选,判断"'],
			showErrorMessage: true,
			errorTitle: '题型无效',
			error: '请选择 单选、多选 或 判断'
		};
	}

	const help = workbook.addWorksheet('填写说明');
	help.columns = [
		{ header: '列名', key: 'name', width: 14 },
		{ header: '是否必填', key: 'required', width: 16 },
		{ header: '说明', key: 'note', width: 90 }
	];
	help.getRow(1).font = { bold: true };
	for (const r of INSTRUCTIONS) help.addRow(r).alignment = { vertical: 'top', wrapText: true };
	help.addRow([]);
	help.addRow([
		'',
		'',
		'第 1 行为表头，请勿修改列名；列的顺序可以调整。空行会被跳过。也可另存为 CSV（UTF-8）导入。'
	]);
	return toBuffer(workbook);
}

/** A bank in the template's columns plus 编号 and 状态, so export → import gives the same questions. */
export async function exportBankXlsx(bank: BankFile): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = '安训';
	workbook.title = bank.title;
	addQuestionSheet(workbook, '题目', bank.questions, true);
	return toBuffer(workbook);
}
