import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { createUser, listUsers, resetPassword, setDisabled } from '$lib/server/accounts/users';
import { listEnterprises, regionTree } from '$lib/server/orgs';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireRole(locals.user, 'admin');
	const db = getDb();
	const q = url.searchParams.get('q') ?? '';
	return { q, users: listUsers(db, actor, q), enterprises: listEnterprises(db), regions: regionTree(db) };
};

const num = (v: FormDataEntryValue | null) => (v ? Number(v) || null : null);

export const actions: Actions = {
	create: async ({ request, locals, getClientAddress }) => {
		const actor = requireRole(locals.user, 'admin');
		const f = await request.formData();
		const input = {
			name: String(f.get('name') ?? ''),
			phone: String(f.get('phone') ?? ''),
			idCard: String(f.get('idCard') ?? ''),
			role: String(f.get('role') ?? ''),
			enterpriseId: num(f.get('enterpriseId')),
			regionId: num(f.get('regionId'))
		};
		const r = await createUser(getDb(), actor, input, getClientAddress());
		if (!r.ok) return fail(400, { create: { ...input, message: r.message, field: r.field } });
		return { created: { name: input.name, initialPassword: r.value.initialPassword } };
	},
	reset: async ({ request, locals, getClientAddress }) => {
		const actor = requireRole(locals.user, 'admin');
		const id = Number((await request.formData()).get('id'));
		const r = await resetPassword(getDb(), actor, id, getClientAddress());
		if (!r.ok) return fail(400, { message: r.message });
		return { reset: { id, password: r.value } };
	},
	disable: async ({ request, locals, getClientAddress }) => {
		const actor = requireRole(locals.user, 'admin');
		const f = await request.formData();
		const r = setDisabled(getDb(), actor, Number(f.get('id')), f.get('disabled') === '1', getClientAddress());
		if (!r.ok) return fail(400, { message: r.message });
	}
};
