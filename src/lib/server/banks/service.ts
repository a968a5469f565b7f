/**
 * The trainer's bank workflow: browse, edit (versioned), retire, import (preview, then
 * all-or-nothing) and export. Every call checks the role first. Banks are platform-wide
 * content owned by the training side, so trainers and admins may edit any bank.
 */
import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { banks, examSessions, questionUsage, questionVersions, questions, trades } from '../db/schema';
import { requireRole, type Actor } from '../access';
import { audit } from '../audit';
import { exportBankFile, saveQuestion } from './store';
import { bankChanged } from './generation';
import { parseBankFile, serializeBankFile } from './format';
import { parseAiken } from './import/aiken';
import { parseGift } from './import/gift';
import { parseCsv, parseXlsx, exportBankXlsx } from './import/spreadsheet';
import { stemSimilarity, NEAR_DUPLICATE_THRESHOLD } from './import/lint';
import type { ImportResult } from './import/result';
import type { ImportIssue, QuestionContent, QuestionStatus, QuestionType } from './types';
import { validateQuestion } from './validate';
import { supersededCitations, supersededNote } from '../superseded';
import { now } from '../clock';

const EDITORS = ['trainer', 'admin'] as const;

function bankOf(db: Db, tradeCode: string) {
	const bank = db
		.select({ id: banks.id, title: banks.title, tradeCode: banks.tradeCode, tradeName: trades.name })
		.from(banks)
		.innerJoin(trades, eq(trades.code, banks.tradeCode))
		.where(eq(banks.tradeCode, tradeCode))
		.get();
	if (!bank) error(404, '题库不存在');
	return bank;
}

/** The bank's header for pages that need only its name (access-checked). */
export function bankHeader(db: Db, actor: Actor, tradeCode: string) {
	requireRole(actor, ...EDITORS);
	return bankOf(db, tradeCode);
}

export function listBanks(db: Db, actor: Actor) {
	requireRole(actor, ...EDITORS);
	return db
		.select({
			trade: banks.tradeCode,
			title: banks.title,
			total: sql<number>`count(${questions.id})`,
			published: sql<number>`sum(case when ${questions.status} = 'published' then 1 else 0 end)`
		})
		.from(banks)
		.leftJoin(questions, eq(questions.bankId, banks.id))
		.groupBy(banks.id)
		.orderBy(asc(banks.id))
		.all();
}

export interface QuestionFilter {
	q?: string;
	type?: QuestionType | '';
	tag?: string;
	difficulty?: number | null;
	status?: QuestionStatus | '';
	/** Only questions whose source was replaced (依据已更新·待复核). */
	outdated?: boolean;
}

