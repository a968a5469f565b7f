import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
	findCandidates,
	practicalContext,
	practicalTrades,
	recordPractical,
	requireExaminer
} from '$lib/server/certification/practical';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireExaminer(locals.user);
	const db = getDb();
	const q = url.searchParams.get('q')?.trim() ?? '';
	const userId = Number(url.searchParams.get('user'));
	const trades = practicalTrades(db);
	const tradeCode = url.searchParams.get('trade') ?? trades[0]?.code ?? '';
	return {
		q,
		trades,
		tradeCode,
		candidates: q ? findCandidates(db, actor, q) : [],
		context:
			Number.isInteger(userId) && userId > 0 && tradeCode
				? practicalContext(db, actor, userId, tradeCode)
				: null
	};
};

export const actions: Actions = {
	record: async ({ request, locals, getClientAddress }) => {
		const actor = requireExaminer(locals.user);
		const f = await request.formData();
		const marks = f.getAll('mark').map((m) => (String(m).trim() === '' ? NaN : Number(m)));
		const r = recordPractical(
			getDb(),
			actor,
			{
				userId: Number(f.get('userId')),
				tradeCode: String(f.get('tradeCode') ?? ''),
				marks,
				note: String(f.get('note') ?? '')
			},
			{ ip: getClientAddress() }
		);
		if (!r.ok)
			return fail(400, { message: r.message, marks: marks.map((m) => (Number.isFinite(m) ? m : null)) });
		return { result: r };
	}
};
