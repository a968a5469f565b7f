import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { workerDetail } from '$lib/server/accounts/roster';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	const id = Number(params.id);
	if (!Number.isInteger(id)) error(404, '未找到该人员');
	return { worker: workerDetail(getDb(), actor, id) };
};
