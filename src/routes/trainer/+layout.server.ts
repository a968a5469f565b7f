import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/access';

export const load: LayoutServerLoad = ({ locals }) => {
	requireRole(locals.user, 'trainer', 'admin');
};
