import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { browseBank } from '$lib/server/banks/service';
import type { QuestionStatus, QuestionType } from '$lib/server/banks/types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const s = url.searchParams;
	const filter = {
		q: s.get('q') ?? '',
		type: (s.get('type') ?? '') as QuestionType | '',
		tag: s.get('tag') ?? '',
		difficulty: Number(s.get('difficulty')) || null,
		status: (s.get('status') ?? '') as QuestionStatus | '',
		outdated: s.get('outdated') === '1'
	};
	return { filter, ...browseBank(getDb(), requireActor(locals.user), params.trade, filter) };
};
