import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { checkSelfCheck, lessonView } from '$lib/server/courses/service';

export const load: PageServerLoad = ({ locals, params }) =>
	lessonView(getDb(), requireActor(locals.user), Number(params.lessonId));

export const actions: Actions = {
	check: async ({ request, locals, params }) => {
		const f = await request.formData();
		const answer = f.getAll('answer').map(String).join('');
		if (!answer) return fail(400, { message: '请先选择答案' });
		return {
			checked: checkSelfCheck(
				getDb(),
				requireActor(locals.user),
				Number(params.lessonId),
				Number(f.get('questionId')),
				answer
			)
		};
	}
};
