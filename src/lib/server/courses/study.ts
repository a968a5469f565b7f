/**
 * Counted study time. The browser sends a heartbeat every ~15 s while the lesson is on screen
 * and the learner has been active in the last few minutes; the server counts only the gap since
 * the previous heartbeat, capped, so a stalled, hidden or idle page stops the clock and a
 * tampered client cannot add more than real elapsed time.
 */
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { lessonProgress, lessons, studyLog } from '../db/schema';
import { now } from '../clock';
import { chinaDay } from '../certification/rules';

/** Heartbeats further apart than this mean the clock was stopped in between (nothing counted). */
export const MAX_GAP_MS = 45_000;
/** At most this much is credited per heartbeat. */
export const MAX_CREDIT_MS = 20_000;

export interface Beat {
	/** false when the page is hidden or the learner has been idle: stops the clock. */
	active: boolean;
	/** The end of the lesson has been on screen. */
	atEnd: boolean;
}

export interface ProgressView {
	seconds: number;
	requiredSeconds: number;
	readToEnd: boolean;
	completed: boolean;
	/** Another lesson is being studied at the same time: only one clock runs per person. */
	elsewhere: boolean;
}

/** Credit for a heartbeat at `t` given the previous one: the pure rule, unit-tested. */
export function creditFor(lastBeatAt: number | null, t: number): number {
	if (lastBeatAt == null) return 0;
	const gap = t - lastBeatAt;
	if (gap <= 0 || gap > MAX_GAP_MS) return 0;
	return Math.min(gap, MAX_CREDIT_MS);
}

export function recordHeartbeat(
	db: Db,
	userId: number,
	lessonId: number,
	beat: Beat,
	at = now()
): ProgressView {
	const lesson = db
		.select({ minMinutes: lessons.minMinutes })
		.from(lessons)
		.where(eq(lessons.id, lessonId))
		.get();
	if (!lesson) throw new Error('lesson not found');
	return db.transaction((tx) => {
		const t = at.getTime();
		const row = tx
			.select()
			.from(lessonProgress)
			.where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)))
			.get();
		const elsewhere = !!tx
			.select({ id: lessonProgress.lessonId })
			.from(lessonProgress)
			.where(
				and(
					eq(lessonProgress.userId, userId),
					ne(lessonProgress.lessonId, lessonId),
					gt(lessonProgress.lastBeatAt, new Date(t - MAX_GAP_MS))
				)
			)
			.get();
		const creditMs = beat.active && !elsewhere ? creditFor(row?.lastBeatAt?.getTime() ?? null, t) : 0;
		const creditS = Math.floor(creditMs / 1000);
		const seconds = (row?.seconds ?? 0) + creditS;
		const readToEnd = (row?.readToEnd ?? false) || beat.atEnd;
		const requiredSeconds = lesson.minMinutes * 60;
		const completedAt = row?.completedAt ?? (readToEnd && seconds >= requiredSeconds ? at : null);
		const values = { seconds, readToEnd, lastBeatAt: beat.active && !elsewhere ? at : null, completedAt };
		if (row)
			tx.update(lessonProgress)
				.set(values)
				.where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)))
				.run();
		else
			tx.insert(lessonProgress)
				.values({ userId, lessonId, ...values })
				.run();
		if (creditS > 0)
			tx.insert(studyLog)
				.values({ userId, lessonId, day: chinaDay(at), seconds: creditS })
				.onConflictDoUpdate({
					target: [studyLog.userId, studyLog.lessonId, studyLog.day],
					set: { seconds: sql`${studyLog.seconds} + ${creditS}` }
				})
				.run();
		return { seconds, requiredSeconds, readToEnd, completed: !!completedAt, elsewhere };
	});
}
