import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { managedEnterpriseId, requireRole } from '$lib/server/access';
import { commitRoster, listRoster, previewRoster } from '$lib/server/accounts/roster';
import { readTableFile, TableFormatError } from '$lib/server/tables';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'enterprise_admin');
	return { roster: listRoster(getDb(), actor, managedEnterpriseId(actor)) };
};

async function readUpload(request: Request) {
	const file = (await request.formData()).get('file');
	if (!(file instanceof File) || file.size === 0) return { error: '请选择要导入的 .xlsx 或 .csv 文件' };
	try {
		return { table: await readTableFile(file) };
	} catch (e) {
		if (e instanceof TableFormatError) return { error: e.message };
		throw e;
	}
}

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const upload = await readUpload(request);
		if (!upload.table) return fail(400, { message: upload.error });
		return { preview: previewRoster(getDb(), managedEnterpriseId(actor), upload.table) };
	},
	commit: async ({ request, locals, getClientAddress }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const upload = await readUpload(request);
		if (!upload.table) return fail(400, { message: upload.error });
		const r = await commitRoster(
			getDb(),
			managedEnterpriseId(actor),
			upload.table,
			actor.id,
			getClientAddress()
		);
		if (!r.ok)
			return fail(400, { preview: r.preview, message: '文件有错误，未导入任何人员。请修改后重新上传。' });
		return { committed: r.result };
	}
};
