import { and, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { attempts, certificateReviews, certificates } from '../db/schema';
import { prepared } from '../db/prepared';

/**
 * Start of the worker's current certification cycle for a trade (see state.ts): the creation of
 * their latest certificate of the trade, or the submission of the latest exam used for a 复审,
 * whichever is later; null when they never held a certificate of it. Exam attempts started before
 * this instant belong to an earlier cycle and no longer count (e.g. towards "已通过本工种考试").
 */
export function certificationCycleStart(db: Db, userId: number, tradeCode: string): Date | null {
	// Runs on every exam start: prepared once per connection (see db/prepared.ts).
	const q = prepared(db, 'certification.cycleStart', () => {
		const mine = and(
			eq(certificates.userId, sql.placeholder('userId')),
			eq(certificates.tradeCode, sql.placeholder('tradeCode'))
		);
		return {
			cert: db
				.select({ t: max(certificates.createdAt) })
				.from(certificates)
				.where(mine)
				.prepare(),
			review: db
				.select({ t: max(attempts.submittedAt) })
				.from(certificateReviews)
				.innerJoin(certificates, eq(certificates.id, certificateReviews.certificateId))
				.innerJoin(attempts, eq(attempts.id, certificateReviews.attemptId))
				.where(mine)
				.prepare()
		};
	});
	const cert = q.cert.get({ userId, tradeCode })?.t;
	const review = q.review.get({ userId, tradeCode })?.t;
	const times = [cert, review].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
	return times.length ? new Date(Math.max(...times)) : null;
}
