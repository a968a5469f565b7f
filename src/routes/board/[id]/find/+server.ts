import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { findOnPublicBoard } from '$lib/server/contests/board-load';
import { SlidingWindowLimiter } from '$lib/server/certification/verify';

// Each lookup ranks the whole contest: 20 a minute per client address is plenty for a person.
const limiter = new SlidingWindowLimiter(20, 60_000);

/** Public (no sign-in), like the board: GET ?q=姓名 → matching rows with their public rank. */
export const GET: RequestHandler = ({ params, url, getClientAddress }) => {
	const wait = limiter.take(getClientAddress());
	if (wait > 0) error(429, `查询过于频繁，请 ${Math.ceil(wait / 1000)} 秒后再试`);
	return json(findOnPublicBoard(getDb(), Number(params.id), url.searchParams.get('q') ?? ''), {
		headers: { 'cache-control': 'no-store' }
	});
};
