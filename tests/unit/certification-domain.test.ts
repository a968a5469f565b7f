import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	certificateNumber,
	certificateStatus,
	chinaDay,
	clearanceFor,
	daysBetween,
	generateVerificationCode,
	isCalendarDay,
	isValidOn,
	isWellFormedCertificateNumber,
	isWellFormedVerificationCode,
	normalizeVerificationCode,
	planCertificate,
	VERIFICATION_CODE_ALPHABET,
	VERIFICATION_CODE_LENGTH,
	type CertificateFacts,
	type Requirement,
	type WorkerTradeState
} from '../../src/lib/server/certification/rules';

// 低压电工作业 (特种作业): issued 2026-03-15, valid 72 months → through 2032-03-15, 复审 due 2029-03-15.
function special(over: Partial<CertificateFacts> = {}): CertificateFacts {
	return {
		tradeCode: 'DG',
		issuedOn: '2026-03-15',
		validUntil: '2032-03-15',
		reviewIntervalMonths: 36,
		reviews: [{ dueOn: '2029-03-15', passedOn: null }],
		revokedOn: null,
		revokedReason: null,
		...over
	};
}

// 主要负责人: issued 2026-03-15, valid 36 months → through 2029-03-15, no reviews.
function principal(over: Partial<CertificateFacts> = {}): CertificateFacts {
	return {
		tradeCode: 'ZYFZR',
		issuedOn: '2026-03-15',
		validUntil: '2029-03-15',
		reviewIntervalMonths: null,
		reviews: [],
		revokedOn: null,
		revokedReason: null,
		...over
	};
}

const DG: Requirement = { tradeCode: 'DG', tradeName: '低压电工作业', category: 'special' };
const ZYFZR: Requirement = { tradeCode: 'ZYFZR', tradeName: '主要负责人', category: 'principal' };

function state(tradeCode: string, over: Partial<WorkerTradeState> = {}): WorkerTradeState {
	return {
		tradeCode,
		certificates: [],
		trainingHoursDone: 0,
		trainingHoursRequired: 32,
		theoryPassed: false,
		practicalPassed: null,
		attemptsUsed: 0,
		maxAttempts: 2,
		retrainingRequired: false,
		...over
	};
}

function states(...list: WorkerTradeState[]): Map<string, WorkerTradeState> {
	return new Map(list.map((s) => [s.tradeCode, s]));
}

/** The single item of a one-requirement post. */
function itemFor(req: Requirement, s: WorkerTradeState | undefined, today: string) {
	const result = clearanceFor({ name: '配电值班', requirements: [req] }, s ? states(s) : new Map(), today);
	expect(result.items).toHaveLength(1);
	expect(result.cleared).toBe(result.items[0].ok);
	return result.items[0];
}

