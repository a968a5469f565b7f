/**
 * Turns a plain-text policy document (a county's 安全生产工作要点 / 通知 / 政策解读) into a
 * structured draft, a course outline and draft exam questions.
 *
 * Pure: no DB, no I/O. Everything here is best effort — the trainer reviews the draft and the
 * `warnings` say, in Chinese, what could not be placed with confidence.
 *
 * Heading levels follow the official numbering convention (GB/T 9704 practice):
 *   level 1 "一、"  →  level 2 "（一）" / "(一)"  →  level 3 "1." / "1、"  →  level 4 "（1）" / "(1)".
 */
import type { QuestionContent } from '../banks/types';
import { validateQuestion } from '../banks/validate';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type ResponsibleRole = '负责' | '牵头' | '配合';

export interface ResponsibleUnit {
	unit: string;
	role: ResponsibleRole;
}

export interface PolicyNode {
	/** Position path: "1" = first part, "1.2" = its second item, "1.2.3" … */
	id: string;
	level: 1 | 2 | 3 | 4;
	/** The numeral as written: "二十一" for （二十一）, "3" for 3.; "" for a synthetic part. */
	numeral: string;
	title: string;
	body: string[];
	responsible: ResponsibleUnit[];
	children: PolicyNode[];
	/** 1-based line of the heading in the source text (of the first paragraph for a synthetic part). */
	line: number;
	/** True for a part the parser made up ("未分部分", or the whole text when there are no headings). */
	synthetic?: boolean;
}

export type HighlightKind = 'percent' | 'duration' | 'count' | 'year' | 'slogan';

export interface PolicyHighlight {
	kind: HighlightKind;
	/** As it appears in the text: "不低于98%", "30分钟内", "五大高危行业", "2025年"; a slogan without its quotes. */
	text: string;
	/** The bare figure for numeric kinds: "98%", "30分钟", "五大", "11项", "2025年". */
	figure?: string;
	/** Numeric value of the figure (98, 30, 5, 11, 2025). */
	value?: number;
	/** Unit / classifier of the figure: "%", "分钟", "大", "项", "年". */
	unit?: string;
	/** Id of the node it was found in; "" = the preamble. */
	path: string;
	/** The sentence it was found in, and where in it `text` starts. */
	sentence: string;
	index: number;
}

export interface PolicyDraft {
	title: string;
	/** e.g. "垣政发〔2025〕1号"; null when the document states none. */
	docNumber: string | null;
	/** Paragraphs before the first heading (title lines, 文号, addressees, opening). */
	preamble: string[];
	/** Signature / date / 抄送 block after the last item, when recognised. */
	closing: string[];
	nodes: PolicyNode[];
	highlights: PolicyHighlight[];
	warnings: string[];
}

export interface CourseLessonDraft {
	title: string;
	markdown: string;
	/** Unit names (roles are in the markdown's 责任单位 line and in the draft). */
	responsible: string[];
}

export interface CourseDraft {
	title: string;
	chapters: { title: string; lessons: CourseLessonDraft[] }[];
}

// ---------------------------------------------------------------------------------------------
// Numerals
// ---------------------------------------------------------------------------------------------

const CN_DIGITS: Record<string, number> = {
	零: 0,
	〇: 0,
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100 };
const CN_NUMERAL_CHARS = '一二三四五六七八九十百零〇两';

/** "二十一" → 21, "十" → 10, "一百零五" → 105; NaN when not a numeral. */
export function chineseToInt(s: string): number {
	if (!s) return NaN;
	let total = 0;
	let cur = 0;
	for (const ch of s) {
		if (ch in CN_DIGITS) cur = CN_DIGITS[ch] ?? 0;
		else if (ch in CN_UNITS) {
			total += (cur || 1) * (CN_UNITS[ch] ?? 1);
			cur = 0;
		} else return NaN;
	}
	return total + cur;
}

/** 21 → "二十一" (1–999). */
export function intToChinese(n: number): string {
	const d = '零一二三四五六七八九';
	if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
	if (n < 10) return d[n] ?? '';
	if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
	if (n < 100) return (d[Math.floor(n / 10)] ?? '') + '十' + (n % 10 ? d[n % 10] : '');
	const h = Math.floor(n / 100);
	const rest = n % 100;
	if (rest === 0) return (d[h] ?? '') + '百';
	if (rest < 10) return (d[h] ?? '') + '百零' + d[rest];
	const tail = rest < 20 ? '一' + intToChinese(rest) : intToChinese(rest);
	return (d[h] ?? '') + '百' + tail;
}

// ---------------------------------------------------------------------------------------------
// Lines and paragraphs
// ---------------------------------------------------------------------------------------------

type Level = 1 | 2 | 3 | 4;

interface Heading {
	level: Level;
	numeral: string;
	value: number;
	/** Numbering style of this heading, compared across headings of one level. */
	style: string;
	/** The marker as written, e.g. "(二)" or "1、". */
	marker: string;
	rest: string;
}

interface Para {
	line: number;
	text: string;
	heading?: Heading;
}

const CJK = '\u3400-\u9fff';

function normalizeLine(raw: string): string {
	return (
		raw
			.replace(/[\uFEFF\u200B]/g, '')
			.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
			.replace(/％/g, '%')
			.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '')
			.replace(/[\u3000\u00a0]/g, ' ')
			// "11 项职责", "2025 年", "研究解决 10 项" → no spaces around figures inside Chinese text.
			.replace(/(\d) +(?=[%年月日时分秒项次个类条种处家名支大周天号倍])/g, '$1')
			.replace(new RegExp(`([${CJK}]) +(?=\\d)`, 'g'), '$1')
	);
}

const RE_L1 = new RegExp(`^([${CN_NUMERAL_CHARS}]{1,5})\\s*([、．.])\\s*(.*)$`);
const RE_L2 = new RegExp(`^([（(])\\s*([${CN_NUMERAL_CHARS}]{1,5})\\s*([）)])\\s*(.*)$`);
const RE_L3 = /^(\d{1,2})\s*([.．、])(?!\d)\s*(.*)$/;
const RE_L4 = /^([（(])\s*(\d{1,2})\s*([）)])\s*(.*)$/;

