/**
 * Certification on a real SQLite file with the demo data: issuance after theory (+ practical for
 * 特种作业), numbering, status by date, clearance, 复审, scope and the public verification data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import type { Db } from '../../src/lib/server/db';
import {
	attemptItems,
	attempts,
	auditLog,
	blueprints,
	certificateReviews,
	certificates,
	enterprises,
	posts,
	postRequirements,
	questionVersions,
	studyLog,
	trades,
	users,
	workerPosts
} from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { loadActor } from '../../src/lib/server/accounts/actor';
import type { Actor } from '../../src/lib/server/access';
import { saveAnswers, startSessionAttempt, submitAttempt } from '../../src/lib/server/exams/attempts';
import { originalToDisplay } from '../../src/lib/server/exams/scoring';
import { createSession } from '../../src/lib/server/exams/sessions';
import { lessonIdsForTrade } from '../../src/lib/server/courses/hours';
import {
	addDays,
	addMonths,
	chinaDay,
	isWellFormedCertificateNumber,
	isWellFormedVerificationCode
} from '../../src/lib/server/certification/rules';
import { issueCertificate, nextSequence } from '../../src/lib/server/certification/issue';
import { certificationCycleStart } from '../../src/lib/server/certification/cycle';
import { recordPractical } from '../../src/lib/server/certification/practical';
import {
	certificatesOfWorkers,
	clearancesOfWorkers,
	myCertification,
	printableCertificate,
	revokeCertificate,
	workerCertification
} from '../../src/lib/server/certification/service';
import { assignWorker, createPost, enterprisePosts } from '../../src/lib/server/certification/posts';
import { SlidingWindowLimiter, verifyCertificate } from '../../src/lib/server/certification/verify';
import { ageCertificate } from '../../src/lib/server/certification/test-seams';
import {
	enterpriseClearance,
	regulatorDashboard,
	regulatorExport,
	regulatorSearch
} from '../../src/lib/server/regulator/dashboard';

let t: ReturnType<typeof createTestDb>;
let db: Db;
const TODAY = chinaDay(new Date());

const userByPhone = (phone: string) => db.select().from(users).where(eq(users.phone, phone)).get()!;
const actorByPhone = (phone: string): Actor => loadActor(db, userByPhone(phone).id)!;
const entId = (name: string) => db.select().from(enterprises).where(eq(enterprises.name, name)).get()!.id;
const certsOf = (userId: number, tradeCode: string) =>
	db
		.select()
		.from(certificates)
		.where(and(eq(certificates.userId, userId), eq(certificates.tradeCode, tradeCode)))
		.all();

/** An open session of a trade for exactly this worker. */
function sessionFor(tradeCode: string, userId: number): number {
	const admin = actorByPhone('13800000001');
	const bp = db.select().from(blueprints).where(eq(blueprints.tradeCode, tradeCode)).get()!;
	const r = createSession(db, admin, {
		blueprintId: bp.id,
		title: `测试 ${tradeCode} ${userId} ${Math.random()}`,
		opensAt: new Date(Date.now() - 3600_000),
		closesAt: new Date(Date.now() + 86400_000),
		audience: { userIds: [userId] },
		eligibility: 'assigned'
	});
	if (!r.ok) throw new Error(r.problems.join());
	return r.id;
}

/** Sits an exam answering `share` of the questions right. */
function sitExam(actor: Actor, tradeCode: string, share = 1) {
	const attemptId = startSessionAttempt(db, actor, sessionFor(tradeCode, actor.id));
	const items = db
		.select({
			position: attemptItems.position,
			optionOrder: attemptItems.optionOrder,
			type: questionVersions.type,
			answer: questionVersions.answer,
			options: questionVersions.options
		})
		.from(attemptItems)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
		.where(eq(attemptItems.attemptId, attemptId))
		.all();
	const answers = items.map((it, k) => {
		const right = k < Math.round(items.length * share);
		const display = it.type === 'judge' ? it.answer : originalToDisplay(it.answer, it.optionOrder);
		const wrong = it.type === 'judge' ? (it.answer === '对' ? '错' : '对') : display === 'A' ? 'B' : 'A';
		return { position: it.position, answer: right ? display : wrong, seq: 1 };
	});
	saveAnswers(db, actor, attemptId, answers);
	submitAttempt(db, actor, attemptId, []);
	return attemptId;
}

