import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { getContest } from '$lib/server/contests/service';
import { loadBoard } from '$lib/server/contests/board-load';
import { boardStreamResponse } from '$lib/server/contests/sse';

/** Public live board (server-sent events): no sign-in, the public view only. */
export const GET: RequestHandler = ({ params }) => {
	const id = Number(params.id);
	getContest(getDb(), id);
	return boardStreamResponse(id, 'public', (view) => loadBoard(getDb(), id, view, true));
};
