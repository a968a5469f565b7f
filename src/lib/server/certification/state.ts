/**
 * Reading the certification state of workers from the database, in bulk: certificates with their
 * 复审 schedule, theory attempts, practical results. Everything is turned into the pure rules'
 * inputs (`CertificateFacts`, `WorkerTradeState`) and evaluated against a calendar `today` — no
 * status is stored, so expiry and missed reviews take effect by date without any job.
 *
 * The "cycle" of a worker's trade: exams and practicals count towards a NEW certificate (or a
 * review) only if taken after the latest certificate of that trade was created and after the
 * latest review exam that was used. So a pass from an earlier certificate's time never issues a
 * second certificate, and a worker whose certificate expired starts counting attempts afresh.
 */
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import {
	attempts,
	blueprints,
	certificateReviews,
	certificates,
	contestRounds,
	practicalResults,
	trades
} from '../db/schema';
import { hoursFor } from '../courses/hours';
import type { CertificateFacts, WorkerTradeState } from './rules';

export type TradeRow = typeof trades.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type ReviewRow = typeof certificateReviews.$inferSelect;

export interface CertificateWithReviews extends CertificateRow {
	reviews: ReviewRow[];
}

interface AttemptFact {
	id: number;
	userId: number;
	tradeCode: string;
	startedAt: Date;
	submittedAt: Date;
	passed: boolean;
	score: number | null;
}

interface PracticalFact {
	id: number;
	userId: number;
	tradeCode: string;
	recordedAt: Date;
	passed: boolean;
	score: number;
}

/** SQLite limits bound parameters; chunk long id lists. */
function chunks<T>(xs: T[], size = 500): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
	return out;
}

export function loadTrades(db: Db): Map<string, TradeRow> {
	return new Map(
		db
			.select()
			.from(trades)
			.all()
			.map((t) => [t.code, t])
	);
}

/** The attempts allowed per trade (first sitting + 补考), from the trade's latest blueprint. */
export function maxAttemptsByTrade(db: Db): Map<string, number> {
	const m = new Map<string, number>();
	for (const b of db
		.select({ tradeCode: blueprints.tradeCode, maxAttempts: blueprints.maxAttempts })
		.from(blueprints)
		.orderBy(desc(blueprints.id))
		.all())
		if (!m.has(b.tradeCode)) m.set(b.tradeCode, b.maxAttempts);
	return m;
}

export function toFacts(c: CertificateWithReviews, trade: TradeRow | undefined): CertificateFacts {
	return {
		tradeCode: c.tradeCode ?? '',
		issuedOn: c.issuedOn,
		validUntil: c.validUntil,
		reviewIntervalMonths: trade?.reviewMonths ?? null,
		reviews: c.reviews.map((r) => ({ dueOn: r.dueOn, passedOn: r.passedOn })),
		revokedOn: c.revokedOn,
		revokedReason: c.revokedReason
	};
}

/** Qualification certificates (with reviews) of some users, oldest first. */
export function loadCertificates(db: Db, userIds: number[]): CertificateWithReviews[] {
	const certs: CertificateRow[] = [];
	for (const ids of chunks([...new Set(userIds)]))
		certs.push(
			...db
				.select()
				.from(certificates)
				.where(and(inArray(certificates.userId, ids), eq(certificates.kind, 'qualification')))
				.all()
		);
	certs.sort((a, b) => a.id - b.id);
	const reviews: ReviewRow[] = [];
	for (const ids of chunks(certs.map((c) => c.id)))
		reviews.push(
			...db.select().from(certificateReviews).where(inArray(certificateReviews.certificateId, ids)).all()
		);
	const byCert = new Map<number, ReviewRow[]>();
	for (const r of reviews.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0)))
		byCert.set(r.certificateId, [...(byCert.get(r.certificateId) ?? []), r]);
	return certs.map((c) => ({ ...c, reviews: byCert.get(c.id) ?? [] }));
}

/** Everything needed to evaluate clearance for a set of workers, loaded in a few queries. */
export class CertificationData {
	readonly trades: Map<string, TradeRow>;
	readonly maxAttempts: Map<string, number>;
	readonly certificates: CertificateWithReviews[];
	private readonly certsByKey = new Map<string, CertificateWithReviews[]>();
	private readonly attemptsByKey = new Map<string, AttemptFact[]>();
	private readonly practicalsByKey = new Map<string, PracticalFact[]>();
	readonly attempts: AttemptFact[] = [];
	private readonly attemptById = new Map<number, AttemptFact>();

