import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { xlsxResponse } from '$lib/server/download';
import { regulatorExport } from '$lib/server/regulator/dashboard';
import { today } from '$lib/server/certification/service';

export const GET: RequestHandler = async ({ locals }) => {
	const actor = requireRole(locals.user, 'regulator');
	const day = today();
	return xlsxResponse(await regulatorExport(getDb(), actor, day), `辖区人员与证书-${day}.xlsx`);
};
