import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { createSession, listSessions, postChoices, resolveNameList } from '$lib/server/exams/sessions';
import { listBlueprints } from '$lib/server/exams/blueprints';
import { listEnterprises } from '$lib/server/orgs';
import { TRADE_CATALOGUE } from '$lib/server/seed/trades';
import { chinaDateTime } from '$lib/server/time';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireActor(locals.user);
	const db = getDb();
	return {
		sessions: listSessions(db, actor),
		blueprints: listBlueprints(db, actor).map((b) => ({ id: b.id, name: b.name })),
		enterprises: listEnterprises(db).map((e) => ({ id: e.id, name: e.name })),
		posts: postChoices(db),
		trades: TRADE_CATALOGUE.map((t) => ({ code: t.code, name: t.name }))
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const f = await request.formData();
		const names = resolveNameList(getDb(), String(f.get('nameList') ?? ''));
		if (names.problems.length) return fail(400, { problems: names.problems });
		const input = {
			blueprintId: Number(f.get('blueprintId')),
			title: String(f.get('title') ?? ''),
			opensAt: chinaDateTime(String(f.get('opensAt') ?? '')),
			closesAt: chinaDateTime(String(f.get('closesAt') ?? '')),
			audience: {
				tradeCodes: f.getAll('tradeCodes').map(String),
				enterpriseIds: f.getAll('enterpriseIds').map(Number),
				postIds: f.getAll('postIds').map(Number),
				userIds: names.userIds
			},
			eligibility: f.get('eligibility') === 'hours' ? ('hours' as const) : ('assigned' as const)
		};
		const r = createSession(getDb(), requireActor(locals.user), input);
		if (!r.ok) return fail(400, { problems: r.problems });
		redirect(303, `/trainer/sessions/${r.id}`);
	}
};