function studyHours(userId: number, tradeCode: string, hours: number, day = TODAY) {
	const lesson = lessonIdsForTrade(db, tradeCode)[0];
	db.insert(studyLog)
		.values({ userId, lessonId: lesson, day, seconds: Math.round(hours * 45 * 60) })
		.onConflictDoUpdate({
			target: [studyLog.userId, studyLog.lessonId, studyLog.day],
			set: { seconds: Math.round(hours * 45 * 60) }
		})
		.run();
}

beforeAll(async () => {
	t = createTestDb();
	db = t.db;
	await seedDemo(db, { banks: true });
}, 120_000);
afterAll(() => t.cleanup());

describe('issuance', () => {
	it('for 特种作业 issues only after both the theory and the practical exam are passed', () => {
		const w = actorByPhone('13900001013'); // 宏运运输 配电房值班电工
		const trainer = actorByPhone('13800000002');
		const [before] = clearancesOfWorkers(db, [w.id], TODAY).get(w.id)!;
		expect(before.cleared).toBe(false);

		sitExam(w, 'electrician-low-voltage');
		expect(certsOf(w.id, 'electrician-low-voltage')).toHaveLength(0);
		const [afterTheory] = clearancesOfWorkers(db, [w.id], TODAY).get(w.id)!;
		expect(afterTheory.cleared).toBe(false);
		expect(afterTheory.items[0].reason).toBe('理论考试已通过，尚未通过实际操作考试');
		expect(afterTheory.items[0].action).toBe('practical');

		// A failing practical (79) issues nothing.
		const fail = recordPractical(db, trainer, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			marks: [20, 20, 20, 19]
		});
		expect(fail).toMatchObject({ ok: true, score: 79, passed: false, certificate: null });
		expect(certsOf(w.id, 'electrician-low-voltage')).toHaveLength(0);

		const pass = recordPractical(db, trainer, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			marks: [20, 20, 20, 20]
		});
		expect(pass).toMatchObject({ ok: true, score: 80, passed: true });
		const [cert] = certsOf(w.id, 'electrician-low-voltage');
		expect(pass.ok && pass.certificate?.number).toBe(cert.number);
		expect(isWellFormedCertificateNumber(cert.number)).toBe(true);
		expect(cert.number.startsWith(`AX-DG-${TODAY.slice(0, 4)}-`)).toBe(true);
		expect(isWellFormedVerificationCode(cert.verificationCode)).toBe(true);
		expect(cert.issuedOn).toBe(TODAY);
		expect(cert.validUntil).toBe(addMonths(TODAY, 72));
		expect(cert.theoryAttemptId).not.toBeNull();
		expect(cert.practicalResultId).not.toBeNull();
		const reviews = db
			.select()
			.from(certificateReviews)
			.where(eq(certificateReviews.certificateId, cert.id))
			.all();
		expect(reviews.map((r) => r.dueOn)).toEqual([addMonths(TODAY, 36)]);
		const audits = db
			.select()
			.from(auditLog)
			.where(eq(auditLog.target, `certificate:${cert.id}`))
			.all();
		expect(audits.map((a) => a.action)).toEqual(['certificate.issue']);
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'grade.change')).all().length
		).toBeGreaterThanOrEqual(2);

		const [after] = clearancesOfWorkers(db, [w.id], TODAY).get(w.id)!;
		expect(after.cleared).toBe(true);
		expect(after.items[0].certificateStatus).toBe('valid');

		// Another passed practical while the certificate is in force issues no second one.
		recordPractical(db, trainer, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			marks: [25, 25, 25, 25]
		});
		expect(certsOf(w.id, 'electrician-low-voltage')).toHaveLength(1);

		// The pass before the certificate belongs to the previous cycle: a 复审 (or, after expiry, a
		// re-certification) exam may be sat again.
		expect(certificationCycleStart(db, w.id, 'electrician-low-voltage')).toEqual(cert.createdAt);
		const again = startSessionAttempt(db, w, sessionFor('electrician-low-voltage', w.id));
		expect(again).toBeGreaterThan(0);
		submitAttempt(db, w, again, []);
	});

	it('issues on the theory exam when the practical was passed first', () => {
		const w = actorByPhone('13900001019'); // 鑫源铸造 配电房值班电工
		const judge = actorByPhone('13800000005');
		const r = recordPractical(db, judge, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			marks: [25, 22.5, 20, 20]
		});
		expect(r).toMatchObject({ ok: true, score: 87.5, passed: true, certificate: null });
		sitExam(w, 'electrician-low-voltage');
		expect(certsOf(w.id, 'electrician-low-voltage')).toHaveLength(1);
	});

	it('for 主要负责人 issues after the theory exam alone, valid 3 years without 复审', () => {
		const w = actorByPhone('13900001023'); // 王茅镇 宏运运输 主要负责人
		sitExam(w, 'principal', 0.5); // failed: nothing
		expect(certsOf(w.id, 'principal')).toHaveLength(0);
		const [failed] = clearancesOfWorkers(db, [w.id], TODAY).get(w.id)!;
		expect(failed.items[0].reason).toMatch(/尚未完成培训|尚未通过理论考试/);
		sitExam(w, 'principal');
		const [cert] = certsOf(w.id, 'principal');
		expect(cert.number.startsWith(`AX-ZY-${TODAY.slice(0, 4)}-`)).toBe(true);
		expect(cert.validUntil).toBe(addMonths(TODAY, 36));
		expect(
			db.select().from(certificateReviews).where(eq(certificateReviews.certificateId, cert.id)).all()
		).toEqual([]);
	});

	it('the policy test issues nothing (not a qualification)', () => {
		const n = db.select().from(certificates).all().length;
		const w = actorByPhone('13900001027');
		sitExam(w, 'policy-2025');
		expect(db.select().from(certificates).all().length).toBe(n);
	});

	it('refuses practical marks from non-examiners and out of range', () => {
		const w = userByPhone('13900001021');
		const worker = actorByPhone('13900001021');
		const trainer = actorByPhone('13800000002');
		expect(() =>
			recordPractical(db, worker, { userId: w.id, tradeCode: 'work-at-height', marks: [25, 25, 25, 25] })
		).toThrow(expect.objectContaining({ status: 403 }));
		expect(() =>
			recordPractical(db, actorByPhone('13800000004'), {
				userId: w.id,
				tradeCode: 'work-at-height',
				marks: [25, 25, 25, 25]
			})
		).toThrow(expect.objectContaining({ status: 403 }));
		expect(
			recordPractical(db, trainer, { userId: w.id, tradeCode: 'work-at-height', marks: [26, 25, 25, 25] })
		).toEqual({ ok: false, message: '"安全用具使用"的得分应在 0–25 分之间' });
		expect(
			recordPractical(db, trainer, { userId: w.id, tradeCode: 'work-at-height', marks: [25, 25, 25] })
		).toMatchObject({ ok: false, message: '应录入 4 个项目的得分' });
		expect(
			recordPractical(db, trainer, { userId: w.id, tradeCode: 'work-at-height', marks: [25, NaN, -1, 25] })
		).toMatchObject({ ok: false });
		expect(
			recordPractical(db, trainer, { userId: w.id, tradeCode: 'principal', marks: [25, 25, 25, 25] })
		).toMatchObject({ ok: false, message: '该工种没有实际操作考试项目' });
	});
});

