import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { fillCorrectAnswers, testHooksEnabled } from '$lib/server/certification/test-seams';

/**
 * Test seam, enabled only when the server runs with ANXUN_TEST_HOOKS=1 (the Playwright server):
 * fills an open attempt's answers with the keys on the server — the exam room never sends keys to
 * the browser, so an end-to-end test cannot otherwise score 80. The candidate then submits through
 * the UI as usual, and grading, certification and everything after it run unchanged.
 */
export const POST: RequestHandler = async ({ request }) => {
	if (!testHooksEnabled()) error(404, 'Not found');
	const { attemptId } = (await request.json()) as { attemptId: number };
	const filled = fillCorrectAnswers(getDb(), Number(attemptId));
	if (!filled) error(404, 'Not found');
	return json({ ok: true, filled });
};
