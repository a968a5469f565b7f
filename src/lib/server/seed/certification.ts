/**
 * Demo certificates, issued on past dates relative to today, so posts, dashboards and the
 * regulator's view show a realistic mix: valid, 复审 due within 60 days, expiring within 60 days,
 * expired, review missed and revoked. Only demo workers no end-to-end test relies on get one
 * (not 张三, nor 13900001007 / 13900001008 / 13900001013 / 13900001029).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { certificateReviews, certificates, users } from '../db/schema';
import { issueCertificate } from '../certification/issue';
import { addDays, addMonths, chinaDay } from '../certification/rules';

interface DemoCertificate {
	phone: string;
	tradeCode: string;
	/** Issue day from today. */
	issued: (today: string) => string;
	/** Mark the reviews due on or before today as passed this many days before their due date. */
	reviewPassedDaysEarly?: number;
	revoke?: { daysAgo: number; reason: string };
}

const DEMO: DemoCertificate[] = [
	// In force.
	{ phone: '13900001001', tradeCode: 'electrician-low-voltage', issued: (t) => addMonths(t, -14) },
	{ phone: '13900001009', tradeCode: 'work-at-height', issued: (t) => addMonths(t, -10) },
	{ phone: '13900001011', tradeCode: 'principal', issued: (t) => addMonths(t, -8) },
	{ phone: '13900001015', tradeCode: 'work-at-height', issued: (t) => addMonths(t, -30) },
	{ phone: '13900001020', tradeCode: 'welding-cutting', issued: (t) => addMonths(t, -24) },
	// 复审 passed three years in, valid for almost two more years.
	{
		phone: '13900001025',
		tradeCode: 'electrician-low-voltage',
		issued: (t) => addMonths(t, -50),
		reviewPassedDaysEarly: 20
	},
	// 复审 due in 30 days.
	{ phone: '13900001002', tradeCode: 'welding-cutting', issued: (t) => addDays(addMonths(t, -36), 30) },
	// Expires in 45 days.
	{ phone: '13900001005', tradeCode: 'principal', issued: (t) => addDays(addMonths(t, -36), 45) },
	// Expired 10 days ago (its 复审 was passed in time).
	{
		phone: '13900001003',
		tradeCode: 'work-at-height',
		issued: (t) => addDays(addMonths(t, -72), -10),
		reviewPassedDaysEarly: 15
	},
	{ phone: '13900001017', tradeCode: 'principal', issued: (t) => addMonths(t, -38) },
	// 复审 missed four months ago.
	{ phone: '13900001014', tradeCode: 'welding-cutting', issued: (t) => addMonths(t, -40) },
	// Revoked.
	{
		phone: '13900001026',
		tradeCode: 'welding-cutting',
		issued: (t) => addMonths(t, -20),
		revoke: { daysAgo: 60, reason: '违章动火作业引发火灾事故，依法吊销' }
	}
];

export function seedCertificationDemo(db: Db, now = new Date()) {
	const today = chinaDay(now);
	for (const d of DEMO) {
		const u = db.select({ id: users.id }).from(users).where(eq(users.phone, d.phone)).get();
		if (!u) continue;
		const issuedOn = d.issued(today);
		const cert = issueCertificate(db, {
			userId: u.id,
			tradeCode: d.tradeCode,
			issuedOn,
			createdAt: new Date(`${issuedOn}T09:00:00+08:00`)
		});
		if (d.reviewPassedDaysEarly != null)
			for (const dueOn of cert.reviewDueDates)
				if (dueOn <= today)
					db.update(certificateReviews)
						.set({ passedOn: addDays(dueOn, -d.reviewPassedDaysEarly) })
						.where(and(eq(certificateReviews.certificateId, cert.id), eq(certificateReviews.dueOn, dueOn)))
						.run();
		if (d.revoke)
			db.update(certificates)
				.set({ revokedOn: addDays(today, -d.revoke.daysAgo), revokedReason: d.revoke.reason })
				.where(eq(certificates.id, cert.id))
				.run();
	}
}
