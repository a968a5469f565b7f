import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { getBlueprint, saveBlueprint, type BlueprintInput } from '$lib/server/exams/blueprints';
import { listBanks } from '$lib/server/banks/service';
import type { BlueprintSection } from '$lib/server/db/schema';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	const db = getDb();
	const banks = listBanks(db, actor);
	const blueprint =
		params.id === 'new'
			? {
					id: 0,
					tradeCode: banks[0]?.trade ?? '',
					name: '',
					sections: [{ type: 'judge', count: 10, points: 1 }] as BlueprintSection[],
					durationMinutes: 120,
					passMark: 80,
					maxAttempts: 2,
					shuffleQuestions: true,
					shuffleOptions: true,
					review: 'full' as const,
					multipleScoring: 'all_or_nothing' as const
				}
			: getBlueprint(db, actor, Number(params.id));
	return { blueprint, banks };
};

function read(f: FormData): BlueprintInput {
	const types = f.getAll('s_type').map(String);
	const opt = (v: FormDataEntryValue | undefined) => (v == null || String(v) === '' ? undefined : Number(v));
	const sections: BlueprintSection[] = types
		.map((type, i) => ({
			type: type as BlueprintSection['type'],
			count: Number(f.getAll('s_count')[i]),
			points: Number(f.getAll('s_points')[i]),
			tags: String(f.getAll('s_tags')[i] ?? '')
				.split(/[,，、\s]+/)
				.filter(Boolean),
			minDifficulty: opt(f.getAll('s_min')[i]),
			maxDifficulty: opt(f.getAll('s_max')[i])
		}))
		.map((s) => (s.tags?.length ? s : { ...s, tags: undefined }));
	return {
		tradeCode: String(f.get('tradeCode') ?? ''),
		name: String(f.get('name') ?? ''),
		sections,
		durationMinutes: Number(f.get('durationMinutes')),
		passMark: Number(f.get('passMark')),
		maxAttempts: Number(f.get('maxAttempts')),
		shuffleQuestions: f.get('shuffleQuestions') === 'on',
		shuffleOptions: f.get('shuffleOptions') === 'on',
		review: f.get('review') === 'score' ? 'score' : 'full',
		multipleScoring: f.get('multipleScoring') === 'half_for_subset' ? 'half_for_subset' : 'all_or_nothing'
	};
}

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const input = read(await request.formData());
		const r = saveBlueprint(
			getDb(),
			requireActor(locals.user),
			params.id === 'new' ? null : Number(params.id),
			input
		);
		if (!r.ok) return fail(400, { problems: r.problems, input });
		redirect(303, '/trainer/blueprints');
	}
};
