/**
 * Issuing certificates and recording passed 复审. Runs inside the caller's transaction (the exam
 * grading transaction, or the practical-result transaction), so a certificate exists exactly when
 * the result that completed it does.
 *
 * Rules:
 * - A trade of a certified category (see defaults.ts) issues a certificate when the current cycle
 *   (see state.ts) holds a passed theory exam and — for trades with `requiresPractical` (特种作业) —
 *   a passed 实际操作考试. Whichever of the two comes second triggers the issue.
 * - No second certificate is issued while the worker holds one in force for the trade.
 * - A certificate is issued on the China calendar day of the completing result; its validity and
 *   复审 dates follow `planCertificate` with the trade's `validityMonths` / `reviewMonths`.
 * - 复审: a passed exam of the trade counts as the review of a certificate in force when the next
 *   unpassed review is due within REVIEW_WINDOW_DAYS (0 ≤ days until due ≤ 60) and the worker has
 *   studied the trade's refresher hours (its `yearlyHours`, set on 工种设置; REVIEW_REFRESHER_HOURS
 *   if the trade has none) of its courses since the certificate was issued (or its last review was
 *   passed). The review is marked passed on the exam's day.
 */
import { desc, eq, like } from 'drizzle-orm';
import type { Db } from '../db';
import { certificateReviews, certificates, trades } from '../db/schema';
import { audit } from '../audit';
import { studiedSeconds, toHours } from '../courses/hours';
import { CertificationData, toFacts } from './state';
import {
	certificateNumber,
	certificateStatus,
	daysBetween,
	generateVerificationCode,
	isValidOn,
	planCertificate
} from './rules';
import { isCertifiedCategory, REVIEW_REFRESHER_HOURS, REVIEW_WINDOW_DAYS, tradePrefix } from './defaults';

/** Next free sequence number for a prefix and year (numbers are zero-padded, so text order works). */
export function nextSequence(db: Db, prefix: string, year: number): number {
	const last = db
		.select({ number: certificates.number })
		.from(certificates)
		.where(like(certificates.number, `AX-${prefix}-${year}-%`))
		.orderBy(desc(certificates.number))
		.get();
	return last ? Number(last.number.slice(-6)) + 1 : 1;
}

function freshCode(db: Db): string {
	for (;;) {
		const code = generateVerificationCode();
		const taken = db
			.select({ id: certificates.id })
			.from(certificates)
			.where(eq(certificates.verificationCode, code))
			.get();
		if (!taken) return code;
	}
}

export interface IssueArgs {
	userId: number;
	tradeCode: string;
	issuedOn: string;
	theoryAttemptId?: number | null;
	practicalResultId?: number | null;
	issuedBy?: number | null;
	/** When the row is written; defaults to now. The demo seed backdates it to the issue day. */
	createdAt?: Date;
}

export interface IssuedCertificate {
	id: number;
	number: string;
	verificationCode: string;
	validUntil: string;
	reviewDueDates: string[];
}

/** Writes a certificate and its 复审 schedule, and audits it. Does not check eligibility. */
export function issueCertificate(db: Db, args: IssueArgs): IssuedCertificate {
	const trade = db.select().from(trades).where(eq(trades.code, args.tradeCode)).get();
	if (!trade) throw new Error(`工种 ${args.tradeCode} 不存在`);
	const plan = planCertificate(args.issuedOn, trade.validityMonths, trade.reviewMonths);
	const prefix = tradePrefix(trade.code);
	const year = Number(args.issuedOn.slice(0, 4));
	const number = certificateNumber({ tradePrefix: prefix, year, sequence: nextSequence(db, prefix, year) });
	const verificationCode = freshCode(db);
	const { id } = db
		.insert(certificates)
		.values({
			number,
			verificationCode,
			kind: 'qualification',
			userId: args.userId,
			tradeCode: trade.code,
			issuedOn: args.issuedOn,
			validUntil: plan.validUntil,
			theoryAttemptId: args.theoryAttemptId ?? null,
			practicalResultId: args.practicalResultId ?? null,
			issuedBy: args.issuedBy ?? null,
			createdAt: args.createdAt ?? new Date()
		})
		.returning({ id: certificates.id })
		.get();
	for (const dueOn of plan.reviewDueDates)
		db.insert(certificateReviews).values({ certificateId: id, dueOn }).run();
	audit(db, {
		action: 'certificate.issue',
		actorId: args.issuedBy ?? null,
		target: `certificate:${id}`,
		detail: {
			number,
			userId: args.userId,
			tradeCode: trade.code,
			issuedOn: args.issuedOn,
			validUntil: plan.validUntil
		}
	});
	return { id, number, verificationCode, validUntil: plan.validUntil, reviewDueDates: plan.reviewDueDates };
}

/**
 * Issues the trade's certificate if the current cycle is complete (theory passed, and practical
 * passed where required) and the worker holds none in force. Returns the certificate or null.
 */
export function issueIfComplete(
	db: Db,
	userId: number,
	tradeCode: string,
	opts: { today: string; issuedBy: number | null }
): IssuedCertificate | null {
	const data = new CertificationData(db, [userId]);
	const trade = data.trades.get(tradeCode);
	if (!trade || !isCertifiedCategory(trade.category)) return null;
	const inForce = data
		.certificatesOf(userId, tradeCode)
		.some((c) => isValidOn(toFacts(c, trade), opts.today));
	if (inForce) return null;
	const theory = data.cycleAttempts(userId, tradeCode).find((a) => a.passed);
	if (!theory) return null;
	let practicalResultId: number | null = null;
	if (trade.requiresPractical) {
		const practical = data.cyclePracticals(userId, tradeCode).find((p) => p.passed);
		if (!practical) return null;
		practicalResultId = practical.id;
	}
	return issueCertificate(db, {
		userId,
		tradeCode,
		issuedOn: opts.today,
		theoryAttemptId: theory.id,
		practicalResultId,
		issuedBy: opts.issuedBy
	});
}

/**
 * Marks the next review of the worker's certificate in force as passed, if the exam falls in the
 * review window and the refresher hours are done (see the module comment). Returns true if so.
 */
export function recordReviewIfDue(
	db: Db,
	userId: number,
	tradeCode: string,
	attemptId: number,
	today: string
): boolean {
	const data = new CertificationData(db, [userId]);
	const trade = data.trades.get(tradeCode);
	for (const c of data.certificatesOf(userId, tradeCode)) {
		const facts = toFacts(c, trade);
		if (!isValidOn(facts, today)) continue;
		const s = certificateStatus(facts, today);
		const next = c.reviews.find((r) => r.dueOn === s.nextReviewDue && r.passedOn == null);
		if (!next || daysBetween(today, next.dueOn) > REVIEW_WINDOW_DAYS) continue;
		const since = c.reviews
			.filter((r) => r.passedOn != null)
			.reduce((d, r) => (r.passedOn! > d ? r.passedOn! : d), c.issuedOn);
		const refresher = trade?.yearlyHours ?? REVIEW_REFRESHER_HOURS;
		if (toHours(studiedSeconds(db, userId, tradeCode, since, today)) < refresher) continue;
		db.update(certificateReviews)
			.set({ passedOn: today, attemptId })
			.where(eq(certificateReviews.id, next.id))
			.run();
		audit(db, {
			action: 'certificate.review',
			actorId: userId,
			target: `certificate:${c.id}`,
			detail: { number: c.number, dueOn: next.dueOn, passedOn: today, attemptId }
		});
		return true;
	}
	return false;
}
