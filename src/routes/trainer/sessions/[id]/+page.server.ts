import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { sessionItemStats, sessionMonitor } from '$lib/server/exams/monitor';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	const id = Number(params.id);
	return { monitor: sessionMonitor(getDb(), actor, id), stats: sessionItemStats(getDb(), actor, id) };
};
