import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { regulatorDashboard } from '$lib/server/regulator/dashboard';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'regulator');
	return { d: regulatorDashboard(getDb(), actor) };
};
