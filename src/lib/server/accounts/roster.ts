/**
 * Enterprise roster import (姓名, 身份证号, 手机号, 岗位): a preview first, then all-or-nothing.
 * Every bad row is reported with its spreadsheet row number and the reason.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db';
import { enterprises, posts, userRoles, users, workerPosts } from '../db/schema';
import { idCardProblem, isValidPhone, maskIdCard, maskPhone, normalizeIdCard } from '../../idcard';
import { canViewEnterprise, requireEnterpriseViewer, type Actor } from '../access';
import { hashPassword, generateSecureRandomString } from '../auth';
import { audit } from '../audit';

export const ROSTER_HEADERS = ['姓名', '身份证号', '手机号', '岗位'] as const;

export interface RosterRow {
	row: number;
	name: string;
	idCard: string;
	phone: string;
	post: string;
	/** 'new' creates an account; 'existing' (same enterprise) adds the post. */
	action: 'new' | 'existing';
}

export interface RosterProblem {
	row: number;
	message: string;
}

export interface RosterPreview {
	rows: RosterRow[];
	problems: RosterProblem[];
}

export function previewRoster(db: Db, enterpriseId: number, table: string[][]): RosterPreview {
	const problems: RosterProblem[] = [];
	const header = (table[0] ?? []).map((h) => h.replace(/\s/g, ''));
	const col: Record<string, number> = {};
	for (const h of ROSTER_HEADERS) {
		const i = header.indexOf(h);
		if (i < 0) problems.push({ row: 1, message: `表头缺少"${h}"列（应为：${ROSTER_HEADERS.join('、')}）` });
		col[h] = i;
	}
	if (problems.length) return { rows: [], problems };

	const postByName = new Map(
		db
			.select()
			.from(posts)
			.where(eq(posts.enterpriseId, enterpriseId))
			.all()
			.map((p) => [p.name, p.id])
	);
	const rows: RosterRow[] = [];
	const seenId = new Map<string, number>();
	const seenPhone = new Map<string, number>();
	for (let i = 1; i < table.length; i++) {
		const r = table[i] ?? [];
		const rowNo = i + 1;
		const get = (h: string) => (r[col[h]] ?? '').trim();
		const name = get('姓名');
		const idCard = normalizeIdCard(get('身份证号'));
		const phone = get('手机号');
		const post = get('岗位');
		if (!name && !idCard && !phone && !post) continue;
		const bad = (message: string) => problems.push({ row: rowNo, message });
		if (!name) bad('姓名为空');
		else if (name.length > 30) bad('姓名超过 30 个字');
		const idp = idCard ? idCardProblem(idCard) : '身份证号为空';
		if (idp) bad(idp);
		if (!phone) bad('手机号为空');
		else if (!isValidPhone(phone)) bad(`手机号"${phone}"格式不正确，应为 11 位手机号`);
		if (!post) bad('岗位为空');
		else if (!postByName.has(post))
			bad(`岗位"${post}"在本企业不存在（现有岗位：${[...postByName.keys()].join('、') || '无'}）`);
		if (idCard && seenId.has(idCard)) bad(`身份证号与第 ${seenId.get(idCard)} 行重复`);
		if (phone && seenPhone.has(phone)) bad(`手机号与第 ${seenPhone.get(phone)} 行重复`);
		if (idCard) seenId.set(idCard, rowNo);
		if (phone) seenPhone.set(phone, rowNo);
		rows.push({ row: rowNo, name, idCard, phone, post, action: 'new' });
	}
	if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, message: '文件中没有数据行' });

	// Match against existing accounts: same enterprise → existing; elsewhere → refuse.
	const ids = rows.map((r) => r.idCard).filter(Boolean);
	const phones = rows.map((r) => r.phone).filter(Boolean);
	const existing = ids.length
		? db
				.select()
				.from(users)
				.where(or(inArray(users.idCard, ids), inArray(users.phone, phones)))
				.all()
		: [];
	for (const r of rows) {
		const byId = existing.find((u) => u.idCard === r.idCard);
		const byPhone = existing.find((u) => u.phone === r.phone);
		if (byId) {
			if (byId.enterpriseId !== enterpriseId)
				problems.push({
					row: r.row,
					message: `身份证号 ${maskIdCard(r.idCard)} 已属于其他单位的人员，不能导入`
				});
			else r.action = 'existing';
			if (byPhone && byPhone.id !== byId.id)
				problems.push({ row: r.row, message: `手机号 ${r.phone} 已被其他账号使用` });
		} else if (byPhone) {
			problems.push({ row: r.row, message: `手机号 ${r.phone} 已被其他账号使用` });
		}
	}
	problems.sort((a, b) => a.row - b.row);
	return { rows, problems };
}

