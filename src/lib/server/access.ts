/**
 * Role and scope checks. Every service call starts here: who is asking, with which role,
 * over which enterprise or region. Failures throw SvelteKit's 403 so nothing leaks.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { enterprises, regions, type Role } from './db/schema';

export interface RoleGrant {
	role: Role;
	enterpriseId: number | null;
	regionId: number | null;
}

export interface Actor {
	id: number;
	name: string;
	enterpriseId: number | null;
	roles: RoleGrant[];
}

export const ROLE_LABEL: Record<Role, string> = {
	worker: '学员',
	trainer: '培训教师',
	enterprise_admin: '企业安全管理员',
	regulator: '监管人员',
	judge: '裁判',
	admin: '系统管理员'
};

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
	return !!actor?.roles.some((g) => g.role === role);
}

export function requireActor(actor: Actor | null | undefined): Actor {
	if (!actor) error(401, '请先登录');
	return actor;
}

export function requireRole(actor: Actor | null | undefined, ...anyOf: Role[]): Actor {
	const a = requireActor(actor);
	if (!anyOf.some((r) => hasRole(a, r))) error(403, '您没有权限访问此页面');
	return a;
}

function regionPath(db: Db, regionId: number): string | null {
	return db.select({ path: regions.path }).from(regions).where(eq(regions.id, regionId)).get()?.path ?? null;
}

/** The region-subtree roots (materialised paths) a regulator oversees. */
export function regulatorPaths(db: Db, actor: Actor): string[] {
	return actor.roles
		.filter((g) => g.role === 'regulator' && g.regionId != null)
		.map((g) => regionPath(db, g.regionId!))
		.filter((p): p is string => !!p);
}

export function enterprisePath(db: Db, enterpriseId: number): string | null {
	const row = db
		.select({ path: regions.path })
		.from(enterprises)
		.innerJoin(regions, eq(regions.id, enterprises.regionId))
		.where(eq(enterprises.id, enterpriseId))
		.get();
	return row?.path ?? null;
}

/**
 * May the actor manage (read and change the roster of) this enterprise?
 * Admins: any. Enterprise admins: their own. Nobody else.
 */
export function canManageEnterprise(actor: Actor, enterpriseId: number): boolean {
	if (hasRole(actor, 'admin')) return true;
	return actor.roles.some((g) => g.role === 'enterprise_admin' && g.enterpriseId === enterpriseId);
}

/** May the actor read this enterprise's data? Adds regulators over its region subtree. */
export function canViewEnterprise(db: Db, actor: Actor, enterpriseId: number): boolean {
	if (canManageEnterprise(actor, enterpriseId)) return true;
	const paths = regulatorPaths(db, actor);
	if (paths.length === 0) return false;
	const p = enterprisePath(db, enterpriseId);
	return !!p && paths.some((root) => p.startsWith(root));
}

export function requireEnterpriseManager(actor: Actor, enterpriseId: number) {
	if (!canManageEnterprise(actor, enterpriseId)) error(403, '您无权管理该企业');
}

export function requireEnterpriseViewer(db: Db, actor: Actor, enterpriseId: number) {
	if (!canViewEnterprise(db, actor, enterpriseId)) error(403, '您无权查看该企业的数据');
}

/** The enterprise an enterprise admin manages (first grant), or an error. */
export function managedEnterpriseId(actor: Actor): number {
	const g = actor.roles.find((r) => r.role === 'enterprise_admin' && r.enterpriseId != null);
	if (!g) error(403, '您不是企业安全管理员');
	return g.enterpriseId!;
}
