import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { listBanks } from '$lib/server/banks/service';

export const load: PageServerLoad = ({ locals }) => ({
	banks: listBanks(getDb(), requireActor(locals.user))
});
