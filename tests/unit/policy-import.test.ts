import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	chineseToInt,
	draftCourse,
	intToChinese,
	parsePolicyDocument,
	proposeQuestions,
	splitResponsible,
	type PolicyDraft,
	type PolicyNode
} from '../../src/lib/server/courses/policy-import';
import { validateQuestion } from '../../src/lib/server/banks/validate';

// The seed documents live next to the repository (CI has them): a missing directory is a failure.
const SEEDS = path.resolve(process.cwd(), '../shared/seeds');

function seed(prefix: string): string {
	if (!existsSync(SEEDS)) throw new Error(`种子文档目录不存在：${SEEDS}`);
	const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
	if (!file) throw new Error(`找不到种子文档 ${prefix}*.txt（${SEEDS}）`);
	return readFileSync(path.join(SEEDS, file), 'utf8');
}

const items = (d: PolicyDraft): PolicyNode[] =>
	d.nodes.flatMap((p) => p.children.filter((c) => c.level === 2));
const allText = (n: PolicyNode): string => [n.title, ...n.body, ...n.children.map(allText)].join('\n');

describe('numerals', () => {
	it('converts Chinese numerals both ways up to and beyond 三十', () => {
		expect(chineseToInt('一')).toBe(1);
		expect(chineseToInt('十')).toBe(10);
		expect(chineseToInt('十一')).toBe(11);
		expect(chineseToInt('二十')).toBe(20);
		expect(chineseToInt('二十一')).toBe(21);
		expect(chineseToInt('三十')).toBe(30);
		expect(chineseToInt('三十九')).toBe(39);
		expect(chineseToInt('一百零五')).toBe(105);
		expect(chineseToInt('十户')).toBeNaN();
		for (let n = 1; n <= 120; n++) expect(chineseToInt(intToChinese(n))).toBe(n);
		expect(intToChinese(21)).toBe('二十一');
	});
});