function parenStyle(open: string, close: string): string {
	const full = (c: string) => c === '（' || c === '）';
	if (full(open) && full(close)) return '全角括号';
	if (!full(open) && !full(close)) return '半角括号';
	return '全角半角混合括号';
}

function detectHeading(text: string): Heading | undefined {
	let m = RE_L1.exec(text);
	if (m) {
		const value = chineseToInt(m[1] ?? '');
		if (value > 0)
			return {
				level: 1,
				numeral: m[1] ?? '',
				value,
				style: `“${m[2] === '、' ? '、' : '.'}”分隔`,
				marker: `${m[1]}${m[2]}`,
				rest: m[3] ?? ''
			};
	}
	m = RE_L2.exec(text);
	if (m) {
		const value = chineseToInt(m[2] ?? '');
		if (value > 0)
			return {
				level: 2,
				numeral: m[2] ?? '',
				value,
				style: parenStyle(m[1] ?? '', m[3] ?? ''),
				marker: `${m[1]}${m[2]}${m[3]}`,
				rest: m[4] ?? ''
			};
	}
	m = RE_L3.exec(text);
	if (m) {
		const value = Number(m[1]);
		if (value > 0)
			return {
				level: 3,
				numeral: m[1] ?? '',
				value,
				style: `“${m[2] === '、' ? '、' : '.'}”分隔`,
				marker: `${m[1]}${m[2]}`,
				rest: m[3] ?? ''
			};
	}
	m = RE_L4.exec(text);
	if (m) {
		const value = Number(m[2]);
		if (value > 0)
			return {
				level: 4,
				numeral: m[2] ?? '',
				value,
				style: parenStyle(m[1] ?? '', m[3] ?? ''),
				marker: `${m[1]}${m[2]}${m[3]}`,
				rest: m[4] ?? ''
			};
	}
	return undefined;
}

/** Canonical display of a numbering marker, used in warnings. */
function fmtMarker(level: Level, value: number): string {
	switch (level) {
		case 1:
			return `“${intToChinese(value)}、”`;
		case 2:
			return `（${intToChinese(value)}）`;
		case 3:
			return `“${value}.”`;
		case 4:
			return `（${value}）`;
	}
}

const TERMINAL = '。！？；：”」』…!?;:';
const CONTINUATION = '，、,（(“《—-';

function isBullet(s: string): boolean {
	return /^[-•·●▪*]\s/.test(s);
}

/** Index of the "(" / "（" matching the closer at `close`, or -1. */
function matchingOpen(s: string, close: number): number {
	let depth = 0;
	for (let i = close; i >= 0; i--) {
		const c = s[i];
		if (c === '）' || c === ')') depth++;
		else if (c === '（' || c === '(') {
			depth--;
			if (depth === 0) return i;
		}
	}
	return -1;
}

function endsTerminal(s: string): boolean {
	const t = s.trimEnd();
	if (!t) return true;
	const last = t[t.length - 1] ?? '';
	if (TERMINAL.includes(last)) return true;
	if (last === '）' || last === ')') {
		// A trailing note like "。(县应急局负责)" or a line that is one parenthetical ends the paragraph.
		const open = matchingOpen(t, t.length - 1);
		if (open === 0) return true;
		if (open > 0) return TERMINAL.includes(t[open - 1] ?? '');
	}
	return false;
}

/** Does this paragraph look cut off mid-sentence (so the next paragraph continues it)? */
function looksUnfinished(s: string): boolean {
	if (endsTerminal(s)) return false;
	if (CONTINUATION.includes(s[s.length - 1] ?? '')) return true;
	if (s.length >= 60) return true;
	// Short lines without sentence punctuation are titles, 文号, signatures — not fragments.
	return s.length >= 20 && /[，,；;。]/.test(s);
}

/** The part of a heading line after its title (first sentence), if any. */
function splitTitle(rest: string): { title: string; body: string } {
	const m = /^(.*?)[。！？!?](.*)$/.exec(rest);
	if (m && (m[1] ?? '').trim()) return { title: (m[1] ?? '').trim(), body: (m[2] ?? '').trim() };
	return { title: rest.replace(/[：:]\s*$/, '').trim(), body: '' };
}

