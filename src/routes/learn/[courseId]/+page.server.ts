import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { courseOutline } from '$lib/server/courses/service';

export const load: PageServerLoad = ({ locals, params }) =>
	courseOutline(getDb(), requireActor(locals.user), Number(params.courseId));
