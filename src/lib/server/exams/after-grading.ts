/**
 * What happens after an attempt is graded, inside the grading transaction: certification may
 * issue a certificate (or record a passed review), contests record a theory-round result.
 */
import type { Db } from '../db';
import type { attempts } from '../db/schema';
import { onTheoryGraded as certificationOnTheoryGraded } from '../certification/on-graded';
import { onTheoryGraded as contestsOnTheoryGraded } from '../contests/on-graded';

export type GradedAttempt = typeof attempts.$inferSelect;

export function afterGrading(db: Db, attempt: GradedAttempt) {
	if (attempt.mode !== 'exam') return;
	certificationOnTheoryGraded(db, attempt);
	contestsOnTheoryGraded(db, attempt);
}
