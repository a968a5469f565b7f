/** Writes a course's chapters and lessons in order (shipped courses, imported drafts). */
import type { Db } from '../db';
import { chapters, lessons } from '../db/schema';

export interface LessonDraft {
	title: string;
	markdown: string;
	minMinutes: number;
	selfCheck?: string[];
	responsible?: string[];
}

export function insertChapters(db: Db, courseId: number, tree: { title: string; lessons: LessonDraft[] }[]) {
	tree.forEach((ch, ci) => {
		const chapterId = db
			.insert(chapters)
			.values({ courseId, position: ci + 1, title: ch.title })
			.returning({ id: chapters.id })
			.get().id;
		ch.lessons.forEach((l, li) =>
			db
				.insert(lessons)
				.values({
					chapterId,
					position: li + 1,
					title: l.title,
					markdown: l.markdown,
					minMinutes: l.minMinutes,
					selfCheck: l.selfCheck ?? [],
					responsible: l.responsible ?? []
				})
				.run()
		);
	});
}
