import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseAiken } from '../../src/lib/server/banks/import/aiken';
import { parseGift } from '../../src/lib/server/banks/import/gift';
import { lintBank, stemSimilarity } from '../../src/lib/server/banks/import/lint';
import type { ImportResult } from '../../src/lib/server/banks/import/result';
import {
	buildTemplateXlsx,
	exportBankXlsx,
	parseCsv,
	parseRows,
	parseXlsx
} from '../../src/lib/server/banks/import/spreadsheet';
import type { BankFile, QuestionContent } from '../../src/lib/server/banks/types';
import { validateQuestion } from '../../src/lib/server/banks/validate';

const errors = (r: { issues: ImportResult['issues'] }) =>
	r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
const warnings = (r: { issues: ImportResult['issues'] }) =>
	r.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
const withoutLine = (qs: ImportResult['questions']): QuestionContent[] =>
	qs.map(({ line: _line, ...q }) => q);

function q(overrides: Partial<QuestionContent> = {}): QuestionContent {
	return {
		ref: 'T-0001',
		type: 'single',
		stem: '题干',
		options: ['甲', '乙', '丙', '丁'],
		answer: 'A',
		explanation: '解析',
		difficulty: 3,
		tags: ['知识点'],
		source: '《安全生产法》',
		status: 'published',
		...overrides
	};
}

/** Stems that share no characters with each other (for i < 1700), so they never look like duplicates. */
function distinctStem(i: number): string {
	return Array.from({ length: 12 }, (_, k) => String.fromCharCode(0x4e00 + i * 12 + k)).join('');
}

