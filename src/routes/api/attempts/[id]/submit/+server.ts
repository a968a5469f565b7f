import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { submitAttempt, type AnswerInput } from '$lib/server/exams/attempts';
import { jsonCall, readJson } from '$lib/server/api';

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const body = await readJson<{ answers?: AnswerInput[] }>(request);
	return jsonCall(() =>
		submitAttempt(
			getDb(),
			requireActor(locals.user),
			Number(params.id),
			Array.isArray(body.answers) ? body.answers : []
		)
	);
};
