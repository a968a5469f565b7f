/**
 * Login throttling per account and per IP (OWASP ASVS 2.2.1): a fixed window of failures
 * followed by a lock. Counters live in SQLite so a restart does not reset them.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { loginThrottle } from '../db/schema';

export interface ThrottleRule {
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds the key stays locked, or 0. */
export function lockedFor(db: Db, key: string, now = Date.now()): number {
	const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
	const until = row?.lockedUntil?.getTime() ?? 0;
	return until > now ? until - now : 0;
}

/** Records a failure; returns true when this failure locked the key. */
export function recordFailure(db: Db, key: string, rule: ThrottleRule, now = Date.now()): boolean {
	const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
	const fresh = !row || now - row.windowStart.getTime() > rule.windowMs;
	const failures = fresh ? 1 : row!.failures + 1;
	const lockedUntil = failures >= rule.maxFailures ? new Date(now + rule.lockMs) : null;
	db.insert(loginThrottle)
		.values({ key, failures, windowStart: fresh ? new Date(now) : row!.windowStart, lockedUntil })
		.onConflictDoUpdate({
			target: loginThrottle.key,
			set: { failures, windowStart: fresh ? new Date(now) : row!.windowStart, lockedUntil }
		})
		.run();
	return lockedUntil !== null;
}

export function clearFailures(db: Db, key: string) {
	db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}

export function minutesText(ms: number): string {
	return `${Math.max(1, Math.ceil(ms / 60_000))} 分钟`;
}
