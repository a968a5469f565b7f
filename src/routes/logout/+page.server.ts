import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth';
import { audit } from '$lib/server/audit';
import { clearSessionCookie } from '$lib/server/session-cookie';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies, getClientAddress }) => {
		if (locals.sessionId) {
			invalidateSession(getDb(), locals.sessionId);
			audit(getDb(), { action: 'logout', actorId: locals.user?.id, ip: getClientAddress() });
		}
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
