import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { name: locals.user.name, roles: [...new Set(locals.user.roles.map((r) => r.role))] }
		: null
});
