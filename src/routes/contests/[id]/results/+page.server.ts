import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { resultsView } from '$lib/server/contests/results';

export const load: PageServerLoad = ({ locals, params }) =>
	resultsView(getDb(), requireActor(locals.user), Number(params.id));
