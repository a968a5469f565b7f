import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { createEnterprise, createRegion, listEnterprises, regionTree } from '$lib/server/orgs';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals.user, 'admin');
	const db = getDb();
	return { regions: regionTree(db), enterprises: listEnterprises(db) };
};

export const actions: Actions = {
	region: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'admin');
		const f = await request.formData();
		const r = createRegion(
			getDb(),
			actor,
			String(f.get('name') ?? ''),
			String(f.get('level') ?? ''),
			Number(f.get('parentId')) || null
		);
		if (!r.ok) return fail(400, { region: { message: r.message } });
		return { ok: '区域已添加' };
	},
	enterprise: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'admin');
		const f = await request.formData();
		const r = createEnterprise(
			getDb(),
			actor,
			String(f.get('name') ?? ''),
			String(f.get('industry') ?? ''),
			Number(f.get('regionId'))
		);
		if (!r.ok) return fail(400, { enterprise: { message: r.message } });
		return { ok: '企业已添加' };
	}
};