describe('seed 002 垣曲县 垣政发〔2025〕1号', () => {
	const d = parsePolicyDocument(seed('002'));
	const its = items(d);

	it('has seven parts and 21 items numbered （一）…（二十一） across the parts', () => {
		expect(d.nodes.map((p) => p.numeral)).toEqual(['一', '二', '三', '四', '五', '六', '七']);
		expect(d.nodes[0]?.title).toBe('狠抓安全意识大提升');
		expect(d.nodes[6]?.title).toBe('狠抓能力素质大提升');
		expect(its.map((i) => i.numeral)).toEqual(Array.from({ length: 21 }, (_, i) => intToChinese(i + 1)));
		expect(d.nodes.map((p) => p.children.length)).toEqual([3, 2, 5, 2, 2, 4, 3]);
		expect(its[19]?.id).toBe('7.2');
		expect(its[19]?.level).toBe(2);
	});

	it('takes the first sentence as the title and the rest as body', () => {
		expect(its[19]?.title).toBe('开展职工安全技能竞赛');
		expect(its[19]?.body[0]).toMatch(/^加强全员分工种、分岗位针对性培训/);
		expect(its[20]?.title).toContain('执法比武');
		expect(its[20]?.title).toBe('开展安全监管人员执法比武');
		expect(its[0]?.title).toBe('强化学习贯彻');
	});

	it('reads the 文号 and title from the preamble', () => {
		expect(d.docNumber).toBe('垣政发〔2025〕1号');
		expect(d.title).toContain('关于做好2025年安全生产工作的通知');
		expect(d.preamble).toContain('垣曲开发区管委会，各乡（镇）人民政府，县直有关单位：');
	});

	it('joins lines broken mid-sentence, across blank lines', () => {
		const opening = d.preamble.find((p) => p.startsWith('2025年，全县安全生产工作'));
		expect(opening).toBeDefined();
		expect(opening).toContain('减少一般事故，守牢安全底线。');
		expect(d.preamble).not.toContain('般事故，守牢安全底线。');
		expect(its[4]?.body.join('')).toContain('安全生产责任保险事故预防');
		expect(its[20]?.body).toHaveLength(1);
		expect(its[20]?.body[0]).toContain('应用“互联网+执法”系统等开展案卷评查');
		expect(its[14]?.body[0]).toContain('应急处置图表化、应急指挥卡片化。');
	});

	it('pulls the responsible units out of the body, also when on their own line or broken', () => {
		expect(its[0]?.responsible).toEqual([
			{ unit: '垣曲开发区管委会', role: '负责' },
			{ unit: '各乡[镇]人民政府', role: '负责' },
			{ unit: '县安委会成员单位', role: '负责' }
		]);
		expect(its[0]?.body.join('')).not.toContain('负责)');
		expect(its[1]?.responsible.map((r) => r.unit)).toEqual([
			'垣曲开发区管委会',
			'各乡[镇]人民政府',
			'县安委会成员单位'
		]);
		expect(its[1]?.body[0]).toMatch(/筑牢安全生产人民防线。$/);
		// （十八）: the parenthesis is broken across two lines in the source.
		expect(its[17]?.responsible.map((r) => r.unit)).toEqual([
			'垣曲开发区管委会',
			'各乡[镇]人民政府',
			'县交通局',
			'县水利局',
			'县应急管理局',
			'县发改局',
			'县林业局'
		]);
		expect(its[17]?.body[0]).toMatch(/至少建立1处应急避难场所。$/);
		expect(its[5]?.responsible.map((r) => r.unit)).toEqual(['县委办', '县政府办', '县安委办']);
		expect(its[20]?.responsible).toEqual([{ unit: '县级负有安全生产监管职责的部门', role: '负责' }]);
	});

	it('keeps the signature block out of the last item', () => {
		expect(d.closing).toContain('2025年3月6日');
		expect(d.closing[0]).toBe('垣曲县人民政府');
		expect(allText(d.nodes[6]!)).not.toContain('抄送');
	});

	it('normalises "11 项职责" and warns about the mixed half/full-width parentheses it really has', () => {
		expect(d.highlights.some((h) => h.text === '11项职责' && h.path === '3.3')).toBe(true);
		expect(d.warnings.some((w) => w.includes('编号样式不一致'))).toBe(true);
		expect(d.warnings.some((w) => w.includes('可能缺少'))).toBe(false);
		expect(d.warnings.some((w) => w.includes('未分部分'))).toBe(false);
	});
});

describe('seed 004 XX市', () => {
	const d = parsePolicyDocument(seed('004'));

	it('has its four top-level parts', () => {
		expect(d.nodes.map((p) => p.title)).toEqual(['总体要求', '工作目标', '重点工作任务', '工作要求']);
		expect(d.nodes[0]?.children).toHaveLength(0);
		expect(d.nodes[0]?.body[0]).toMatch(/^以新时代中国特色社会主义思想为指导/);
		expect(d.nodes.map((p) => p.children.length)).toEqual([0, 3, 6, 3]);
	});

	it('numbers restart under each part and 1.–8. sit under （三）', () => {
		const tasks = d.nodes[2]!;
		expect(tasks.children.map((c) => c.numeral)).toEqual(['一', '二', '三', '四', '五', '六']);
		const sectors = tasks.children[2]!;
		expect(sectors.title).toBe('加强重点行业领域安全监管');
		expect(sectors.children.map((c) => c.title)).toEqual([
			'危险化学品',
			'非煤矿山',
			'消防',
			'道路运输',
			'交通运输(铁路、民航、邮政、水上交通)',
			'建筑施工',
			'城镇燃气',
			'工贸'
		]);
		expect(sectors.children.every((c) => c.level === 3)).toBe(true);
		expect(sectors.children[7]?.id).toBe('3.3.8');
		expect(d.warnings).toEqual([]);
	});
});

