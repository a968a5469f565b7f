import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import type { Db } from '../../src/lib/server/db';
import {
	attemptItems,
	attempts,
	auditLog,
	blueprints,
	certificates,
	contests,
	questionVersions,
	regions,
	scoreEvents,
	users
} from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_CONTEST_NAME } from '../../src/lib/server/seed/contests';
import { loadActor } from '../../src/lib/server/accounts/actor';
import type { Actor } from '../../src/lib/server/access';
import { saveAnswers, submitAttempt } from '../../src/lib/server/exams/attempts';
import {
	addEntrant,
	addJudge,
	addPracticalRound,
	addTeam,
	addTheoryRound,
	ContestError,
	contestsHome,
	createContest,
	DEFAULT_CONTEST,
	startTheoryRound
} from '../../src/lib/server/contests/service';
import {
	conflictReason,
	judgeOverview,
	reopenSheet,
	saveSheet,
	sheetView
} from '../../src/lib/server/contests/sheets';
import { findOnPublicBoard, loadBoard } from '../../src/lib/server/contests/board-load';
import {
	publishResults,
	resultsView,
	reveal,
	setFreeze,
	exportResults
} from '../../src/lib/server/contests/results';
import { notifyContest, subscribe, viewerCount } from '../../src/lib/server/contests/live';
import {
	addMonths,
	isWellFormedCertificateNumber,
	isWellFormedVerificationCode
} from '../../src/lib/server/certification/rules';
import { readXlsxRows } from '../../src/lib/server/tables';

let t: ReturnType<typeof createTestDb>;
let db: Db;

const actor = (phone: string): Actor => {
	const u = db.select().from(users).where(eq(users.phone, phone)).get();
	if (!u) throw new Error(`no user ${phone}`);
	return loadActor(db, u.id)!;
};
const regionId = (name: string) => db.select().from(regions).where(eq(regions.name, name)).get()!.id;
const tick = () => new Promise((r) => setImmediate(r));

// Accounts from the demo seed that no other contest test uses.
const ORGANISER = '13800000002'; // 王培训 (trainer)
const [E107, E108, E109, E110] = ['13800000107', '13800000108', '13800000109', '13800000110'];
const [J113, J114, J115, J111, ZHAO] = [
	'13800000113',
	'13800000114',
	'13800000115',
	'13800000111',
	'13800000005'
];

let contestId: number;
let theoryRound: number;
let caseRound: number;
const entrant: Record<string, number> = {};

beforeAll(async () => {
	t = createTestDb();
	db = t.db;
	await seedDemo(db);
});
afterAll(() => t.cleanup());

describe('demo contest', () => {
	it('is an open 执法比武 with theory results and submitted sheets on its board', () => {
		const c = db.select().from(contests).where(eq(contests.name, DEMO_CONTEST_NAME)).get()!;
		const board = loadBoard(db, c.id, 'public');
		expect(board.rows).toHaveLength(6);
		expect(board.teams).toHaveLength(2);
		expect(board.rounds.map((r) => r.name)).toEqual(['理论考试', '案卷评查']);
		const theory = board.rows.filter((r) => r.scores[0] != null);
		expect(theory).toHaveLength(4);
		expect(theory.every((r) => r.timeUsed! > 40 * 60)).toBe(true);
		expect(board.rows.filter((r) => r.scores[1] != null)).toHaveLength(3);
		expect(board.rows[0].rank).toBe(1);
		expect(board.status).toBe('running');
	});
});

