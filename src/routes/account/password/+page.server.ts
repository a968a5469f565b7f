import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { changeOwnPassword } from '$lib/server/accounts/users';
import { createSession } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/session-cookie';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	return { mustChange: locals.user.mustChangePassword };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const actor = requireActor(locals.user);
		const form = await request.formData();
		const db = getDb();
		const result = await changeOwnPassword(
			db,
			actor,
			String(form.get('current') ?? ''),
			String(form.get('next') ?? ''),
			String(form.get('confirm') ?? ''),
			getClientAddress()
		);
		if (!result.ok) return fail(400, { field: result.field, message: result.message });
		// Every old session ended with the change; this device gets a fresh one.
		const { token, session } = createSession(db, actor.id);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, '/?password=changed');
	}
};
