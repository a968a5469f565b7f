/**
 * Courses: what a learner may study, the lesson view with its study clock and self-check,
 * the 学时 record, assignments, and the trainer's editing and publishing.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	banks,
	chapters,
	courseAssignments,
	courseTrades,
	courses,
	lessonProgress,
	lessons,
	postRequirements,
	posts,
	questionVersions,
	questions,
	studyLog,
	trades,
	users,
	workerPosts,
	lessonFiles
} from '../db/schema';
import { hasRole, managedEnterpriseId, requireRole, type Actor } from '../access';
import { now } from '../clock';
import { supersededCitations, supersededNote } from '../superseded';
import { renderMarkdown } from './render';
import { recordHeartbeat, type Beat } from './study';
import { requiredHours, SECONDS_PER_HOUR, toHours } from './hours';
import { chinaDay } from '../certification/rules';

const EDITORS = ['trainer', 'admin'] as const;

/** Trades a worker is concerned with: their posts' requirements plus the policy course for everyone. */
function workerTradeCodes(db: Db, userId: number): string[] {
	const postIds = db
		.select({ p: workerPosts.postId })
		.from(workerPosts)
		.where(eq(workerPosts.userId, userId))
		.all()
		.map((r) => r.p);
	const codes = new Set(['policy-2025']);
	if (postIds.length)
		for (const r of db
			.select({ t: postRequirements.tradeCode })
			.from(postRequirements)
			.where(inArray(postRequirements.postId, postIds))
			.all())
			codes.add(r.t);
	return [...codes];
}

function assignedCourseIds(db: Db, userId: number) {
	const postIds = db
		.select({ p: workerPosts.postId })
		.from(workerPosts)
		.where(eq(workerPosts.userId, userId))
		.all()
		.map((r) => r.p);
	return db
		.select({ courseId: courseAssignments.courseId, dueOn: courseAssignments.dueOn })
		.from(courseAssignments)
		.where(
			postIds.length
				? or(eq(courseAssignments.userId, userId), inArray(courseAssignments.postId, postIds))
				: eq(courseAssignments.userId, userId)
		)
		.all();
}

/** Published courses a person may study: assigned ones and those of their trades. */
function visibleCourseIds(db: Db, actor: Actor): number[] {
	if (hasRole(actor, 'trainer') || hasRole(actor, 'admin'))
		return db
			.select({ id: courses.id })
			.from(courses)
			.all()
			.map((c) => c.id);
	const byTrade = db
		.select({ id: courseTrades.courseId })
		.from(courseTrades)
		.innerJoin(courses, eq(courses.id, courseTrades.courseId))
		.where(
			and(inArray(courseTrades.tradeCode, workerTradeCodes(db, actor.id)), eq(courses.status, 'published'))
		)
		.all()
		.map((r) => r.id);
	const assigned = assignedCourseIds(db, actor.id).map((a) => a.courseId);
	return [...new Set([...byTrade, ...assigned])];
}

function requireCourseAccess(db: Db, actor: Actor, courseId: number) {
	if (!visibleCourseIds(db, actor).includes(courseId)) error(403, '您无权学习该课程');
}

export function myCourses(db: Db, actor: Actor) {
	const ids = visibleCourseIds(db, actor);
	if (ids.length === 0) return [];
	const due = new Map(assignedCourseIds(db, actor.id).map((a) => [a.courseId, a.dueOn]));
	const rows = db
		.select()
		.from(courses)
		.where(and(inArray(courses.id, ids), eq(courses.status, 'published')))
		.orderBy(asc(courses.id))
		.all();
	return rows.map((c) => {
		const ls = db
			.select({ id: lessons.id, min: lessons.minMinutes })
			.from(lessons)
			.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
			.where(eq(chapters.courseId, c.id))
			.all();
		const prog = progressOf(
			db,
			actor.id,
			ls.map((l) => l.id)
		);
		const required = ls.reduce((s, l) => s + l.min * 60, 0);
		const studied = prog.reduce(
			(s, p) => s + Math.min(p.seconds, (ls.find((l) => l.id === p.lessonId)?.min ?? 0) * 60),
			0
		);
		return {
			id: c.id,
			title: c.title,
			summary: c.summary,
			hours: c.hours,
			lessons: ls.length,
			completed: prog.filter((p) => p.completedAt).length,
			percent: required ? Math.min(100, Math.floor((studied / required) * 100)) : 0,
			dueOn: due.get(c.id) ?? null
		};
	});
}

