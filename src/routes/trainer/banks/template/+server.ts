import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/access';
import { buildTemplateXlsx } from '$lib/server/banks/import/spreadsheet';
import { xlsxResponse } from '$lib/server/download';

export const GET: RequestHandler = async ({ locals }) => {
	requireRole(locals.user, 'trainer', 'admin');
	return xlsxResponse(await buildTemplateXlsx(), '题库导入模板.xlsx');
};
