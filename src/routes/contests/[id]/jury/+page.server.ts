import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { chinaDateTime, toChinaInput } from '$lib/server/time';
import { isOrganiser, judgeOf, requireJury } from '$lib/server/contests/service';
import { loadBoard } from '$lib/server/contests/board-load';
import { publishResults, reveal, setFreeze } from '$lib/server/contests/results';
import { reopenSheet } from '$lib/server/contests/sheets';
import { act } from '$lib/server/contests/http';

export const load: PageServerLoad = ({ locals, params }) => {
	const actor = requireActor(locals.user);
	const db = getDb();
	const c = requireJury(db, actor, Number(params.id));
	const judge = judgeOf(db, c.id, actor.id);
	return {
		board: loadBoard(db, c.id, 'jury'),
		organiser: isOrganiser(actor, c),
		judge: !!judge,
		chief: !!judge?.chief,
		freezeInput: toChinaInput(c.freezeAt ?? new Date(Date.now() + 3600_000))
	};
};

export const actions: Actions = {
	freeze: async ({ request, locals, params }) => {
		const f = await request.formData();
		return act(() => {
			setFreeze(
				getDb(),
				requireActor(locals.user),
				Number(params.id),
				chinaDateTime(String(f.get('freezeAt') ?? ''))
			);
			return { saved: '封榜时间已设置' };
		});
	},
	freezeNow: async ({ locals, params }) =>
		act(() => {
			setFreeze(getDb(), requireActor(locals.user), Number(params.id), new Date());
			return { saved: '已封榜：公众榜不再变化，评审榜继续更新' };
		}),
	unfreeze: async ({ locals, params }) =>
		act(() => {
			setFreeze(getDb(), requireActor(locals.user), Number(params.id), null);
			return { saved: '已取消封榜' };
		}),
	reveal: async ({ locals, params }) =>
		act(() => {
			reveal(getDb(), requireActor(locals.user), Number(params.id));
			return { saved: '已揭晓：公众榜显示最终排名' };
		}),
	publish: async ({ locals, params, getClientAddress }) =>
		act(() => {
			const r = publishResults(getDb(), requireActor(locals.user), Number(params.id), getClientAddress());
			return { saved: `成绩已发布，颁发获奖证书 ${r.certificates} 张` };
		}),
	reopen: async ({ request, locals, getClientAddress }) => {
		const f = await request.formData();
		return act(() => {
			reopenSheet(
				getDb(),
				requireActor(locals.user),
				Number(f.get('sheetId')),
				String(f.get('reason') ?? ''),
				getClientAddress()
			);
			return { saved: '评分表已退回给裁判修改' };
		});
	}
};
