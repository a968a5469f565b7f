import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { getContest, requireJury } from '$lib/server/contests/service';
import { loadBoard } from '$lib/server/contests/board-load';
import { boardStreamResponse } from '$lib/server/contests/sse';

/** Live board (server-sent events). ?view=jury needs the organiser, an admin or a judge. */
export const GET: RequestHandler = ({ params, url, locals }) => {
	const id = Number(params.id);
	const db = getDb();
	const view = url.searchParams.get('view') === 'jury' ? 'jury' : 'public';
	if (view === 'jury') requireJury(db, locals.user, id);
	else getContest(db, id);
	return boardStreamResponse(id, view, (v) => loadBoard(getDb(), id, v, true));
};