/** A person's progress rows for the given lessons. */
function progressOf(db: Db, userId: number, lessonIds: number[]) {
	if (lessonIds.length === 0) return [];
	return db
		.select()
		.from(lessonProgress)
		.where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, lessonIds)))
		.all();
}

/** A course with its chapters and lessons in order, or 404. */
function courseTree(db: Db, courseId: number) {
	const course = db.select().from(courses).where(eq(courses.id, courseId)).get();
	if (!course) error(404, '课程不存在');
	const chs = db
		.select()
		.from(chapters)
		.where(eq(chapters.courseId, courseId))
		.orderBy(asc(chapters.position))
		.all();
	const ls = chs.length
		? db
				.select()
				.from(lessons)
				.where(
					inArray(
						lessons.chapterId,
						chs.map((x) => x.id)
					)
				)
				.orderBy(asc(lessons.position))
				.all()
		: [];
	return { course, chapters: chs, lessons: ls };
}

export function courseOutline(db: Db, actor: Actor, courseId: number) {
	requireCourseAccess(db, actor, courseId);
	const { course: c, chapters: chs, lessons: ls } = courseTree(db, courseId);
	const prog = progressOf(
		db,
		actor.id,
		ls.map((l) => l.id)
	);
	const tradeNames = db
		.select({ name: trades.name })
		.from(courseTrades)
		.innerJoin(trades, eq(trades.code, courseTrades.tradeCode))
		.where(eq(courseTrades.courseId, courseId))
		.all();
	return {
		course: {
			id: c.id,
			title: c.title,
			summary: c.summary,
			hours: c.hours,
			status: c.status,
			trades: tradeNames.map((t) => t.name)
		},
		chapters: chs.map((ch) => ({
			id: ch.id,
			title: ch.title,
			lessons: ls
				.filter((l) => l.chapterId === ch.id)
				.map((l) => {
					const p = prog.find((x) => x.lessonId === l.id);
					return {
						id: l.id,
						title: l.title,
						minMinutes: l.minMinutes,
						seconds: p?.seconds ?? 0,
						completed: !!p?.completedAt
					};
				})
		}))
	};
}

export function lessonView(db: Db, actor: Actor, lessonId: number) {
	const l = db
		.select({ lesson: lessons, courseId: chapters.courseId, chapter: chapters.title })
		.from(lessons)
		.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
		.where(eq(lessons.id, lessonId))
		.get();
	if (!l) error(404, '课程内容不存在');
	requireCourseAccess(db, actor, l.courseId);
	const p = db
		.select()
		.from(lessonProgress)
		.where(and(eq(lessonProgress.userId, actor.id), eq(lessonProgress.lessonId, lessonId)))
		.get();
	const outline = courseOutline(db, actor, l.courseId);
	const flat = outline.chapters.flatMap((c) => c.lessons);
	const i = flat.findIndex((x) => x.id === lessonId);
	return {
		courseId: l.courseId,
		courseTitle: outline.course.title,
		chapter: l.chapter,
		lesson: {
			id: l.lesson.id,
			title: l.lesson.title,
			html: renderMarkdown(l.lesson.markdown),
			minMinutes: l.lesson.minMinutes,
			responsible: l.lesson.responsible
		},
		progress: {
			seconds: p?.seconds ?? 0,
			requiredSeconds: l.lesson.minMinutes * 60,
			readToEnd: p?.readToEnd ?? false,
			completed: !!p?.completedAt
		},
		prevId: flat[i - 1]?.id ?? null,
		nextId: flat[i + 1]?.id ?? null,
		selfCheck: selfCheckQuestions(db, l.courseId, l.lesson.selfCheck)
	};
}

/** The self-check questions (no keys: practice reveals them one by one after answering). */
function selfCheckQuestions(db: Db, courseId: number, refs: string[]) {
	if (refs.length === 0) return [];
	const tradeCodes = db
		.select({ t: courseTrades.tradeCode })
		.from(courseTrades)
		.where(eq(courseTrades.courseId, courseId))
		.all()
		.map((r) => r.t);
	if (tradeCodes.length === 0) return [];
	const rows = db
		.select({
			id: questions.id,
			ref: questions.ref,
			trade: banks.tradeCode,
			type: questionVersions.type,
			stem: questionVersions.stem,
			options: questionVersions.options
		})
		.from(questions)
		.innerJoin(banks, eq(banks.id, questions.bankId))
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(
			and(
				inArray(questions.ref, refs),
				inArray(banks.tradeCode, tradeCodes),
				eq(questions.status, 'published')
			)
		)
		.all();
	return refs.map((r) => rows.find((q) => q.ref === r)).filter((q): q is NonNullable<typeof q> => !!q);
}

