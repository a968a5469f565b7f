import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { addChapter, addLesson, editableCourse, publishCourse } from '$lib/server/courses/service';

export const load: PageServerLoad = ({ locals, params }) =>
	editableCourse(getDb(), requireActor(locals.user), Number(params.id));

export const actions: Actions = {
	chapter: async ({ request, locals, params }) => {
		const r = addChapter(
			getDb(),
			requireActor(locals.user),
			Number(params.id),
			String((await request.formData()).get('title') ?? '')
		);
		if (!r.ok) return fail(400, { message: r.message });
	},
	lesson: async ({ request, locals }) => {
		const f = await request.formData();
		const r = addLesson(
			getDb(),
			requireActor(locals.user),
			Number(f.get('chapterId')),
			String(f.get('title') ?? '')
		);
		if (!r.ok) return fail(400, { message: r.message });
		redirect(303, `/trainer/courses/lessons/${r.id}`);
	},
	publish: async ({ request, locals, params }) => {
		const publish = (await request.formData()).get('publish') === '1';
		const r = publishCourse(getDb(), requireActor(locals.user), Number(params.id), publish);
		if (!r.ok) return fail(400, { message: r.message });
		return { published: publish };
	}
};
