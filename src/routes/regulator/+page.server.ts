import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { regulatorPaths, requireRole } from '$lib/server/access';
import { listEnterprises } from '$lib/server/orgs';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'regulator');
	const db = getDb();
	return { enterprises: regulatorPaths(db, actor).flatMap((p) => listEnterprises(db, p)) };
};
