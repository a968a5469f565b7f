import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { exportXlsx, exportYaml } from '$lib/server/banks/service';
import { fileResponse, xlsxResponse } from '$lib/server/download';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireActor(locals.user);
	if (url.searchParams.get('format') === 'xlsx')
		return xlsxResponse(await exportXlsx(getDb(), actor, params.trade), `${params.trade}.xlsx`);
	return fileResponse(
		exportYaml(getDb(), actor, params.trade),
		`${params.trade}.yaml`,
		'text/yaml; charset=utf-8'
	);
};