/** Checks a self-check answer: the key is revealed for this one question only, after answering. */
export function checkSelfCheck(db: Db, actor: Actor, lessonId: number, questionId: number, answer: string) {
	const view = lessonView(db, actor, lessonId);
	const q = view.selfCheck.find((x) => x.id === questionId);
	if (!q) error(404, '该题不属于本课自测');
	const v = db
		.select({ v: questionVersions })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(eq(questions.id, questionId))
		.get()!;
	return {
		questionId,
		right: v.v.answer === answer,
		answer: v.v.answer,
		explanation: v.v.explanation,
		source: v.v.source,
		given: answer
	};
}

export function heartbeat(db: Db, actor: Actor, lessonId: number, beat: Beat) {
	const l = db
		.select({ courseId: chapters.courseId })
		.from(lessons)
		.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
		.where(eq(lessons.id, lessonId))
		.get();
	if (!l) error(404, '课程内容不存在');
	requireCourseAccess(db, actor, l.courseId);
	return recordHeartbeat(db, actor.id, lessonId, { active: !!beat.active, atEnd: !!beat.atEnd });
}

/** The learner's 学时 record per trade and year (China time), for the 培训学时证明. */
export function hoursRecord(db: Db, actor: Actor) {
	const rows = db
		.select({
			trade: courseTrades.tradeCode,
			tradeName: trades.name,
			year: sql<string>`substr(${studyLog.day}, 1, 4)`,
			seconds: sql<number>`sum(${studyLog.seconds})`
		})
		.from(studyLog)
		.innerJoin(lessons, eq(lessons.id, studyLog.lessonId))
		.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
		.innerJoin(courseTrades, eq(courseTrades.courseId, chapters.courseId))
		.innerJoin(trades, eq(trades.code, courseTrades.tradeCode))
		.where(eq(studyLog.userId, actor.id))
		.groupBy(courseTrades.tradeCode, sql`substr(${studyLog.day}, 1, 4)`)
		.all();
	const user = db
		.select({ name: users.name, idCard: users.idCard })
		.from(users)
		.where(eq(users.id, actor.id))
		.get()!;
	return {
		name: user.name,
		idCard: user.idCard,
		today: chinaDay(now()),
		rows: rows.map((r) => ({
			...r,
			hours: toHours(r.seconds),
			required: requiredHours(db, actor.id, r.trade)
		}))
	};
}

// ---- trainers and enterprise admins -------------------------------------------------------

export function listAllCourses(db: Db, actor: Actor) {
	requireRole(actor, 'trainer', 'admin', 'enterprise_admin');
	return db
		.select({
			id: courses.id,
			code: courses.code,
			title: courses.title,
			hours: courses.hours,
			status: courses.status,
			lessons: sql<number>`(select count(*) from lessons l join chapters c on c.id = l.chapter_id where c.course_id = "courses"."id")`
		})
		.from(courses)
		.where(hasRole(actor, 'trainer') || hasRole(actor, 'admin') ? undefined : eq(courses.status, 'published'))
		.orderBy(asc(courses.id))
		.all();
}

/** Assign a course to a worker or to everyone on a post. Enterprise admins only within their enterprise. */
export function assignCourse(
	db: Db,
	actor: Actor,
	input: { courseId: number; userId?: number | null; postId?: number | null; dueOn?: string | null }
) {
	requireRole(actor, 'trainer', 'admin', 'enterprise_admin');
	if (!input.userId && !input.postId) return { ok: false as const, message: '请选择学员或岗位' };
	if (input.dueOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn))
		return { ok: false as const, message: '完成期限格式应为 YYYY-MM-DD' };
	const c = db.select().from(courses).where(eq(courses.id, input.courseId)).get();
	if (!c || c.status !== 'published') return { ok: false as const, message: '只能指派已发布的课程' };
	if (!hasRole(actor, 'trainer') && !hasRole(actor, 'admin')) {
		const eid = managedEnterpriseId(actor);
		if (
			input.userId &&
			db.select({ e: users.enterpriseId }).from(users).where(eq(users.id, input.userId)).get()?.e !== eid
		)
			error(403, '只能指派给本企业人员');
		if (
			input.postId &&
			db.select({ e: posts.enterpriseId }).from(posts).where(eq(posts.id, input.postId)).get()?.e !== eid
		)
			error(403, '只能指派给本企业岗位');
	}
	db.insert(courseAssignments)
		.values({
			courseId: input.courseId,
			userId: input.userId ?? null,
			postId: input.postId ?? null,
			dueOn: input.dueOn ?? null,
			assignedBy: actor.id,
			createdAt: now()
		})
		.run();
	return { ok: true as const };
}

