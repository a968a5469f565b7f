/**
 * 岗位与持证: an enterprise admin defines posts and the qualifications each needs, assigns their own
 * enterprise's workers, and sees who is cleared or blocked (and why), with due-soon flags.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { enterprises, postRequirements, posts, trades, userRoles, users, workerPosts } from '../db/schema';
import { managedEnterpriseId, requireEnterpriseManager, requireRole, type Actor } from '../access';
import { now } from '../clock';
import { maskPhone } from '../../idcard';
import { CERTIFIED_CATEGORIES } from './defaults';
import {
	CertificationData,
	certificatesOfWorkers,
	clearanceOf,
	loadPosts,
	today,
	type CertificateView
} from './service';

export type PostResult = { ok: true } | { ok: false; message: string };

/** Trades a post may require: those that lead to a certificate. */
export function requirableTrades(db: Db) {
	return db
		.select({ code: trades.code, name: trades.name, category: trades.category })
		.from(trades)
		.where(inArray(trades.category, [...CERTIFIED_CATEGORIES]))
		.orderBy(asc(trades.code))
		.all();
}

function enterpriseOfActor(actor: Actor): number {
	requireRole(actor, 'enterprise_admin');
	return managedEnterpriseId(actor);
}

function ownPost(db: Db, actor: Actor, postId: number) {
	const p = db.select().from(posts).where(eq(posts.id, postId)).get();
	if (!p) error(403, '您无权管理该岗位');
	requireEnterpriseManager(actor, p.enterpriseId);
	return p;
}

function checkTrades(db: Db, codes: string[]): string | null {
	const allowed = new Set(requirableTrades(db).map((t) => t.code));
	const bad = codes.filter((c) => !allowed.has(c));
	return bad.length ? `无效的资格要求：${bad.join('、')}` : null;
}

export function createPost(db: Db, actor: Actor, name: string, tradeCodes: string[]): PostResult {
	const eid = enterpriseOfActor(actor);
	const n = name.trim();
	if (!n) return { ok: false, message: '请填写岗位名称' };
	if (n.length > 40) return { ok: false, message: '岗位名称不能超过 40 个字' };
	const dup = db
		.select({ id: posts.id })
		.from(posts)
		.where(and(eq(posts.enterpriseId, eid), eq(posts.name, n)))
		.get();
	if (dup) return { ok: false, message: `本企业已有岗位"${n}"` };
	const bad = checkTrades(db, tradeCodes);
	if (bad) return { ok: false, message: bad };
	db.transaction((tx) => {
		const { id } = tx.insert(posts).values({ enterpriseId: eid, name: n }).returning({ id: posts.id }).get();
		for (const code of new Set(tradeCodes))
			tx.insert(postRequirements).values({ postId: id, tradeCode: code }).run();
	});
	return { ok: true };
}

export function setRequirements(db: Db, actor: Actor, postId: number, tradeCodes: string[]): PostResult {
	ownPost(db, actor, postId);
	const bad = checkTrades(db, tradeCodes);
	if (bad) return { ok: false, message: bad };
	db.transaction((tx) => {
		tx.delete(postRequirements).where(eq(postRequirements.postId, postId)).run();
		for (const code of new Set(tradeCodes))
			tx.insert(postRequirements).values({ postId, tradeCode: code }).run();
	});
	return { ok: true };
}

export function deletePost(db: Db, actor: Actor, postId: number): PostResult {
	const p = ownPost(db, actor, postId);
	const someone = db.select().from(workerPosts).where(eq(workerPosts.postId, postId)).get();
	if (someone) return { ok: false, message: `岗位"${p.name}"仍有在岗人员，请先调离后再删除` };
	db.delete(posts).where(eq(posts.id, postId)).run();
	return { ok: true };
}

export function assignWorker(db: Db, actor: Actor, postId: number, userId: number): PostResult {
	const p = ownPost(db, actor, postId);
	const u = db.select().from(users).where(eq(users.id, userId)).get();
	if (!u || u.enterpriseId !== p.enterpriseId) return { ok: false, message: '只能安排本企业的人员' };
	const had = db
		.select()
		.from(workerPosts)
		.where(and(eq(workerPosts.userId, userId), eq(workerPosts.postId, postId)))
		.get();
	if (had) return { ok: false, message: `${u.name} 已在岗位"${p.name}"` };
	db.insert(workerPosts).values({ userId, postId, assignedAt: now() }).run();
	return { ok: true };
}

