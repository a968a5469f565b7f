import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { normalizeVerificationCode } from '$lib/server/certification/rules';

/** Public (no login). The form is a GET, so it works without JavaScript or a session. */
export const load: PageServerLoad = ({ url, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex' });
	const raw = url.searchParams.get('code');
	if (raw == null) return { message: null };
	const code = normalizeVerificationCode(raw).slice(0, 64);
	if (!code) return { message: '请输入证书上的核验码' };
	redirect(303, `/verify/${encodeURIComponent(code)}`);
};
