import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { enterpriseClearance } from '$lib/server/regulator/dashboard';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireRole(locals.user, 'regulator', 'admin');
	const id = Number(params.id);
	if (!Number.isInteger(id)) error(403, '您无权查看该企业的数据');
	return enterpriseClearance(getDb(), actor, id);
};