describe('numbering', () => {
	it('is unique and sequential per trade and year', () => {
		const w = userByPhone('13900001024');
		const seqDG = nextSequence(db, 'DG', 2024);
		const seq23 = nextSequence(db, 'DG', 2023);
		const seqRH = nextSequence(db, 'RH', 2024);
		const a = issueCertificate(db, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			issuedOn: '2024-05-01'
		});
		const b = issueCertificate(db, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			issuedOn: '2024-12-31'
		});
		const c = issueCertificate(db, {
			userId: w.id,
			tradeCode: 'electrician-low-voltage',
			issuedOn: '2023-01-01'
		});
		const d = issueCertificate(db, { userId: w.id, tradeCode: 'welding-cutting', issuedOn: '2024-06-01' });
		expect(a.number).toBe(`AX-DG-2024-${String(seqDG).padStart(6, '0')}`);
		expect(b.number).toBe(`AX-DG-2024-${String(seqDG + 1).padStart(6, '0')}`);
		expect(c.number).toBe(`AX-DG-2023-${String(seq23).padStart(6, '0')}`);
		expect(d.number).toBe(`AX-RH-2024-${String(seqRH).padStart(6, '0')}`);
		expect(nextSequence(db, 'DG', 2024)).toBe(seqDG + 2);
		const all = db
			.select({ n: certificates.number, v: certificates.verificationCode })
			.from(certificates)
			.all();
		expect(new Set(all.map((x) => x.n)).size).toBe(all.length);
		expect(new Set(all.map((x) => x.v)).size).toBe(all.length);
		db.delete(certificates)
			.where(
				inArray(
					certificates.id,
					[a, b, c, d].map((x) => x.id)
				)
			)
			.run();
	});
});

