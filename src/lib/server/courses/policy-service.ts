/**
 * The policy-document importer, as a trainer uses it: paste or upload a 工作要点, get a DRAFT
 * course (chapters and lessons on the official headings) and proposed questions. Nothing is
 * published or added to a bank until the trainer accepts it.
 */
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { courseTrades, courses, lessonFiles } from '../db/schema';
import { insertChapters } from './tree';
import { requireRole, type Actor } from '../access';
import { now } from '../clock';
import { draftCourse, parsePolicyDocument, proposeQuestions } from './policy-import';
import { saveQuestionContent } from '../banks/service';
import type { QuestionContent } from '../banks/types';

const SOURCE_FILE = 'policy-source.txt';
const DEFAULT_LESSON_MINUTES = 20;

export function importPolicyDocument(
	db: Db,
	actor: Actor,
	input: { text: string; source: string; tradeCodes: string[] }
) {
	requireRole(actor, 'trainer', 'admin');
	const text = input.text.replace(/\r\n?/g, '\n');
	if (!text.trim()) return { ok: false as const, message: '请粘贴或上传政策文件全文' };
	if (text.length > 500_000) return { ok: false as const, message: '文件过长（超过 50 万字）' };
	const parsed = parsePolicyDocument(text);
	const draft = draftCourse(parsed);
	const t = now();
	const title = draft.title || input.source || '政策文件解读（草稿）';
	const id = db.transaction((tx) => {
		const code = `policy-import-${t.getTime()}`;
		const { id } = tx
			.insert(courses)
			.values({
				code,
				title,
				summary: `由《${input.source || title}》自动生成的草稿，请审阅后发布。`,
				hours: 1,
				status: 'draft',
				origin: input.source || title,
				createdBy: actor.id,
				updatedAt: t
			})
			.returning({ id: courses.id })
			.get();
		for (const tc of input.tradeCodes.length ? input.tradeCodes : ['policy-2025'])
			tx.insert(courseTrades).values({ courseId: id, tradeCode: tc }).onConflictDoNothing().run();
		insertChapters(
			tx as unknown as Db,
			id,
			draft.chapters.map((ch) => ({
				title: ch.title,
				lessons: ch.lessons.map((l) => ({ ...l, minMinutes: DEFAULT_LESSON_MINUTES }))
			}))
		);
		// Keep the original text with the course: proposals are derived from it, and it is the record of what was imported.
		tx.insert(lessonFiles)
			.values({
				courseId: id,
				fileName: SOURCE_FILE,
				mime: 'text/plain; charset=utf-8',
				data: Buffer.from(text, 'utf8'),
				createdAt: t
			})
			.run();
		return id;
	});
	return {
		ok: true as const,
		id,
		warnings: parsed.warnings,
		chapters: draft.chapters.length,
		lessons: draft.chapters.reduce((s, c) => s + c.lessons.length, 0)
	};
}

function sourceOf(db: Db, courseId: number) {
	const f = db
		.select()
		.from(lessonFiles)
		.where(and(eq(lessonFiles.courseId, courseId), eq(lessonFiles.fileName, SOURCE_FILE)))
		.get();
	if (!f) error(404, '该课程不是由政策文件导入的');
	const c = db.select({ origin: courses.origin }).from(courses).where(eq(courses.id, courseId)).get();
	return { text: f.data.toString('utf8'), source: c?.origin ?? '' };
}

/** The import's warnings and proposed questions, recomputed from the stored original. */
export function policyProposals(db: Db, actor: Actor, courseId: number) {
	requireRole(actor, 'trainer', 'admin');
	const { text, source } = sourceOf(db, courseId);
	const parsed = parsePolicyDocument(text);
	return {
		warnings: parsed.warnings,
		highlights: parsed.highlights.length,
		questions: proposeQuestions(parsed, source)
	};
}

/** Accepts one proposed question (as the trainer edited it) into a bank, published. */
export function acceptProposal(
	db: Db,
	actor: Actor,
	tradeCode: string,
	q: Omit<QuestionContent, 'ref'>,
	ip?: string
) {
	return saveQuestionContent(db, actor, tradeCode, null, { ...q, status: 'published' }, ip);
}
