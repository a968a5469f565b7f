/** Admin user management and self-service password change. */
import { asc, eq, like, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { enterprises, regions, roles as ROLES, userRoles, users, type Role } from '../db/schema';
import { requireRole, type Actor } from '../access';
import { audit } from '../audit';
import {
	generateSecureRandomString,
	hashPassword,
	invalidateUserSessions,
	passwordProblem,
	setPassword,
	verifyPassword
} from '../auth';
import { idCardProblem, isValidPhone, maskIdCard, maskPhone, normalizeIdCard } from '../../idcard';

export interface UserListItem {
	id: number;
	name: string;
	phone: string;
	idCard: string;
	enterprise: string | null;
	roles: Role[];
	disabled: boolean;
	mustChangePassword: boolean;
}

export function listUsers(db: Db, actor: Actor, q = ''): UserListItem[] {
	requireRole(actor, 'admin');
	const term = q.trim();
	const rows = db
		.select({ u: users, enterprise: enterprises.name })
		.from(users)
		.leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
		.where(
			term
				? or(like(users.name, `%${term}%`), eq(users.phone, term), eq(users.idCard, normalizeIdCard(term)))
				: undefined
		)
		.orderBy(asc(users.id))
		.limit(200)
		.all();
	const grants = db.select().from(userRoles).all();
	return rows.map(({ u, enterprise }) => ({
		id: u.id,
		name: u.name,
		phone: maskPhone(u.phone),
		idCard: maskIdCard(u.idCard),
		enterprise,
		roles: grants.filter((g) => g.userId === u.id).map((g) => g.role),
		disabled: u.disabled,
		mustChangePassword: u.mustChangePassword
	}));
}

export interface NewUserInput {
	name: string;
	phone: string;
	idCard: string;
	role: string;
	enterpriseId: number | null;
	regionId: number | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; message: string; field?: string };

/** Creates an account with a one-time initial password the user must change at first login. */
export async function createUser(
	db: Db,
	actor: Actor,
	input: NewUserInput,
	ip?: string
): Promise<Result<{ id: number; initialPassword: string }>> {
	requireRole(actor, 'admin');
	const name = input.name.trim();
	const phone = input.phone.trim();
	const idCard = input.idCard ? normalizeIdCard(input.idCard) : '';
	if (!name) return { ok: false, field: 'name', message: '请填写姓名' };
	if (!phone && !idCard)
		return { ok: false, field: 'phone', message: '手机号和身份证号至少填写一项（用于登录）' };
	if (phone && !isValidPhone(phone))
		return { ok: false, field: 'phone', message: `手机号"${phone}"格式不正确` };
	if (idCard) {
		const p = idCardProblem(idCard);
		if (p) return { ok: false, field: 'idCard', message: p };
	}
	if (!(ROLES as readonly string[]).includes(input.role))
		return { ok: false, field: 'role', message: '请选择角色' };
	const role = input.role as Role;
	if ((role === 'enterprise_admin' || role === 'worker') && !input.enterpriseId)
		return { ok: false, field: 'enterpriseId', message: '学员和企业安全管理员须选择所属企业' };
	if (role === 'regulator' && !input.regionId)
		return { ok: false, field: 'regionId', message: '监管人员须选择监管区域' };
	if (
		input.enterpriseId &&
		!db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId)).get()
	)
		return { ok: false, field: 'enterpriseId', message: '所选企业不存在' };
	if (input.regionId && !db.select().from(regions).where(eq(regions.id, input.regionId)).get())
		return { ok: false, field: 'regionId', message: '所选区域不存在' };
	const clash = db
		.select()
		.from(users)
		.where(or(phone ? eq(users.phone, phone) : sql`0`, idCard ? eq(users.idCard, idCard) : sql`0`))
		.get();
	if (clash) return { ok: false, field: 'phone', message: '该手机号或身份证号已有账号' };

	const initialPassword = `Ax${generateSecureRandomString().slice(0, 8)}`;
	const passwordHash = await hashPassword(initialPassword);
	const scopedEnterprise = role === 'enterprise_admin' || role === 'worker' ? input.enterpriseId : null;
	const id = db.transaction((tx) => {
		const u = tx
			.insert(users)
			.values({
				name,
				phone: phone || null,
				idCard: idCard || null,
				passwordHash,
				mustChangePassword: true,
				enterpriseId: scopedEnterprise,
				createdAt: new Date()
			})
			.returning({ id: users.id })
			.get();
		tx.insert(userRoles)
			.values({
				userId: u.id,
				role,
				enterpriseId: scopedEnterprise,
				regionId: role === 'regulator' ? input.regionId : null
			})
			.run();
		audit(tx as unknown as Db, {
			action: 'user.create',
			actorId: actor.id,
			target: `user:${u.id}`,
			detail: { role },
			ip
		});
		audit(tx as unknown as Db, {
			action: 'role.grant',
			actorId: actor.id,
			target: `user:${u.id}`,
			detail: { role },
			ip
		});
		return u.id;
	});
	return { ok: true, value: { id, initialPassword } };
}

export async function resetPassword(
	db: Db,
	actor: Actor,
	userId: number,
	ip?: string
): Promise<Result<string>> {
	requireRole(actor, 'admin');
	const u = db.select().from(users).where(eq(users.id, userId)).get();
	if (!u) return { ok: false, message: '用户不存在' };
	const temp = `Ax${generateSecureRandomString().slice(0, 8)}`;
	await setPassword(db, userId, temp, true);
	audit(db, { action: 'password.reset', actorId: actor.id, target: `user:${userId}`, ip });
	return { ok: true, value: temp };
}

export function setDisabled(
	db: Db,
	actor: Actor,
	userId: number,
	disabled: boolean,
	ip?: string
): Result<null> {
	requireRole(actor, 'admin');
	if (userId === actor.id) return { ok: false, message: '不能停用自己的账号' };
	const u = db.select().from(users).where(eq(users.id, userId)).get();
	if (!u) return { ok: false, message: '用户不存在' };
	db.update(users).set({ disabled }).where(eq(users.id, userId)).run();
	if (disabled) invalidateUserSessions(db, userId);
	audit(db, {
		action: disabled ? 'user.disable' : 'user.enable',
		actorId: actor.id,
		target: `user:${userId}`,
		ip
	});
	return { ok: true, value: null };
}

/** Self-service change; ends every session (the caller starts a fresh one). */
export async function changeOwnPassword(
	db: Db,
	actor: Actor,
	current: string,
	next: string,
	confirm: string,
	ip?: string
): Promise<Result<null>> {
	const u = db.select().from(users).where(eq(users.id, actor.id)).get();
	if (!u) return { ok: false, message: '用户不存在' };
	if (!(await verifyPassword(u.passwordHash, current)))
		return { ok: false, field: 'current', message: '当前密码不正确' };
	if (next !== confirm) return { ok: false, field: 'confirm', message: '两次输入的新密码不一致' };
	if (next === current) return { ok: false, field: 'next', message: '新密码不能与当前密码相同' };
	const p = passwordProblem(next, u.name);
	if (p) return { ok: false, field: 'next', message: p };
	await setPassword(db, actor.id, next, false);
	audit(db, { action: 'password.change', actorId: actor.id, target: `user:${actor.id}`, ip });
	return { ok: true, value: null };
}
