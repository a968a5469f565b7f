import type { Db } from '../db';
import type { attempts } from '../db/schema';

/** Called inside the grading transaction of every exam attempt (see exams/after-grading.ts). */
export function onTheoryGraded(_db: Db, _attempt: typeof attempts.$inferSelect): void {
	// Implemented by the certification capability.
}
