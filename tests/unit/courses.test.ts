import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { demoDatabase } from './helpers/demo';
import type { Db } from '../../src/lib/server/db';
import { courses, lessons } from '../../src/lib/server/db/schema';
import { renderMarkdown } from '../../src/lib/server/courses/render';
import { creditFor, MAX_CREDIT_MS, MAX_GAP_MS, recordHeartbeat } from '../../src/lib/server/courses/study';
import { hoursFor, toHours } from '../../src/lib/server/courses/hours';
import { readShippedCourses } from '../../src/lib/server/courses/seed';
import { readShippedBanks } from '../../src/lib/server/seed/banks';
import { courseOutline, lessonView, myCourses } from '../../src/lib/server/courses/service';
import {
	importPolicyDocument,
	policyProposals,
	acceptProposal
} from '../../src/lib/server/courses/policy-service';
import { startSessionAttempt, ExamError } from '../../src/lib/server/exams/attempts';
import { examSessions } from '../../src/lib/server/db/schema';

describe('lesson HTML is inert', () => {
	it('drops script, event handlers and javascript: links', () => {
		const html = renderMarkdown(
			'# 标题\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[点我](javascript:alert(3))\n\n<a href="JaVaScRiPt:alert(4)">x</a>\n\n<div onclick="alert(5)">d</div>\n\n**重点**'
		);
		expect(html).not.toMatch(/<script|onerror|onclick|javascript:/i);
		expect(html).toContain('<strong>重点</strong>');
		expect(html).toContain('<h1>标题</h1>');
	});
	it('keeps tables, safe links and platform images only', () => {
		const html = renderMarkdown(
			'| a | b |\n|---|---|\n| 1 | 2 |\n\n[法规](https://flk.npc.gov.cn)\n\n![图](/files/3)\n\n![外链](https://evil.example/x.png)'
		);
		expect(html).toContain('<table>');
		expect(html).toContain('href="https://flk.npc.gov.cn"');
		expect(html).toContain('rel="noopener noreferrer"');
		expect(html).toContain('src="/files/3"');
		expect(html).not.toContain('evil.example');
	});
});

describe('study clock credit', () => {
	it('credits only the gap since the previous heartbeat, capped, and nothing after a long gap', () => {
		expect(creditFor(null, 1000)).toBe(0);
		expect(creditFor(0, 15_000)).toBe(15_000);
		expect(creditFor(0, 30_000)).toBe(MAX_CREDIT_MS);
		expect(creditFor(0, MAX_GAP_MS)).toBe(MAX_CREDIT_MS);
		expect(creditFor(0, MAX_GAP_MS + 1)).toBe(0);
		expect(creditFor(5000, 4000)).toBe(0);
	});
	it('rounds hours down: 1 学时 = 45 minutes', () => {
		expect(toHours(2700)).toBe(1);
		expect(toHours(2699)).toBe(0.9);
		expect(toHours(32 * 2700 - 1)).toBe(31.9);
	});
});

describe('shipped courses', () => {
	const shipped = readShippedCourses();
	const banks = new Map(
		readShippedBanks().map((b) => [
			b.bank.trade,
			new Set(b.bank.questions.filter((q) => q.status === 'published').map((q) => q.ref))
		])
	);
	it('declare hours equal to their counted minutes and reference real self-check questions', () => {
		expect(shipped.map((s) => s.course.code).sort()).toEqual([
			'electrician-low-voltage',
			'managers',
			'policy-2025',
			'welding-cutting',
			'work-at-height'
		]);
		for (const { course, lessonText } of shipped) {
			const minutes = course.chapters.flatMap((c) => c.lessons).reduce((s, l) => s + l.minutes, 0);
			expect(Math.round(minutes / 45), course.code).toBe(course.hours);
			const bank = banks.get(course.trades[0])!;
			for (const l of course.chapters.flatMap((c) => c.lessons)) {
				expect(lessonText.get(l.file)!.length, l.file).toBeGreaterThan(800);
				expect(lessonText.get(l.file), l.file).toMatch(/本课依据/);
				for (const ref of l.selfCheck ?? [])
					expect(bank.has(ref), `${course.code} ${l.file} ${ref}`).toBe(true);
			}
		}
	});
	it('the policy course has a lesson for each required theme', () => {
		const policy = shipped.find((s) => s.course.code === 'policy-2025')!;
		const titles = policy.course.chapters.map((c) => c.title).join('|');
		for (const theme of [
			'三管三必须',
			'治本攻坚',
			'八大重点行业领域',
			'防灾减灾救灾',
			'消防',
			'应急预案',
			'互联网+执法',
			'执法比武'
		])
			expect(titles).toContain(theme);
	});
});

