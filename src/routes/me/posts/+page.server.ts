import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { myCertification } from '$lib/server/certification/service';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'worker');
	const { today, posts } = myCertification(getDb(), actor);
	return { today, posts };
};
