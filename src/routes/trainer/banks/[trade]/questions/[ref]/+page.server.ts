import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import {
	bankHeader,
	questionDetail,
	saveQuestionContent,
	setQuestionStatus
} from '$lib/server/banks/service';
import { normalizeAnswer } from '$lib/server/banks/validate';
import type { QuestionStatus, QuestionType } from '$lib/server/banks/types';

const EMPTY = {
	ref: '',
	status: 'draft' as QuestionStatus,
	type: 'single' as QuestionType,
	stem: '',
	options: ['', '', '', ''],
	answer: '',
	explanation: '',
	difficulty: 3,
	tags: [] as string[],
	source: '',
	version: 0
};

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	if (params.ref === 'new') {
		return {
			bank: bankHeader(getDb(), actor, params.trade),
			question: EMPTY,
			versions: [],
			usage: [],
			outdated: [] as string[],
			isNew: true
		};
	}
	return { ...questionDetail(getDb(), actor, params.trade, params.ref), isNew: false };
};

function readContent(f: FormData) {
	const type = String(f.get('type') ?? 'single') as QuestionType;
	const options =
		type === 'judge'
			? []
			: f
					.getAll('options')
					.map(String)
					.map((o) => o.trim())
					.filter(Boolean);
	return {
		type,
		stem: String(f.get('stem') ?? '').trim(),
		options,
		answer: normalizeAnswer(
			type,
			type === 'multiple' ? f.getAll('answer').map(String).join('') : String(f.get('answer') ?? '')
		),
		explanation: String(f.get('explanation') ?? '').trim(),
		difficulty: Number(f.get('difficulty')),
		tags: String(f.get('tags') ?? '')
			.split(/[,，、;；\s]+/)
			.map((t) => t.trim())
			.filter(Boolean),
		source: String(f.get('source') ?? '').trim(),
		status: String(f.get('status') ?? 'draft') as QuestionStatus
	};
}

export const actions: Actions = {
	save: async ({ request, locals, params, getClientAddress }) => {
		const actor = requireActor(locals.user);
		const content = readContent(await request.formData());
		const r = saveQuestionContent(
			getDb(),
			actor,
			params.trade,
			params.ref === 'new' ? null : params.ref,
			content,
			getClientAddress()
		);
		if (!r.ok) return fail(400, { problems: r.problems, content });
		if (params.ref === 'new')
			redirect(303, `/trainer/banks/${params.trade}/questions/${r.ref}?saved=created`);
		return { outcome: r.outcome };
	},
	status: async ({ request, locals, params, getClientAddress }) => {
		const actor = requireActor(locals.user);
		const status = String((await request.formData()).get('status')) as QuestionStatus;
		if (!['draft', 'published', 'retired'].includes(status)) return fail(400, { message: '状态无效' });
		setQuestionStatus(getDb(), actor, params.trade, params.ref, status, getClientAddress());
		return { outcome: 'status' };
	}
};
