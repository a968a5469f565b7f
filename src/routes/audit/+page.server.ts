import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { readAuditLog } from '$lib/server/audit-view';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'admin', 'regulator');
	return { entries: readAuditLog(getDb(), actor) };
};
