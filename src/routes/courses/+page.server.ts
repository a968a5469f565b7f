import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { hasRole, requireRole } from '$lib/server/access';
import { assignCourse, assignmentTargets, createCourse, listAllCourses } from '$lib/server/courses/service';
import { TRADE_CATALOGUE } from '$lib/server/seed/trades';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'trainer', 'admin', 'enterprise_admin');
	const db = getDb();
	return {
		courses: listAllCourses(db, actor),
		targets: assignmentTargets(db, actor),
		canEdit: hasRole(actor, 'trainer') || hasRole(actor, 'admin'),
		trades: TRADE_CATALOGUE.map((t) => ({ code: t.code, name: t.name }))
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'trainer', 'admin');
		const f = await request.formData();
		const r = createCourse(getDb(), actor, {
			title: String(f.get('title') ?? ''),
			tradeCodes: f.getAll('tradeCodes').map(String)
		});
		if (!r.ok) return fail(400, { createMessage: r.message });
		redirect(303, `/trainer/courses/${r.id}`);
	},
	assign: async ({ request, locals }) => {
		const actor = requireRole(locals.user, 'trainer', 'admin', 'enterprise_admin');
		const f = await request.formData();
		const target = String(f.get('target') ?? '');
		const r = assignCourse(getDb(), actor, {
			courseId: Number(f.get('courseId')),
			userId: target.startsWith('u') ? Number(target.slice(1)) : null,
			postId: target.startsWith('p') ? Number(target.slice(1)) : null,
			dueOn: String(f.get('dueOn') ?? '') || null
		});
		if (!r.ok) return fail(400, { message: r.message });
		return { assigned: true };
	}
};
