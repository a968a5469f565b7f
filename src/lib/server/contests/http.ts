/** Form actions: a refusal a person can fix becomes `fail(…, { message })`; anything else propagates. */
import { fail } from '@sveltejs/kit';
import { ExamError } from '../exams/attempts';
import { ContestError } from './service';

export function refusal(e: unknown) {
	if (e instanceof ContestError || e instanceof ExamError)
		return fail(e.status >= 400 && e.status < 500 ? e.status : 400, { message: e.message });
	throw e;
}

export async function act<T>(fn: () => T | Promise<T>) {
	try {
		return await fn();
	} catch (e) {
		return refusal(e);
	}
}