export function browseBank(db: Db, actor: Actor, tradeCode: string, filter: QuestionFilter) {
	requireRole(actor, ...EDITORS);
	const bank = bankOf(db, tradeCode);
	const rows = db
		.select({ q: questions, v: questionVersions })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(eq(questions.bankId, bank.id))
		.orderBy(asc(questions.position))
		.all();
	const term = filter.q?.trim();
	const tags = new Map<string, number>();
	for (const { v } of rows) for (const t of v.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
	const today = now();
	const outdatedRefs = new Set(
		rows.filter(({ v }) => supersededCitations(v.source, today).length > 0).map(({ q }) => q.ref)
	);
	const items = rows
		.filter(({ q, v }) => {
			if (filter.outdated && !outdatedRefs.has(q.ref)) return false;
			if (filter.type && v.type !== filter.type) return false;
			if (filter.status && q.status !== filter.status) return false;
			if (filter.difficulty && v.difficulty !== filter.difficulty) return false;
			if (filter.tag && !v.tags.includes(filter.tag)) return false;
			if (term && !(v.stem.includes(term) || q.ref === term || v.source.includes(term))) return false;
			return true;
		})
		.map(({ q, v }) => ({
			ref: q.ref,
			status: q.status,
			type: v.type,
			stem: v.stem,
			difficulty: v.difficulty,
			tags: v.tags,
			version: v.version,
			outdated: outdatedRefs.has(q.ref)
		}));
	return {
		bank,
		items,
		outdated: outdatedRefs.size,
		tags: [...tags.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t),
		total: rows.length
	};
}

export function questionDetail(db: Db, actor: Actor, tradeCode: string, ref: string) {
	requireRole(actor, ...EDITORS);
	const bank = bankOf(db, tradeCode);
	const q = db
		.select()
		.from(questions)
		.where(and(eq(questions.bankId, bank.id), eq(questions.ref, ref)))
		.get();
	if (!q) error(404, `题目 ${ref} 不存在`);
	const versions = db
		.select()
		.from(questionVersions)
		.where(eq(questionVersions.questionId, q.id))
		.orderBy(desc(questionVersions.version))
		.all();
	// Where it was used: papers per version and the sessions they belonged to.
	const usage = db
		.select({
			version: questionVersions.version,
			papers: sql<number>`sum(${questionUsage.papers})`,
			sessions: sql<string>`group_concat(distinct ${examSessions.title})`
		})
		.from(questionUsage)
		.innerJoin(questionVersions, eq(questionVersions.id, questionUsage.questionVersionId))
		.leftJoin(examSessions, eq(examSessions.id, questionUsage.sessionId))
		.where(eq(questionVersions.questionId, q.id))
		.groupBy(questionVersions.version)
		.all();
	const current = versions.find((v) => v.id === q.currentVersionId)!;
	return {
		bank,
		question: {
			ref: q.ref,
			status: q.status,
			type: current.type,
			stem: current.stem,
			options: current.options,
			answer: current.answer,
			explanation: current.explanation,
			difficulty: current.difficulty,
			tags: current.tags,
			source: current.source,
			version: current.version
		} satisfies QuestionContent & { version: number },
		versions: versions.map((v) => ({
			version: v.version,
			stem: v.stem,
			answer: v.answer,
			createdAt: v.createdAt.toISOString()
		})),
		usage,
		/** Why the current version's source is outdated, if it is (依据已更新·待复核). */
		outdated: supersededCitations(current.source, now()).map((d) => supersededNote(d))
	};
}

/** Next free ref in the bank's own prefix ("DG-0207"). */
function nextRef(db: Db, bankId: number, taken: Set<string> = new Set()): string {
	const refs = db
		.select({ ref: questions.ref })
		.from(questions)
		.where(eq(questions.bankId, bankId))
		.all()
		.map((r) => r.ref);
	const prefix = refs.map((r) => r.match(/^(.*?)(\d+)$/)?.[1]).find(Boolean) ?? 'Q-';
	let max = 0;
	for (const r of [...refs, ...taken]) {
		const m = r.match(/^(.*?)(\d+)$/);
		if (m && m[1] === prefix) max = Math.max(max, Number(m[2]));
	}
	let n = max + 1;
	let ref = `${prefix}${String(n).padStart(4, '0')}`;
	while (taken.has(ref)) ref = `${prefix}${String(++n).padStart(4, '0')}`;
	return ref;
}

export type SaveResult =
	| { ok: true; ref: string; outcome: 'created' | 'updated' | 'versioned' | 'unchanged' }
	| { ok: false; problems: { field: string; message: string }[] };

/** Creates (ref null) or edits a question. A used question gets a new version; papers keep theirs. */
export function saveQuestionContent(
	db: Db,
	actor: Actor,
	tradeCode: string,
	ref: string | null,
	content: Omit<QuestionContent, 'ref'>,
	ip?: string
): SaveResult {
	requireRole(actor, ...EDITORS);
	const bank = bankOf(db, tradeCode);
	const problems = validateQuestion({ ...content, ref: ref ?? 'new' });
	const dup = findDuplicateStem(db, bank.id, content.stem, ref);
	if (dup) problems.push({ field: 'stem', message: `题干与题目 ${dup} 相同` });
	if (problems.length) return { ok: false, problems };
	if (
		ref &&
		!db
			.select()
			.from(questions)
			.where(and(eq(questions.bankId, bank.id), eq(questions.ref, ref)))
			.get()
	)
		error(404, `题目 ${ref} 不存在`);
	const finalRef = ref ?? nextRef(db, bank.id);
	bankChanged(db);
	const outcome = db.transaction((tx) => {
		const o = saveQuestion(tx as unknown as Db, bank.id, { ...content, ref: finalRef }, null, actor.id);
		if (o !== 'unchanged')
			audit(tx as unknown as Db, {
				action: 'question.edit',
				actorId: actor.id,
				target: `${tradeCode}/${finalRef}`,
				detail: { outcome: o },
				ip
			});
		return o;
	});
	return { ok: true, ref: finalRef, outcome };
}

export function setQuestionStatus(
	db: Db,
	actor: Actor,
	tradeCode: string,
	ref: string,
	status: QuestionStatus,
	ip?: string
) {
	requireRole(actor, ...EDITORS);
	bankChanged(db);
	const bank = bankOf(db, tradeCode);
	const res = db
		.update(questions)
		.set({ status })
		.where(and(eq(questions.bankId, bank.id), eq(questions.ref, ref)))
		.run();
	if (res.changes === 0) error(404, `题目 ${ref} 不存在`);
	audit(db, {
		action: 'question.edit',
		actorId: actor.id,
		target: `${tradeCode}/${ref}`,
		detail: { status },
		ip
	});
}

function findDuplicateStem(db: Db, bankId: number, stem: string, exceptRef: string | null): string | null {
	const row = db
		.select({ ref: questions.ref })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(and(eq(questions.bankId, bankId), eq(questionVersions.stem, stem.trim())))
		.all()
		.find((r) => r.ref !== exceptRef);
	return row?.ref ?? null;
}

export type ImportFormat = 'xlsx' | 'csv' | 'gift' | 'aiken' | 'yaml';

export function formatOf(fileName: string): ImportFormat | null {
	const n = fileName.toLowerCase();
	if (n.endsWith('.xlsx')) return 'xlsx';
	if (n.endsWith('.csv')) return 'csv';
	if (n.endsWith('.gift') || n.endsWith('.gift.txt')) return 'gift';
	if (n.endsWith('.aiken') || n.endsWith('.aiken.txt') || n.endsWith('.txt')) return 'aiken';
	if (n.endsWith('.yaml') || n.endsWith('.yml')) return 'yaml';
	return null;
}

async function parseUpload(file: File, tradeCode: string): Promise<ImportResult> {
	const format = formatOf(file.name);
	if (!format)
		return {
			questions: [],
			issues: [
				{
					line: 1,
					severity: 'error',
					message: '不支持的文件类型：请上传 .xlsx、.csv、GIFT（.gift）、Aiken（.txt）或题库文件（.yaml）'
				}
			]
		};
	if (file.size > 10 * 1024 * 1024)
		return { questions: [], issues: [{ line: 1, severity: 'error', message: '文件超过 10 MB' }] };
	if (format === 'xlsx') return parseXlsx(await file.arrayBuffer());
	const text = await file.text();
	if (format === 'csv') return parseCsv(text);
	if (format === 'gift') return parseGift(text);
	if (format === 'aiken') return parseAiken(text);
	const { bank, issues } = parseBankFile(text);
	if (bank && bank.trade !== tradeCode)
		return {
			questions: [],
			issues: [
				{
					line: 1,
					field: 'trade',
					severity: 'error',
					message: `文件的工种代码是 ${bank.trade}，不是本题库（${tradeCode}）`
				}
			]
		};
	return {
		questions: bank ? bank.questions.map((q) => ({ ...q, line: 0 })) : [],
		issues: issues.map((i) => ({ ...i, message: `第 ${i.line} 行：${i.message}` }))
	};
}

export interface ImportPreviewRow {
	line: number;
	ref: string;
	type: QuestionType;
	stem: string;
	answer: string;
	status: QuestionStatus;
	action: 'create' | 'update' | 'unchanged';
}

export interface ImportPreview {
	fileName: string;
	rows: ImportPreviewRow[];
	issues: ImportIssue[];
	errors: number;
}

/** Parses and checks an upload against the bank without writing anything. */
export async function previewImport(
	db: Db,
	actor: Actor,
	tradeCode: string,
	file: File
): Promise<ImportPreview> {
	requireRole(actor, ...EDITORS);
	const bank = bankOf(db, tradeCode);
	const parsed = await parseUpload(file, tradeCode);
	const issues = [...parsed.issues];
	const existing = db
		.select({ ref: questions.ref, stem: questionVersions.stem, v: questionVersions })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(eq(questions.bankId, bank.id))
		.all();
	const byRef = new Map(existing.map((e) => [e.ref, e]));
	const rows: ImportPreviewRow[] = [];
	const lineText = (l: number) => (l > 0 ? `第 ${l} 行：` : '');
	for (const q of parsed.questions) {
		const same = existing.find((e) => e.stem === q.stem && e.ref !== q.ref);
		if (same)
			issues.push({
				line: q.line,
				field: 'stem',
				severity: 'error',
				message: `${lineText(q.line)}题干与本题库已有题目 ${same.ref} 相同`
			});
		else {
			const near = existing.find(
				(e) => e.ref !== q.ref && stemSimilarity(e.stem, q.stem) >= NEAR_DUPLICATE_THRESHOLD
			);
			if (near)
				issues.push({
					line: q.line,
					field: 'stem',
					severity: 'warning',
					message: `${lineText(q.line)}题干与已有题目 ${near.ref} 非常相似，请确认不是重复题`
				});
		}
		for (const d of supersededCitations(q.source, now()))
			issues.push({
				line: q.line,
				field: 'source',
				severity: 'warning',
				message: `${lineText(q.line)}依据已更新·待复核——${supersededNote(d)}`
			});
		const old = q.ref ? byRef.get(q.ref) : undefined;
		const unchanged =
			!!old &&
			old.v.stem === q.stem &&
			old.v.answer === q.answer &&
			old.v.explanation === q.explanation &&
			old.v.difficulty === q.difficulty &&
			old.v.source === q.source &&
			JSON.stringify(old.v.options) === JSON.stringify(q.options) &&
			JSON.stringify(old.v.tags) === JSON.stringify(q.tags);
		rows.push({
			line: q.line,
			ref: q.ref,
			type: q.type,
			stem: q.stem,
			answer: q.answer,
			status: q.status,
			action: old ? (unchanged ? 'unchanged' : 'update') : 'create'
		});
	}
	if (parsed.questions.length === 0 && !issues.some((i) => i.severity === 'error'))
		issues.push({ line: 1, severity: 'error', message: '文件中没有可导入的题目' });
	issues.sort((a, b) => a.line - b.line);
	return { fileName: file.name, rows, issues, errors: issues.filter((i) => i.severity === 'error').length };
}

/** Re-checks the upload and writes it in one transaction; any error means nothing is written. */
export async function commitImport(db: Db, actor: Actor, tradeCode: string, file: File, ip?: string) {
	const preview = await previewImport(db, actor, tradeCode, file);
	if (preview.errors > 0) return { ok: false as const, preview };
	const bank = bankOf(db, tradeCode);
	const parsed = await parseUpload(file, tradeCode);
	bankChanged(db);
	const summary = db.transaction((tx) => {
		const t = tx as unknown as Db;
		const counts = { created: 0, updated: 0, versioned: 0, unchanged: 0 };
		const taken = new Set<string>();
		for (const q of parsed.questions) {
			const ref = q.ref || nextRef(t, bank.id, taken);
			taken.add(ref);
			const { line: _line, ...content } = q;
			counts[saveQuestion(t, bank.id, { ...content, ref }, null, actor.id)]++;
		}
		audit(t, {
			action: 'bank.import',
			actorId: actor.id,
			target: tradeCode,
			detail: { file: file.name, ...counts },
			ip
		});
		return counts;
	});
	return { ok: true as const, summary };
}

export function exportYaml(db: Db, actor: Actor, tradeCode: string): string {
	requireRole(actor, ...EDITORS);
	const file = exportBankFile(db, tradeCode);
	if (!file) error(404, '题库不存在');
	return serializeBankFile(file);
}

export async function exportXlsx(db: Db, actor: Actor, tradeCode: string): Promise<Buffer> {
	requireRole(actor, ...EDITORS);
	const file = exportBankFile(db, tradeCode);
	if (!file) error(404, '题库不存在');
	return exportBankXlsx(file);
}
