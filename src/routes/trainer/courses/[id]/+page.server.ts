import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { editableCourse, publishCourse } from '$lib/server/courses/service';

export const load: PageServerLoad = ({ locals, params }) =>
	editableCourse(getDb(), requireActor(locals.user), Number(params.id));

export const actions: Actions = {
	publish: async ({ request, locals, params }) => {
		const publish = (await request.formData()).get('publish') === '1';
		const r = publishCourse(getDb(), requireActor(locals.user), Number(params.id), publish);
		if (!r.ok) return fail(400, { message: r.message });
		return { published: publish };
	}
};