describe('calendar days in China time', () => {
	it('chinaDay converts across UTC midnight (UTC+8, no DST)', () => {
		expect(chinaDay(new Date('2026-01-01T16:30:00Z'))).toBe('2026-01-02');
		expect(chinaDay(new Date('2026-01-01T15:59:59.999Z'))).toBe('2026-01-01');
		expect(chinaDay(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
		expect(chinaDay(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01'); // year boundary
		expect(chinaDay(new Date('2026-07-01T15:59:59Z'))).toBe('2026-07-01'); // summer: still +8
		expect(() => chinaDay(new Date('nonsense'))).toThrow(RangeError);
	});

	it('addMonths clamps to the end of a shorter month', () => {
		expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
		expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
		expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
		expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
		expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
		expect(addMonths('2024-02-29', 1)).toBe('2024-03-29'); // not sticky to month end
		expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
		expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
		expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
		expect(addMonths('2026-03-15', 0)).toBe('2026-03-15');
		expect(addMonths('2026-03-15', 72)).toBe('2032-03-15');
	});

	it('rejects impossible days and fractional months', () => {
		expect(() => addMonths('2025-02-29', 1)).toThrow('日期“2025-02-29”无效');
		expect(() => addMonths('2025-1-5', 1)).toThrow(RangeError);
		expect(() => addMonths('2025-01-05', 1.5)).toThrow('月数必须是整数');
		expect(isCalendarDay('2024-02-29')).toBe(true);
		expect(isCalendarDay('2025-02-29')).toBe(false);
		expect(isCalendarDay('2025-13-01')).toBe(false);
	});

	it('daysBetween counts calendar days, signed', () => {
		expect(daysBetween('2026-03-15', '2026-03-15')).toBe(0);
		expect(daysBetween('2026-03-15', '2026-03-16')).toBe(1);
		expect(daysBetween('2026-03-16', '2026-03-15')).toBe(-1);
		expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // leap year
		expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
		expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
	});
});

describe('planCertificate', () => {
	it('特种作业: 6 years, one 复审 at 36 months (the 72-month one is the renewal)', () => {
		expect(planCertificate('2026-03-15', 72, 36)).toEqual({
			validUntil: '2032-03-15',
			reviewDueDates: ['2029-03-15']
		});
	});
	it('主要负责人: 3 years, no reviews', () => {
		expect(planCertificate('2026-03-15', 36, null)).toEqual({ validUntil: '2029-03-15', reviewDueDates: [] });
	});
	it('computes every date from the issue day (no end-of-month drift)', () => {
		expect(planCertificate('2024-02-29', 72, 36)).toEqual({
			validUntil: '2030-02-28',
			reviewDueDates: ['2027-02-28']
		});
		expect(planCertificate('2024-02-29', 72, 24).reviewDueDates).toEqual(['2026-02-28', '2028-02-29']);
	});
	it('rejects nonsensical periods', () => {
		expect(() => planCertificate('2026-03-15', 0, null)).toThrow('有效期');
		expect(() => planCertificate('2026-03-15', 72, 0)).toThrow('复审间隔');
	});
});

describe('certificateStatus', () => {
	it('is valid on the issue day and nowhere near a deadline', () => {
		expect(certificateStatus(special(), '2026-03-15')).toEqual({
			status: 'valid',
			dueSoon: false,
			nextReviewDue: '2029-03-15',
			label: '有效'
		});
	});

	it('review window: 61 days before the review is plain valid, 60 days before is review_due', () => {
		expect(daysBetween('2029-01-13', '2029-03-15')).toBe(61);
		expect(certificateStatus(special(), '2029-01-13')).toMatchObject({ status: 'valid', dueSoon: false });
		expect(daysBetween('2029-01-14', '2029-03-15')).toBe(60);
		expect(certificateStatus(special(), '2029-01-14')).toEqual({
			status: 'review_due',
			dueSoon: true,
			nextReviewDue: '2029-03-15',
			label: '待复审'
		});
	});

	it('on the review due date it is still valid (review_due)', () => {
		const s = certificateStatus(special(), '2029-03-15');
		expect(s.status).toBe('review_due');
		expect(isValidOn(special(), '2029-03-15')).toBe(true);
	});

	it('the day after a missed review it is invalid (review_missed)', () => {
		expect(certificateStatus(special(), '2029-03-16')).toEqual({
			status: 'review_missed',
			dueSoon: false,
			nextReviewDue: null,
			label: '逾期未复审（已失效）'
		});
		expect(isValidOn(special(), '2029-03-16')).toBe(false);
		// Still review_missed after validUntil: the missed review is the earlier cause.
		expect(certificateStatus(special(), '2033-01-01').status).toBe('review_missed');
	});

	it('a review passed late does not revive the certificate', () => {
		const late = special({ reviews: [{ dueOn: '2029-03-15', passedOn: '2029-03-20' }] });
		expect(certificateStatus(late, '2029-04-01').status).toBe('review_missed');
	});

	it('a review passed on time keeps it valid through validUntil, then it expires', () => {
		const reviewed = special({ reviews: [{ dueOn: '2029-03-15', passedOn: '2029-03-15' }] });
		expect(certificateStatus(reviewed, '2029-03-16')).toMatchObject({
			status: 'valid',
			dueSoon: false,
			nextReviewDue: null
		});
		// The day of expiry is valid (with dueSoon), the day after is expired.
		expect(certificateStatus(reviewed, '2032-03-15')).toMatchObject({
			status: 'valid',
			dueSoon: true,
			label: '有效'
		});
		expect(isValidOn(reviewed, '2032-03-15')).toBe(true);
		expect(certificateStatus(reviewed, '2032-03-16')).toMatchObject({ status: 'expired', label: '已过期' });
		expect(isValidOn(reviewed, '2032-03-16')).toBe(false);
	});

	it('a review passed early ends the review_due state; a pass recorded after "today" does not count yet', () => {
		const early = special({ reviews: [{ dueOn: '2029-03-15', passedOn: '2029-02-01' }] });
		expect(certificateStatus(early, '2029-02-01')).toMatchObject({ status: 'valid', nextReviewDue: null });
		expect(certificateStatus(early, '2029-01-31')).toMatchObject({
			status: 'review_due',
			nextReviewDue: '2029-03-15'
		});
	});

	it('expiry dueSoon: exactly 60 days ahead → true, 61 → false; the threshold is configurable', () => {
		expect(daysBetween('2029-01-14', '2029-03-15')).toBe(60);
		expect(certificateStatus(principal(), '2029-01-14')).toEqual({
			status: 'valid',
			dueSoon: true,
			nextReviewDue: null,
			label: '有效'
		});
		expect(certificateStatus(principal(), '2029-01-13').dueSoon).toBe(false);
		expect(certificateStatus(principal(), '2029-01-13', 61).dueSoon).toBe(true);
		expect(certificateStatus(principal(), '2029-03-15')).toMatchObject({ status: 'valid', dueSoon: true });
		expect(certificateStatus(principal(), '2029-03-16')).toMatchObject({ status: 'expired', dueSoon: false });
	});

	it('ignores a scheduled review on or after validUntil (replaced by renewal)', () => {
		const c = principal({ reviews: [{ dueOn: '2029-03-15', passedOn: null }] });
		expect(certificateStatus(c, '2029-03-10').status).toBe('valid');
		expect(certificateStatus(c, '2029-03-16').status).toBe('expired');
	});

	it('revoked from revokedOn inclusive, before anything else', () => {
		const c = special({ revokedOn: '2027-05-01', revokedReason: '违章作业造成事故' });
		expect(certificateStatus(c, '2027-04-30').status).toBe('valid');
		expect(certificateStatus(c, '2027-05-01')).toEqual({
			status: 'revoked',
			dueSoon: false,
			nextReviewDue: null,
			label: '已吊销'
		});
		expect(certificateStatus(c, '2040-01-01').status).toBe('revoked');
		expect(isValidOn(c, '2027-05-01')).toBe(false);
	});

	it('a certificate dated after today is not valid yet', () => {
		expect(isValidOn(special(), '2026-03-14')).toBe(false);
		expect(() => certificateStatus(special(), '2026-03-14')).toThrow('晚于查询日期');
	});
});

describe('clearanceFor', () => {
	it('a post with no requirements is cleared', () => {
		expect(clearanceFor({ name: '行政文员', requirements: [] }, new Map(), '2026-06-01')).toEqual({
			cleared: true,
			items: []
		});
	});

	it('valid certificate → ok, nothing to do', () => {
		const item = itemFor(DG, state('DG', { certificates: [special()] }), '2027-01-01');
		expect(item).toEqual({
			tradeCode: 'DG',
			tradeName: '低压电工作业',
			ok: true,
			reason: '持有有效证书（有效期至 2032-03-15）',
			nextStep: '',
			certificateStatus: 'valid',
			dueSoon: false
		});
	});

	it('review due soon → ok, flagged, with the review deadline', () => {
		const item = itemFor(DG, state('DG', { certificates: [special()] }), '2029-03-15');
		expect(item).toMatchObject({ ok: true, certificateStatus: 'review_due', dueSoon: true });
		expect(item.reason).toBe('证书有效，须于 2029-03-15 前完成复审');
		expect(item.nextStep).toBe(
			'参加低压电工作业复审培训并通过复审考试，须于 2029-03-15 前完成，逾期证书失效'
		);
	});

	it('expiry soon → ok, flagged', () => {
		const item = itemFor(ZYFZR, state('ZYFZR', { certificates: [principal()] }), '2029-01-14');
		expect(item).toMatchObject({ ok: true, certificateStatus: 'valid', dueSoon: true });
		expect(item.reason).toBe('证书将于 2029-03-15 到期');
		expect(item.nextStep).toBe('在 2029-03-15 前参加主要负责人复训并重新考试，以免证书过期');
		expect(itemFor(ZYFZR, state('ZYFZR', { certificates: [principal()] }), '2029-01-13').dueSoon).toBe(false);
	});

	it('valid on the day of expiry, blocked (expired) the day after', () => {
		const s = state('ZYFZR', { certificates: [principal()], trainingHoursDone: 32, theoryPassed: true });
		expect(itemFor(ZYFZR, s, '2029-03-15').ok).toBe(true);
		const item = itemFor(ZYFZR, s, '2029-03-16');
		expect(item).toEqual({
			tradeCode: 'ZYFZR',
			tradeName: '主要负责人',
			ok: false,
			reason: '证书已于 2029-03-16 过期（有效期至 2029-03-15）',
			nextStep: '参加主要负责人复训并重新考试',
			certificateStatus: 'expired',
			dueSoon: false
		});
	});

	it('review missed → blocked, must train and be examined again', () => {
		const item = itemFor(DG, state('DG', { certificates: [special()] }), '2029-03-16');
		expect(item).toMatchObject({
			ok: false,
			certificateStatus: 'review_missed',
			reason: '逾期未复审，证书已失效（复审期限为 2029-03-15）',
			nextStep: '重新参加低压电工作业培训并考试取证',
			dueSoon: false
		});
	});

	it('review passed → cleared through validUntil', () => {
		const c = special({ reviews: [{ dueOn: '2029-03-15', passedOn: '2029-03-01' }] });
		expect(itemFor(DG, state('DG', { certificates: [c] }), '2031-06-01')).toMatchObject({
			ok: true,
			certificateStatus: 'valid'
		});
		expect(itemFor(DG, state('DG', { certificates: [c] }), '2032-03-15').ok).toBe(true);
		expect(itemFor(DG, state('DG', { certificates: [c] }), '2032-03-16').certificateStatus).toBe('expired');
	});

	it('revoked → blocked, with the reason when recorded', () => {
		const c = special({ revokedOn: '2027-05-01', revokedReason: '违章作业造成事故' });
		expect(itemFor(DG, state('DG', { certificates: [c] }), '2027-06-01')).toMatchObject({
			ok: false,
			certificateStatus: 'revoked',
			reason: '证书已于 2027-05-01 被吊销（原因：违章作业造成事故）',
			nextStep: '联系发证机关了解重新申请培训考核的条件'
		});
		const noReason = special({ revokedOn: '2027-05-01' });
		expect(itemFor(DG, state('DG', { certificates: [noReason] }), '2027-06-01').reason).toBe(
			'证书已于 2027-05-01 被吊销'
		);
	});

	it('two certificates, one expired and one valid → ok on the valid one', () => {
		const old = principal({ issuedOn: '2023-01-10', validUntil: '2026-01-10' });
		const renewed = principal({ issuedOn: '2026-01-05', validUntil: '2029-01-05' });
		const item = itemFor(ZYFZR, state('ZYFZR', { certificates: [renewed, old] }), '2026-02-01');
		expect(item).toMatchObject({ ok: true, reason: '持有有效证书（有效期至 2029-01-05）' });
		// Order of the list does not matter.
		expect(itemFor(ZYFZR, state('ZYFZR', { certificates: [old, renewed] }), '2026-02-01').ok).toBe(true);
	});

	it('two valid certificates → the one valid the longest is shown', () => {
		const a = principal({ issuedOn: '2025-06-01', validUntil: '2028-06-01' });
		const b = principal({ issuedOn: '2024-01-01', validUntil: '2027-01-01' });
		expect(itemFor(ZYFZR, state('ZYFZR', { certificates: [b, a] }), '2026-02-01').reason).toBe(
			'持有有效证书（有效期至 2028-06-01）'
		);
	});

	it('the latest-issued certificate explains a block (an old revocation is superseded)', () => {
		const revokedLongAgo = special({
			issuedOn: '2015-01-01',
			validUntil: '2021-01-01',
			reviews: [],
			revokedOn: '2016-01-01',
			revokedReason: '违章'
		});
		const laterExpired = principal({ tradeCode: 'DG', issuedOn: '2020-01-01', validUntil: '2023-01-01' });
		expect(
			itemFor(DG, state('DG', { certificates: [revokedLongAgo, laterExpired] }), '2026-01-01')
				.certificateStatus
		).toBe('expired');
	});

	it('a certificate problem takes precedence over the training state', () => {
		const item = itemFor(
			ZYFZR,
			state('ZYFZR', { certificates: [principal()], trainingHoursDone: 3, trainingHoursRequired: 12 }),
			'2029-04-01'
		);
		expect(item.reason).toContain('过期');
	});

	it('never trained (no record) → blocked, enrol in the course', () => {
		expect(itemFor(DG, undefined, '2026-06-01')).toEqual({
			tradeCode: 'DG',
			tradeName: '低压电工作业',
			ok: false,
			reason: '尚未参加低压电工作业培训',
			nextStep: '报名参加《低压电工作业》培训课程',
			dueSoon: false
		});
	});

	it('hours short → N / M 学时 and the K remaining', () => {
		const item = itemFor(
			ZYFZR,
			state('ZYFZR', { trainingHoursDone: 20, trainingHoursRequired: 32 }),
			'2026-06-01'
		);
		expect(item).toMatchObject({
			ok: false,
			reason: '尚未完成培训：已完成 20 / 32 学时',
			nextStep: '完成《主要负责人》培训课程剩余 12 学时'
		});
		expect(item.certificateStatus).toBeUndefined();
		const zero = itemFor(DG, state('DG', { trainingHoursRequired: 24 }), '2026-06-01');
		expect(zero.reason).toBe('尚未完成培训：已完成 0 / 24 学时');
		const fractional = itemFor(
			DG,
			state('DG', { trainingHoursDone: 23.45, trainingHoursRequired: 24 }),
			'2026-06-01'
		);
		expect(fractional.reason).toBe('尚未完成培训：已完成 23.5 / 24 学时');
		expect(fractional.nextStep).toBe('完成《低压电工作业》培训课程剩余 0.6 学时'); // 0.55 rounded up
	});

	it('补考 failed → retraining required', () => {
		const flagged = state('DG', { trainingHoursDone: 32, attemptsUsed: 2, retrainingRequired: true });
		expect(itemFor(DG, flagged, '2026-06-01')).toMatchObject({
			ok: false,
			reason: '补考未通过，须重新参加培训',
			nextStep: '重新完成《低压电工作业》培训课程后再报名考试'
		});
		// Attempts exhausted without the flag means the same.
		const exhausted = state('DG', { trainingHoursDone: 32, attemptsUsed: 2, maxAttempts: 2 });
		expect(itemFor(DG, exhausted, '2026-06-01').reason).toBe('补考未通过，须重新参加培训');
	});

	it('theory not passed → sit the theory exam, with the attempts left', () => {
		const fresh = state('DG', { trainingHoursDone: 32 });
		expect(itemFor(DG, fresh, '2026-06-01')).toMatchObject({
			ok: false,
			reason: '尚未通过理论考试',
			nextStep: '参加低压电工作业理论考试（剩余 2 次机会）'
		});
		const failedOnce = state('DG', { trainingHoursDone: 32, attemptsUsed: 1 });
		expect(itemFor(DG, failedOnce, '2026-06-01').nextStep).toBe('参加低压电工作业理论考试（剩余 1 次机会）');
	});

	it('特种作业 practical not passed → sit the practical exam', () => {
		const s = state('DG', {
			trainingHoursDone: 32,
			theoryPassed: true,
			practicalPassed: false,
			attemptsUsed: 1
		});
		expect(itemFor(DG, s, '2026-06-01')).toMatchObject({
			ok: false,
			reason: '理论考试已通过，尚未通过实际操作考试',
			nextStep: '参加低压电工作业实际操作考试'
		});
	});

	it('all passed but no certificate yet → waiting for issue', () => {
		const expected = {
			ok: false,
			reason: '考核已通过，证书待发放',
			nextStep: '等待发证机关发放证书，如有疑问请联系企业安全管理员'
		};
		const dg = state('DG', {
			trainingHoursDone: 32,
			theoryPassed: true,
			practicalPassed: true,
			attemptsUsed: 1
		});
		expect(itemFor(DG, dg, '2026-06-01')).toMatchObject(expected);
		const zy = state('ZYFZR', {
			trainingHoursDone: 32,
			theoryPassed: true,
			practicalPassed: null,
			attemptsUsed: 1
		});
		expect(itemFor(ZYFZR, zy, '2026-06-01')).toMatchObject(expected);
		// A certificate dated in the future does not count yet.
		const future = { ...dg, certificates: [special({ issuedOn: '2026-07-01', validUntil: '2032-07-01' })] };
		expect(itemFor(DG, future, '2026-06-01')).toMatchObject(expected);
	});

	it('a post needing two trades where one is missing is not cleared', () => {
		const post = { name: '配电房负责人', requirements: [ZYFZR, DG] };
		const result = clearanceFor(post, states(state('ZYFZR', { certificates: [principal()] })), '2027-01-01');
		expect(result.cleared).toBe(false);
		expect(result.items.map((i) => [i.tradeCode, i.ok])).toEqual([
			['ZYFZR', true],
			['DG', false]
		]);
		expect(result.items[1].reason).toBe('尚未参加低压电工作业培训');

		const both = states(
			state('ZYFZR', { certificates: [principal()] }),
			state('DG', { certificates: [special()] })
		);
		expect(clearanceFor(post, both, '2027-01-01').cleared).toBe(true);
		// One day after the 主要负责人 certificate ends, the post is blocked again.
		expect(clearanceFor(post, both, '2029-03-16').cleared).toBe(false);
	});

	it('every certificate status maps to ok/blocked as expected', () => {
		const cases: [CertificateFacts, string, string, boolean][] = [
			[special(), '2027-01-01', 'valid', true],
			[special(), '2029-02-01', 'review_due', true],
			[special(), '2029-03-16', 'review_missed', false],
			[principal(), '2029-03-16', 'expired', false],
			[special({ revokedOn: '2027-01-01' }), '2027-01-01', 'revoked', false]
		];
		for (const [cert, today, status, ok] of cases) {
			const item = itemFor(
				cert.tradeCode === 'DG' ? DG : ZYFZR,
				state(cert.tradeCode, { certificates: [cert] }),
				today
			);
			expect([item.certificateStatus, item.ok]).toEqual([status, ok]);
			expect(item.reason).not.toBe('');
			if (!ok) expect(item.nextStep).not.toBe('');
		}
	});
});

describe('certificate numbers', () => {
	it('formats AX-<prefix>-<year>-<6-digit sequence>', () => {
		expect(certificateNumber({ tradePrefix: 'DG', year: 2026, sequence: 123 })).toBe('AX-DG-2026-000123');
		expect(certificateNumber({ tradePrefix: 'ZYFZR', year: 2027, sequence: 999999 })).toBe(
			'AX-ZYFZR-2027-999999'
		);
		expect(isWellFormedCertificateNumber('AX-DG-2026-000123')).toBe(true);
		expect(isWellFormedCertificateNumber('AX-DG-2026-000000')).toBe(false);
		expect(isWellFormedCertificateNumber('AX-dg-2026-000123')).toBe(false);
	});
	it('rejects bad parts', () => {
		expect(() => certificateNumber({ tradePrefix: 'dg', year: 2026, sequence: 1 })).toThrow('工种代号');
		expect(() => certificateNumber({ tradePrefix: 'DG', year: 2026, sequence: 0 })).toThrow('流水号');
		expect(() => certificateNumber({ tradePrefix: 'DG', year: 2026, sequence: 1_000_000 })).toThrow('流水号');
		expect(() => certificateNumber({ tradePrefix: 'DG', year: 26, sequence: 1 })).toThrow('年份');
	});
});

describe('verification codes', () => {
	const n = VERIFICATION_CODE_ALPHABET.length;

	/** Pearson chi-square statistic of symbol counts against the uniform distribution. */
	function chiSquare(counts: number[]): number {
		const total = counts.reduce((s, c) => s + c, 0);
		const expected = total / counts.length;
		return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
	}
	function countSymbols(codes: string[]): number[] {
		const counts = new Array<number>(n).fill(0);
		for (const code of codes) for (const ch of code) counts[VERIFICATION_CODE_ALPHABET.indexOf(ch)]++;
		return counts;
	}
	// 31 symbols → 30 degrees of freedom; P(χ² > 82.0) ≈ 1e-6 for a uniform generator.
	const CHI_SQUARE_BOUND = 82;

	it('has no ambiguous characters and at least 100 bits', () => {
		expect(n).toBe(31);
		expect(new Set(VERIFICATION_CODE_ALPHABET).size).toBe(n);
		for (const ch of '0O1IL') expect(VERIFICATION_CODE_ALPHABET).not.toContain(ch);
		expect(VERIFICATION_CODE_LENGTH * Math.log2(n)).toBeGreaterThanOrEqual(100); // 21 × 4.954 ≈ 104.0
	});

	it('10,000 codes: all distinct, all well-formed, symbols roughly uniform', () => {
		const codes = Array.from({ length: 10_000 }, () => generateVerificationCode());
		expect(new Set(codes).size).toBe(codes.length);
		expect(codes.every(isWellFormedVerificationCode)).toBe(true);
		// 210,000 symbols, 6,774 expected per symbol.
		expect(chiSquare(countSymbols(codes))).toBeLessThan(CHI_SQUARE_BOUND);
	});

	it('the chi-square bound catches a modulo-biased generator', () => {
		// byte % 31 over uniform bytes 0..255: symbols 0–7 have 9/256, the others 8/256.
		// Expected χ² ≈ 8·(7383−6774)²/6774 + 23·(6562−6774)²/6774 ≈ 590, far above the bound.
		let i = 0;
		const biased = Array.from({ length: 10_000 }, () =>
			Array.from(
				{ length: VERIFICATION_CODE_LENGTH },
				() => VERIFICATION_CODE_ALPHABET[(i++ % 256) % n]
			).join('')
		);
		expect(chiSquare(countSymbols(biased))).toBeGreaterThan(CHI_SQUARE_BOUND);
	});

	it('rejects bytes 248–255 instead of folding them (rejection sampling)', () => {
		let calls = 0;
		const code = generateVerificationCode((bytes) => {
			calls++;
			// First batch: only rejectable bytes (255); second batch: 31, accepted, 31 % 31 = index 0.
			bytes.fill(calls === 1 ? 255 : 31);
		});
		expect(calls).toBe(2);
		expect(code).toBe(VERIFICATION_CODE_ALPHABET[0].repeat(VERIFICATION_CODE_LENGTH));
		const mixed = generateVerificationCode((bytes) => {
			for (let k = 0; k < bytes.length; k++) bytes[k] = k % 2 === 0 ? 248 : 32; // 32 % 31 = 1
		});
		expect(mixed).toBe(VERIFICATION_CODE_ALPHABET[1].repeat(VERIFICATION_CODE_LENGTH));
	});

	it('well-formedness and normalisation of typed input', () => {
		const code = generateVerificationCode();
		expect(isWellFormedVerificationCode(code.toLowerCase())).toBe(false);
		expect(
			normalizeVerificationCode(` ${code.slice(0, 7).toLowerCase()}-${code.slice(7, 14)} ${code.slice(14)} `)
		).toBe(code);
		expect(isWellFormedVerificationCode(code.slice(1))).toBe(false);
		expect(isWellFormedVerificationCode(code.slice(1) + '0')).toBe(false);
		expect(isWellFormedVerificationCode(code.slice(1) + 'O')).toBe(false);
	});
});