describe('a 执法比武 end to end', () => {
	it('is set up by an organiser: entrants, teams with a reserve, judges, a theory and a 案卷评查 round', () => {
		const org = actor(ORGANISER);
		const r = createContest(db, org, {
			...DEFAULT_CONTEST,
			name: '测试执法比武',
			kind: 'enforcement',
			awardRule: { mode: 'count', first: 1, second: 1, third: 1 }
		});
		expect(r.ok).toBe(true);
		contestId = (r as { id: number }).id;

		// A theory round needs entrants first (they are the exam session's name list).
		const early = addTheoryRound(db, org, contestId, {
			name: '理论',
			weight: 40,
			blueprintId: db.select().from(blueprints).where(eq(blueprints.tradeCode, 'enforcement')).get()!.id,
			samePaper: true,
			opensAt: new Date(Date.now() - 3600_000),
			closesAt: new Date(Date.now() + 86_400_000)
		});
		expect(early.ok).toBe(false);

		const teamA = addTeam(db, org, contestId, '甲队');
		const teamB = addTeam(db, org, contestId, '乙队');
		entrant[E107] = addEntrant(db, org, contestId, { userId: actor(E107).id, teamId: teamA, reserve: false });
		entrant[E108] = addEntrant(db, org, contestId, { userId: actor(E108).id, teamId: teamA, reserve: true });
		entrant[E109] = addEntrant(db, org, contestId, { userId: actor(E109).id, teamId: teamB, reserve: false });
		entrant[E110] = addEntrant(db, org, contestId, { userId: actor(E110).id, teamId: teamB, reserve: false });
		// Only regulators enter a 执法比武; one reserve per team.
		expect(() =>
			addEntrant(db, org, contestId, { userId: actor('13800000010').id, teamId: null, reserve: false })
		).toThrow(ContestError);
		expect(() =>
			addEntrant(db, org, contestId, { userId: actor('13800000101').id, teamId: teamA, reserve: true })
		).toThrow('每个代表队只能有一名替补队员');

		addJudge(db, org, contestId, { userId: actor(J113).id, chief: true });
		for (const p of [J114, J115, ZHAO]) addJudge(db, org, contestId, { userId: actor(p).id, chief: false });
		addJudge(db, org, contestId, { userId: actor(J111).id, chief: false, regionId: regionId('闻喜县') });
		expect(() => addJudge(db, org, contestId, { userId: actor(E107).id, chief: false })).toThrow(
			ContestError
		);

		const theory = addTheoryRound(db, org, contestId, {
			name: '理论',
			weight: 40,
			blueprintId: db.select().from(blueprints).where(eq(blueprints.tradeCode, 'enforcement')).get()!.id,
			samePaper: true,
			opensAt: new Date(Date.now() - 3600_000),
			closesAt: new Date(Date.now() + 86_400_000)
		});
		expect(theory.ok).toBe(true);
		theoryRound = (theory as { id: number }).id;
		const practical = addPracticalRound(db, org, contestId, {
			name: '案卷评查',
			weight: 60,
			rubric: [
				{ name: '调查取证', maxPoints: 10, descriptor: '证据充分' },
				{ name: '法律适用', maxPoints: 20, descriptor: '定性准确' }
			]
		});
		expect(practical.ok).toBe(true);
		caseRound = (practical as { id: number }).id;

		// Others cannot organise it.
		expect(() => addTeam(db, actor(J113), contestId, '丙队')).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(contestsHome(db, actor(E107)).entering.map((c) => c.id)).toContain(contestId);
	});

	it('refuses a judge scoring an entrant of their own region (or a region inside it)', () => {
		const qian = actor(J111); // 闻喜县
		const offered = judgeOverview(db, qian, contestId).rounds[0].entrants.map((e) => e.id);
		expect(offered).toEqual([entrant[E107], entrant[E108]]); // 109 is 闻喜县, 110 is 东镇镇 ⊂ 闻喜县
		expect(() => sheetView(db, qian, contestId, caseRound, entrant[E109])).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => saveSheet(db, qian, contestId, caseRound, entrant[E110], { 1: 5, 2: 5 }, true)).toThrow(
			expect.objectContaining({ status: 403 })
		);
		// Same enterprise, and a judge scoring themself, are conflicts too.
		expect(
			conflictReason(
				db,
				{ userId: 1, enterpriseId: 7, regionId: null },
				{ userId: 2, enterpriseId: 7, regionId: null }
			)
		).toMatch('同一企业');
		expect(
			conflictReason(
				db,
				{ userId: 1, enterpriseId: null, regionId: null },
				{ userId: 2, enterpriseId: 7, regionId: null }
			)
		).toBeNull();
		// Not a judge of this contest at all.
		expect(() => judgeOverview(db, actor('13800000112'), contestId)).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});

	it('records a theory result from a real exam attempt as a score event with the time used', async () => {
		const who = actor(E107);
		const attemptId = startTheoryRound(db, who, theoryRound);
		const judgeItems = db
			.select({
				position: attemptItems.position,
				type: questionVersions.type,
				answer: questionVersions.answer,
				optionOrder: attemptItems.optionOrder
			})
			.from(attemptItems)
			.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
			.where(eq(attemptItems.attemptId, attemptId))
			.orderBy(asc(attemptItems.position))
			.all()
			.filter((i) => i.type === 'judge')
			.slice(0, 5);
		saveAnswers(
			db,
			who,
			attemptId,
			judgeItems.map((i, k) => ({ position: i.position, answer: i.answer, seq: k + 1 }))
		);
		db.update(attempts)
			.set({ startedAt: new Date(Date.now() - 95_000) })
			.where(eq(attempts.id, attemptId))
			.run();
		submitAttempt(db, who, attemptId, []);
		const a = db.select().from(attempts).where(eq(attempts.id, attemptId)).get()!;
		expect(a.score).toBe(5);
		const ev = db
			.select()
			.from(scoreEvents)
			.where(and(eq(scoreEvents.roundId, theoryRound), eq(scoreEvents.entrantId, entrant[E107])))
			.all();
		expect(ev).toHaveLength(1);
		expect(ev[0].score).toBe(5); // 5 of 100 points = 5 %
		expect(ev[0].timeUsed).toBeGreaterThanOrEqual(95);
		expect(ev[0].timeUsed).toBeLessThan(100);
		// Only one sitting counts.
		expect(() => startTheoryRound(db, who, theoryRound)).toThrow('只计一次成绩');
		// A regulator not entered cannot sit it.
		expect(() => startTheoryRound(db, actor('13800000101'), theoryRound)).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});

	it('takes the mean of 4 judges, then the trimmed mean once 5 judges scored, and pushes each change live', async () => {
		const frames: string[] = [];
		const unsubscribe = subscribe(
			contestId,
			{ view: 'public', write: (c) => frames.push(new TextDecoder().decode(c)) },
			(v) => loadBoard(db, contestId, v)
		);
		expect(frames).toHaveLength(1); // the board at once on connect
		const sheets: [string, number, number][] = [
			[J113, 8, 15],
			[J114, 9, 16],
			[J115, 7, 20],
			[ZHAO, 10, 0],
			[J111, 6, 17]
		];
		const roundScores: (number | null)[] = [];
		for (const [phone, a, b] of sheets) {
			const r = saveSheet(db, actor(phone), contestId, caseRound, entrant[E107], { 1: a, 2: b }, true);
			roundScores.push(r.roundScore);
		}
		// 4 judges: (8+9+7+10)/4 = 8.5 and (15+16+20+0)/4 = 12.75 → 21.25 / 30 = 70.83 %
		expect(roundScores[3]).toBe(70.83);
		// 5 judges: drop 6 & 10 → 8; drop 0 & 20 → 16 → 24 / 30 = 80 %
		expect(roundScores[4]).toBe(80);
		await tick();
		const last = JSON.parse(frames.at(-1)!.split('data: ')[1]);
		const row = last.rows.find((r: { entrantId: number }) => r.entrantId === entrant[E107]);
		// 0.4 × 5 + 0.6 × 80 = 50
		expect(row.total).toBe(50);
		expect(row.rank).toBe(1);
		expect(frames.length).toBeGreaterThan(1);
		unsubscribe();
	});

	it('validates marks and needs every item on submit; a draft may be partial', () => {
		const j = actor(J114);
		expect(() => saveSheet(db, j, contestId, caseRound, entrant[E109], { 1: 11 }, false)).toThrow(
			'超过该项满分 10 分'
		);
		expect(() => saveSheet(db, j, contestId, caseRound, entrant[E109], { 1: 5 }, true)).toThrow('尚未评分');
		expect(saveSheet(db, j, contestId, caseRound, entrant[E109], { 1: 5 }, false).submitted).toBe(false);
		expect(sheetView(db, j, contestId, caseRound, entrant[E109]).marks).toEqual({ 1: 5 });
	});

	it('hides results recorded after the freeze from the public board but not from the jury', async () => {
		const org = actor(ORGANISER);
		setFreeze(db, org, contestId, new Date());
		await new Promise((r) => setTimeout(r, 5));
		saveSheet(db, actor(J113), contestId, caseRound, entrant[E109], { 1: 10, 2: 20 }, true);
		const pub = loadBoard(db, contestId, 'public');
		const jury = loadBoard(db, contestId, 'jury');
		const p109 = pub.rows.find((r) => r.entrantId === entrant[E109])!;
		const j109 = jury.rows.find((r) => r.entrantId === entrant[E109])!;
		expect(pub.frozen).toBe(true);
		expect(p109.total).toBe(0);
		expect(j109.total).toBe(60); // 0.6 × 100
		expect(j109.rank).toBe(1);
		expect(jury.hiddenEvents).toBe(1);
		expect(pub.hiddenEvents).toBe(0);
		expect(pub.sheets).toBeUndefined();
		expect(jury.sheets!.length).toBeGreaterThanOrEqual(6);
	});

	it('查名次 finds an entrant by part of the name with the public (frozen) rank and total', () => {
		const pub = loadBoard(db, contestId, 'public');
		const row = pub.rows.find((r) => r.entrantId === entrant[E109])!;
		const found = findOnPublicBoard(db, contestId, row.name.slice(0, 2));
		expect(found.rows.map((r) => r.entrantId)).toContain(entrant[E109]);
		const hit = found.rows.find((r) => r.entrantId === entrant[E109])!;
		// Frozen: the public rank and total, not the jury's 60.
		expect(hit).toMatchObject({ rank: row.rank, total: row.total });
		expect(hit.total).toBe(0);
		expect(found.rows.every((r) => r.name.includes(row.name.slice(0, 2)))).toBe(true);
		expect(findOnPublicBoard(db, contestId, row.name.slice(0, 1))).toMatchObject({
			rows: [],
			message: expect.stringContaining('2–20')
		});
		expect(findOnPublicBoard(db, contestId, '没有这个人名')).toEqual({ rows: [], more: false });
	});

	it('locks a submitted sheet; only the chief judge reopens it, with a recorded reason', () => {
		const j = actor(J113);
		expect(() => saveSheet(db, j, contestId, caseRound, entrant[E109], { 1: 9, 2: 20 }, true)).toThrow(
			'已提交并锁定'
		);
		const sheet = loadBoard(db, contestId, 'jury').sheets!.find(
			(s) => s.entrantId === entrant[E109] && s.judgeId === j.id
		)!;
		expect(() => reopenSheet(db, actor(J114), sheet.sheetId, '录入错误')).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(() => reopenSheet(db, j, sheet.sheetId, ' ')).toThrow('请填写退回原因');
		reopenSheet(db, j, sheet.sheetId, '第1项误录为10分');
		const log = db.select().from(auditLog).where(eq(auditLog.action, 'grade.change')).all().at(-1)!;
		expect(log.target).toBe(`score_sheet:${sheet.sheetId}`);
		expect(log.detail).toMatchObject({ reason: '第1项误录为10分', marks: { 1: 10, 2: 20 } });
		expect(sheetView(db, j, contestId, caseRound, entrant[E109])).toMatchObject({
			submitted: false,
			reopenReason: '第1项误录为10分'
		});
		// Publishing waits for the reopened sheet.
		expect(() => publishResults(db, actor(ORGANISER), contestId)).toThrow('尚未重新提交');
		const r = saveSheet(db, j, contestId, caseRound, entrant[E109], { 1: 9, 2: 20 }, true);
		expect(r.roundScore).toBe(96.67); // 29 / 30
	});

	it('reveals the final standings on the public board', () => {
		reveal(db, actor(ORGANISER), contestId);
		const pub = loadBoard(db, contestId, 'public');
		const jury = loadBoard(db, contestId, 'jury');
		expect(pub.frozen).toBe(false);
		expect(pub.rows.map((r) => [r.entrantId, r.rank, r.total])).toEqual(
			jury.rows.map((r) => [r.entrantId, r.rank, r.total])
		);
		expect(pub.rows[0]).toMatchObject({ entrantId: entrant[E109], rank: 1, total: 58 }); // 0.6 × 96.67
	});

	it('scores teams without their reserve', () => {
		saveSheet(db, actor(J115), contestId, caseRound, entrant[E110], { 1: 5, 2: 10 }, true); // 50 % → 30
		const board = loadBoard(db, contestId, 'public');
		const total = (e: string) => board.rows.find((r) => r.entrantId === entrant[e])!.total;
		const a = board.teams.find((t) => t.name === '甲队')!;
		const b = board.teams.find((t) => t.name === '乙队')!;
		expect(a.score).toBe(total(E107)); // 108 is the reserve
		expect(a.members).toContainEqual({ name: '孙文博', reserve: true });
		expect(b.score).toBe(Math.round((total(E109) + total(E110)) * 100) / 100);
		expect(board.teams[0].rank).toBe(1);
	});

	it('publishes results with awards and verifiable award certificates, and exports them', async () => {
		const before = db.select().from(certificates).where(eq(certificates.kind, 'award')).all().length;
		const r = publishResults(db, actor(ORGANISER), contestId);
		expect(r.certificates).toBe(3); // 1 + 1 + 1 by count
		const certs = db.select().from(certificates).where(eq(certificates.kind, 'award')).all().slice(before);
		expect(certs.map((c) => c.title)).toEqual([
			'测试执法比武 一等奖',
			'测试执法比武 二等奖',
			'测试执法比武 三等奖'
		]);
		for (const c of certs) {
			expect(isWellFormedCertificateNumber(c.number)).toBe(true);
			expect(c.number).toMatch(/^AX-JS-\d{4}-\d{6}$/);
			expect(isWellFormedVerificationCode(c.verificationCode)).toBe(true);
			expect(c.validUntil).toBe(addMonths(c.issuedOn, 1200));
		}
		expect(certs[0].userId).toBe(actor(E109).id);
		const view = resultsView(db, actor(E107), contestId);
		expect(view.published).toBe(true);
		if (view.published) {
			expect(view.board.rows[0].award).toBe('一等奖');
			expect(view.certificates[entrant[E109]]?.code).toBe(certs[0].verificationCode);
		}
		// Published: nothing changes any more.
		expect(() =>
			saveSheet(db, actor(J114), contestId, caseRound, entrant[E109], { 1: 5, 2: 5 }, true)
		).toThrow('成绩已发布');
		expect(() => publishResults(db, actor(ORGANISER), contestId)).toThrow('成绩已发布');
		const rows = await readXlsxRows(await exportResults(db, actor(ORGANISER), contestId));
		expect(rows[0]).toContain('总分');
		expect(rows[1]).toContain('一等奖');
	});
});