	constructor(
		private readonly db: Db,
		userIds: number[]
	) {
		this.trades = loadTrades(db);
		this.maxAttempts = maxAttemptsByTrade(db);
		this.certificates = loadCertificates(db, userIds);
		for (const c of this.certificates) push(this.certsByKey, key(c.userId, c.tradeCode ?? ''), c);
		for (const ids of chunks([...new Set(userIds)])) {
			const rows = db
				.select({
					id: attempts.id,
					userId: attempts.userId,
					tradeCode: blueprints.tradeCode,
					startedAt: attempts.startedAt,
					submittedAt: attempts.submittedAt,
					passed: attempts.passed,
					score: attempts.score
				})
				.from(attempts)
				.innerJoin(blueprints, eq(blueprints.id, attempts.blueprintId))
				// A contest's theory round is a competition, not a qualification exam.
				.leftJoin(contestRounds, eq(contestRounds.sessionId, attempts.sessionId))
				.where(
					and(
						inArray(attempts.userId, ids),
						eq(attempts.mode, 'exam'),
						isNotNull(attempts.submittedAt),
						isNull(contestRounds.id)
					)
				)
				.all();
			for (const r of rows) {
				const a: AttemptFact = { ...r, submittedAt: r.submittedAt!, passed: !!r.passed };
				this.attempts.push(a);
				this.attemptById.set(a.id, a);
				push(this.attemptsByKey, key(a.userId, a.tradeCode), a);
			}
			for (const p of db
				.select({
					id: practicalResults.id,
					userId: practicalResults.userId,
					tradeCode: practicalResults.tradeCode,
					recordedAt: practicalResults.recordedAt,
					passed: practicalResults.passed,
					score: practicalResults.score
				})
				.from(practicalResults)
				.where(inArray(practicalResults.userId, ids))
				.all())
				push(this.practicalsByKey, key(p.userId, p.tradeCode), p);
		}
	}

	certificatesOf(userId: number, tradeCode: string): CertificateWithReviews[] {
		return this.certsByKey.get(key(userId, tradeCode)) ?? [];
	}

	/** Start of the current cycle (see the module comment), or null if the worker never held one. */
	cycleStart(userId: number, tradeCode: string): number | null {
		let t: number | null = null;
		for (const c of this.certificatesOf(userId, tradeCode)) {
			t = Math.max(t ?? 0, c.createdAt.getTime());
			for (const r of c.reviews) {
				const a = r.attemptId != null ? this.attemptById.get(r.attemptId) : undefined;
				if (a) t = Math.max(t, a.submittedAt.getTime());
			}
		}
		return t;
	}

	/** Submitted exam attempts of the current cycle, newest first. */
	cycleAttempts(userId: number, tradeCode: string): AttemptFact[] {
		const start = this.cycleStart(userId, tradeCode);
		return (this.attemptsByKey.get(key(userId, tradeCode)) ?? [])
			.filter((a) => start == null || a.startedAt.getTime() > start)
			.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || b.id - a.id);
	}

	/** Practical results of the current cycle, newest first. */
	cyclePracticals(userId: number, tradeCode: string): PracticalFact[] {
		const start = this.cycleStart(userId, tradeCode);
		return (this.practicalsByKey.get(key(userId, tradeCode)) ?? [])
			.filter((p) => start == null || p.recordedAt.getTime() > start)
			.sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime() || b.id - a.id);
	}

	/**
	 * The pure rules' input for one worker and trade; undefined when the worker has done nothing
	 * for the trade at all (no certificate, study, exam or practical), so the reason reads
	 * "尚未参加…培训".
	 *
	 * Once the theory exam of the cycle is passed, the training requirement is behind the worker
	 * (the exam session admitted them), so hours no longer block; the next step is the practical.
	 */
	stateFor(userId: number, tradeCode: string): WorkerTradeState | undefined {
		const trade = this.trades.get(tradeCode);
		const certs = this.certificatesOf(userId, tradeCode);
		const tries = this.cycleAttempts(userId, tradeCode);
		const practicals = this.cyclePracticals(userId, tradeCode);
		const theoryPassed = tries.some((a) => a.passed);
		const maxAttempts = this.maxAttempts.get(tradeCode) ?? 2;
		const hours = theoryPassed ? null : hoursFor(this.db, userId, tradeCode);
		if (certs.length === 0 && tries.length === 0 && practicals.length === 0 && hours && hours.done === 0)
			return undefined;
		const required = hours?.required ?? trade?.initialHours ?? 0;
		return {
			tradeCode,
			certificates: certs.map((c) => toFacts(c, trade)),
			trainingHoursDone: hours ? hours.done : required,
			trainingHoursRequired: required,
			theoryPassed,
			practicalPassed: trade?.requiresPractical ? practicals.some((p) => p.passed) : null,
			attemptsUsed: tries.length,
			maxAttempts,
			retrainingRequired: !theoryPassed && tries.length >= maxAttempts
		};
	}
}

function key(userId: number, tradeCode: string) {
	return `${userId}:${tradeCode}`;
}

function push<T>(m: Map<string, T[]>, k: string, v: T) {
	const list = m.get(k);
	if (list) list.push(v);
	else m.set(k, [v]);
}