// ---------------------------------------------------------------------------------------
describe('parseAiken', () => {
	it('reads well-formed questions as 单选 drafts with their lines', () => {
		const text = [
			'我国安全电压额定值的等级中，',
			'下列哪一项不属于标准等级？',
			'A. 42 V',
			'B) 36 V',
			'C. 24 V',
			'D. 110 V',
			'ANSWER: D',
			'',
			'',
			'高处作业是指在坠落高度基准面多少米以上有可能坠落的高处进行的作业？',
			'A. 1',
			'B. 2',
			'ANSWER: b'
		].join('\r\n');
		const r = parseAiken(text);
		expect(errors(r)).toEqual([]);
		expect(r.questions).toEqual([
			{
				ref: '',
				type: 'single',
				stem: '我国安全电压额定值的等级中，\n下列哪一项不属于标准等级？',
				options: ['42 V', '36 V', '24 V', '110 V'],
				answer: 'D',
				explanation: '',
				difficulty: 3,
				tags: [],
				source: '',
				status: 'draft',
				line: 1
			},
			{
				ref: '',
				type: 'single',
				stem: '高处作业是指在坠落高度基准面多少米以上有可能坠落的高处进行的作业？',
				options: ['1', '2'],
				answer: 'B',
				explanation: '',
				difficulty: 3,
				tags: [],
				source: '',
				status: 'draft',
				line: 10
			}
		]);
		expect(warnings(r)).toEqual([
			'第 1 行：题目缺少解析、来源依据、知识点（Aiken 格式不包含这些信息），已作为草稿导入，补充后方可发布',
			'第 10 行：题目缺少解析、来源依据、知识点（Aiken 格式不包含这些信息），已作为草稿导入，补充后方可发布'
		]);
	});

	it('reports each broken question by line and returns only the good ones', () => {
		const text = [
			'题一：缺少答案行', // 1
			'A. 甲',
			'B. 乙',
			'',
			'题二：答案超出范围', // 5
			'A. 甲',
			'B. 乙',
			'C. 丙',
			'D. 丁',
			'ANSWER: E', // 10
			'',
			'题三：只有一个选项', // 12
			'A. 甲',
			'ANSWER: A',
			'',
			'题四：字母跳号', // 16
			'A. 甲',
			'C. 乙', // 18
			'ANSWER: A',
			'',
			'题五：正确', // 21
			'A. 甲',
			'B. 乙',
			'ANSWER: A'
		].join('\n');
		const r = parseAiken(text);
		expect(errors(r)).toEqual([
			'第 1 行：题目缺少答案行"ANSWER: X"',
			'第 10 行：答案"E"不在选项 A–D 范围内',
			'第 12 行：选项应为 2–6 个，实际 1 个',
			'第 18 行：选项字母应为"B"，实际为"C"（选项须按 A、B、C… 的顺序排列）'
		]);
		expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.line)).toEqual([1, 10, 12, 18]);
		expect(r.questions.map((x) => [x.line, x.stem])).toEqual([[21, '题五：正确']]);
	});

	it('recovers when a question runs into the next one without its ANSWER line', () => {
		const text = ['题一', 'A. 甲', 'B. 乙', '题二', 'A. 丙', 'B. 丁', 'ANSWER: B'].join('\n');
		const r = parseAiken(text);
		expect(errors(r)).toEqual([
			'第 1 行：题目缺少答案行"ANSWER: X"（第 4 行"题二"既不是选项也不是答案行，已按下一题的题干处理）'
		]);
		expect(r.questions.map((x) => [x.line, x.stem, x.answer])).toEqual([[4, '题二', 'B']]);
	});

	it('rejects a multi-letter answer, since Aiken is single-answer only', () => {
		const r = parseAiken('题\nA. 甲\nB. 乙\nC. 丙\nANSWER: AB\n');
		expect(errors(r)).toEqual(['第 5 行：单选题只能有一个答案，而不是"AB"']);
		expect(r.questions).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------
describe('parseGift', () => {
	const good = [
		'// 低压电工题库', // 1
		'$CATEGORY: $course$/top/电工/安全电压', // 2
		'', // 3
		'::LV-0001:: [markdown]我国安全电压的上限值是多少？{', // 4
		'=42 V', // 5
		'~36 V #常用值而非上限', // 6
		'~220 V', // 7
		'####GB/T 3805 规定特低电压限值为 42 V。', // 8
		'}', // 9
		'', // 10
		'::关于个人防护的一道题:: 下列哪些属于绝缘安全用具？{~%50%绝缘手套 ~%50%绝缘靴 ~%-100%棉手套}', // 11
		'', // 12
		'$CATEGORY: 隐患排查', // 13
		'// comment between questions', // 14
		'发现事故隐患应立即报告。{TRUE}', // 15
		'', // 16
		'::Q7::[html]使用前应检查绝缘手套有无漏气\\{破损\\}。{F####应使用充气法检查\\: 有漏气不得使用。}', // 17
		'', // 18
		'临时用电线路的使用期限一般不超过{~3 天 =6 个月 ~3 年}。' // 19
	].join('\n');

	it('reads 单选, 多选, 判断 and missing-word questions with tags, refs and explanations', () => {
		const r = parseGift(good);
		expect(errors(r)).toEqual([]);
		expect(r.questions).toEqual([
			{
				ref: 'LV-0001',
				type: 'single',
				stem: '我国安全电压的上限值是多少？',
				options: ['42 V', '36 V', '220 V'],
				answer: 'A',
				explanation: 'GB/T 3805 规定特低电压限值为 42 V。',
				difficulty: 3,
				tags: ['安全电压'],
				source: '',
				status: 'draft',
				line: 4
			},
			{
				ref: '',
				type: 'multiple',
				stem: '下列哪些属于绝缘安全用具？',
				options: ['绝缘手套', '绝缘靴', '棉手套'],
				answer: 'AB',
				explanation: '',
				difficulty: 3,
				tags: ['安全电压'],
				source: '',
				status: 'draft',
				line: 11
			},
			{
				ref: '',
				type: 'judge',
				stem: '发现事故隐患应立即报告。',
				options: [],
				answer: '对',
				explanation: '',
				difficulty: 3,
				tags: ['隐患排查'],
				source: '',
				status: 'draft',
				line: 15
			},
			{
				ref: 'Q7',
				type: 'judge',
				stem: '使用前应检查绝缘手套有无漏气{破损}。',
				options: [],
				answer: '错',
				explanation: '应使用充气法检查: 有漏气不得使用。',
				difficulty: 3,
				tags: ['隐患排查'],
				source: '',
				status: 'draft',
				line: 17
			},
			{
				ref: '',
				type: 'single',
				stem: '临时用电线路的使用期限一般不超过____。',
				options: ['3 天', '6 个月', '3 年'],
				answer: 'B',
				explanation: '',
				difficulty: 3,
				tags: ['隐患排查'],
				source: '',
				status: 'draft',
				line: 19
			}
		]);
		expect(warnings(r)).toEqual([
			'第 4 行：题目缺少来源依据（GIFT 格式不包含这些信息），已作为草稿导入，补充后方可发布',
			'第 11 行：题目缺少解析、来源依据（GIFT 格式不包含这些信息），已作为草稿导入，补充后方可发布',
			'第 15 行：题目缺少解析、来源依据（GIFT 格式不包含这些信息），已作为草稿导入，补充后方可发布',
			'第 17 行：题目缺少来源依据（GIFT 格式不包含这些信息），已作为草稿导入，补充后方可发布',
			'第 19 行：题目缺少解析、来源依据（GIFT 格式不包含这些信息），已作为草稿导入，补充后方可发布'
		]);
	});

	it('reports every unsupported question type by line instead of dropping it', () => {
		const text = [
			'::M1:: 请将设备与颜色配对 {=接地线 -> 黄绿双色 =零线 -> 淡蓝色 =相线 -> 黄色}', // 1
			'',
			'安全电压的上限是多少伏？{=42 =四十二}', // 3
			'',
			'安全电压上限是多少伏？{#42:0}', // 5
			'',
			'请简述触电急救的步骤。{}', // 7
			'',
			'以下为低压电工部分。', // 9
			'',
			'电压{=42 ~36}伏，电流{=30 ~50}毫安。', // 11
			'',
			'正常的题？{=对 ~错 ~不确定}' // 13
		].join('\n');
		const r = parseGift(text);
		expect(errors(r)).toEqual([
			'第 1 行：不支持的题型（匹配题），未导入',
			'第 3 行：不支持的题型（简答（填空）题：只有"="答案、没有"~"干扰项），未导入',
			'第 5 行：不支持的题型（数值题），未导入',
			'第 7 行：不支持的题型（问答题：答案部分为空），未导入',
			'第 9 行：不支持的题型（说明文字：没有"{…}"答案部分），未导入',
			'第 11 行：不支持的题型（含多个"{…}"答案部分的完形填空题），未导入'
		]);
		expect(r.questions.map((x) => x.line)).toEqual([13]);
	});

	it('reports malformed answers and rule problems on the right line', () => {
		const text = [
			'::A-1:: 两个等号 {=甲 =乙 ~丙}', // 1
			'',
			'::A-2:: 没有正确答案 {~甲 ~乙 ~%0%丙}', // 3
			'',
			'::A-3:: 括号未闭合', // 5
			'{=甲 ~乙', // 6
			'',
			'::A-4:: 重复选项 {=甲 ~甲 ~丙}', // 8
			'',
			'::A-5:: 正常 {=甲 ~乙}', // 10
			'',
			'::A-5:: 编号重复 {=甲 ~乙}' // 12
		].join('\n');
		const r = parseGift(text);
		expect(errors(r)).toEqual([
			'第 1 行：有 2 个以"="标记的正确答案；单选题只能有一个正确答案，多选题请用"~%50%"这类正分权重标出各正确答案，未导入',
			'第 3 行：没有正确答案：应以"="标出正确答案，或用"~%50%"这类正分权重标出多选题的各正确答案，未导入',
			'第 6 行：答案部分的"{"缺少对应的"}"，未导入',
			'第 8 行：存在重复选项',
			'第 12 行：编号"A-5"与第 10 行的题目重复'
		]);
		expect(r.questions.map((x) => x.ref)).toEqual(['A-5']);
		expect(r.questions[0].line).toBe(10);
	});
});

// ---------------------------------------------------------------------------------------
const HEADER = [
	'题型',
	'题干',
	'选项A',
	'选项B',
	'选项C',
	'选项D',
	'选项E',
	'选项F',
	'答案',
	'解析',
	'难度',
	'知识点',
	'来源'
];

describe('parseRows', () => {
	it('reads every accepted spelling, skips blank rows and numbers rows as Excel does', () => {
		const rows: unknown[][] = [
			['编号', ...HEADER, '状态'],
			[
				'LV-1',
				'单选题',
				'题一',
				'甲',
				'乙',
				'丙',
				'丁',
				'',
				'',
				'c',
				'解析一',
				2,
				'安全电压，触电防护',
				'来源一',
				''
			],
			[],
			['', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
			[
				'LV-2',
				'多选',
				'题二',
				'甲',
				'乙',
				'丙',
				'丁',
				'戊',
				'',
				'a, b,d',
				'解析二',
				'',
				'甲、乙;丙；丁',
				'来源二',
				'草稿'
			],
			['', '判断题', '题三', '', '', '', '', '', '', '×', '解析三', '5', '知识点', '来源三', 'retired'],
			['LV-4', '判断', '题四', '对', '错', '', '', '', '', '正确', '解析四', 1, '知识点', '来源四', '已发布']
		];
		const r = parseRows(rows);
		expect(r.issues).toEqual([]);
		expect(r.questions).toEqual([
			{
				ref: 'LV-1',
				type: 'single',
				stem: '题一',
				options: ['甲', '乙', '丙', '丁'],
				answer: 'C',
				explanation: '解析一',
				difficulty: 2,
				tags: ['安全电压', '触电防护'],
				source: '来源一',
				status: 'published',
				line: 2
			},
			{
				ref: 'LV-2',
				type: 'multiple',
				stem: '题二',
				options: ['甲', '乙', '丙', '丁', '戊'],
				answer: 'ABD',
				explanation: '解析二',
				difficulty: 3,
				tags: ['甲', '乙', '丙', '丁'],
				source: '来源二',
				status: 'draft',
				line: 5
			},
			{
				ref: '',
				type: 'judge',
				stem: '题三',
				options: [],
				answer: '错',
				explanation: '解析三',
				difficulty: 5,
				tags: ['知识点'],
				source: '来源三',
				status: 'retired',
				line: 6
			},
			{
				ref: 'LV-4',
				type: 'judge',
				stem: '题四',
				options: [],
				answer: '对',
				explanation: '解析四',
				difficulty: 1,
				tags: ['知识点'],
				source: '来源四',
				status: 'published',
				line: 7
			}
		]);
	});

	it('matches headers by name, in any order, tolerating missing optional columns', () => {
		const rows = [
			['来源', '答案', '题干 ', '知识点', '题型（必填）', '解析', '选项 a', '选项b', '备注'],
			['来源', 'B', '题', '点', '单选', '解析', '甲', '乙', '随便写写']
		];
		const r = parseRows(rows);
		expect(r.issues).toEqual([
			{ line: 1, message: '第 1 行：无法识别的列"备注"（第 9 列），已忽略', severity: 'warning' }
		]);
		expect(r.questions.map((x) => [x.type, x.stem, x.options, x.answer, x.difficulty, x.line])).toEqual([
			['single', '题', ['甲', '乙'], 'B', 3, 2]
		]);
	});

	it('stops at the header when a required column is missing', () => {
		const r = parseRows([
			['题型', '题干', '选项A', '选项B', '答案', '难度', '知识点'],
			['单选', '题', '甲', '乙', 'A', 3, '点']
		]);
		expect(errors(r)).toEqual(['第 1 行：表头缺少必需的列"解析"', '第 1 行：表头缺少必需的列"来源"']);
		expect(r.questions).toEqual([]);
		expect(errors(parseRows([]))).toEqual(['第 1 行：第 1 行应为表头（题型、题干、选项A…来源），但该行为空']);
	});

	it('reports every problem of a broken row with its row number and returns nothing for it', () => {
		const row = (over: Record<number, unknown>) => {
			const base: unknown[] = ['单选', '题', '甲', '乙', '丙', '丁', '', '', 'A', '解析', 3, '点', '来源'];
			for (const [k, v] of Object.entries(over)) base[Number(k)] = v;
			return base;
		};
		const r = parseRows([
			HEADER,
			row({ 0: '填空' }), // 2
			row({ 8: 'E' }), // 3
			row({ 10: 3.5 }), // 4
			row({ 10: '难', 9: '' }), // 5
			row({ 4: '' }), // 6
			row({ 0: '多选', 8: 'B' }), // 7
			row({ 0: '判断', 8: '是的' }), // 8
			row({ 1: '好题', 10: 6 }), // 9 — only the difficulty is wrong
			row({ 1: '正确的题' }) // 10
		]);
		expect(errors(r)).toEqual([
			'第 2 行：题型"填空"无效，应为 单选、多选 或 判断',
			'第 3 行：答案"E"不在选项 A–D 范围内',
			'第 4 行：难度"3.5"无效，应为 1–5 的整数（留空默认为 3）',
			'第 5 行：难度"难"无效，应为 1–5 的整数（留空默认为 3）',
			'第 5 行：缺少解析',
			'第 6 行：选项C为空，但其后的选项D有内容（选项须从 A 起连续填写）',
			'第 7 行：多选题至少有两个正确答案',
			'第 8 行：判断题不应有选项',
			'第 8 行：判断题答案应为"对"或"错"，而不是"是的"',
			'第 9 行：难度"6"无效，应为 1–5 的整数（留空默认为 3）'
		]);
		expect(r.questions.map((x) => [x.line, x.stem])).toEqual([[10, '正确的题']]);
	});

	it('reports invalid status and duplicate 编号', () => {
		const r = parseRows([
			['编号', ...HEADER, '状态'],
			['X-1', '判断', '题一', '', '', '', '', '', '', '对', '解析', '', '点', '来源', ''],
			['X-1', '判断', '题二', '', '', '', '', '', '', '错', '解析', '', '点', '来源', ''],
			['X-3', '判断', '题三', '', '', '', '', '', '', '错', '解析', '', '点', '来源', '作废']
		]);
		expect(errors(r)).toEqual([
			'第 3 行：编号"X-1"与第 2 行的题目重复',
			'第 4 行：状态"作废"无效，应为 已发布、草稿 或 已停用（留空默认为已发布）'
		]);
		expect(r.questions.map((x) => x.ref)).toEqual(['X-1']);
	});
});

describe('parseCsv', () => {
	it('strips the BOM, keeps quoted multi-line cells and counts rows like Excel', () => {
		const csv =
			'\uFEFF' +
			[
				HEADER.join(','),
				'单选,"题干第一行\n第二行","含""引号""的选项",乙,,,,,B,解析,,"安全电压,触电防护",来源',
				'',
				'判断,题,,,,,,,√,解析,4,点,来源'
			].join('\r\n') +
			'\r\n';
		const r = parseCsv(csv);
		expect(r.issues).toEqual([]);
		expect(
			r.questions.map((x) => [x.line, x.type, x.stem, x.options, x.answer, x.tags, x.difficulty])
		).toEqual([
			[2, 'single', '题干第一行\n第二行', ['含"引号"的选项', '乙'], 'B', ['安全电压', '触电防护'], 3],
			[4, 'judge', '题', [], '对', ['点'], 4]
		]);
	});

	it('explains a file that is not UTF-8 and an unclosed quote', () => {
		expect(errors(parseCsv('\uFFFD\uFFFD,\uFFFD\n'))).toEqual([
			'第 1 行：文件含有无法识别的字符，可能不是 UTF-8 编码。请在 Excel 中"另存为"→"CSV UTF-8（逗号分隔）"后重新导入，或直接导入 .xlsx 文件'
		]);
		const r = parseCsv(`${HEADER.join(',')}\n单选,"没有闭合的引号,甲,乙,,,,,A,解析,3,点,来源\n`);
		expect(errors(r)).toEqual(['第 2 行：CSV 格式错误：引号未闭合（单元格内的英文双引号请写成两个""）']);
		expect(r.questions).toEqual([]);
	});
});

describe('xlsx', () => {
	const bank: BankFile = {
		trade: 'electrician-low-voltage',
		title: '低压电工作业',
		questions: [
			q({
				ref: 'LV-0001',
				stem: '单选题一',
				options: ['42 V', '36 V', '24 V', '110 V'],
				answer: 'D',
				difficulty: 2
			}),
			q({
				ref: 'LV-0002',
				type: 'multiple',
				stem: '多选题：六个选项',
				options: ['1', '2.50', '=SUM(A1)', '甲', '乙', '丙'],
				answer: 'ACF',
				tags: ['甲', '乙'],
				explanation: '第一行\n第二行',
				status: 'draft'
			}),
			q({
				ref: 'LV-0003',
				type: 'judge',
				stem: '判断题',
				options: [],
				answer: '错',
				status: 'retired',
				difficulty: 5
			}),
			q({ ref: 'LV-0004', type: 'judge', stem: '判断题二', options: [], answer: '对' })
		]
	};

	it('exportBankXlsx → parseXlsx gives back the same questions', async () => {
		const buf = await exportBankXlsx(bank);
		expect(Buffer.isBuffer(buf)).toBe(true);
		const r = await parseXlsx(buf);
		expect(r.issues).toEqual([]);
		expect(withoutLine(r.questions)).toEqual(bank.questions);
		expect(r.questions.map((x) => x.line)).toEqual([2, 3, 4, 5]);
		// Also from an ArrayBuffer (what a browser upload gives).
		const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
		expect(withoutLine((await parseXlsx(ab)).questions)).toEqual(bank.questions);
	});

	it('buildTemplateXlsx parses back into 3 valid questions, one per type, with a 填写说明 sheet', async () => {
		const buf = await buildTemplateXlsx();
		const r = await parseXlsx(buf);
		expect(r.issues).toEqual([]);
		expect(r.questions.map((x) => [x.type, x.line, x.ref, x.status])).toEqual([
			['single', 2, '', 'published'],
			['multiple', 3, '', 'published'],
			['judge', 4, '', 'published']
		]);
		for (const x of r.questions) expect(validateQuestion(x)).toEqual([]);

		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
		expect(wb.worksheets.map((s) => s.name)).toEqual(['题目', '填写说明']);
		const sheet = wb.worksheets[0];
		expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
		expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
		expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(40);
		const help = wb.getWorksheet('填写说明')!;
		const helpNames = help.getColumn(1).values.slice(2).filter(Boolean);
		expect(helpNames).toEqual([
			'编号',
			'题型',
			'题干',
			'选项A–选项F',
			'答案',
			'解析',
			'难度',
			'知识点',
			'来源',
			'状态'
		]);
	});

	it('reads rich text, formula results and hyperlinks as their text', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('任意名称');
		ws.addRow(HEADER);
		ws.addRow([
			'单选',
			{ richText: [{ text: '富文本', font: { bold: true } }, { text: '题干' }] },
			'甲',
			'乙',
			'',
			'',
			'',
			'',
			{ formula: '"A"&""', result: 'A' },
			'解析',
			{ formula: '1+1', result: 2 },
			'点',
			{ text: 'GB/T 3805', hyperlink: 'https://example.org/' }
		]);
		wb.addWorksheet('第二张表不读').addRow(['无关']);
		const buf = Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
		const r = await parseXlsx(buf);
		expect(r.issues).toEqual([]);
		expect(r.questions.map((x) => [x.stem, x.answer, x.difficulty, x.source])).toEqual([
			['富文本题干', 'A', 2, 'GB/T 3805']
		]);
	});

	it('reports an unreadable file instead of throwing', async () => {
		const r = await parseXlsx(Buffer.from('这不是 xlsx 文件'));
		expect(r.questions).toEqual([]);
		expect(r.issues).toHaveLength(1);
		expect(r.issues[0].line).toBe(1);
		expect(r.issues[0].message).toBe(
			'第 1 行：无法读取该 Excel 文件，请确认是 .xlsx 格式（不支持旧版 .xls）'
		);
	});
});

// ---------------------------------------------------------------------------------------
describe('lintBank', () => {
	const bankOf = (questions: QuestionContent[]): BankFile => ({ trade: 't', title: '测试', questions });
	const balancedSingles = (n: number) =>
		Array.from({ length: n }, (_, i) =>
			q({ ref: `S-${i + 1}`, stem: distinctStem(i), answer: 'ABCD'[i % 4] })
		);

	it('finds nothing in a clean, balanced bank', () => {
		const qs = [
			...balancedSingles(20),
			...Array.from({ length: 10 }, (_, i) =>
				q({
					ref: `J-${i + 1}`,
					type: 'judge',
					options: [],
					stem: distinctStem(100 + i),
					answer: i % 2 ? '对' : '错'
				})
			)
		];
		expect(lintBank(bankOf(qs))).toEqual([]);
	});

	it('reports rule problems per question, by index and ref', () => {
		const issues = lintBank(
			bankOf([
				q({ ref: 'A-1', stem: distinctStem(1) }),
				q({ ref: 'A-2', stem: distinctStem(2), explanation: '', answer: 'E' })
			])
		);
		expect(issues).toEqual([
			{ line: 2, field: 'explanation', message: '第 2 题（A-2）：缺少解析', severity: 'error' },
			{ line: 2, field: 'answer', message: '第 2 题（A-2）：答案"E"不在选项 A–D 范围内', severity: 'error' }
		]);
	});

	it('reports identical stems as errors and near-identical ones as warnings', () => {
		const long = '在有爆炸危险的场所进行动火作业前，必须检测可燃气体浓度，并办理动火作业许可证后方可作业。';
		const issues = lintBank(
			bankOf([
				q({ ref: 'D-1', stem: long }),
				q({ ref: 'D-2', stem: distinctStem(5) }),
				q({ ref: 'D-3', stem: long }),
				q({ ref: 'D-4', stem: long.replace('必须', '应当') }),
				q({ ref: 'D-5', stem: `${long.slice(0, -1)}！` }),
				q({ ref: 'D-6', stem: '完全无关的另一道题，讲的是高处作业的安全带使用要求。' }),
				q({ ref: 'D-7', stem: long, status: 'retired' })
			])
		);
		expect(issues.map((i) => [i.severity, i.line, i.message])).toEqual([
			['error', 3, '第 3 题（D-3）：题干与第 1 题（D-1）完全相同'],
			['warning', 4, '第 4 题（D-4）：题干与第 1 题（D-1）高度相似（相似度 92%），请确认是否重复'],
			['warning', 4, '第 4 题（D-4）：题干与第 3 题（D-3）高度相似（相似度 92%），请确认是否重复'],
			['warning', 5, '第 5 题（D-5）：题干与第 1 题（D-1）高度相似（相似度 100%），请确认是否重复'],
			['warning', 5, '第 5 题（D-5）：题干与第 3 题（D-3）高度相似（相似度 100%），请确认是否重复'],
			['warning', 5, '第 5 题（D-5）：题干与第 4 题（D-4）高度相似（相似度 92%），请确认是否重复']
		]);
		expect(stemSimilarity(long, long.replace('必须', '应当'))).toBeCloseTo(37 / 40, 10);
		expect(stemSimilarity('ab cd', 'abce')).toBeCloseTo(2 / 3, 10);
		expect(stemSimilarity('安全电压。', '安全 电压')).toBe(1);
		expect(stemSimilarity('安全电压的上限是多少伏？', '安全电流的上限是多少毫安？')).toBeLessThan(0.9);
	});

	it('warns about skewed 单选 answer letters from 20 单选 up', () => {
		const skewed = Array.from({ length: 20 }, (_, i) =>
			q({ ref: `S-${i + 1}`, stem: distinctStem(i), answer: i < 10 ? 'A' : 'BCD'[i % 3] })
		);
		const issues = lintBank(bankOf(skewed));
		expect(issues).toEqual([
			{
				line: 0,
				field: 'answer',
				message: '单选题答案分布不均：A 占 50%（10/20）；A–D 每个字母宜占 15%–35%',
				severity: 'warning'
			}
		]);
		const allA = Array.from({ length: 20 }, (_, i) =>
			q({ ref: `S-${i + 1}`, stem: distinctStem(i), answer: 'A' })
		);
		expect(lintBank(bankOf(allA)).map((i) => i.message)).toEqual([
			'单选题答案分布不均：A 占 100%（20/20），B 占 0%（0/20），C 占 0%（0/20），D 占 0%（0/20）；A–D 每个字母宜占 15%–35%'
		]);
		expect(lintBank(bankOf(allA.slice(0, 19)))).toEqual([]);
	});

	it('warns when 判断 answers are mostly 对 or mostly 错', () => {
		const judges = (yes: number, total: number) =>
			Array.from({ length: total }, (_, i) =>
				q({
					ref: `J-${i + 1}`,
					type: 'judge',
					options: [],
					stem: distinctStem(i),
					answer: i < yes ? '对' : '错'
				})
			);
		expect(lintBank(bankOf(judges(7, 10))).map((i) => i.message)).toEqual([
			'判断题"对""错"比例失衡：对 占 70%（7/10），错 占 30%（3/10）；两者宜各占 35% 以上'
		]);
		expect(lintBank(bankOf(judges(6, 10)))).toEqual([]);
	});

	it('reports too few published questions for the exam rules', () => {
		const qs = [
			...balancedSingles(20),
			q({ ref: 'J-1', type: 'judge', options: [], stem: distinctStem(50), answer: '对' }),
			q({ ref: 'J-2', type: 'judge', options: [], stem: distinctStem(51), answer: '错', status: 'draft' })
		];
		const issues = lintBank(bankOf(qs), {
			requiredCounts: [
				{ type: 'single', count: 20, label: '低压电工理论考试' },
				{ type: 'judge', count: 2, label: '低压电工理论考试' },
				{ type: 'multiple', count: 5 }
			]
		});
		expect(issues).toEqual([
			{
				line: 0,
				field: 'type',
				message: '已发布的判断题只有 1 道，少于组卷规则"低压电工理论考试"所需的 2 道',
				severity: 'error'
			},
			{
				line: 0,
				field: 'type',
				message: '已发布的多选题只有 0 道，少于组卷规则所需的 5 道',
				severity: 'error'
			}
		]);
	});

	it('stays fast on a bank of 1,000 questions', () => {
		const qs = balancedSingles(1000);
		const t0 = performance.now();
		expect(lintBank(bankOf(qs))).toEqual([]);
		expect(performance.now() - t0).toBeLessThan(2000);
	});
});