function toParagraphs(text: string): Para[] {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const raw: Para[] = [];
	lines.forEach((l, i) => {
		const t = normalizeLine(l);
		// Page numbers left over from PDF/Word conversion: "- 3 -", "— 12 —", "第 3 页".
		if (/^[-—－–]\s*\d+\s*[-—－–]$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$/.test(t)) return;
		if (t) raw.push({ line: i + 1, text: t, heading: detectHeading(t) });
	});
	// Join paragraphs broken mid-sentence (often across a blank line) with the next non-heading one.
	const out: Para[] = [];
	for (const p of raw) {
		const prev = out[out.length - 1];
		if (prev && !p.heading && !isBullet(p.text)) {
			const tail = prev.heading ? splitTitle(prev.heading.rest).body : prev.text;
			if (tail && looksUnfinished(prev.heading ? prev.heading.rest : prev.text)) {
				prev.text += p.text;
				if (prev.heading) prev.heading.rest += p.text;
				continue;
			}
		}
		out.push({ ...p, heading: p.heading ? { ...p.heading } : undefined });
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Responsible units: "(县应急局牵头，县公安局、县交通局配合)" at the end of an item
// ---------------------------------------------------------------------------------------------

const ROLE_SUFFIX =
	/(按职责分工负责|分工负责|共同负责|按职责负责|负责|牵头|配合|指导督促落实|督促指导落实|督促落实|指导落实|落实)$/;

function roleOf(word: string): ResponsibleRole {
	if (word === '牵头') return '牵头';
	if (word === '配合') return '配合';
	return '负责';
}

function parseUnits(inner: string): ResponsibleUnit[] {
	const out: ResponsibleUnit[] = [];
	let pending: string[] = [];
	for (const seg of inner.split(/[，,；;]/)) {
		const s = seg.trim();
		if (!s) continue;
		const m = ROLE_SUFFIX.exec(s);
		const unitsText = m ? s.slice(0, m.index) : s;
		const units = unitsText
			.split(/[、]|[及和](?=[县市区省州乡镇各])/)
			.map((u) =>
				u
					.trim()
					.replace(/(等有关部门|等相关部门|等部门|等单位)$/, '')
					.trim()
			)
			.filter(Boolean);
		if (m) {
			const role = roleOf(m[1] ?? '');
			for (const u of [...pending, ...units]) out.push({ unit: u, role });
			pending = [];
		} else pending.push(...units);
	}
	for (const u of pending) out.push({ unit: u, role: '负责' });
	return out;
}

/** Pulls a trailing "(…负责)" / "（…牵头，…配合）" out of a paragraph. */
export function splitResponsible(text: string): { text: string; responsible: ResponsibleUnit[] } {
	const t = text.trimEnd().replace(/[。.]$/, '');
	const last = t[t.length - 1];
	if (last !== '）' && last !== ')') return { text, responsible: [] };
	const open = matchingOpen(t, t.length - 1);
	if (open < 0) return { text, responsible: [] };
	const inner = t.slice(open + 1, -1).trim();
	if (!inner || !ROLE_SUFFIX.test(inner) || inner.length > 200) return { text, responsible: [] };
	const responsible = parseUnits(inner);
	if (responsible.length === 0) return { text, responsible: [] };
	return { text: t.slice(0, open).trim(), responsible };
}

function addResponsible(node: PolicyNode, units: ResponsibleUnit[]) {
	for (const u of units)
		if (!node.responsible.some((r) => r.unit === u.unit && r.role === u.role)) node.responsible.push(u);
}

// ---------------------------------------------------------------------------------------------
// Preamble: title and 文号
// ---------------------------------------------------------------------------------------------

const TITLE_WORDS = /(通知|要点|解读|方案|意见|办法|规定|决定|计划|细则|纲要|报告)/;
const DOC_NUMBER = new RegExp(`[${CJK}A-Za-z]{0,12}[〔［【\\[]\\s*\\d{4}\\s*[〕］】\\]]\\s*\\d+\\s*号`);

function cleanTitle(s: string): string {
	return s.replace(new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'g'), '$1').trim();
}

function findTitle(paras: Para[]): { title: string; index: number } {
	const short = (p: Para) => p.text.length <= 60 && !DOC_NUMBER.test(p.text) && !/[：:]$/.test(p.text);
	const i = paras.findIndex((p) => short(p) && TITLE_WORDS.test(p.text) && !/[，,。]/.test(p.text));
	if (i >= 0) return { title: cleanTitle(paras[i]?.text ?? ''), index: i };
	const first = paras[0];
	if (first && first.text.length <= 40 && !endsTerminal(first.text) && !DOC_NUMBER.test(first.text))
		return { title: cleanTitle(first.text), index: 0 };
	return { title: '', index: -1 };
}

function findDocNumber(paras: Para[]): { docNumber: string | null; index: number } {
	for (let i = 0; i < paras.length; i++) {
		const p = paras[i];
		if (!p || p.text.length > 40) continue;
		const m = DOC_NUMBER.exec(p.text);
		if (m) return { docNumber: m[0].replace(/\s+/g, ''), index: i };
	}
	return { docNumber: null, index: -1 };
}

const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日(印发)?$/;

// ---------------------------------------------------------------------------------------------
// parsePolicyDocument
// ---------------------------------------------------------------------------------------------

export function parsePolicyDocument(text: string): PolicyDraft {
	const draft: PolicyDraft = {
		title: '',
		docNumber: null,
		preamble: [],
		closing: [],
		nodes: [],
		highlights: [],
		warnings: []
	};
	const paras = toParagraphs(text ?? '');
	if (paras.length === 0) {
		draft.warnings.push('文档为空，未生成任何内容');
		return draft;
	}

	const firstHeading = paras.findIndex((p) => p.heading);
	if (firstHeading < 0) return noHeadings(draft, paras);

	// Signature / date block after the last heading.
	let lastHeading = -1;
	paras.forEach((p, i) => {
		if (p.heading) lastHeading = i;
	});
	let closingStart = paras.length;
	for (let i = lastHeading + 1; i < paras.length; i++) {
		const t = paras[i]?.text ?? '';
		if (DATE_LINE.test(t) || /^抄送[：:]/.test(t)) {
			closingStart = i;
			const prev = paras[i - 1];
			if (i - 1 > lastHeading && prev && prev.text.length <= 30 && !endsTerminal(prev.text))
				closingStart = i - 1;
			break;
		}
	}
	draft.closing = paras.slice(closingStart).map((p) => p.text);

	// Preamble.
	const pre = paras.slice(0, firstHeading);
	draft.preamble = pre.map((p) => p.text);
	draft.title = findTitle(pre).title;
	draft.docNumber = findDocNumber(pre).docNumber;
	const proseBefore = pre.filter((p) => p.text.length >= 40 || isBullet(p.text));
	if (proseBefore.length > 2)
		draft.warnings.push(
			`第 ${proseBefore[0]?.line} 行起：第一个“一、”或“（一）”标题之前有 ${proseBefore.length} 段正文，已全部留在前言中，请确认是否应归入某一部分`
		);

	buildTree(draft, paras.slice(firstHeading, closingStart));
	draft.highlights = collectHighlights(draft);
	return draft;
}

function noHeadings(draft: PolicyDraft, paras: Para[]): PolicyDraft {
	const { title, index: ti } = findTitle(paras);
	const { docNumber, index: di } = findDocNumber(paras);
	draft.title = title;
	draft.docNumber = docNumber;
	const part: PolicyNode = {
		id: '1',
		level: 1,
		numeral: '',
		title: title || '全文',
		body: [],
		responsible: [],
		children: [],
		line: paras[0]?.line ?? 1,
		synthetic: true
	};
	paras.forEach((p, i) => {
		if (i === ti || i === di) {
			draft.preamble.push(p.text);
			return;
		}
		const { text, responsible } = splitResponsible(p.text);
		addResponsible(part, responsible);
		if (text) part.body.push(text);
	});
	draft.nodes.push(part);
	draft.warnings.push('未识别到“一、”“（一）”等标题，已按段落生成一个章节');
	draft.highlights = collectHighlights(draft);
	return draft;
}

function buildTree(draft: PolicyDraft, paras: Para[]) {
	const stack: (PolicyNode | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
	const values = new WeakMap<PolicyNode, number>();
	const lastAtLevel = [0, 0, 0, 0, 0];
	const styleAtLevel: (string | undefined)[] = [];
	const styleWarned = new Set<number>();
	const jumpWarned = new Set<string>();
	let synthetic: PolicyNode | undefined;

	const deepest = (): PolicyNode | undefined => {
		for (let l = 4; l >= 1; l--) if (stack[l]) return stack[l];
		return undefined;
	};
	const addBody = (node: PolicyNode, text: string) => {
		const r = splitResponsible(text);
		addResponsible(node, r.responsible);
		if (r.text) node.body.push(r.text);
	};

	for (const p of paras) {
		const h = p.heading;
		if (!h) {
			const target = deepest();
			if (target) addBody(target, p.text);
			else draft.preamble.push(p.text);
			continue;
		}

		// Numbering style (full/half-width parentheses, "1." vs "1、") must stay the same per level.
		const seen = styleAtLevel[h.level];
		if (!seen) styleAtLevel[h.level] = h.style;
		else if (seen !== h.style && !styleWarned.has(h.level)) {
			styleWarned.add(h.level);
			draft.warnings.push(
				`第 ${p.line} 行：编号样式不一致，“${h.marker}”使用${h.style}，此前同级编号使用${seen}`
			);
		}

		// Parent, creating a synthetic part when a level is missing.
		let parent: PolicyNode | undefined;
		if (h.level > 1) {
			if (!stack[1]) {
				if (!synthetic) {
					synthetic = {
						id: String(draft.nodes.length + 1),
						level: 1,
						numeral: '',
						title: '未分部分',
						body: [],
						responsible: [],
						children: [],
						line: p.line,
						synthetic: true
					};
					draft.nodes.push(synthetic);
					draft.warnings.push(`第 ${p.line} 行：条目${h.marker}之前没有“一、”级标题，已归入“未分部分”`);
					jumpWarned.add(`${synthetic.id}/${h.level}`);
				}
				stack[1] = synthetic;
			}
			for (let l = h.level - 1; l >= 1 && !parent; l--) parent = stack[l];
			if (parent && parent.level !== h.level - 1) {
				const key = `${parent.id}/${h.level}`;
				if (!jumpWarned.has(key)) {
					jumpWarned.add(key);
					const expected = h.level === 3 ? '（一）' : '1.';
					const label = parent.numeral
						? `${parent.level === 1 ? parent.numeral + '、' : parent.level === 2 ? `（${parent.numeral}）` : parent.numeral + '.'}${parent.title}`
						: parent.title;
					draft.warnings.push(
						`第 ${p.line} 行：条目${h.marker}之前没有“${expected}”级标题，已直接归入“${label}”`
					);
				}
			}
		}

		// Numbering sequence.
		const siblings = (parent ? parent.children : draft.nodes).filter(
			(n) => n.level === h.level && !n.synthetic
		);
		const prev = siblings[siblings.length - 1];
		const cur = h.value;
		if (prev) {
			const pv = values.get(prev) ?? 0;
			if (cur > pv + 1) draft.warnings.push(gapWarning(p.line, h.level, pv, cur));
			else if (cur <= pv)
				draft.warnings.push(
					`第 ${p.line} 行：编号${fmtMarker(h.level, pv)}之后出现${fmtMarker(h.level, cur)}，编号重复或顺序颠倒`
				);
		} else {
			// First at this level under its parent: numbering restarts at 1 or continues the document's.
			const last = lastAtLevel[h.level] ?? 0;
			if (cur !== 1 && cur !== last + 1) {
				if (last > 0 && cur > last + 1) draft.warnings.push(gapWarning(p.line, h.level, last, cur));
				else if (last === 0)
					draft.warnings.push(
						`第 ${p.line} 行：编号从${fmtMarker(h.level, cur)}开始，可能缺少${range(h.level, 1, cur - 1)}`
					);
				else
					draft.warnings.push(
						`第 ${p.line} 行：编号${fmtMarker(h.level, last)}之后出现${fmtMarker(h.level, cur)}，编号不连续`
					);
			}
		}
		lastAtLevel[h.level] = cur;

		const container = parent ? parent.children : draft.nodes;
		const { title, body } = splitTitle(h.rest);
		const node: PolicyNode = {
			id: parent ? `${parent.id}.${container.length + 1}` : String(container.length + 1),
			level: h.level,
			numeral: h.numeral,
			title: '',
			body: [],
			responsible: [],
			children: [],
			line: p.line
		};
		// A heading may itself end with the responsible units.
		const r = splitResponsible(body || title);
		addResponsible(node, r.responsible);
		if (body) {
			node.title = title;
			if (r.text) node.body.push(r.text);
		} else node.title = r.text;
		values.set(node, cur);
		container.push(node);
		stack[h.level] = node;
		for (let l = h.level + 1; l <= 4; l++) stack[l] = undefined;
	}

	walk(draft.nodes, (n) => {
		if (!n.synthetic && n.body.length === 0 && n.children.length === 0 && n.responsible.length === 0)
			draft.warnings.push(`第 ${n.line} 行：“${headingLabel(n)}”之下没有正文`);
	});
}

function range(level: Level, from: number, to: number): string {
	return from === to ? fmtMarker(level, from) : `${fmtMarker(level, from)}至${fmtMarker(level, to)}`;
}

function gapWarning(line: number, level: Level, prev: number, cur: number): string {
	return `第 ${line} 行：编号${fmtMarker(level, prev)}之后出现${fmtMarker(level, cur)}，可能缺少${range(level, prev + 1, cur - 1)}`;
}

// ---------------------------------------------------------------------------------------------
// Highlights
// ---------------------------------------------------------------------------------------------

function sentencesOf(text: string): string[] {
	return text
		.split(/(?<=[。！？；;!?])/)
		.map((s) => s.trim())
		.filter(Boolean);
}

const RE_PERCENT =
	/(不低于|不少于|不高于|不超过|达到|超过|低于|高于|提高到|提升至|控制在)?(\d+(?:\.\d+)?)%(以上|以下|左右)?/g;
const RE_DURATION = /(\d+(?:\.\d+)?)(分钟|小时|个工作日|工作日|天|日|周|个月|年)(以内|内)?/g;
const RE_YEAR = /(?:19|20)\d{2}年(?!\d)/g;
const RE_COUNT_DIGIT = /(\d+)(项|类|条|种|个|次|处|家|名|支)/g;
const RE_COUNT_CN = /([二三四五六七八九十]+)(大|项|类|条|种)/g;
/** "党的二十大", "十九大": congresses, not counts. */
const NOT_A_COUNT = /党的$/;
const RE_SLOGANS = [/“([^“”]{2,20})”/g, /"([^"]{2,20})"/g, /「([^「」]{2,20})」/g];
const NOUN_STOP = /[的和与及等或并]/;

/** The noun after a count ("五大" + "高危行业"), only when it ends naturally within 6 characters. */
function nounAfter(s: string, from: number): string {
	let noun = '';
	for (let i = from; i < s.length; i++) {
		const c = s[i] ?? '';
		if (!new RegExp(`[${CJK}]`).test(c) || NOUN_STOP.test(c)) return noun.length <= 6 ? noun : '';
		noun += c;
		if (noun.length > 6) return '';
	}
	return noun;
}

function highlightsIn(sentence: string, path: string): PolicyHighlight[] {
	const out: PolicyHighlight[] = [];
	const push = (h: Omit<PolicyHighlight, 'path' | 'sentence'>) => out.push({ ...h, path, sentence });
	const isYearDigits = (d: string) => /^(19|20)\d{2}$/.test(d);
	for (const m of sentence.matchAll(RE_PERCENT)) {
		const figure = `${m[2]}%`;
		push({ kind: 'percent', text: m[0], index: m.index ?? 0, figure, value: Number(m[2]), unit: '%' });
	}
	for (const m of sentence.matchAll(RE_DURATION)) {
		const i = m.index ?? 0;
		const before = sentence[i - 1] ?? '';
		if (/[\d.—\-~～至到]/.test(before)) continue;
		if (m[2] === '年' && isYearDigits(m[1] ?? '')) continue;
		if (m[2] === '日' && before === '月') continue;
		if (m[2] === '年' && (sentence[i + m[0].length] ?? '') === '度') continue;
		const figure = `${m[1]}${m[2]}`;
		push({ kind: 'duration', text: m[0], index: i, figure, value: Number(m[1]), unit: m[2] });
	}
	for (const m of sentence.matchAll(RE_YEAR)) {
		const i = m.index ?? 0;
		if (/\d/.test(sentence[i - 1] ?? '')) continue;
		push({ kind: 'year', text: m[0], index: i, figure: m[0], value: Number(m[0].slice(0, 4)), unit: '年' });
	}
	for (const m of sentence.matchAll(RE_COUNT_DIGIT)) {
		const i = m.index ?? 0;
		if (/[\d.—\-~～至到]/.test(sentence[i - 1] ?? '')) continue;
		if (/\d/.test(sentence[i + m[0].length] ?? '')) continue;
		const noun = nounAfter(sentence, i + m[0].length);
		push({ kind: 'count', text: m[0] + noun, index: i, figure: m[0], value: Number(m[1]), unit: m[2] });
	}
	for (const m of sentence.matchAll(RE_COUNT_CN)) {
		const i = m.index ?? 0;
		if (new RegExp(`[${CN_NUMERAL_CHARS}第]`).test(sentence[i - 1] ?? '')) continue;
		const value = chineseToInt(m[1] ?? '');
		if (!(value > 1)) continue;
		if (m[2] === '大' && (value > 10 || NOT_A_COUNT.test(sentence.slice(0, i)))) continue;
		const noun = nounAfter(sentence, i + m[0].length);
		push({ kind: 'count', text: m[0] + noun, index: i, figure: m[0], value, unit: m[2] });
	}
	for (const re of RE_SLOGANS)
		for (const m of sentence.matchAll(re)) {
			const inner = (m[1] ?? '').trim();
			if (inner.length < 2 || /[。！？]/.test(inner)) continue;
			push({ kind: 'slogan', text: inner, index: (m.index ?? 0) + 1 });
		}
	return out;
}

function walk(
	nodes: PolicyNode[],
	fn: (n: PolicyNode, ancestors: PolicyNode[]) => void,
	anc: PolicyNode[] = []
) {
	for (const n of nodes) {
		fn(n, anc);
		walk(n.children, fn, [...anc, n]);
	}
}

function collectHighlights(d: PolicyDraft): PolicyHighlight[] {
	const out: PolicyHighlight[] = [];
	const seen = new Set<string>();
	const add = (texts: string[], path: string) => {
		for (const t of texts)
			for (const s of sentencesOf(t))
				for (const h of highlightsIn(s, path)) {
					// Every figure counts (one sentence may hold two "100%"); a slogan or year once per node.
					const once = h.kind === 'slogan' || h.kind === 'year';
					const key = once ? `${path}|${h.kind}|${h.text}` : `${path}|${h.sentence}|${h.index}`;
					if (seen.has(key)) continue;
					seen.add(key);
					out.push(h);
				}
	};
	add(d.preamble, '');
	walk(d.nodes, (n) => add([n.title, ...n.body], n.id));
	return out;
}

// ---------------------------------------------------------------------------------------------
// draftCourse
// ---------------------------------------------------------------------------------------------

function escapeMd(s: string): string {
	return s.replace(/([\\`*_<>])/g, '\\$1');
}

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Escapes a paragraph and bolds every highlight in it (longest match first, no overlaps). */
function renderText(text: string, marks: string[]): string {
	const bullet = isBullet(text) ? '- ' : '';
	const esc = escapeMd(bullet ? text.replace(/^[-•·●▪*]\s+/, '') : text);
	const pats = [...new Set(marks.map(escapeMd))].filter(Boolean).sort((a, b) => b.length - a.length);
	if (pats.length === 0) return bullet + esc;
	const re = new RegExp(pats.map(escapeRe).join('|'), 'g');
	return bullet + esc.replace(re, (m, at: number, all: string) => strong(m, all[at - 1], all[at + m.length]));
}

const PUNCT = /[\p{P}\p{S}]/u;
const SPACE_OR_PUNCT = /[\s\p{P}\p{S}]/u;

/**
 * `**m**`, keeping CommonMark's flanking rules: "**100%**建设" would not render as bold (the
 * closer sits between punctuation and a letter), so such edge punctuation stays outside: "**100**%建设".
 */
function strong(m: string, before: string | undefined, after: string | undefined): string {
	let lead = '';
	let core = m;
	let trail = '';
	if (after && !SPACE_OR_PUNCT.test(after))
		while (core && PUNCT.test(core[core.length - 1] ?? '')) {
			trail = core[core.length - 1] + trail;
			core = core.slice(0, -1);
		}
	if (before && !SPACE_OR_PUNCT.test(before))
		while (core && PUNCT.test(core[0] ?? '')) {
			lead += core[0];
			core = core.slice(1);
		}
	return core ? `${lead}**${core}**${trail}` : m;
}

function roleLabel(u: ResponsibleUnit): string {
	return u.role === '负责' ? u.unit : `${u.unit}（${u.role}）`;
}

function headingLabel(n: PolicyNode): string {
	if (!n.numeral) return n.title;
	switch (n.level) {
		case 1:
			return `${n.numeral}、${n.title}`;
		case 2:
			return `（${n.numeral}）${n.title}`;
		case 3:
			return `${n.numeral}. ${n.title}`;
		case 4:
			return `（${n.numeral}）${n.title}`;
	}
}

function subtree(n: PolicyNode): PolicyNode[] {
	const out: PolicyNode[] = [n];
	for (const c of n.children) out.push(...subtree(c));
	return out;
}

function lessonOf(title: string, root: PolicyNode, highlights: PolicyHighlight[], withChildren: boolean) {
	const nodes = withChildren ? subtree(root) : [root];
	const ids = new Set(nodes.map((n) => n.id));
	const marks = highlights.filter((h) => ids.has(h.path)).map((h) => h.text);
	const blocks: string[] = root.body.map((b) => renderText(b, marks));
	const renderChildren = (n: PolicyNode) => {
		for (const c of n.children) {
			if (c.level === 4 || n.level === 3) {
				const body = c.body.map((b) => renderText(b, marks)).join(' ');
				blocks.push(`- **${escapeMd(headingLabel(c))}**${body ? '：' + body : ''}`);
				renderChildren(c);
			} else {
				blocks.push(`### ${renderText(headingLabel(c), [])}`);
				blocks.push(...c.body.map((b) => renderText(b, marks)));
				renderChildren(c);
			}
		}
	};
	if (withChildren) renderChildren(root);
	const units: ResponsibleUnit[] = [];
	for (const n of nodes)
		for (const u of n.responsible)
			if (!units.some((x) => x.unit === u.unit && x.role === u.role)) units.push(u);
	if (blocks.length === 0) blocks.push('（原文此处没有正文，请补充。）');
	if (units.length) blocks.push(`**责任单位**：${escapeMd(units.map(roleLabel).join('、'))}`);
	return {
		title,
		markdown: blocks.join('\n\n'),
		responsible: [...new Set(units.map((u) => u.unit))]
	};
}

export function draftCourse(d: PolicyDraft): CourseDraft {
	const chapters = d.nodes.map((part) => {
		const items = part.children.filter((c) => c.level === 2);
		const lessons: CourseLessonDraft[] = [];
		if (items.length === 0) {
			lessons.push(lessonOf(headingLabel(part), part, d.highlights, true));
		} else {
			// Text (or deeper items) directly under the part, before/between its items: an overview lesson.
			const loose: PolicyNode = { ...part, children: part.children.filter((c) => c.level !== 2) };
			if (loose.body.length || loose.children.length || loose.responsible.length)
				lessons.push(lessonOf(`${part.title}（概述）`, loose, d.highlights, true));
			for (const item of items) lessons.push(lessonOf(headingLabel(item), item, d.highlights, true));
		}
		return { title: headingLabel(part), lessons };
	});
	return { title: d.title || '政策文件学习', chapters };
}

// ---------------------------------------------------------------------------------------------
// proposeQuestions
// ---------------------------------------------------------------------------------------------

const MAX_QUESTIONS = 40;

function docRef(title: string): string {
	const quoted = /《[^》]+》/.exec(title);
	if (quoted) return quoted[0];
	if (!title) return '文件';
	const i = title.indexOf('关于');
	if (i > 0) return `${title.slice(0, i).trim()}《${title.slice(i)}》`;
	return `《${title}》`;
}

/** For each index of s: is it inside “…” or (…) / （…）? */
function nestingMask(s: string): boolean[] {
	const mask: boolean[] = [];
	let quotes = 0;
	let parens = 0;
	for (const c of s) {
		if (c === '”') quotes = Math.max(0, quotes - 1);
		if (c === '）' || c === ')') parens = Math.max(0, parens - 1);
		mask.push(quotes > 0 || parens > 0);
		if (c === '“') quotes++;
		if (c === '（' || c === '(') parens++;
	}
	return mask;
}

function insideQuotes(s: string, at: number): boolean {
	const before = s.slice(0, at);
	return (before.match(/“/g) ?? []).length > (before.match(/”/g) ?? []).length;
}

/**
 * The clause holding s[at…at+len), without the clauses after it; the clause before it is kept
 * too when the clause itself is short (so the stem has enough context).
 */
function contextWindow(s: string, at: number, len: number): { text: string; offset: number } {
	const nested = nestingMask(s);
	const isBreak = (i: number) => /[，,；;。！？!?]/.test(s[i] ?? '') && !nested[i];
	let end = at + len;
	while (end < s.length && !isBreak(end)) end++;
	let start = at;
	while (start > 0 && !isBreak(start - 1)) start--;
	if (end - start < 20 && start > 0 && /[，,]/.test(s[start - 1] ?? '')) {
		let prev = start - 1;
		while (prev > 0 && !isBreak(prev - 1)) prev--;
		if (start - 1 - prev <= 40) start = prev;
	}
	let text = s.slice(start, end);
	let offset = at - start;
	const lead = /^[-•·●▪*]\s+/.exec(text);
	if (lead) {
		text = text.slice(lead[0].length);
		offset -= lead[0].length;
	}
	return { text, offset };
}

function pickNearest(v: number, pool: number[], dist: (a: number, b: number) => number): number[] {
	return [...new Set(pool)]
		.filter((x) => x !== v && x > 0)
		.sort((a, b) => dist(a, v) - dist(b, v) || a - b)
		.slice(0, 3);
}

function percentDistractors(v: number): number[] {
	const pool = [30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 100];
	if (v > 100) pool.push(v + 10, v + 20, v - 10);
	return pickNearest(v, pool, (a, b) => Math.abs(a - b));
}

const DURATION_POOLS: Record<string, number[]> = {
	分钟: [5, 10, 15, 20, 30, 45, 60, 90, 120],
	小时: [1, 2, 3, 4, 6, 8, 12, 24, 48, 72],
	天: [1, 3, 5, 7, 10, 15, 30, 60, 90],
	日: [1, 3, 5, 7, 10, 15, 30, 60, 90],
	工作日: [1, 3, 5, 7, 10, 15, 20, 30],
	个工作日: [1, 3, 5, 7, 10, 15, 20, 30],
	周: [1, 2, 3, 4, 6, 8],
	个月: [1, 2, 3, 6, 9, 12, 18, 24],
	年: [1, 2, 3, 5, 8, 10, 15, 20]
};

function durationDistractors(v: number, unit: string): number[] {
	const dist = (a: number, b: number) => Math.abs(Math.log(a) - Math.log(b));
	const picked = pickNearest(v, DURATION_POOLS[unit] ?? [], dist);
	if (picked.length === 3) return picked;
	return pickNearest(v, [...picked, v * 2, v * 3, Math.round(v / 2), v + 1, v + 2], dist);
}

function countDistractors(v: number, min: number): number[] {
	const sets = [
		[-3, -2, -1],
		[-2, -1, 1],
		[-1, 1, 2],
		[1, 2, 3]
	];
	for (let k = 0; k < sets.length; k++) {
		const set = sets[(v + k) % sets.length] ?? [];
		const c = set.map((o) => v + o);
		if (c.every((x) => x >= min)) return c;
	}
	return [v + 1, v + 2, v + 3];
}

interface Located {
	part?: PolicyNode;
	item?: PolicyNode;
}

function sortedOptions(answer: string, distractors: string[], key: (s: string) => number | string) {
	const options = [answer, ...distractors].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		if (typeof ka === 'number' && typeof kb === 'number') return ka - kb;
		return String(ka).localeCompare(String(kb), 'zh');
	});
	return { options, answer: 'ABCDEF'[options.indexOf(answer)] ?? '' };
}