describe('status by date', () => {
	it('moves from valid to review due, review missed, expired and revoked by date alone', () => {
		const w = userByPhone('13900001022');
		const cert = issueCertificate(db, { userId: w.id, tradeCode: 'welding-cutting', issuedOn: '2020-03-15' });
		const at = (day: string) =>
			certificatesOfWorkers(db, [w.id], day)
				.get(w.id)!
				.find((c) => c.id === cert.id)!;
		expect(at('2020-03-15').status).toBe('valid');
		expect(at('2023-01-13').status).toBe('valid');
		expect(at('2023-01-14')).toMatchObject({
			status: 'review_due',
			dueSoon: true,
			nextReviewDue: '2023-03-15'
		});
		expect(at('2023-03-15').status).toBe('review_due');
		expect(at('2023-03-16').status).toBe('review_missed');
		db.update(certificateReviews)
			.set({ passedOn: '2023-03-01' })
			.where(eq(certificateReviews.certificateId, cert.id))
			.run();
		expect(at('2023-03-16').status).toBe('valid');
		expect(at('2026-01-14')).toMatchObject({ status: 'valid', dueSoon: true });
		expect(at('2026-03-15').status).toBe('valid');
		expect(at('2026-03-16').status).toBe('expired');
		const r = revokeCertificate(db, actorByPhone('13800000001'), cert.id, '测试吊销', { day: '2024-01-01' });
		expect(r).toEqual({ ok: true });
		expect(at('2023-12-31').status).toBe('valid');
		expect(at('2024-01-01').status).toBe('revoked');
		db.delete(certificates).where(eq(certificates.id, cert.id)).run();
	});

	it('the test seam ages a certificate to expired yesterday, blocking the post', () => {
		const w = actorByPhone('13900001013');
		const [cert] = certsOf(w.id, 'electrician-low-voltage');
		ageCertificate(db, cert.id);
		const view = myCertification(db, w);
		expect(view.certificates[0]).toMatchObject({ status: 'expired', validUntil: addDays(TODAY, -1) });
		expect(view.posts[0].cleared).toBe(false);
		expect(view.posts[0].items[0].reason).toContain('过期');
	});
});