describe('studying on a real database', () => {
	const demo = demoDatabase();
	const actorOf = demo.actorOf;
	let db: Db;
	beforeAll(() => (db = demo.db));

	it('counts only active, visible time; a lesson completes when read to the end and its minimum time is met', () => {
		const welder = actorOf('13900001008');
		const course = myCourses(db, welder).find((c) => c.title.includes('焊接'))!;
		expect(course).toBeTruthy();
		const first = courseOutline(db, welder, course.id).chapters[0].lessons[0];
		const lesson = db.select().from(lessons).where(eq(lessons.id, first.id)).get()!;
		const l = lessonView(db, welder, lesson.id);
		expect(l.lesson.html).toContain('本课依据');
		const t0 = Date.parse('2026-11-20T02:00:00Z');
		let p = recordHeartbeat(db, welder.id, lesson.id, { active: true, atEnd: false }, new Date(t0));
		expect(p.seconds).toBe(0);
		p = recordHeartbeat(db, welder.id, lesson.id, { active: true, atEnd: false }, new Date(t0 + 15_000));
		expect(p.seconds).toBe(15);
		// Hidden: stops the clock; the next beat after a pause counts nothing for the pause.
		recordHeartbeat(db, welder.id, lesson.id, { active: false, atEnd: false }, new Date(t0 + 20_000));
		p = recordHeartbeat(db, welder.id, lesson.id, { active: true, atEnd: false }, new Date(t0 + 600_000));
		expect(p.seconds).toBe(15);
		// Studying for the full minimum, then reaching the end, completes the lesson.
		let at = t0 + 600_000;
		for (let i = 0; i < (lesson.minMinutes * 60) / 15; i++)
			p = recordHeartbeat(db, welder.id, lesson.id, { active: true, atEnd: false }, new Date((at += 15_000)));
		expect(p.completed).toBe(false);
		p = recordHeartbeat(db, welder.id, lesson.id, { active: true, atEnd: true }, new Date((at += 15_000)));
		expect(p.completed).toBe(true);
		expect(hoursFor(db, welder.id, 'welding-cutting').done).toBeCloseTo(
			Math.floor(((lesson.minMinutes * 60 + 30) / 2700) * 10) / 10,
			5
		);
	});

	it('gates an hours-only session until the trade’s 学时 are met', () => {
		const welder = actorOf('13900001014');
		const s = db.select().from(examSessions).where(eq(examSessions.eligibility, 'hours')).get()!;
		try {
			startSessionAttempt(db, welder, s.id);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ExamError);
			expect((e as Error).message).toMatch(/尚未完成本工种规定学时（已完成 0 \/ 24 学时）/);
		}
	});

	it('imports a seed document as a draft course with proposals, and accepts one into a bank', () => {
		const trainer = actorOf('13800000002');
		const text = readFileSync(resolve(process.cwd(), '../shared/seeds/002_adfa3942083f85c1.txt'), 'utf8');
		const r = importPolicyDocument(db, trainer, {
			text,
			source: '垣政发〔2025〕1号',
			tradeCodes: ['policy-2025']
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.chapters).toBe(7);
		expect(r.lessons).toBeGreaterThanOrEqual(21);
		expect(db.select().from(courses).where(eq(courses.id, r.id)).get()!.status).toBe('draft');
		const p = policyProposals(db, trainer, r.id);
		expect(p.questions.length).toBeGreaterThan(5);
		const q = p.questions[0];
		const accepted = acceptProposal(db, trainer, 'policy-2025', { ...q, stem: `${q.stem}（导入测试）` });
		expect(accepted).toMatchObject({ ok: true });
	});
});
