import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { listBlueprints } from '$lib/server/exams/blueprints';

export const load: PageServerLoad = ({ locals }) => ({
	blueprints: listBlueprints(getDb(), requireActor(locals.user))
});
