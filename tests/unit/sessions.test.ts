import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { demoDatabase } from './helpers/demo';
import type { Db } from '../../src/lib/server/db';
import { blueprints, posts, users, workerPosts } from '../../src/lib/server/db/schema';
import { createSession, resolveNameList, upcomingForWorker } from '../../src/lib/server/exams/sessions';

const demo = demoDatabase();
const actorOf = demo.actorOf;
let db: Db;
beforeAll(() => (db = demo.db));

describe('session audiences', () => {
	it('resolves a pasted name list and names the lines it cannot place', () => {
		const zhang = db.select().from(users).where(eq(users.phone, '13800000010')).get()!;
		const r = resolveNameList(db, `13800000010\n\n${zhang.idCard!.toLowerCase()}\n13999990000`);
		expect(r.userIds).toEqual([zhang.id]);
		expect(r.problems).toEqual(['考生名单第 4 行：找不到手机号或身份证号为"13999990000"的人员']);
	});

	it('admits by post: only workers on the chosen post see the session', () => {
		const trainer = actorOf('13800000002');
		const zhang = actorOf('13800000010');
		const post = db
			.select({ postId: workerPosts.postId })
			.from(workerPosts)
			.where(eq(workerPosts.userId, zhang.id))
			.get()!;
		const other = db
			.select()
			.from(posts)
			.all()
			.find((p) => p.id !== post.postId)!;
		const bp = db.select().from(blueprints).get()!;
		const t0 = Date.now();
		const mk = (postId: number, title: string) =>
			createSession(db, trainer, {
				blueprintId: bp.id,
				title,
				opensAt: new Date(t0 - 1000),
				closesAt: new Date(t0 + 3600_000),
				audience: { postIds: [postId] },
				eligibility: 'assigned'
			});
		expect(mk(post.postId, '按岗位-本岗').ok).toBe(true);
		expect(mk(other.id, '按岗位-他岗').ok).toBe(true);
		const titles = upcomingForWorker(db, zhang).map((s) => s.title);
		expect(titles).toContain('按岗位-本岗');
		expect(titles).not.toContain('按岗位-他岗');
	});
});
