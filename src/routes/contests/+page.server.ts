import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { contestsHome, createContest, DEFAULT_CONTEST, startTheoryRound } from '$lib/server/contests/service';
import { refusal } from '$lib/server/contests/http';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireActor(locals.user);
	return contestsHome(getDb(), actor);
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const f = await request.formData();
		const r = createContest(getDb(), requireActor(locals.user), {
			...DEFAULT_CONTEST,
			name: String(f.get('name') ?? ''),
			kind: f.get('kind') === 'worker' ? 'worker' : 'enforcement'
		});
		if (!r.ok) return fail(400, { problems: r.problems });
		redirect(303, `/contests/${r.id}/setup`);
	},
	theory: async ({ request, locals }) => {
		const roundId = Number((await request.formData()).get('roundId'));
		let attemptId: number;
		try {
			attemptId = startTheoryRound(getDb(), requireActor(locals.user), roundId);
		} catch (e) {
			return refusal(e);
		}
		redirect(303, `/attempts/${attemptId}`);
	}
};