export function unassignWorker(db: Db, actor: Actor, postId: number, userId: number): PostResult {
	ownPost(db, actor, postId);
	db.delete(workerPosts)
		.where(and(eq(workerPosts.userId, userId), eq(workerPosts.postId, postId)))
		.run();
	return { ok: true };
}

export interface DueSoonEntry {
	userId: number;
	name: string;
	tradeName: string;
	certificateId: number;
	what: string;
	date: string;
}

/** Certificates in force with a 复审 or expiry within 60 days, soonest first. */
export function dueSoonEntries(
	people: { id: number; name: string }[],
	certs: Map<number, CertificateView[]>
): DueSoonEntry[] {
	const out: DueSoonEntry[] = [];
	for (const p of people)
		for (const c of certs.get(p.id) ?? [])
			if (c.dueSoon) {
				const review = c.status === 'review_due' && c.nextReviewDue;
				out.push({
					userId: p.id,
					name: p.name,
					tradeName: c.tradeName,
					certificateId: c.id,
					what: review ? '复审到期' : '证书到期',
					date: review ? c.nextReviewDue! : c.validUntil
				});
			}
	return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The enterprise admin's page: posts with requirements, assigned workers' clearance, flags. */
export function enterprisePosts(db: Db, actor: Actor, day = today()) {
	const eid = enterpriseOfActor(actor);
	const enterprise = db
		.select({ name: enterprises.name })
		.from(enterprises)
		.where(eq(enterprises.id, eid))
		.get();
	const people = db
		.selectDistinct({ id: users.id, name: users.name, phone: users.phone })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'worker')))
		.where(and(eq(users.enterpriseId, eid), eq(users.disabled, false)))
		.orderBy(asc(users.id))
		.all();
	const postRows = db.select().from(posts).where(eq(posts.enterpriseId, eid)).orderBy(asc(posts.id)).all();
	const postMap = loadPosts(
		db,
		postRows.map((p) => p.id)
	);
	const assigned = postRows.length
		? db
				.select({ userId: workerPosts.userId, postId: workerPosts.postId })
				.from(workerPosts)
				.where(
					inArray(
						workerPosts.postId,
						postRows.map((p) => p.id)
					)
				)
				.all()
		: [];
	const userIds = [...new Set([...people.map((p) => p.id), ...assigned.map((a) => a.userId)])];
	const data = new CertificationData(db, userIds);
	const names = new Map(
		db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(inArray(users.id, userIds.length ? userIds : [-1]))
			.all()
			.map((u) => [u.id, u.name])
	);
	const list = postRows.map((p) => {
		const row = postMap.get(p.id)!;
		const workers = assigned
			.filter((a) => a.postId === p.id)
			.map((a) => ({
				userId: a.userId,
				name: names.get(a.userId) ?? '',
				...clearanceOf(data, a.userId, row, day)
			}))
			.sort((a, b) => a.userId - b.userId);
		return {
			id: p.id,
			name: p.name,
			requirements: row.requirements.map((r) => ({ code: r.tradeCode, name: r.tradeName })),
			cleared: workers.filter((w) => w.cleared).length,
			blocked: workers.filter((w) => !w.cleared).length,
			dueSoon: workers.filter((w) => w.dueSoon).length,
			workers: workers.map((w) => ({
				userId: w.userId,
				name: w.name,
				cleared: w.cleared,
				dueSoon: w.dueSoon,
				items: w.items
			}))
		};
	});
	const certs = certificatesOfWorkers(db, userIds, day, data);
	return {
		today: day,
		enterprise: enterprise?.name ?? '',
		trades: requirableTrades(db),
		people: people.map((p) => ({ id: p.id, name: p.name, phone: maskPhone(p.phone) })),
		posts: list,
		dueSoon: dueSoonEntries(
			userIds.map((id) => ({ id, name: names.get(id) ?? '' })),
			certs
		)
	};
}

/** Summary for the enterprise admin's home. */
export function enterpriseClearanceSummary(db: Db, actor: Actor, day = today()) {
	const v = enterprisePosts(db, actor, day);
	const all = v.posts.flatMap((p) => p.workers);
	return {
		cleared: all.filter((w) => w.cleared).length,
		blocked: all.filter((w) => !w.cleared).length,
		postsDueSoon: all.filter((w) => w.dueSoon).length,
		dueSoon: v.dueSoon
	};
}
