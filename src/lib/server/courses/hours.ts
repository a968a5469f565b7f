/**
 * 学时: counted study time turned into hours (1 学时 = 45 minutes), per trade, and the hours a
 * trade requires of a person (raised in high-risk industries, per DESIGN.md).
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { chapters, courseTrades, enterprises, lessons, studyLog, trades, users } from '../db/schema';
import { HIGH_RISK_INDUSTRIES } from '../orgs';

export const SECONDS_PER_HOUR = 45 * 60;

/** Lesson ids of every course that counts for a trade. */
export function lessonIdsForTrade(db: Db, tradeCode: string): number[] {
	return db
		.select({ id: lessons.id })
		.from(lessons)
		.innerJoin(chapters, eq(chapters.id, lessons.chapterId))
		.innerJoin(courseTrades, eq(courseTrades.courseId, chapters.courseId))
		.where(eq(courseTrades.tradeCode, tradeCode))
		.all()
		.map((r) => r.id);
}

/** Counted seconds for a trade, optionally within China-time days [from, to]. */
export function studiedSeconds(
	db: Db,
	userId: number,
	tradeCode: string,
	from?: string,
	to?: string
): number {
	const ids = lessonIdsForTrade(db, tradeCode);
	if (ids.length === 0) return 0;
	const conds = [eq(studyLog.userId, userId), inArray(studyLog.lessonId, ids)];
	if (from) conds.push(gte(studyLog.day, from));
	if (to) conds.push(lte(studyLog.day, to));
	return (
		db
			.select({ s: sql<number>`coalesce(sum(${studyLog.seconds}), 0)` })
			.from(studyLog)
			.where(and(...conds))
			.get()?.s ?? 0
	);
}

/** Hours rounded down to one decimal, so 31.96 学时 never shows as 32. */
export function toHours(seconds: number): number {
	return Math.floor((seconds / SECONDS_PER_HOUR) * 10) / 10;
}

/** The initial training hours a person needs for a trade (high-risk industries need more). */
export function requiredHours(db: Db, userId: number, tradeCode: string): number {
	const trade = db.select().from(trades).where(eq(trades.code, tradeCode)).get();
	if (!trade) return 0;
	const industry = db
		.select({ industry: enterprises.industry })
		.from(users)
		.innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
		.where(eq(users.id, userId))
		.get()?.industry;
	const highRisk = !!industry && HIGH_RISK_INDUSTRIES.includes(industry);
	if (highRisk && (trade.category === 'principal' || trade.category === 'safety_manager'))
		return Math.max(trade.initialHours, 48);
	return trade.initialHours;
}

export function hoursFor(db: Db, userId: number, tradeCode: string) {
	const done = toHours(studiedSeconds(db, userId, tradeCode));
	const required = requiredHours(db, userId, tradeCode);
	return { done, required, met: done >= required };
}
