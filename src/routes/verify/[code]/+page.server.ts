import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { verifyCertificate, verifyLimiter } from '$lib/server/certification/verify';

/** Public (no login): the hooks let /verify through. Rate-limited per client address. */
export const load: PageServerLoad = ({ params, getClientAddress, setHeaders }) => {
	const wait = verifyLimiter.take(getClientAddress());
	if (wait > 0) error(429, `查询过于频繁，请 ${Math.ceil(wait / 1000)} 秒后再试`);
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	return { result: verifyCertificate(getDb(), params.code) };
};
