import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { blueprints, contestRounds, trades, type attempts } from '../db/schema';
import { now } from '../clock';
import { chinaDay } from './rules';
import { isCertifiedCategory } from './defaults';
import { issueIfComplete, recordReviewIfDue } from './issue';

/**
 * Called inside the grading transaction of every exam attempt (see exams/after-grading.ts).
 * A passed theory exam of a certified trade either passes a due 复审 of the certificate in force,
 * or — with the practical already passed where the trade needs one — issues the certificate.
 * For 特种作业 without a passed practical nothing happens yet: the clearance then reads
 * "理论考试已通过，尚未通过实际操作考试", and recording the practical issues the certificate.
 */
export function onTheoryGraded(db: Db, attempt: typeof attempts.$inferSelect): void {
	if (attempt.mode !== 'exam' || !attempt.passed) return;
	const trade = db
		.select({ code: trades.code, category: trades.category })
		.from(blueprints)
		.innerJoin(trades, eq(trades.code, blueprints.tradeCode))
		.where(eq(blueprints.id, attempt.blueprintId))
		.get();
	if (!trade || !isCertifiedCategory(trade.category)) return;
	// A contest's theory round is a competition, not a qualification exam.
	if (
		attempt.sessionId != null &&
		db
			.select({ id: contestRounds.id })
			.from(contestRounds)
			.where(eq(contestRounds.sessionId, attempt.sessionId))
			.get()
	)
		return;
	const today = chinaDay(attempt.submittedAt ?? now());
	if (recordReviewIfDue(db, attempt.userId, trade.code, attempt.id, today)) return;
	issueIfComplete(db, attempt.userId, trade.code, { today, issuedBy: null });
}
