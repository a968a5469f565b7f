import { error, json } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { studyLog, users } from '$lib/server/db/schema';
import { lessonIdsForTrade } from '$lib/server/courses/hours';
import { chinaDay } from '$lib/server/certification/rules';

/**
 * Test seam, enabled only when the server runs with ANXUN_TEST_HOOKS=1 (the Playwright server):
 * credits study time for a trade, standing in for the many hours of real study a journey test
 * cannot wait through. The clock itself is tested for real (seconds of actual study counted,
 * a hidden tab counting nothing). It does not exist in any other deployment.
 */
export const POST: RequestHandler = async ({ request }) => {
	if (process.env.ANXUN_TEST_HOOKS !== '1') error(404, 'Not found');
	const { phone, tradeCode, hours } = (await request.json()) as {
		phone: string;
		tradeCode: string;
		hours: number;
	};
	const db = getDb();
	const user = db.select().from(users).where(eq(users.phone, phone)).get();
	const lessonId = lessonIdsForTrade(db, tradeCode)[0];
	if (!user || !lessonId) error(400, 'unknown user or trade');
	const seconds = Math.round(hours * 2700);
	db.insert(studyLog)
		.values({ userId: user.id, lessonId, day: chinaDay(new Date()), seconds })
		.onConflictDoUpdate({
			target: [studyLog.userId, studyLog.lessonId, studyLog.day],
			set: { seconds: sql`${studyLog.seconds} + ${seconds}` }
		})
		.run();
	return json({ ok: true });
};