describe('clearance for a post needing two trades', () => {
	it('is cleared only with a valid certificate for both', () => {
		const chen = actorByPhone('13800000003');
		const w = userByPhone('13900001010'); // 恒达矿业 一线作业人员
		expect(createPost(db, chen, '电工班长', ['principal', 'electrician-low-voltage'])).toEqual({ ok: true });
		expect(createPost(db, chen, '电工班长', [])).toMatchObject({ ok: false });
		expect(createPost(db, chen, '乱写', ['nope'])).toMatchObject({ ok: false });
		const post = db
			.select()
			.from(posts)
			.where(and(eq(posts.name, '电工班长'), eq(posts.enterpriseId, chen.enterpriseId!)))
			.get()!;
		expect(assignWorker(db, chen, post.id, w.id)).toEqual({ ok: true });
		// Not a worker of the enterprise: refused.
		expect(assignWorker(db, chen, post.id, userByPhone('13900001001').id)).toMatchObject({ ok: false });

		const clearance = (day: string) =>
			clearancesOfWorkers(db, [w.id], day)
				.get(w.id)!
				.find((p) => p.postId === post.id)!;
		expect(clearance(TODAY).cleared).toBe(false);
		expect(clearance(TODAY).items).toHaveLength(2);
		issueCertificate(db, { userId: w.id, tradeCode: 'principal', issuedOn: '2025-01-10' });
		const one = clearance('2025-02-01');
		expect(one.cleared).toBe(false);
		expect(one.items.find((i) => i.tradeCode === 'principal')!.ok).toBe(true);
		expect(one.items.find((i) => i.tradeCode === 'electrician-low-voltage')!.ok).toBe(false);
		issueCertificate(db, { userId: w.id, tradeCode: 'electrician-low-voltage', issuedOn: '2025-01-20' });
		expect(clearance('2025-02-01').cleared).toBe(true);
		// 主要负责人 valid through 2028-01-10: flagged 60 days ahead, blocked the day after.
		expect(clearance('2027-11-11')).toMatchObject({ cleared: true, dueSoon: true });
		expect(clearance('2027-11-10')).toMatchObject({ cleared: true, dueSoon: false });
		expect(clearance('2028-01-10').cleared).toBe(true);
		const blocked = clearance('2028-01-11');
		expect(blocked.cleared).toBe(false);
		expect(blocked.items.find((i) => i.tradeCode === 'principal')!.reason).toBe(
			'证书已于 2028-01-11 过期（有效期至 2028-01-10）'
		);

		const page = enterprisePosts(db, chen, '2025-02-01');
		const row = page.posts.find((p) => p.id === post.id)!;
		expect(row).toMatchObject({ cleared: 1, blocked: 0 });
		expect(() => enterprisePosts(db, actorByPhone('13900001010'))).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});
});

describe('复审', () => {
	/** A 高处作业 certificate whose 复审 is due in 20 days, created just before the exam. */
	function dueIn20Days(userId: number) {
		return issueCertificate(db, {
			userId,
			tradeCode: 'work-at-height',
			issuedOn: addDays(addMonths(TODAY, -36), 20),
			createdAt: new Date(Date.now() - 1000)
		});
	}
	const reviewOf = (certId: number) =>
		db.select().from(certificateReviews).where(eq(certificateReviews.certificateId, certId)).get()!;

	it('a passed exam in the review window with ≥ 8 refresher 学时 passes the review', () => {
		const w = actorByPhone('13900001004'); // 鑫源铸造 一线作业人员
		const cert = dueIn20Days(w.id);
		expect(certificatesOfWorkers(db, [w.id], TODAY).get(w.id)![0].status).toBe('review_due');
		studyHours(w.id, 'work-at-height', 8);
		sitExam(w, 'work-at-height');
		expect(reviewOf(cert.id)).toMatchObject({ dueOn: cert.reviewDueDates[0], passedOn: TODAY });
		expect(certificatesOfWorkers(db, [w.id], TODAY).get(w.id)![0].status).toBe('valid');
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'certificate.review')).all()).toHaveLength(1);
		// No new certificate was issued.
		expect(certsOf(w.id, 'work-at-height')).toHaveLength(1);
	});

	it('the refresher hours are the trade’s own (工种设置), not a fixed 8', () => {
		const short = actorByPhone('13900001016');
		const enough = actorByPhone('13900001028');
		const shortCert = dueIn20Days(short.id);
		const enoughCert = dueIn20Days(enough.id);
		db.update(trades).set({ yearlyHours: 12 }).where(eq(trades.code, 'work-at-height')).run();
		try {
			studyHours(short.id, 'work-at-height', 10);
			const passedExam = sitExam(short, 'work-at-height');
			expect(db.select().from(attempts).where(eq(attempts.id, passedExam)).get()!.passed).toBe(true);
			expect(reviewOf(shortCert.id).passedOn).toBeNull();
			studyHours(enough.id, 'work-at-height', 12);
			sitExam(enough, 'work-at-height');
			expect(reviewOf(enoughCert.id).passedOn).toBe(TODAY);
		} finally {
			db.update(trades).set({ yearlyHours: 8 }).where(eq(trades.code, 'work-at-height')).run();
		}
	});

	it('does not count without the refresher hours', () => {
		const w = actorByPhone('13900001018');
		const cert = dueIn20Days(w.id);
		studyHours(w.id, 'work-at-height', 7.9);
		sitExam(w, 'work-at-height');
		expect(reviewOf(cert.id).passedOn).toBeNull();
		expect(certsOf(w.id, 'work-at-height')).toHaveLength(1);
	});
});

