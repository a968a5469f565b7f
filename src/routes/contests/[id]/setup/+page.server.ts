import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { chinaDateTime, toChinaInput } from '$lib/server/time';
import {
	addEntrant,
	addJudge,
	addPracticalRound,
	addTeam,
	addTheoryRound,
	CASE_FILE_RUBRIC,
	PRACTICAL_ROUND_NAMES,
	removeEntrant,
	removeJudge,
	removeRound,
	removeTeam,
	searchEntrantCandidates,
	searchJudgeCandidates,
	setChiefJudge,
	setupView,
	updateContest,
	updateEntrant,
	updateRound,
	type ContestInput,
	type RubricInput
} from '$lib/server/contests/service';
import { act } from '$lib/server/contests/http';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const actor = requireActor(locals.user);
	const db = getDb();
	const id = Number(params.id);
	const view = setupView(db, actor, id);
	const q = url.searchParams.get('q') ?? '';
	const jq = url.searchParams.get('jq') ?? '';
	const t = Date.now();
	return {
		...view,
		q,
		jq,
		entrantCandidates: q ? searchEntrantCandidates(db, actor, id, q) : [],
		judgeCandidates: jq ? searchJudgeCandidates(db, actor, id, jq) : [],
		caseFileRubric: CASE_FILE_RUBRIC,
		practicalNames: PRACTICAL_ROUND_NAMES,
		defaultOpens: toChinaInput(new Date(t)),
		defaultCloses: toChinaInput(new Date(t + 7 * 86_400_000))
	};
};

const num = (v: FormDataEntryValue | null) => (v == null || String(v).trim() === '' ? NaN : Number(v));
const optId = (v: FormDataEntryValue | null) => (v == null || String(v) === '' ? null : Number(v));

function readRubric(f: FormData): RubricInput {
	const names = f.getAll('itemName').map(String);
	const max = f.getAll('itemMax');
	const desc = f.getAll('itemDesc').map(String);
	return names
		.map((name, i) => ({ name, maxPoints: num(max[i] ?? null), descriptor: desc[i] ?? '' }))
		.filter((it) => it.name.trim() || !Number.isNaN(it.maxPoints));
}

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const f = await request.formData();
		const share = f.get('awardMode') === 'share';
		const award = (k: string) => (share ? num(f.get(k)) / 100 : num(f.get(k)));
		const input: ContestInput = {
			name: String(f.get('name') ?? ''),
			kind: f.get('kind') === 'worker' ? 'worker' : 'enforcement',
			teamMode: f.get('teamMode') === 'average' ? 'average' : 'sum',
			useTieBreak: f.get('useTieBreak') === 'on',
			trimAt: num(f.get('trimAt')),
			awardRule: {
				mode: share ? 'share' : 'count',
				first: award('first'),
				second: award('second'),
				third: award('third')
			}
		};
		const r = updateContest(getDb(), requireActor(locals.user), Number(params.id), input);
		if (!r.ok) return fail(400, { problems: r.problems, section: 'basics' });
		return { saved: '基本信息已保存' };
	},
	addTeam: async ({ request, locals, params }) => {
		const f = await request.formData();
		return act(() => {
			addTeam(getDb(), requireActor(locals.user), Number(params.id), String(f.get('teamName') ?? ''));
			return { saved: '代表队已添加' };
		});
	},
	removeTeam: async ({ request, locals }) => {
		const f = await request.formData();
		return act(() => {
			removeTeam(getDb(), requireActor(locals.user), Number(f.get('teamId')));
			return { saved: '代表队已删除' };
		});
	},
	addEntrant: async ({ request, locals, params }) => {
		const f = await request.formData();
		return act(() => {
			addEntrant(getDb(), requireActor(locals.user), Number(params.id), {
				userId: Number(f.get('userId')),
				teamId: optId(f.get('teamId')),
				reserve: f.get('reserve') === 'on'
			});
			return { saved: '参赛人员已添加' };
		});
	},
	updateEntrant: async ({ request, locals }) => {
		const f = await request.formData();
		return act(() => {
			updateEntrant(getDb(), requireActor(locals.user), Number(f.get('entrantId')), {
				teamId: optId(f.get('teamId')),
				reserve: f.get('reserve') === 'on'
			});
			return { saved: '已保存' };
		});
	},
	removeEntrant: async ({ request, locals }) => {
		const f = await request.formData();
		return act(() => {
			removeEntrant(getDb(), requireActor(locals.user), Number(f.get('entrantId')));
			return { saved: '参赛人员已移除' };
		});
	},
	addJudge: async ({ request, locals, params }) => {
		const f = await request.formData();
		const org = String(f.get('org') ?? '');
		return act(() => {
			addJudge(getDb(), requireActor(locals.user), Number(params.id), {
				userId: Number(f.get('userId')),
				chief: f.get('chief') === 'on',
				regionId: org.startsWith('r:') ? Number(org.slice(2)) : null,
				enterpriseId: org.startsWith('e:') ? Number(org.slice(2)) : null
			});
			return { saved: '裁判已添加' };
		});
	},
	setChief: async ({ request, locals, params }) => {
		const f = await request.formData();
		return act(() => {
			setChiefJudge(getDb(), requireActor(locals.user), Number(params.id), Number(f.get('userId')));
			return { saved: '裁判长已设定' };
		});
	},
	removeJudge: async ({ request, locals, params }) => {
		const f = await request.formData();
		return act(() => {
			removeJudge(getDb(), requireActor(locals.user), Number(params.id), Number(f.get('userId')));
			return { saved: '裁判已移除' };
		});
	},
	addTheory: async ({ request, locals, params }) => {
		const f = await request.formData();
		const r = await act(() =>
			addTheoryRound(getDb(), requireActor(locals.user), Number(params.id), {
				name: String(f.get('roundName') ?? ''),
				weight: num(f.get('weight')),
				blueprintId: Number(f.get('blueprintId')),
				samePaper: f.get('paper') !== 'random',
				opensAt: chinaDateTime(String(f.get('opensAt') ?? '')),
				closesAt: chinaDateTime(String(f.get('closesAt') ?? ''))
			})
		);
		if (r && 'ok' in r && !r.ok) return fail(400, { problems: r.problems, section: 'theory' });
		return r && 'ok' in r ? { saved: '理论赛轮次已添加' } : r;
	},
	addPractical: async ({ request, locals, params }) => {
		const f = await request.formData();
		const r = await act(() =>
			addPracticalRound(getDb(), requireActor(locals.user), Number(params.id), {
				name: String(f.get('roundName') ?? ''),
				weight: num(f.get('weight')),
				rubric: readRubric(f)
			})
		);
		if (r && 'ok' in r && !r.ok) return fail(400, { problems: r.problems, section: 'practical' });
		return r && 'ok' in r ? { saved: '实操轮次已添加' } : r;
	},
	updateRound: async ({ request, locals }) => {
		const f = await request.formData();
		const r = await act(() =>
			updateRound(getDb(), requireActor(locals.user), Number(f.get('roundId')), {
				name: String(f.get('roundName') ?? ''),
				weight: num(f.get('weight')),
				rubric: f.has('itemName') ? readRubric(f) : undefined
			})
		);
		if (r && 'ok' in r && !r.ok)
			return fail(400, { problems: r.problems, section: `round-${f.get('roundId')}` });
		return r && 'ok' in r ? { saved: '轮次已保存' } : r;
	},
	removeRound: async ({ request, locals }) => {
		const f = await request.formData();
		return act(() => {
			removeRound(getDb(), requireActor(locals.user), Number(f.get('roundId')));
			return { saved: '轮次已删除' };
		});
	}
};