describe('all five seeds', () => {
	const prefixes = ['000', '001', '002', '003', '004'];

	it.each(prefixes)('%s parses and yields at least one chapter with lessons', (p) => {
		const d = parsePolicyDocument(seed(p));
		const course = draftCourse(d);
		expect(d.nodes.length).toBeGreaterThanOrEqual(1);
		expect(course.chapters.length).toBeGreaterThanOrEqual(1);
		expect(course.chapters.every((c) => c.lessons.length >= 1)).toBe(true);
		expect(course.title).not.toBe('');
		for (const q of proposeQuestions(d, p)) expect(validateQuestion(q)).toEqual([]);
	});

	it('finds 98% and 30分钟 exactly where the texts state them', () => {
		const has98 = prefixes.filter((p) =>
			parsePolicyDocument(seed(p)).highlights.some((h) => h.kind === 'percent' && h.text.includes('98%'))
		);
		expect(has98).toEqual(['000']);
		const has30 = prefixes.filter((p) =>
			parsePolicyDocument(seed(p)).highlights.some((h) => h.kind === 'duration' && h.text.includes('30分钟'))
		);
		expect(has30).toEqual(['000']);
		const d000 = parsePolicyDocument(seed('000'));
		const p98 = d000.highlights.find((h) => h.text.includes('98%'));
		expect(p98).toMatchObject({ text: '不低于98%', figure: '98%', value: 98, path: '2.1.2' });
		expect(d000.highlights.find((h) => h.kind === 'duration')).toMatchObject({
			text: '30分钟内',
			path: '2.2.1'
		});
		expect(d000.highlights.some((h) => h.kind === 'count' && h.text === '五大高危行业')).toBe(true);
		expect(d000.highlights.some((h) => h.kind === 'slogan' && h.text === '红黄蓝')).toBe(true);
		const d003 = parsePolicyDocument(seed('003'));
		expect(d003.highlights.filter((h) => h.kind === 'percent' && h.figure === '100%').length).toBe(5);
		expect(parsePolicyDocument(seed('001')).highlights.some((h) => h.text === '企业安静期')).toBe(true);
	});

	it('003 ends at part 四 and says so', () => {
		const d = parsePolicyDocument(seed('003'));
		expect(d.nodes).toHaveLength(4);
		expect(items(d)).toHaveLength(16);
		expect(d.nodes[3]?.children).toHaveLength(0);
		expect(d.warnings.some((w) => w.startsWith('第 45 行') && w.includes('没有正文'))).toBe(true);
		expect(d.docNumber).toBeNull();
	});

	it('001 keeps its bullets as body and warns about the long preamble', () => {
		const d = parsePolicyDocument(seed('001'));
		expect(d.title).toBe('小店区2025年安全生产工作要点');
		expect(d.nodes).toHaveLength(6);
		expect(d.nodes[0]?.body).toHaveLength(4);
		expect(d.warnings.some((w) => w.includes('已全部留在前言中'))).toBe(true);
		const lesson = draftCourse(d).chapters[0]!.lessons[0]!;
		expect(lesson.markdown.split('\n\n')[0]).toBe(
			'- 持续深化理论学习。跟进学习习近平总书记关于安全生产和防灾减灾救灾重要讲话和指示批示；'
		);
	});
});

