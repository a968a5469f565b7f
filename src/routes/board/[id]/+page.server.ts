import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { loadBoard } from '$lib/server/contests/board-load';

/** Public (no sign-in): the board as the public sees it, frozen after the freeze time. */
export const load: PageServerLoad = ({ params }) => ({
	board: loadBoard(getDb(), Number(params.id), 'public', true)
});
