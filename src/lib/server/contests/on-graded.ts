import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { contestEntrants, contestRounds, contests, scoreEvents, type attempts } from '../db/schema';
import { now } from '../clock';
import { notifyContest } from './live';

/**
 * Called inside the grading transaction of every exam attempt (see exams/after-grading.ts).
 * When the attempt's session is a contest theory round and the candidate an entrant, the result is
 * appended to score_events: the score as a percentage, and the time used (start → submit, capped at
 * the deadline) in seconds as the tie-break. Only the first graded sitting counts. Live viewers are
 * notified on the next turn of the event loop, i.e. after the transaction has committed.
 */
export function onTheoryGraded(db: Db, attempt: typeof attempts.$inferSelect): void {
	if (attempt.mode !== 'exam' || attempt.sessionId == null || attempt.score == null) return;
	const round = db
		.select()
		.from(contestRounds)
		.where(and(eq(contestRounds.sessionId, attempt.sessionId), eq(contestRounds.kind, 'theory')))
		.get();
	if (!round) return;
	const contest = db.select().from(contests).where(eq(contests.id, round.contestId)).get();
	if (!contest || contest.publishedAt) return;
	const entrant = db
		.select()
		.from(contestEntrants)
		.where(and(eq(contestEntrants.contestId, contest.id), eq(contestEntrants.userId, attempt.userId)))
		.get();
	if (!entrant) return;
	const already = db
		.select({ id: scoreEvents.id })
		.from(scoreEvents)
		.where(and(eq(scoreEvents.roundId, round.id), eq(scoreEvents.entrantId, entrant.id)))
		.get();
	if (already) return;
	const at = now();
	const end = Math.min((attempt.submittedAt ?? at).getTime(), attempt.deadline.getTime());
	const timeUsed = Math.max(0, Math.round((end - attempt.startedAt.getTime()) / 1000));
	const score = attempt.maxScore > 0 ? (attempt.score / attempt.maxScore) * 100 : 0;
	db.insert(scoreEvents)
		.values({
			contestId: contest.id,
			roundId: round.id,
			entrantId: entrant.id,
			score,
			timeUsed,
			recordedAt: at
		})
		.run();
	notifyContest(contest.id);
}
