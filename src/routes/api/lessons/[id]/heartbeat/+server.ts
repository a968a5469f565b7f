import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { heartbeat } from '$lib/server/courses/service';
import { jsonCall, readJson } from '$lib/server/api';

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const beat = await readJson<{ active?: boolean; atEnd?: boolean }>(request);
	return jsonCall(() =>
		heartbeat(getDb(), requireActor(locals.user), Number(params.id), {
			active: !!beat.active,
			atEnd: !!beat.atEnd
		})
	);
};
