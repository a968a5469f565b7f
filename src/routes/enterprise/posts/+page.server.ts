import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import {
	assignWorker,
	createPost,
	deletePost,
	enterprisePosts,
	setRequirements,
	unassignWorker,
	type PostResult
} from '$lib/server/certification/posts';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'enterprise_admin');
	return { view: enterprisePosts(getDb(), actor) };
};

const done = (r: PostResult, postId: number | null, ok: string) =>
	r.ok ? { postId, ok } : fail(400, { postId, message: r.message });

const num = (v: FormDataEntryValue | null) => Number(v ?? NaN);

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const f = await request.formData();
		const r = createPost(getDb(), actor, String(f.get('name') ?? ''), f.getAll('trades').map(String));
		return done(r, null, '岗位已创建');
	},
	requirements: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const f = await request.formData();
		const postId = num(f.get('postId'));
		return done(
			setRequirements(getDb(), actor, postId, f.getAll('trades').map(String)),
			postId,
			'资格要求已保存'
		);
	},
	delete: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const postId = num((await request.formData()).get('postId'));
		return done(deletePost(getDb(), actor, postId), postId, '岗位已删除');
	},
	assign: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const f = await request.formData();
		const postId = num(f.get('postId'));
		return done(assignWorker(getDb(), actor, postId, num(f.get('userId'))), postId, '已安排到岗位');
	},
	unassign: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'enterprise_admin');
		const f = await request.formData();
		const postId = num(f.get('postId'));
		return done(unassignWorker(getDb(), actor, postId, num(f.get('userId'))), postId, '已调离岗位');
	}
};