describe('regulator scope', () => {
	const wenxiWorker = () => userByPhone('13900001009'); // 闻喜县鑫源铸造, holds a certificate

	it('sees only the region subtree in dashboard, search, drill-down and export', async () => {
		const li = actorByPhone('13800000004');
		const d = regulatorDashboard(db, li);
		expect(d.byEnterprise.map((e) => e.label)).not.toContain('闻喜县鑫源铸造有限公司');
		expect(d.kpi.enterprises).toBe(4);
		expect(d.kpi.postsCleared + d.kpi.postsBlocked).toBeGreaterThan(0);
		expect(d.byTrade.length).toBeGreaterThan(0);
		expect(d.dueSoon.every((x) => x.enterprise !== '闻喜县鑫源铸造有限公司')).toBe(true);

		expect(regulatorSearch(db, li, wenxiWorker().name).map((h) => h.id)).not.toContain(wenxiWorker().id);
		expect(regulatorSearch(db, li, wenxiWorker().idCard!)).toEqual([]);
		const wenxiCert = certsOf(wenxiWorker().id, 'work-at-height')[0];
		expect(regulatorSearch(db, li, wenxiCert.number)).toEqual([]);
		const own = userByPhone('13900001001');
		const ownCert = certsOf(own.id, 'electrician-low-voltage')[0];
		expect(regulatorSearch(db, li, ownCert.number.toLowerCase()).map((h) => h.id)).toEqual([own.id]);
		expect(regulatorSearch(db, li, own.idCard!).map((h) => h.id)).toEqual([own.id]);

		expect(() => enterpriseClearance(db, li, entId('闻喜县鑫源铸造有限公司'))).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(enterpriseClearance(db, li, entId('垣曲县中条化工有限公司')).workers.length).toBeGreaterThan(0);
		expect(() => workerCertification(db, li, wenxiWorker().id)).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => workerCertification(db, li, 999999)).toThrow(expect.objectContaining({ status: 403 }));
		expect(() => printableCertificate(db, li, wenxiCert.id)).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => revokeCertificate(db, li, wenxiCert.id, '越权')).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(workerCertification(db, li, own.id).certificates.length).toBe(1);

		const xlsx = await regulatorExport(db, li);
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
		const text = JSON.stringify(wb.worksheets.map((s) => s.getSheetValues()));
		expect(text).toContain(ownCert.number);
		expect(text).not.toContain(wenxiCert.number);
		expect(text).not.toContain('鑫源铸造');

		// The 闻喜 regulator sees 闻喜 only.
		const sun = actorByPhone('13800000014');
		expect(regulatorDashboard(db, sun).byEnterprise.map((e) => e.label)).toEqual(['闻喜县鑫源铸造有限公司']);
		// Non-regulators are refused.
		expect(() => regulatorDashboard(db, actorByPhone('13800000003'))).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});

	it('lets a regulator revoke in their region, with a reason', () => {
		const li = actorByPhone('13800000004');
		const own = userByPhone('13900001015');
		const [cert] = certsOf(own.id, 'work-at-height');
		expect(revokeCertificate(db, li, cert.id, '  ')).toEqual({ ok: false, message: '请填写吊销原因' });
		expect(revokeCertificate(db, li, cert.id, '执法检查发现冒名顶替考试')).toEqual({ ok: true });
		expect(revokeCertificate(db, li, cert.id, '再次')).toMatchObject({ ok: false });
		const v = workerCertification(db, li, own.id);
		expect(v.certificates[0].status).toBe('revoked');
		expect(v.posts[0].cleared).toBe(false);
		expect(v.posts[0].items[0].reason).toContain('执法检查发现冒名顶替考试');
		// An enterprise admin may not revoke.
		expect(() => revokeCertificate(db, actorByPhone('13800000003'), cert.id, 'x')).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});
});

