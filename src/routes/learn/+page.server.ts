import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { myCourses } from '$lib/server/courses/service';

export const load: PageServerLoad = ({ locals }) => ({
	courses: myCourses(getDb(), requireActor(locals.user))
});
