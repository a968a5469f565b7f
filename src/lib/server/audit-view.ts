import { desc, eq, like, or, inArray, type SQL } from 'drizzle-orm';
import type { Db } from './db';
import { auditLog, enterprises, regions, users } from './db/schema';
import { hasRole, regulatorPaths, requireRole, type Actor } from './access';

/** Admins read the whole log; regulators read entries by people of enterprises in their region. */
export function readAuditLog(db: Db, actor: Actor, limit = 200) {
	requireRole(actor, 'admin', 'regulator');
	let scope: SQL | undefined;
	if (!hasRole(actor, 'admin')) {
		const paths = regulatorPaths(db, actor);
		const inRegion = db
			.select({ id: users.id })
			.from(users)
			.innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
			.innerJoin(regions, eq(regions.id, enterprises.regionId))
			.where(or(...paths.map((p) => like(regions.path, `${p}%`))))
			.all()
			.map((r) => r.id);
		scope = inArray(auditLog.actorId, [actor.id, ...inRegion]);
	}
	return db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			target: auditLog.target,
			detail: auditLog.detail,
			ip: auditLog.ip,
			actor: users.name
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(scope)
		.orderBy(desc(auditLog.id))
		.limit(limit)
		.all()
		.map((r) => ({ ...r, at: r.at.toISOString(), detail: r.detail ? JSON.stringify(r.detail) : '' }));
}
