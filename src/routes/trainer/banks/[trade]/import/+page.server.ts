import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { bankHeader, commitImport, previewImport } from '$lib/server/banks/service';

export const load: PageServerLoad = ({ locals, params }) => ({
	bank: bankHeader(getDb(), requireActor(locals.user), params.trade)
});

async function upload(request: Request) {
	const file = (await request.formData()).get('file');
	return file instanceof File && file.size > 0 ? file : null;
}

export const actions: Actions = {
	preview: async ({ request, locals, params }) => {
		const actor = requireActor(locals.user);
		const file = await upload(request);
		if (!file) return fail(400, { message: '请选择要导入的文件' });
		return { preview: await previewImport(getDb(), actor, params.trade, file) };
	},
	commit: async ({ request, locals, params, getClientAddress }) => {
		const actor = requireActor(locals.user);
		const file = await upload(request);
		if (!file) return fail(400, { message: '请选择要导入的文件' });
		const r = await commitImport(getDb(), actor, params.trade, file, getClientAddress());
		if (!r.ok)
			return fail(400, { preview: r.preview, message: '文件有错误，没有导入任何题目。请修改后重新上传。' });
		return { summary: r.summary };
	}
};