describe('malformed documents', () => {
	it('no headings: one synthetic chapter with the paragraphs and a warning', () => {
		const d = parsePolicyDocument(
			[
				'关于开展全员安全培训的通知',
				'',
				'各单位：',
				'',
				'请于6月底前完成全员安全培训，培训合格率达到100%。',
				'',
				'（县应急局牵头，县人社局、县总工会配合）'
			].join('\n')
		);
		expect(d.title).toBe('关于开展全员安全培训的通知');
		expect(d.nodes).toHaveLength(1);
		expect(d.nodes[0]?.synthetic).toBe(true);
		expect(d.nodes[0]?.body).toEqual(['各单位：', '请于6月底前完成全员安全培训，培训合格率达到100%。']);
		expect(d.nodes[0]?.responsible).toEqual([
			{ unit: '县应急局', role: '牵头' },
			{ unit: '县人社局', role: '配合' },
			{ unit: '县总工会', role: '配合' }
		]);
		expect(d.warnings).toContain('未识别到“一、”“（一）”等标题，已按段落生成一个章节');
		const course = draftCourse(d);
		expect(course.chapters).toHaveLength(1);
		expect(course.chapters[0]?.lessons).toHaveLength(1);
		expect(course.chapters[0]?.lessons[0]?.markdown).toContain('**达到100%**');
		expect(course.chapters[0]?.lessons[0]?.markdown).toContain(
			'**责任单位**：县应急局（牵头）、县人社局（配合）、县总工会（配合）'
		);
	});

	it('a level jump goes into a synthetic part, with a warning naming the line', () => {
		const d = parsePolicyDocument('（一）加强领导。各单位要加强领导。\n（二）强化考核。严格考核。');
		expect(d.nodes).toHaveLength(1);
		expect(d.nodes[0]?.title).toBe('未分部分');
		expect(d.nodes[0]?.children.map((c) => c.title)).toEqual(['加强领导', '强化考核']);
		expect(d.warnings).toEqual(['第 1 行：条目（一）之前没有“一、”级标题，已归入“未分部分”']);
	});

	it('a skipped numeral is reported with the missing one', () => {
		const lines = ['一、重点任务'];
		for (const n of ['一', '二', '三', '四', '五', '七']) lines.push(`（${n}）任务${n}。内容${n}。`);
		const d = parsePolicyDocument(lines.join('\n'));
		expect(d.nodes[0]?.children).toHaveLength(6);
		expect(d.warnings).toEqual(['第 7 行：编号（五）之后出现（七），可能缺少（六）']);
		const top = parsePolicyDocument('一、甲\n\n正文。\n\n三、丙\n\n正文。');
		expect(top.warnings).toEqual(['第 5 行：编号“一、”之后出现“三、”，可能缺少“二、”']);
		const back = parsePolicyDocument('一、甲\n（二）乙。正文。\n（一）丙。正文。');
		expect(back.warnings.some((w) => w.includes('第 2 行：编号从（二）开始，可能缺少（一）'))).toBe(true);
		expect(
			back.warnings.some((w) => w.includes('第 3 行：编号（二）之后出现（一），编号重复或顺序颠倒'))
		).toBe(true);
	});

	it('mixed numbering styles are reported once per level', () => {
		const d = parsePolicyDocument(
			['一、总体要求', '（一）加强领导。内容。', '(二)强化考核。内容。', '(三)严格追责。内容。'].join('\n')
		);
		expect(d.nodes[0]?.children).toHaveLength(3);
		expect(d.warnings).toHaveLength(1);
		expect(d.warnings[0]).toMatch(/^第 3 行：编号样式不一致/);
		const l3 = parsePolicyDocument(['一、任务', '（一）甲', '1.乙。内容。', '2、丙。内容。'].join('\n'));
		expect(l3.warnings.some((w) => w.startsWith('第 4 行：编号样式不一致'))).toBe(true);
	});

	it('drops page numbers and joins the sentence they interrupted', () => {
		const d = parsePolicyDocument(
			'一、任务\n\n（一）加强培训。各单位要组织全员开展安全生产培训，确保从业人员\n\n- 3 -\n\n经培训合格后上岗。'
		);
		expect(d.nodes[0]?.children[0]?.body).toEqual([
			'各单位要组织全员开展安全生产培训，确保从业人员经培训合格后上岗。'
		]);
		expect(d.warnings).toEqual([]);
	});

	it('a level-3 item without a level-2 item is attached to the part, with a warning', () => {
		const d = parsePolicyDocument('一、任务\n1. 甲。内容。\n2. 乙。内容。');
		expect(d.nodes[0]?.children.map((c) => c.id)).toEqual(['1.1', '1.2']);
		expect(d.warnings).toEqual(['第 2 行：条目1.之前没有“（一）”级标题，已直接归入“一、任务”']);
	});

	it('empty input gives an empty draft with a warning', () => {
		for (const text of ['', '  \n\n \u3000 \n']) {
			const d = parsePolicyDocument(text);
			expect(d.nodes).toEqual([]);
			expect(d.title).toBe('');
			expect(d.docNumber).toBeNull();
			expect(d.warnings).toEqual(['文档为空，未生成任何内容']);
			expect(draftCourse(d).chapters).toEqual([]);
			expect(proposeQuestions(d, '空文件')).toEqual([]);
		}
	});
});

