import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The public board lives under /board (reachable without signing in). */
export const load: PageServerLoad = ({ params }) => redirect(307, `/board/${params.id}`);