describe('public verification', () => {
	it('returns only name, masked 身份证号, trade, status and dates', () => {
		const own = userByPhone('13900001001');
		const [cert] = certsOf(own.id, 'electrician-low-voltage');
		const r = verifyCertificate(db, cert.verificationCode.toLowerCase().replace(/(.{7})/g, '$1-'));
		expect(r.found).toBe(true);
		expect(Object.keys(r).sort()).toEqual(['certificate', 'code', 'found']);
		expect(r.code).toBe(cert.verificationCode);
		expect(Object.keys(r.certificate!).sort()).toEqual(
			['holder', 'idCard', 'issuedOn', 'nextReviewDue', 'status', 'tone', 'trade', 'validUntil'].sort()
		);
		expect(r.certificate).toMatchObject({
			holder: own.name,
			trade: '低压电工作业',
			status: '有效',
			issuedOn: cert.issuedOn,
			validUntil: cert.validUntil
		});
		expect(r.certificate!.idCard).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
		const text = JSON.stringify(r);
		expect(text).not.toContain(own.idCard!);
		expect(text).not.toContain(own.phone!);
		expect(text).not.toContain(cert.number);

		const miss = verifyCertificate(db, 'ABCDEFGHJKMNPQRSTUVWX');
		expect(miss).toEqual({ code: 'ABCDEFGHJKMNPQRSTUVWX', found: false, certificate: null });
		expect(verifyCertificate(db, "' or 1=1 --").found).toBe(false);

		// Revoked shows as such, without the reason.
		const revoked = certsOf(userByPhone('13900001026').id, 'welding-cutting')[0];
		const rv = verifyCertificate(db, revoked.verificationCode);
		expect(rv.certificate).toMatchObject({ status: '已吊销', tone: 'bad' });
		expect(JSON.stringify(rv)).not.toContain('违章');
	});

	it('rate-limits lookups per address with a sliding window', () => {
		const l = new SlidingWindowLimiter(30, 60_000);
		for (let i = 0; i < 30; i++) expect(l.take('1.2.3.4', 1000 + i)).toBe(0);
		expect(l.take('1.2.3.4', 2000)).toBeGreaterThan(0);
		expect(l.take('5.6.7.8', 2000)).toBe(0);
		expect(l.take('1.2.3.4', 61_001)).toBe(0);
	});
});

describe('demo data', () => {
	it('has certificates in every state and none for the accounts other tests use', () => {
		const views = [
			...certificatesOfWorkers(
				db,
				db
					.select({ id: users.id })
					.from(users)
					.all()
					.map((u) => u.id),
				TODAY
			).values()
		].flat();
		const statuses = new Set(views.map((v) => v.status));
		for (const s of ['valid', 'review_due', 'expired', 'review_missed', 'revoked'])
			expect(statuses).toContain(s);
		expect(views.some((v) => v.dueSoon)).toBe(true);
		for (const phone of ['13800000010', '13900001007', '13900001008', '13900001029'])
			expect(
				db
					.select()
					.from(certificates)
					.where(eq(certificates.userId, userByPhone(phone).id))
					.all()
			).toEqual([]);
		expect(db.select().from(workerPosts).all().length).toBeGreaterThan(30);
		expect(db.select().from(postRequirements).all().length).toBeGreaterThan(0);
	});
});
