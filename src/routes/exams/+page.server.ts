import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { upcomingForWorker } from '$lib/server/exams/sessions';
import { ExamError, startSessionAttempt } from '$lib/server/exams/attempts';
import { practiceTrades } from '$lib/server/exams/practice';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'worker');
	const db = getDb();
	return { sessions: upcomingForWorker(db, actor), practice: practiceTrades(db, actor) };
};

export const actions: Actions = {
	start: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'worker');
		const sessionId = Number((await request.formData()).get('sessionId'));
		let attemptId: number;
		try {
			attemptId = startSessionAttempt(getDb(), actor, sessionId);
		} catch (e) {
			if (e instanceof ExamError)
				return fail(e.status === 500 ? 500 : 400, { sessionId, message: e.message });
			throw e;
		}
		redirect(303, `/attempts/${attemptId}`);
	}
};
