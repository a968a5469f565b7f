import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { hasRole, requireRole } from '$lib/server/access';
import { assignCourse, assignmentTargets, listAllCourses } from '$lib/server/courses/service';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireRole(locals.user, 'trainer', 'admin', 'enterprise_admin');
	const db = getDb();
	return {
		courses: listAllCourses(db, actor),
		targets: assignmentTargets(db, actor),
		canEdit: hasRole(actor, 'trainer') || hasRole(actor, 'admin')
	};
};

export const actions: Actions = {
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
