import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { attemptView } from '$lib/server/exams/attempts';

export const load: PageServerLoad = ({ locals, params }) => {
	const id = Number(params.id);
	if (!Number.isInteger(id)) error(404, '试卷不存在');
	const view = attemptView(getDb(), requireActor(locals.user), id);
	if (view.submitted) redirect(303, `/attempts/${id}/result`);
	return { view };
};
