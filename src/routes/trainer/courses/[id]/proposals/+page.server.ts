import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { acceptProposal, policyProposals } from '$lib/server/courses/policy-service';
import { editableCourse } from '$lib/server/courses/service';
import { listBanks } from '$lib/server/banks/service';
import { normalizeAnswer } from '$lib/server/banks/validate';
import type { QuestionType } from '$lib/server/banks/types';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	const db = getDb();
	const id = Number(params.id);
	return {
		course: editableCourse(db, actor, id).course,
		...policyProposals(db, actor, id),
		banks: listBanks(db, actor)
	};
};

export const actions: Actions = {
	accept: async ({ request, locals, getClientAddress }) => {
		const f = await request.formData();
		const type = String(f.get('type')) as QuestionType;
		const q = {
			type,
			stem: String(f.get('stem') ?? '').trim(),
			options:
				type === 'judge'
					? []
					: f
							.getAll('options')
							.map(String)
							.map((o) => o.trim())
							.filter(Boolean),
			answer: normalizeAnswer(type, String(f.get('answer') ?? '')),
			explanation: String(f.get('explanation') ?? '').trim(),
			difficulty: Number(f.get('difficulty')) || 2,
			tags: String(f.get('tags') ?? '')
				.split(/[、,，\s]+/)
				.filter(Boolean),
			source: String(f.get('source') ?? '').trim(),
			status: 'published' as const
		};
		const r = acceptProposal(
			getDb(),
			requireActor(locals.user),
			String(f.get('bank')),
			q,
			getClientAddress()
		);
		if (!r.ok) return fail(400, { index: Number(f.get('index')), problems: r.problems });
		return { index: Number(f.get('index')), accepted: r.ref };
	}
};