export function assignmentTargets(db: Db, actor: Actor) {
	requireRole(actor, 'trainer', 'admin', 'enterprise_admin');
	const scoped = !hasRole(actor, 'trainer') && !hasRole(actor, 'admin');
	const eid = scoped ? managedEnterpriseId(actor) : null;
	return {
		posts: db
			.select({ id: posts.id, name: posts.name, enterpriseId: posts.enterpriseId })
			.from(posts)
			.where(eid ? eq(posts.enterpriseId, eid) : undefined)
			.all(),
		workers: db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(eid ? eq(users.enterpriseId, eid) : isNotNull(users.enterpriseId))
			.orderBy(asc(users.id))
			.all()
	};
}

export function editableCourse(db: Db, actor: Actor, courseId: number) {
	requireRole(actor, ...EDITORS);
	const { course: c, chapters: chs, lessons: ls } = courseTree(db, courseId);
	const tradeCodes = db
		.select({ t: courseTrades.tradeCode })
		.from(courseTrades)
		.where(eq(courseTrades.courseId, courseId))
		.all()
		.map((r) => r.t);
	return {
		course: {
			id: c.id,
			title: c.title,
			summary: c.summary,
			hours: c.hours,
			status: c.status,
			origin: c.origin,
			tradeCodes
		},
		chapters: chs.map((ch) => ({
			id: ch.id,
			title: ch.title,
			lessons: ls
				.filter((l) => l.chapterId === ch.id)
				.map((l) => ({
					id: l.id,
					title: l.title,
					minMinutes: l.minMinutes,
					// 依据已更新·待复核: the lesson cites a law or standard that has been replaced.
					outdated: supersededCitations(l.markdown, now()).length > 0
				}))
		})),
		countedMinutes: ls.reduce((s, l) => s + l.minMinutes, 0)
	};
}

export function saveLesson(
	db: Db,
	actor: Actor,
	lessonId: number,
	input: { title: string; markdown: string; minMinutes: number }
) {
	requireRole(actor, ...EDITORS);
	const problems: string[] = [];
	if (!input.title.trim()) problems.push('请填写课时标题');
	if (!input.markdown.trim()) problems.push('课文不能为空');
	if (!Number.isInteger(input.minMinutes) || input.minMinutes < 1 || input.minMinutes > 600)
		problems.push('最少学习时间应为 1–600 分钟');
	if (problems.length) return { ok: false as const, problems };
	const r = db
		.update(lessons)
		.set({ title: input.title.trim(), markdown: input.markdown, minMinutes: input.minMinutes })
		.where(eq(lessons.id, lessonId))
		.run();
	if (r.changes === 0) error(404, '课时不存在');
	return { ok: true as const };
}

export function lessonSource(db: Db, actor: Actor, lessonId: number) {
	requireRole(actor, ...EDITORS);
	const l = db
		.select({ l: lessons, courseId: chapters.courseId })
		.from(lessons)
		.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
		.where(eq(lessons.id, lessonId))
		.get();
	if (!l) error(404, '课时不存在');
	return {
		courseId: l.courseId,
		id: l.l.id,
		title: l.l.title,
		markdown: l.l.markdown,
		minMinutes: l.l.minMinutes,
		html: renderMarkdown(l.l.markdown),
		outdated: supersededCitations(l.l.markdown, now()).map((d) => supersededNote(d, '本课'))
	};
}

/** Publishing sets the declared 学时 from the lessons' counted minutes (1 学时 = 45 minutes). */
export function publishCourse(db: Db, actor: Actor, courseId: number, publish: boolean) {
	requireRole(actor, ...EDITORS);
	const e = editableCourse(db, actor, courseId);
	if (publish && e.chapters.every((c) => c.lessons.length === 0))
		return { ok: false as const, message: '课程还没有任何课时，不能发布' };
	db.update(courses)
		.set({
			status: publish ? 'published' : 'draft',
			hours: Math.max(1, Math.round((e.countedMinutes * 60) / SECONDS_PER_HOUR)),
			updatedAt: now()
		})
		.where(eq(courses.id, courseId))
		.run();
	return { ok: true as const };
}

