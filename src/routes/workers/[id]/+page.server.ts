import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { workerDetail } from '$lib/server/accounts/roster';
import { revokeCertificate, workerCertification } from '$lib/server/certification/service';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	const id = Number(params.id);
	if (!Number.isInteger(id)) error(404, '未找到该人员');
	const db = getDb();
	const worker = workerDetail(db, actor, id);
	return { worker, certification: workerCertification(db, actor, id) };
};

export const actions: Actions = {
	revoke: async ({ request, locals, getClientAddress }) => {
		const actor = requireActor(locals.user);
		const f = await request.formData();
		const certificateId = Number(f.get('certificateId'));
		const r = revokeCertificate(getDb(), actor, certificateId, String(f.get('reason') ?? ''), {
			ip: getClientAddress()
		});
		if (!r.ok) return fail(400, { certificateId, message: r.message });
		return { certificateId, revoked: true };
	}
};
