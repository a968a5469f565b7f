import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { login } from '$lib/server/accounts/login';
import { setSessionCookie } from '$lib/server/session-cookie';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const loginId = String(form.get('login') ?? '');
		const password = String(form.get('password') ?? '');
		const result = await login(getDb(), loginId, password, getClientAddress());
		if (!result.ok) return fail(400, { login: loginId, message: result.message });
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		// Only same-site paths: an open redirect would let a phishing link bounce through us.
		const next = url.searchParams.get('next');
		const safeNext = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
		redirect(303, result.mustChangePassword ? '/account/password' : safeNext);
	}
};
