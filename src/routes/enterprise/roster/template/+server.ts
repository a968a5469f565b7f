import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/access';
import { buildXlsx } from '$lib/server/tables';
import { ROSTER_HEADERS } from '$lib/server/accounts/roster';

export const GET: RequestHandler = async ({ locals }) => {
	requireRole(locals.user, 'enterprise_admin');
	const body = await buildXlsx([
		{
			name: '花名册',
			rows: [[...ROSTER_HEADERS], ['张伟', '11010519491231002X', '13912345678', '一线作业人员']],
			widths: [12, 22, 16, 18]
		}
	]);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('花名册导入模板.xlsx')}`
		}
	});
};
