// The start path's shortcuts (prepared queries, the whole paper in one statement, usage counted by
// a trigger, the paper remembered for the first save) must give exactly what the plain path gave.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { demoDatabase } from './helpers/demo';
import type { Db } from '../../src/lib/server/db';
import { openDatabase } from '../../src/lib/server/db';
import { attemptItems, examSessions, questionUsage, questionVersions } from '../../src/lib/server/db/schema';
import { ExamError, saveAnswers, startSessionAttempt } from '../../src/lib/server/exams/attempts';
import { versionIsUsed } from '../../src/lib/server/banks/store';

const demo = demoDatabase();
let db: Db;
let sessionId: number;
let actor: ReturnType<typeof demo.actorOf>;

beforeAll(() => {
	db = demo.db;
	actor = demo.actorOf('13800000010');
	sessionId = db
		.select()
		.from(examSessions)
		.all()
		.find((x) => x.title.includes('低压电工'))!.id;
});

const usageOf = (d: Db) =>
	new Map(
		d
			.select()
			.from(questionUsage)
			.where(eq(questionUsage.sessionId, sessionId))
			.all()
			.map((u) => [u.questionVersionId, u.papers])
	);

describe('starting an exam', () => {
	let attemptId: number;
	let before: Map<number, number>;

	beforeAll(() => {
		before = usageOf(db);
		attemptId = startSessionAttempt(db, actor, sessionId);
	});

	it('freezes a full paper: positions 1..100, each with a version, an option order and points', () => {
		const items = db.select().from(attemptItems).where(eq(attemptItems.attemptId, attemptId)).all();
		expect(items.map((i) => i.position).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 100 }, (_, i) => i + 1)
		);
		const versions = new Map(
			db
				.select()
				.from(questionVersions)
				.all()
				.map((v) => [v.id, v])
		);
		for (const i of items) {
			const v = versions.get(i.questionVersionId)!;
			expect(v).toBeDefined();
			expect(i.points).toBeGreaterThan(0);
			expect(i.response).toBeNull();
			// The stored order is a permutation of the version's options ([] for 判断).
			expect([...i.optionOrder].sort()).toEqual(v.type === 'judge' ? [] : v.options.map((_, k) => k));
		}
		expect(new Set(items.map((i) => i.questionVersionId)).size).toBe(100);
	});

	it('counts one more paper for each drawn version in this session, and none for the others', () => {
		const after = usageOf(db);
		const drawn = new Set(
			db
				.select()
				.from(attemptItems)
				.where(eq(attemptItems.attemptId, attemptId))
				.all()
				.map((i) => i.questionVersionId)
		);
		for (const [versionId, papers] of after)
			expect(papers - (before.get(versionId) ?? 0)).toBe(drawn.has(versionId) ? 1 : 0);
		for (const v of drawn) expect(versionIsUsed(db, v)).toBe(true);
	});

	it('a version no paper drew is not "used" (it may be edited in place)', () => {
		const drawnAnywhere = new Set(
			db
				.select({ v: attemptItems.questionVersionId })
				.from(attemptItems)
				.all()
				.map((r) => r.v)
		);
		const unused = db
			.select()
			.from(questionVersions)
			.all()
			.find((v) => !drawnAnywhere.has(v.id))!;
		expect(unused).toBeDefined();
		expect(versionIsUsed(db, unused.id)).toBe(false);
	});

	it('the paper remembered at start accepts and maps answers exactly as one read back from the database', () => {
		// A second connection has no remembered papers: it reads the frozen paper from the file.
		const fresh = openDatabase(demo.path);
		try {
			const tries = ['A', 'B', 'C', 'D', 'E', 'F', 'AB', 'ACD', '对', '错', 'X'];
			let seq = 0;
			for (let position = 1; position <= 100; position++)
				for (const answer of tries) {
					const outcome = (d: Db, s: number) => {
						try {
							saveAnswers(d, actor, attemptId, [{ position, answer, seq: s }]);
							return d
								.select({ r: attemptItems.response })
								.from(attemptItems)
								.where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, position)))
								.get()!.r;
						} catch (e) {
							if (e instanceof ExamError) return `refused: ${e.message}`;
							throw e;
						}
					};
					const remembered = outcome(db, ++seq);
					const readBack = outcome(fresh, ++seq);
					expect(readBack, `第 ${position} 题 "${answer}"`).toEqual(remembered);
				}
		} finally {
			fresh.$client.close();
		}
	});
});
