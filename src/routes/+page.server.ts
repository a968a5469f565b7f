import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { homeFor } from '$lib/server/home';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, '/login');
	return { home: homeFor(getDb(), locals.user), passwordChanged: url.searchParams.has('password') };
};
