/**
 * The server's clock rules for an attempt. Pure: `now` is always passed in.
 */

/**
 * How long after the deadline an answer save is still accepted: a save the candidate sent just
 * before time ran out may arrive late over a slow phone network.
 */
export const SAVE_GRACE_MS = 30_000;

/** The attempt's deadline: start + duration, but never later than the session's close. */
export function attemptDeadline(
	startedAt: Date,
	durationMinutes: number,
	sessionClosesAt: Date | null
): Date {
	const byDuration = startedAt.getTime() + durationMinutes * 60_000;
	return new Date(sessionClosesAt ? Math.min(byDuration, sessionClosesAt.getTime()) : byDuration);
}

/**
 * Whether an answer save arriving at `now` is accepted.
 *
 * Boundary: saves are accepted while `now < deadline + SAVE_GRACE_MS`; a save arriving exactly at
 * deadline + grace, or later, is refused. A submitted attempt refuses every save, whatever the time.
 */
export function saveAllowed(
	now: Date,
	deadline: Date,
	submittedAt: Date | null
): { ok: true } | { ok: false; reason: 'submitted' | 'deadline'; message: string } {
	if (submittedAt) return { ok: false, reason: 'submitted', message: '试卷已交卷，不能再修改答案' };
	if (now.getTime() >= deadline.getTime() + SAVE_GRACE_MS)
		return { ok: false, reason: 'deadline', message: '考试时间已到，答案未被接受' };
	return { ok: true };
}

/**
 * True once `now >= deadline` and the attempt is not submitted: the candidate's time is over.
 *
 * Note for a background sweeper that submits on the candidate's behalf: saves are still accepted
 * for SAVE_GRACE_MS after the deadline, and a submitted attempt refuses saves. To never lose a late
 * save, the sweeper should submit only when
 * `mustAutoSubmit(new Date(now.getTime() - SAVE_GRACE_MS), deadline, submittedAt)`.
 */
export function mustAutoSubmit(now: Date, deadline: Date, submittedAt: Date | null): boolean {
	return submittedAt == null && now.getTime() >= deadline.getTime();
}

/**
 * Whether the candidate may start a new (counting) attempt, and its number.
 *
 * `previous` are the candidate's earlier exam attempts for this trade since their last training
 * (the caller filters; mock attempts never count). Only SUBMITTED attempts count; an open attempt
 * is ignored here — resuming it is the caller's job.
 * - any submitted attempt passed ⇒ cannot start;
 * - `maxAttempts` submitted attempts used ⇒ cannot start (retraining required);
 * - otherwise `attemptNo` = submitted attempts + 1 (2 = 补考).
 * When blocked, `attemptNo` is still submitted + 1, for information only.
 */
export function attemptsLeft(
	previous: { passed: boolean | null; submittedAt: Date | null }[],
	maxAttempts: number
): { canStart: boolean; reason?: string; attemptNo: number } {
	const submitted = previous.filter((p) => p.submittedAt != null);
	const attemptNo = submitted.length + 1;
	if (submitted.some((p) => p.passed === true))
		return { canStart: false, reason: '已通过本工种考试，无需再考', attemptNo };
	if (submitted.length >= maxAttempts) {
		const reason =
			maxAttempts === 2
				? '考试次数已用完（含一次补考），须重新参加培训后再考'
				: `考试次数已用完（共 ${maxAttempts} 次），须重新参加培训后再考`;
		return { canStart: false, reason, attemptNo };
	}
	return { canStart: true, attemptNo };
}
