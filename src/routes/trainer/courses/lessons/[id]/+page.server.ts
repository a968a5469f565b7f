import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { attachFile, lessonSource, saveLesson } from '$lib/server/courses/service';
import { renderMarkdown } from '$lib/server/courses/render';

export const load: PageServerLoad = ({ locals, params }) =>
	lessonSource(getDb(), requireActor(locals.user), Number(params.id));

export const actions: Actions = {
	attach: async ({ request, locals, params }) => {
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { attachMessage: '请选择要上传的图片或附件' });
		const r = await attachFile(getDb(), requireActor(locals.user), Number(params.id), file);
		if (!r.ok) return fail(400, { attachMessage: r.message });
		return { attached: r.markdown };
	},
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
