import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import { tradeSettingsFromForm, tradeSettingsOf, updateTradeSettings } from '$lib/server/trades/settings';

export const load: PageServerLoad = ({ locals, params }) => ({
	trade: tradeSettingsOf(getDb(), requireRole(locals.user, 'admin'), params.code)
});

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const actor = requireRole(locals.user, 'admin');
		const parsed = tradeSettingsFromForm(await request.formData());
		if (!parsed.ok) return fail(400, { problems: parsed.problems });
		updateTradeSettings(getDb(), actor, params.code, parsed.value);
		return { saved: true };
	}
};
