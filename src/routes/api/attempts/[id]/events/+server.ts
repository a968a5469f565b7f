import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { recordEvent } from '$lib/server/exams/attempts';
import { jsonCall, readJson } from '$lib/server/api';

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const body = await readJson<{ kind: string }>(request);
	return jsonCall(
		() =>
			recordEvent(getDb(), requireActor(locals.user), Number(params.id), String(body.kind)) ?? { ok: true }
	);
};