// ---- authoring from scratch -----------------------------------------------------------------

export function createCourse(db: Db, actor: Actor, input: { title: string; tradeCodes: string[] }) {
	requireRole(actor, ...EDITORS);
	const title = input.title.trim();
	if (!title) return { ok: false as const, message: '请填写课程名称' };
	if (input.tradeCodes.length === 0) return { ok: false as const, message: '请至少选择一个适用工种' };
	const t = now();
	const id = db.transaction((tx) => {
		const { id } = tx
			.insert(courses)
			.values({
				code: `course-${t.getTime()}`,
				title,
				hours: 1,
				status: 'draft',
				createdBy: actor.id,
				updatedAt: t
			})
			.returning({ id: courses.id })
			.get();
		for (const tc of input.tradeCodes) tx.insert(courseTrades).values({ courseId: id, tradeCode: tc }).run();
		tx.insert(chapters).values({ courseId: id, position: 1, title: '第一章' }).run();
		return id;
	});
	return { ok: true as const, id };
}

export function addChapter(db: Db, actor: Actor, courseId: number, title: string) {
	requireRole(actor, ...EDITORS);
	if (!title.trim()) return { ok: false as const, message: '请填写章标题' };
	const n = db
		.select({ n: sql<number>`count(*)` })
		.from(chapters)
		.where(eq(chapters.courseId, courseId))
		.get()!.n;
	db.insert(chapters)
		.values({ courseId, position: n + 1, title: title.trim() })
		.run();
	return { ok: true as const };
}

export function addLesson(db: Db, actor: Actor, chapterId: number, title: string) {
	requireRole(actor, ...EDITORS);
	if (!title.trim()) return { ok: false as const, message: '请填写课时标题' };
	const n = db
		.select({ n: sql<number>`count(*)` })
		.from(lessons)
		.where(eq(lessons.chapterId, chapterId))
		.get()!.n;
	const { id } = db
		.insert(lessons)
		.values({
			chapterId,
			position: n + 1,
			title: title.trim(),
			markdown: `**本课依据**：（请填写所依据的法律条款、标准或文件条目）\n\n`,
			minMinutes: 20
		})
		.returning({ id: lessons.id })
		.get();
	return { ok: true as const, id };
}

/** Images and documents a lesson may show or link; anything else is refused (no HTML, no scripts). */
export const LESSON_FILE_TYPES: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'application/pdf': 'pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx'
};

export async function attachFile(db: Db, actor: Actor, lessonId: number, file: File) {
	requireRole(actor, ...EDITORS);
	const l = db
		.select({ courseId: chapters.courseId })
		.from(lessons)
		.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
		.where(eq(lessons.id, lessonId))
		.get();
	if (!l) error(404, '课时不存在');
	if (!LESSON_FILE_TYPES[file.type])
		return {
			ok: false as const,
			message: `不支持的文件类型（${file.type || '未知'}）：只能上传图片（PNG、JPEG、GIF、WebP）或 PDF、Word、Excel、PowerPoint 文件`
		};
	if (file.size > 10 * 1024 * 1024) return { ok: false as const, message: '文件超过 10 MB' };
	const { id } = db
		.insert(lessonFiles)
		.values({
			courseId: l.courseId,
			fileName: file.name,
			mime: file.type,
			data: Buffer.from(await file.arrayBuffer()),
			createdAt: now()
		})
		.returning({ id: lessonFiles.id })
		.get();
	const markdown = file.type.startsWith('image/')
		? `![${file.name}](/files/${id})`
		: `[${file.name}](/files/${id})`;
	return { ok: true as const, id, markdown };
}

/** A lesson file, for someone who may study (or edit) its course. */
export function lessonFile(db: Db, actor: Actor, fileId: number) {
	const f = db.select().from(lessonFiles).where(eq(lessonFiles.id, fileId)).get();
	if (!f || !LESSON_FILE_TYPES[f.mime]) error(404, '文件不存在');
	if (!hasRole(actor, 'trainer') && !hasRole(actor, 'admin')) requireCourseAccess(db, actor, f.courseId);
	return f;
}
