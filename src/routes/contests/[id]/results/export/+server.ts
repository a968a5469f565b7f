import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { exportResults } from '$lib/server/contests/results';
import { ContestError, getContest } from '$lib/server/contests/service';
import { xlsxResponse } from '$lib/server/download';

export const GET: RequestHandler = async ({ locals, params }) => {
	const db = getDb();
	const c = getContest(db, Number(params.id));
	try {
		return xlsxResponse(await exportResults(db, requireActor(locals.user), c.id), `${c.name}-成绩.xlsx`);
	} catch (e) {
		if (e instanceof ContestError) error(e.status, e.message);
		throw e;
	}
};
