import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { listTradeSettings } from '$lib/server/trades/settings';

export const load: PageServerLoad = ({ locals }) => ({
	trades: listTradeSettings(getDb(), requireRole(locals.user, 'admin'))
});
