import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { listRoster } from '$lib/server/accounts/roster';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireRole(locals.user, 'regulator', 'admin');
	return { roster: listRoster(getDb(), actor, Number(params.id)) };
};
