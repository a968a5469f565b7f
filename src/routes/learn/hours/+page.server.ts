import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { hoursRecord } from '$lib/server/courses/service';
import { maskIdCard } from '$lib/idcard';

export const load: PageServerLoad = ({ locals }) => {
	const r = hoursRecord(getDb(), requireActor(locals.user));
	return { ...r, idCard: maskIdCard(r.idCard) };
};
