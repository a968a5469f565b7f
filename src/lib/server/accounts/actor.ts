import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { userRoles, users } from '../db/schema';
import type { Actor } from '../access';

/** The signed-in user with their scoped roles, or null if missing or disabled. */
export function loadActor(db: Db, userId: number): (Actor & { mustChangePassword: boolean }) | null {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user || user.disabled) return null;
	const roles = db
		.select({ role: userRoles.role, enterpriseId: userRoles.enterpriseId, regionId: userRoles.regionId })
		.from(userRoles)
		.where(eq(userRoles.userId, userId))
		.all();
	return {
		id: user.id,
		name: user.name,
		enterpriseId: user.enterpriseId,
		roles,
		mustChangePassword: user.mustChangePassword
	};
}