describe('splitResponsible', () => {
	it('splits units and keeps the role of each group', () => {
		expect(splitResponsible('加强培训。（县应急局牵头，县公安局、县交通局配合）')).toEqual({
			text: '加强培训。',
			responsible: [
				{ unit: '县应急局', role: '牵头' },
				{ unit: '县公安局', role: '配合' },
				{ unit: '县交通局', role: '配合' }
			]
		});
		expect(
			splitResponsible('(垣曲开发区管委会，各乡[镇]人民政府、县安委会成员单位负责)').responsible
		).toHaveLength(3);
		// A parenthesis that is not a responsibility note stays in the text.
		expect(splitResponsible('每半年至少1次演练（高危行业领域）。')).toEqual({
			text: '每半年至少1次演练（高危行业领域）。',
			responsible: []
		});
	});
});

describe('proposeQuestions', () => {
	const d = parsePolicyDocument(seed('000'));
	const qs = proposeQuestions(d, '霍城县2025年安全生产工作要点');

	it('asks about the 98% target with 98% keyed and plausible sorted distractors', () => {
		const q = qs.find((x) => x.type === 'single' && x.stem.includes('整改率') && x.stem.includes('多少'));
		expect(q).toBeDefined();
		const keyed = q!.options['ABCDEF'.indexOf(q!.answer)];
		expect(keyed).toContain('98%');
		expect(q!.options).toHaveLength(4);
		expect(new Set(q!.options).size).toBe(4);
		const values = q!.options.map((o) => Number.parseFloat(o));
		expect(values).toEqual([...values].sort((a, b) => a - b));
		expect(values.filter((v) => v === 98)).toHaveLength(1);
		expect(q!.stem).toContain('应不低于多少？');
		expect(q!.stem).not.toContain('98');
		expect(q!.explanation).toContain('98%');
		expect(q!.source).toBe('霍城县2025年安全生产工作要点 第二部分第（一）条');
		expect(q!.tags).toEqual(['主要内容解读']);
		expect(q).toMatchObject({ status: 'draft', difficulty: 2 });
	});

	it('asks about the 30-minute response', () => {
		const q = qs.find((x) => x.stem.includes('多长时间'));
		expect(q).toBeDefined();
		expect(q!.stem).toContain('确保在灾害发生多长时间内迅速启动应急机制？');
		expect(q!.options).toEqual(['20分钟', '30分钟', '45分钟', '60分钟']);
		expect(q!.answer).toBe('B');
	});

	it('every question passes validateQuestion, with distinct options and unique stems and refs', () => {
		expect(qs.length).toBeGreaterThanOrEqual(5);
		expect(qs.length).toBeLessThanOrEqual(40);
		for (const q of qs) {
			expect(validateQuestion(q), q.stem).toEqual([]);
			expect(new Set(q.options).size).toBe(q.options.length);
			expect(q.source.startsWith('霍城县2025年安全生产工作要点')).toBe(true);
		}
		expect(new Set(qs.map((q) => q.stem)).size).toBe(qs.length);
		expect(new Set(qs.map((q) => q.ref)).size).toBe(qs.length);
		// The keyed letter is not always the same one.
		expect(new Set(qs.filter((q) => q.type === 'single').map((q) => q.answer)).size).toBeGreaterThan(1);
	});

	it('slogan questions blank the slogan and use other slogans of the document as distractors', () => {
		const q = qs.find((x) => x.stem.includes('“____”') && x.explanation.includes('红黄蓝'));
		expect(q).toBeDefined();
		expect(q!.stem).not.toContain('红黄蓝');
		expect(q!.options['ABCDEF'.indexOf(q!.answer)]).toBe('红黄蓝');
		const slogans = new Set(d.highlights.filter((h) => h.kind === 'slogan').map((h) => h.text));
		for (const o of q!.options) expect(slogans.has(o)).toBe(true);
	});

	it('caps the number of questions for a long document', () => {
		const long = proposeQuestions(parsePolicyDocument(seed('002')), '垣政发〔2025〕1号');
		expect(long.length).toBe(40);
		expect(long.every((q) => validateQuestion(q).length === 0)).toBe(true);
		expect(long.some((q) => q.source === '垣政发〔2025〕1号 第（八）条')).toBe(true);
	});
});