describe('live channel', () => {
	it('computes once per view per change, writes the same bytes to every viewer and cleans up', async () => {
		const calls: string[] = [];
		let version = 0;
		const load = (view: 'public' | 'jury') => {
			calls.push(view);
			return { view, version, refreshAt: null };
		};
		const got: Uint8Array[][] = [[], [], []];
		const un = [
			subscribe(9001, { view: 'public', write: (c) => got[0].push(c) }, load),
			subscribe(9001, { view: 'public', write: (c) => got[1].push(c) }, load),
			subscribe(9001, { view: 'jury', write: (c) => got[2].push(c) }, load)
		];
		expect(calls).toEqual(['public', 'jury']); // the second public viewer got the cached frame
		let failing = 0;
		const unBroken = subscribe(
			9001,
			{
				view: 'public',
				write: () => {
					if (failing++ > 0) throw new Error('gone');
				}
			},
			load
		);
		calls.length = 0;
		version = 1;
		notifyContest(9001);
		notifyContest(9001); // coalesced
		expect(calls).toEqual([]); // nothing inside the caller's (transaction) turn
		await tick();
		expect(calls.sort()).toEqual(['jury', 'public']);
		expect(got[0]).toHaveLength(2);
		expect(got[0][1]).toBe(got[1][1]); // one serialisation for all public viewers
		expect(new TextDecoder().decode(got[2][1])).toContain('"view":"jury","version":1');
		expect(viewerCount(9001)).toBe(3); // the failing viewer was dropped
		unBroken();
		for (const u of un) u();
		expect(viewerCount(9001)).toBe(0);
	});
});
