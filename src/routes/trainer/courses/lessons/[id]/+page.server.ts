import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { lessonSource, saveLesson } from '$lib/server/courses/service';
import { renderMarkdown } from '$lib/server/courses/render';

export const load: PageServerLoad = ({ locals, params }) =>
	lessonSource(getDb(), requireActor(locals.user), Number(params.id));

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const f = await request.formData();
		const input = {
			title: String(f.get('title') ?? ''),
			markdown: String(f.get('markdown') ?? ''),
			minMinutes: Number(f.get('minMinutes'))
		};
		const r = saveLesson(getDb(), requireActor(locals.user), Number(params.id), input);
		if (!r.ok) return fail(400, { problems: r.problems });
		return { saved: true };
	},
	preview: async ({ request, locals }) => {
		requireActor(locals.user);
		return { preview: renderMarkdown(String((await request.formData()).get('markdown') ?? '')) };
	}
};
