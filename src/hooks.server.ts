import { json, type Handle, type ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth';
import { loadActor } from '$lib/server/accounts/actor';
import { seedDemoIfEmpty } from '$lib/server/seed/demo';
import { submitOverdue } from '$lib/server/exams/attempts';
import { registerFastPaths } from '$lib/server/fast-paths';

export const init: ServerInit = async () => {
	const db = getDb(); // applies the committed migrations
	if (process.env.DEMO_SEED === '1') await seedDemoIfEmpty(db);
	// The deadline is the server's: attempts past deadline + grace are submitted even if the
	// candidate is gone. Also run once at start, for attempts that expired while we were down.
	submitOverdue(db);
	setInterval(() => submitOverdue(getDb()), 2_000).unref();
	registerFastPaths();
};

/** Paths anyone may reach without signing in. '/board': contests' public leaderboards (and their live streams). */
const PUBLIC_PATHS = ['/login', '/verify', '/board', '/api/test', '/favicon.svg', '/robots.txt'];

/** Paths a signed-in user who must change their password may still reach. */
const PASSWORD_CHANGE_ALLOWED = ['/account/password', '/logout', '/verify'];

export const handle: Handle = async ({ event, resolve }) => {
	const db = getDb();
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = validateSessionToken(db, token);
		const actor = session ? loadActor(db, session.userId) : null;
		if (session && actor) {
			event.locals.user = actor;
			event.locals.sessionId = session.id;
			event.cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: !dev && event.url.protocol === 'https:',
				expires: session.expiresAt
			});
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}

	const user = event.locals.user;
	const path = event.url.pathname;
	if (
		!user &&
		!PUBLIC_PATHS.some((p) => path === p || path.startsWith(p + '/')) &&
		!path.startsWith('/_app')
	) {
		if (path.startsWith('/api/')) return json({ message: '请先登录' }, { status: 401 });
		const next = path === '/' ? '' : `?next=${encodeURIComponent(path + event.url.search)}`;
		return new Response(null, { status: 303, headers: { location: `/login${next}` } });
	}
	if (
		user?.mustChangePassword &&
		!PASSWORD_CHANGE_ALLOWED.some((p) => event.url.pathname.startsWith(p)) &&
		!event.url.pathname.startsWith('/_app')
	) {
		return new Response(null, { status: 303, headers: { location: '/account/password' } });
	}

	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};
