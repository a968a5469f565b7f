/**
 * Test seams behind ANXUN_TEST_HOOKS=1 endpoints (see src/routes/api/test/). Never reachable in
 * any other deployment: the endpoints answer 404 unless the variable is set.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import {
	attemptItems,
	attempts,
	certificateReviews,
	certificates,
	questionVersions,
	trades
} from '../db/schema';
import { addDays, addMonths, chinaDay, planCertificate } from './rules';

export function testHooksEnabled(): boolean {
	return process.env.ANXUN_TEST_HOOKS === '1';
}

/**
 * Moves a certificate's dates into the past so that it expired yesterday: validUntil = yesterday,
 * issuedOn = validUntil − validity, and its 复审 (re-planned from the new issue day) passed on their
 * due dates — so its status today is plainly "已过期", not "逾期未复审".
 */
export function ageCertificate(
	db: Db,
	certificateId: number,
	now = new Date()
): { validUntil: string } | null {
	const c = db.select().from(certificates).where(eq(certificates.id, certificateId)).get();
	if (!c?.tradeCode) return null;
	const t = db.select().from(trades).where(eq(trades.code, c.tradeCode)).get()!;
	const validUntil = addDays(chinaDay(now), -1);
	const issuedOn = addMonths(validUntil, -t.validityMonths);
	const plan = planCertificate(issuedOn, t.validityMonths, t.reviewMonths);
	db.transaction((tx) => {
		tx.update(certificates).set({ issuedOn, validUntil }).where(eq(certificates.id, c.id)).run();
		const reviews = tx
			.select()
			.from(certificateReviews)
			.where(eq(certificateReviews.certificateId, c.id))
			.orderBy(asc(certificateReviews.dueOn))
			.all();
		reviews.forEach((r, i) => {
			const due = plan.reviewDueDates[i] ?? addDays(validUntil, -1);
			tx.update(certificateReviews)
				.set({ dueOn: due, passedOn: due })
				.where(eq(certificateReviews.id, r.id))
				.run();
		});
	});
	return { validUntil };
}

/** Fills an open exam attempt's answers with the keys (the candidate then submits through the UI). */
export function fillCorrectAnswers(db: Db, attemptId: number): number {
	const a = db
		.select()
		.from(attempts)
		.where(and(eq(attempts.id, attemptId), isNull(attempts.submittedAt)))
		.get();
	if (!a) return 0;
	const items = db
		.select({
			position: attemptItems.position,
			seq: attemptItems.responseSeq,
			answer: questionVersions.answer
		})
		.from(attemptItems)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
		.where(eq(attemptItems.attemptId, attemptId))
		.all();
	db.transaction((tx) => {
		for (const it of items)
			tx.update(attemptItems)
				.set({ response: it.answer, responseSeq: it.seq + 1000, answeredAt: new Date() })
				.where(and(eq(attemptItems.attemptId, attemptId), eq(attemptItems.position, it.position)))
				.run();
	});
	return items.length;
}
