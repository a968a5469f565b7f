import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../db';
import { attempts, certificateReviews, certificates } from '../db/schema';

/**
 * Start of the worker's current certification cycle for a trade (see state.ts): the creation of
 * their latest certificate of the trade, or the submission of the latest exam used for a 复审,
 * whichever is later; null when they never held a certificate of it. Exam attempts started before
 * this instant belong to an earlier cycle and no longer count (e.g. towards "已通过本工种考试").
 */
export function certificationCycleStart(db: Db, userId: number, tradeCode: string): Date | null {
	const cert = db
		.select({ t: max(certificates.createdAt) })
		.from(certificates)
		.where(and(eq(certificates.userId, userId), eq(certificates.tradeCode, tradeCode)))
		.get()?.t;
	const review = db
		.select({ t: max(attempts.submittedAt) })
		.from(certificateReviews)
		.innerJoin(certificates, eq(certificates.id, certificateReviews.certificateId))
		.innerJoin(attempts, eq(attempts.id, certificateReviews.attemptId))
		.where(and(eq(certificates.userId, userId), eq(certificates.tradeCode, tradeCode)))
		.get()?.t;
	const times = [cert, review].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
	return times.length ? new Date(Math.max(...times)) : null;
}