describe('draftCourse', () => {
	it('002: a chapter per part, a lesson per item, named by clause, with 责任单位', () => {
		const course = draftCourse(parsePolicyDocument(seed('002')));
		expect(course.title).toBe('垣曲县人民政府关于做好2025年安全生产工作的通知');
		expect(course.chapters.map((c) => c.title)[0]).toBe('一、狠抓安全意识大提升');
		const lessons = course.chapters.flatMap((c) => c.lessons);
		expect(lessons).toHaveLength(21);
		expect(lessons[19]?.title).toBe('（二十）开展职工安全技能竞赛');
		expect(lessons[20]?.title).toBe('（二十一）开展安全监管人员执法比武');
		expect(lessons[0]?.markdown.split('\n\n').at(-1)).toBe(
			'**责任单位**：垣曲开发区管委会、各乡[镇]人民政府、县安委会成员单位'
		);
		expect(lessons[0]?.responsible).toEqual(['垣曲开发区管委会', '各乡[镇]人民政府', '县安委会成员单位']);
		expect(lessons[6]?.markdown).toContain('“**三管三必须**”');
		expect(lessons[7]?.markdown).toContain('**11项职责**');
		expect(lessons[19]?.markdown).toContain('“**安康杯**”');
		expect(lessons[0]?.markdown).not.toContain('负责)');
	});

	it('000: sub-items become ### headings and the 98% target is bold', () => {
		const course = draftCourse(parsePolicyDocument(seed('000')));
		expect(course.chapters.map((c) => c.lessons.length)).toEqual([1, 3, 3]);
		expect(course.chapters[0]?.lessons[0]?.title).toBe('一、制定背景和目的');
		const lesson = course.chapters[1]!.lessons[0]!;
		expect(lesson.title).toBe('（一）深化安全生产治本攻坚，构建隐患动态清零机制');
		expect(lesson.markdown).toContain('### 1. 重点领域专项整治');
		expect(lesson.markdown).toContain('### 2. 隐患动态排查与整改');
		expect(lesson.markdown).toContain('**不低于98%**');
		expect(lesson.markdown).toContain('**五大高危行业**');
		expect(lesson.markdown).not.toContain('责任单位');
		expect(lesson.responsible).toEqual([]);
	});

	it('keeps bold renderable when a figure is followed directly by a letter', () => {
		const d = parsePolicyDocument('一、目标\n完成率100%建设任务，“安全第一”原则。');
		const md = draftCourse(d).chapters[0]!.lessons[0]!.markdown;
		expect(md).toContain('完成率**100**%建设');
		expect(md).toContain('“**安全第一**”');
	});
});
