import { eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { Db } from '../db';
import { userRoles, users } from '../db/schema';
import type { Actor } from '../access';

/** The signed-in user with their scoped roles, or null if missing or disabled. */
export function loadActor(db: Db, userId: number): (Actor & { mustChangePassword: boolean }) | null {
	const user = prepared(db, 'actor.user', () =>
		db
			.select()
			.from(users)
			.where(eq(users.id, sql.placeholder('id')))
			.prepare()
	).get({ id: userId });
	if (!user || user.disabled) return null;
	const roles = prepared(db, 'actor.roles', () =>
		db
			.select({ role: userRoles.role, enterpriseId: userRoles.enterpriseId, regionId: userRoles.regionId })
			.from(userRoles)
			.where(eq(userRoles.userId, sql.placeholder('id')))
			.prepare()
	).all({ id: userId });
	return {
		id: user.id,
		name: user.name,
		enterpriseId: user.enterpriseId,
		roles,
		mustChangePassword: user.mustChangePassword
	};
}
