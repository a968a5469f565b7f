import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { checkPractice, practiceQuestion, type PracticeMode } from '$lib/server/exams/practice';
import { ExamError, startMockAttempt } from '$lib/server/exams/attempts';

const MODES: PracticeMode[] = ['order', 'random', 'wrong'];

export const load: PageServerLoad = ({ locals, params, url }) => {
	const mode = (
		MODES.includes(url.searchParams.get('mode') as PracticeMode) ? url.searchParams.get('mode') : 'order'
	) as PracticeMode;
	const n = Number(url.searchParams.get('n')) || 1;
	return {
		mode,
		trade: params.trade,
		...practiceQuestion(getDb(), requireActor(locals.user), params.trade, mode, n)
	};
};

export const actions: Actions = {
	check: async ({ request, locals, params }) => {
		const f = await request.formData();
		const answer = f.getAll('answer').map(String).join('');
		if (!answer) return fail(400, { message: '请先选择答案' });
		return {
			checked: checkPractice(
				getDb(),
				requireActor(locals.user),
				params.trade,
				Number(f.get('questionId')),
				answer
			)
		};
	},
	mock: async ({ request, locals }) => {
		const blueprintId = Number((await request.formData()).get('blueprintId'));
		let id: number;
		try {
			id = startMockAttempt(getDb(), requireActor(locals.user), blueprintId);
		} catch (e) {
			if (e instanceof ExamError) return fail(400, { message: e.message });
			throw e;
		}
		redirect(303, `/attempts/${id}`);
	}
};
