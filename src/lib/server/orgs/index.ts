/** Regions (省/市/县/乡镇) and enterprises. */
import { asc, eq, like } from 'drizzle-orm';
import type { Db } from '../db';
import {
	enterprises,
	industries,
	regions,
	regionLevels,
	type Industry,
	type RegionLevel
} from '../db/schema';
import { requireRole, type Actor } from '../access';
import { audit } from '../audit';
import type { Result } from '../accounts/users';
import { REGION_LEVEL_LABELS } from '../../labels';

/** 矿山、危化、烟花爆竹、金属冶炼: the high-risk industries with raised training hours. */
export const HIGH_RISK_INDUSTRIES: Industry[] = ['mining', 'hazardous_chemicals', 'fireworks', 'metallurgy'];

export interface RegionNode {
	id: number;
	name: string;
	level: RegionLevel;
	depth: number;
	path: string;
}

/** All regions in tree order (depth-first by path), optionally a subtree. */
export function regionTree(db: Db, rootPath?: string): RegionNode[] {
	const rows = db
		.select()
		.from(regions)
		.where(rootPath ? like(regions.path, `${rootPath}%`) : undefined)
		.all();
	const byId = new Map(rows.map((r) => [r.id, r]));
	const label = (r: (typeof rows)[number]) =>
		r.path
			.split('/')
			.filter(Boolean)
			.map((id) => byId.get(Number(id))?.name ?? '')
			.join('/');
	return rows
		.map((r) => ({
			id: r.id,
			name: r.name,
			level: r.level,
			depth: r.path.split('/').filter(Boolean).length - 1,
			path: r.path,
			sortKey: label(r)
		}))
		.sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'zh-CN'))
		.map(({ sortKey: _s, ...r }) => r);
}

export function createRegion(
	db: Db,
	actor: Actor,
	name: string,
	level: string,
	parentId: number | null
): Result<number> {
	requireRole(actor, 'admin');
	if (!name.trim()) return { ok: false, field: 'name', message: '请填写区域名称' };
	if (!(regionLevels as readonly string[]).includes(level))
		return { ok: false, field: 'level', message: '请选择区域级别' };
	const parent = parentId ? db.select().from(regions).where(eq(regions.id, parentId)).get() : null;
	if (parentId && !parent) return { ok: false, field: 'parentId', message: '上级区域不存在' };
	if (level !== 'province' && !parent)
		return { ok: false, field: 'parentId', message: '市、县、乡镇须选择上级区域' };
	if (parent && regionLevels.indexOf(level as RegionLevel) !== regionLevels.indexOf(parent.level) + 1)
		return {
			ok: false,
			field: 'level',
			message: `"${parent.name}"的下级应为${REGION_LEVEL_LABELS[regionLevels[regionLevels.indexOf(parent.level) + 1]] ?? '无'}`
		};
	const id = db.transaction((tx) => {
		const { id } = tx
			.insert(regions)
			.values({ name: name.trim(), level: level as RegionLevel, parentId, path: '' })
			.returning({ id: regions.id })
			.get();
		tx.update(regions)
			.set({ path: `${parent?.path ?? '/'}${id}/` })
			.where(eq(regions.id, id))
			.run();
		return id;
	});
	audit(db, { action: 'org.create', actorId: actor.id, target: `region:${id}`, detail: { name, level } });
	return { ok: true, value: id };
}

export function listEnterprises(db: Db, rootPath?: string) {
	return db
		.select({
			id: enterprises.id,
			name: enterprises.name,
			industry: enterprises.industry,
			region: regions.name,
			regionPath: regions.path
		})
		.from(enterprises)
		.innerJoin(regions, eq(regions.id, enterprises.regionId))
		.where(rootPath ? like(regions.path, `${rootPath}%`) : undefined)
		.orderBy(asc(enterprises.name))
		.all();
}

export function createEnterprise(
	db: Db,
	actor: Actor,
	name: string,
	industry: string,
	regionId: number
): Result<number> {
	requireRole(actor, 'admin');
	if (!name.trim()) return { ok: false, field: 'name', message: '请填写企业名称' };
	if (!(industries as readonly string[]).includes(industry))
		return { ok: false, field: 'industry', message: '请选择行业' };
	if (!db.select().from(regions).where(eq(regions.id, regionId)).get())
		return { ok: false, field: 'regionId', message: '请选择所在区域' };
	if (db.select().from(enterprises).where(eq(enterprises.name, name.trim())).get())
		return { ok: false, field: 'name', message: `企业"${name.trim()}"已存在` };
	const { id } = db
		.insert(enterprises)
		.values({ name: name.trim(), industry: industry as Industry, regionId, createdAt: new Date() })
		.returning({ id: enterprises.id })
		.get();
	audit(db, {
		action: 'org.create',
		actorId: actor.id,
		target: `enterprise:${id}`,
		detail: { name, industry }
	});
	return { ok: true, value: id };
}
