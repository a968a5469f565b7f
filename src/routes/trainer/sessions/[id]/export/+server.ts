import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { exportSessionResults } from '$lib/server/exams/monitor';
import { xlsxResponse } from '$lib/server/download';

export const GET: RequestHandler = async ({ locals, params }) =>
	xlsxResponse(
		await exportSessionResults(getDb(), requireActor(locals.user), Number(params.id)),
		`考试成绩-${params.id}.xlsx`
	);