export function proposeQuestions(d: PolicyDraft, source: string): QuestionContent[] {
	const where = new Map<string, Located>();
	walk(d.nodes, (n, anc) => {
		const part = [...anc, n].find((x) => x.level === 1);
		const item = [...anc, n].find((x) => x.level === 2);
		where.set(n.id, { part, item });
	});
	const itemNumerals: string[] = [];
	walk(d.nodes, (n) => {
		if (n.level === 2) itemNumerals.push(n.numeral);
	});
	const uniqueItems = new Set(itemNumerals).size === itemNumerals.length;
	const ref = docRef(d.title);
	const src = source.trim() || d.docNumber || d.title || '政策文件';

	const meta = (path: string) => {
		const loc = where.get(path) ?? {};
		const partLabel = loc.part ? headingLabel(loc.part) : '';
		let clause = src;
		let label = '文件开头部分';
		if (loc.item) {
			const partNo = loc.part?.numeral ? `第${loc.part.numeral}部分` : '';
			clause = `${src} ${uniqueItems ? '' : partNo}第（${loc.item.numeral}）条`;
			label = `第（${loc.item.numeral}）条“${loc.item.title}”`;
		} else if (loc.part) {
			clause = `${src} ${partLabel}`;
			label = `“${partLabel}”部分`;
		}
		const tags = [loc.part && !loc.part.synthetic ? loc.part.title : '政策文件'];
		return { source: clause, label, tags };
	};

	const base = (path: string) => {
		const m = meta(path);
		return {
			ref: '',
			difficulty: 2,
			status: 'draft' as const,
			tags: m.tags,
			source: m.source,
			label: m.label
		};
	};

	const numeric: QuestionContent[] = [];
	const slogansByPart = new Map<string, QuestionContent[]>();

	// Numbers: percent, duration, count.
	for (const h of d.highlights) {
		if (h.kind !== 'percent' && h.kind !== 'duration' && h.kind !== 'count') continue;
		if (!h.figure || h.value === undefined || !h.unit) continue;
		const figAt = h.index + h.text.indexOf(h.figure);
		if (figAt < 0 || insideQuotes(h.sentence, figAt)) continue;
		if (/^\d+[—\-~～]/.test(h.sentence.slice(figAt))) continue;
		const win = contextWindow(h.sentence, figAt, h.figure.length);
		const b = base(h.path);
		let before = win.text.slice(0, win.offset);
		const after = win.text.slice(win.offset + h.figure.length);
		let answer: string;
		let distractors: string[];
		let askWord: string;
		const v = h.value;
		if (h.kind === 'percent') {
			answer = h.figure;
			distractors = percentDistractors(v).map((x) => `${x}%`);
			askWord = '多少';
			// "确保整改率不低于98%" → "整改率应不低于多少"; "整改率100%" → "整改率应达到多少".
			const clauseStart = Math.max(before.lastIndexOf('，'), before.lastIndexOf(',')) + 1;
			const clause = before.slice(clauseStart);
			const stripped = clause.replace(/^(确保|实现|力争|做到|保证)/, '');
			const q = /(不低于|不少于|不高于|不超过|达到|超过|低于|高于|提高到|提升至|控制在)$/.exec(stripped);
			let rewritten = stripped;
			if (q) {
				if (stripped !== clause && !/[应要]$/.test(stripped.slice(0, q.index)))
					rewritten = `${stripped.slice(0, q.index)}应${q[0]}`;
			} else if (/率$/.test(stripped)) rewritten = `${stripped}应达到`;
			before = before.slice(0, clauseStart) + rewritten;
		} else if (h.kind === 'duration') {
			answer = h.figure;
			distractors = durationDistractors(v, h.unit).map((x) => `${x}${h.unit}`);
			askWord = '多长时间';
		} else {
			const chinese = !/^\d/.test(h.figure);
			const fmt = (x: number) => (chinese ? intToChinese(x) : String(x)) + h.unit;
			answer = h.figure;
			distractors = countDistractors(v, chinese ? 2 : 1).map(fmt);
			askWord = chinese ? `几${h.unit}` : `多少${h.unit}`;
		}
		if (!before.replace(/[，,\s]/g, '') && !after.trim()) continue;
		const stemBody = `${before}${askWord}${after}`.replace(/^[，,、\s]+/, '');
		const stem = `根据${ref}，${stemBody}？`;
		const unitLen = h.unit.length;
		const valueOf = (s: string) => {
			const m = /^(\d+(?:\.\d+)?)/.exec(s);
			return m ? Number(m[1]) : chineseToInt(s.slice(0, -unitLen));
		};
		const { options, answer: letter } = sortedOptions(answer, distractors, valueOf);
		const original = win.text.replace(/^[，,、\s]+/, '');
		numeric.push({
			ref: b.ref,
			type: 'single',
			stem,
			options,
			answer: letter,
			explanation: `${b.label}提出：${original}。故正确答案为“${answer}”。`,
			difficulty: b.difficulty,
			tags: b.tags,
			source: b.source,
			status: b.status
		});
	}

	// Slogans: fill in the blank, distractors are other slogans of the same document.
	const allSlogans: string[] = [];
	for (const h of d.highlights)
		if (h.kind === 'slogan' && h.text.length >= 2 && !allSlogans.includes(h.text)) allSlogans.push(h.text);
	const asked = new Set<string>();
	let judgeFlip = false;
	for (const h of d.highlights) {
		if (h.kind !== 'slogan' || asked.has(h.text)) continue;
		const quoted = `“${h.text}”`;
		const at = h.sentence.indexOf(quoted);
		if (at < 0) continue;
		asked.add(h.text);
		const win = contextWindow(h.sentence, at, quoted.length);
		const original = win.text.replace(/^[，,、\s]+/, '');
		const blanked = original.split(quoted).join('“____”');
		if (blanked.replace(/“____”|[，,、\s]/g, '').length < 4) continue;
		const b = base(h.path);
		const others = allSlogans
			.filter((s) => s !== h.text && !original.includes(s) && !s.includes(h.text) && !h.text.includes(s))
			.sort((x, y) => Math.abs(x.length - h.text.length) - Math.abs(y.length - h.text.length));
		let q: QuestionContent;
		if (others.length >= 3) {
			const { options, answer } = sortedOptions(
				h.text,
				others.slice(0, 3),
				(s) => `${String(s.length).padStart(3, '0')}|${s}`
			);
			q = {
				ref: '',
				type: 'single',
				stem: `根据${ref}，${blanked}。横线处应为下列哪一项？`,
				options,
				answer,
				explanation: `${b.label}提出：${original}。故正确答案为“${h.text}”。`,
				difficulty: b.difficulty,
				tags: b.tags,
				source: b.source,
				status: b.status
			};
		} else {
			// Too few slogans for distractors: a 判断 — alternately the true text and a swapped one.
			const swap = judgeFlip && others[0] !== undefined ? others[0] : undefined;
			judgeFlip = !judgeFlip;
			const shown = swap ? original.split(quoted).join(`“${swap}”`) : original;
			q = {
				ref: '',
				type: 'judge',
				stem: `根据${ref}，${shown}。`,
				options: [],
				answer: swap ? '错' : '对',
				explanation: swap
					? `${b.label}提出的是“${h.text}”，而不是“${swap}”：${original}。`
					: `${b.label}提出：${original}。`,
				difficulty: b.difficulty,
				tags: b.tags,
				source: b.source,
				status: b.status
			};
		}
		const key = where.get(h.path)?.part?.id ?? '';
		slogansByPart.set(key, [...(slogansByPart.get(key) ?? []), q]);
	}

	// Numbers first, then slogans round-robin across parts so every part gets some.
	const ordered: QuestionContent[] = [...numeric];
	const queues = [...slogansByPart.values()];
	for (let i = 0; queues.some((qs) => i < qs.length); i++)
		for (const qs of queues) {
			const q = qs[i];
			if (q) ordered.push(q);
		}

	const out: QuestionContent[] = [];
	const stems = new Set<string>();
	for (const q of ordered) {
		if (out.length >= MAX_QUESTIONS) break;
		if (stems.has(q.stem)) continue;
		if (validateQuestion(q).length > 0) continue;
		stems.add(q.stem);
		out.push(q);
	}
	out.forEach((q, i) => (q.ref = `ZC-${String(i + 1).padStart(4, '0')}`));
	return out;
}
