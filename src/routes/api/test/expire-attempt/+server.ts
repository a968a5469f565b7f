import { error, json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { attempts } from '$lib/server/db/schema';
import { SAVE_GRACE_MS } from '$lib/server/exams/deadline';

/**
 * Test seam, enabled only when the server runs with ANXUN_TEST_HOOKS=1 (the Playwright server):
 * moves one attempt's deadline into the past, as if two hours had gone by for that candidate,
 * so the real deadline sweeper can be observed. It does not exist in any other deployment.
 */
export const POST: RequestHandler = async ({ request }) => {
	if (process.env.ANXUN_TEST_HOOKS !== '1') error(404, 'Not found');
	const { attemptId } = (await request.json()) as { attemptId: number };
	const past = new Date(Date.now() - SAVE_GRACE_MS - 1000);
	getDb().update(attempts).set({ deadline: past }).where(eq(attempts.id, attemptId)).run();
	return json({ ok: true, deadline: past.getTime() });
};
