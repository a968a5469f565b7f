import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { regulatorSearch } from '$lib/server/regulator/dashboard';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireRole(locals.user, 'regulator');
	const q = (url.searchParams.get('q') ?? '').slice(0, 60);
	return { q, hits: regulatorSearch(getDb(), actor, q) };
};
