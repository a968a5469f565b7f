/** Loads the shipped courses (src/lib/server/seed/courses/<code>/course.yaml + lesson .md files). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Db } from '../db';
import { courseTrades, courses } from '../db/schema';
import { insertChapters } from './tree';

export interface CourseFile {
	code: string;
	title: string;
	trades: string[];
	hours: number;
	summary: string;
	chapters: {
		title: string;
		lessons: { file: string; title: string; minutes: number; selfCheck?: string[] }[];
	}[];
}

export function coursesDir(): string {
	return resolve(process.env.COURSES_DIR ?? 'src/lib/server/seed/courses');
}

export function readShippedCourses(
	dir = coursesDir()
): { course: CourseFile; lessonText: Map<string, string> }[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'course.yaml')))
		.map((d) => d.name)
		.sort()
		.map((name) => {
			const course = parse(readFileSync(join(dir, name, 'course.yaml'), 'utf8')) as CourseFile;
			const lessonText = new Map<string, string>();
			for (const ch of course.chapters)
				for (const l of ch.lessons) lessonText.set(l.file, readFileSync(join(dir, name, l.file), 'utf8'));
			return { course, lessonText };
		});
}

export function seedCourses(db: Db, dir = coursesDir()) {
	const now = new Date();
	for (const { course, lessonText } of readShippedCourses(dir)) {
		const { id } = db
			.insert(courses)
			.values({
				code: course.code,
				title: course.title,
				summary: course.summary ?? '',
				hours: course.hours,
				status: 'published',
				updatedAt: now
			})
			.returning({ id: courses.id })
			.get();
		for (const t of course.trades) db.insert(courseTrades).values({ courseId: id, tradeCode: t }).run();
		insertChapters(
			db,
			id,
			course.chapters.map((ch) => ({
				title: ch.title,
				lessons: ch.lessons.map((l) => ({
					title: l.title,
					markdown: lessonText.get(l.file)!,
					minMinutes: l.minutes,
					selfCheck: l.selfCheck
				}))
			}))
		);
	}
}
