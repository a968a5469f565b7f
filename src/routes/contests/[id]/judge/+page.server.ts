import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { judgeOverview, saveSheet, sheetView, type MarksInput } from '$lib/server/contests/sheets';
import { act } from '$lib/server/contests/http';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = requireActor(locals.user);
	const db = getDb();
	const id = Number(params.id);
	const overview = judgeOverview(db, actor, id);
	const round = Number(url.searchParams.get('round'));
	const entrant = Number(url.searchParams.get('entrant'));
	const sheet = round && entrant ? sheetView(db, actor, id, round, entrant) : null;
	return { overview, sheet };
};

function readMarks(f: FormData): MarksInput {
	const marks: MarksInput = {};
	for (const [k, v] of f.entries()) {
		if (!k.startsWith('m_')) continue;
		const s = String(v).trim();
		marks[k.slice(2)] = s === '' ? null : Number(s);
	}
	return marks;
}

async function save(request: Request, locals: App.Locals, params: { id: string }, submit: boolean) {
	const f = await request.formData();
	return act(() => {
		const r = saveSheet(
			getDb(),
			requireActor(locals.user),
			Number(params.id),
			Number(f.get('roundId')),
			Number(f.get('entrantId')),
			readMarks(f),
			submit
		);
		return r.submitted
			? { saved: `已提交并锁定，本轮当前成绩 ${r.roundScore?.toFixed(2)}%` }
			: { saved: '已暂存，可继续修改' };
	});
}

export const actions: Actions = {
	save: ({ request, locals, params }) => save(request, locals, params, false),
	submit: ({ request, locals, params }) => save(request, locals, params, true)
};
