import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { importPolicyDocument } from '$lib/server/courses/policy-service';
import { TRADE_CATALOGUE } from '$lib/server/seed/trades';

export const load: PageServerLoad = () => ({
	trades: TRADE_CATALOGUE.map((t) => ({ code: t.code, name: t.name }))
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const f = await request.formData();
		const file = f.get('file');
		const text = file instanceof File && file.size > 0 ? await file.text() : String(f.get('text') ?? '');
		const source =
			String(f.get('source') ?? '').trim() ||
			(file instanceof File && file.size > 0 ? file.name.replace(/\.txt$/i, '') : '');
		const r = importPolicyDocument(getDb(), requireActor(locals.user), {
			text,
			source,
			tradeCodes: f.getAll('tradeCodes').map(String)
		});
		if (!r.ok) return fail(400, { message: r.message });
		redirect(303, `/trainer/courses/${r.id}/proposals`);
	}
};