export interface RosterCommitResult {
	created: number;
	assigned: number;
	initialPassword: string;
}

/** Re-validates and writes the roster in one transaction; refuses if any row is bad. */
export async function commitRoster(
	db: Db,
	enterpriseId: number,
	table: string[][],
	actorId: number,
	ip?: string
): Promise<{ ok: true; result: RosterCommitResult } | { ok: false; preview: RosterPreview }> {
	const preview = previewRoster(db, enterpriseId, table);
	if (preview.problems.length) return { ok: false, preview };
	// One initial password per batch, shown once to the admin; every new account must change it.
	const initialPassword = `Ax${generateSecureRandomString().slice(0, 8)}`;
	const passwordHash = await hashPassword(initialPassword);
	const now = new Date();
	const postByName = new Map(
		db
			.select()
			.from(posts)
			.where(eq(posts.enterpriseId, enterpriseId))
			.all()
			.map((p) => [p.name, p.id])
	);
	const result = db.transaction((tx) => {
		let created = 0;
		let assigned = 0;
		for (const r of preview.rows) {
			let userId: number;
			if (r.action === 'new') {
				userId = tx
					.insert(users)
					.values({
						name: r.name,
						idCard: r.idCard,
						phone: r.phone,
						passwordHash,
						mustChangePassword: true,
						enterpriseId,
						createdAt: now
					})
					.returning({ id: users.id })
					.get().id;
				tx.insert(userRoles).values({ userId, role: 'worker', enterpriseId }).run();
				created++;
			} else {
				userId = tx.select({ id: users.id }).from(users).where(eq(users.idCard, r.idCard)).get()!.id;
			}
			const postId = postByName.get(r.post)!;
			const had = tx
				.select()
				.from(workerPosts)
				.where(and(eq(workerPosts.userId, userId), eq(workerPosts.postId, postId)))
				.get();
			if (!had) {
				tx.insert(workerPosts).values({ userId, postId, assignedAt: now }).run();
				assigned++;
			}
		}
		audit(tx as unknown as Db, {
			action: 'roster.import',
			actorId,
			target: `enterprise:${enterpriseId}`,
			detail: { rows: preview.rows.length, created, assigned },
			ip
		});
		return { created, assigned };
	});
	return { ok: true, result: { ...result, initialPassword } };
}

export interface RosterEntry {
	id: number;
	name: string;
	idCard: string;
	phone: string;
	posts: string[];
	disabled: boolean;
}

/** The enterprise's people with masked identifiers; managers and regulators over its region only. */
export function listRoster(db: Db, actor: Actor, enterpriseId: number): RosterEntry[] {
	requireEnterpriseViewer(db, actor, enterpriseId);
	const people = db
		.select()
		.from(users)
		.where(eq(users.enterpriseId, enterpriseId))
		.orderBy(asc(users.id))
		.all();
	const assigned = db
		.select({ userId: workerPosts.userId, post: posts.name })
		.from(workerPosts)
		.innerJoin(posts, eq(posts.id, workerPosts.postId))
		.where(eq(posts.enterpriseId, enterpriseId))
		.all();
	return people.map((u) => ({
		id: u.id,
		name: u.name,
		idCard: maskIdCard(u.idCard),
		phone: maskPhone(u.phone),
		posts: assigned.filter((a) => a.userId === u.id).map((a) => a.post),
		disabled: u.disabled
	}));
}

/** One worker: visible to themselves, their enterprise's admins and regulators over its region. */
export function workerDetail(db: Db, actor: Actor, userId: number) {
	const u = db.select().from(users).where(eq(users.id, userId)).get();
	// The same 403 whether the worker is missing or out of scope: ids reveal nothing.
	if (!u) error(403, '您无权查看该人员');
	if (u.id !== actor.id) {
		if (u.enterpriseId == null || !canViewEnterprise(db, actor, u.enterpriseId))
			error(403, '您无权查看该人员');
	}
	const enterprise = u.enterpriseId
		? db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, u.enterpriseId)).get()
				?.name
		: null;
	const assigned = db
		.select({ post: posts.name })
		.from(workerPosts)
		.innerJoin(posts, eq(posts.id, workerPosts.postId))
		.where(eq(workerPosts.userId, u.id))
		.all();
	return {
		id: u.id,
		name: u.name,
		idCard: maskIdCard(u.idCard),
		phone: maskPhone(u.phone),
		enterprise,
		posts: assigned.map((a) => a.post)
	};
}
