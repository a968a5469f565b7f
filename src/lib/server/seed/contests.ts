/**
 * Demo contests: an open 执法比武 (垣曲县2025年安全生产执法比武) with a theory round through the
 * exam engine and a 案卷评查 round scored by judges — some entrants have sat the theory round and
 * some sheets are already submitted — and a 安康杯 职工技能比武 still being set up.
 *
 * Accounts (password as every demo account): regulators 13800000101–110 (101–106 compete in the
 * demo contest, 107–110 are free for a new contest), judges 13800000111–115 (111, 112 judge the
 * demo contest, 113–115 are free).
 */
import { eq } from 'drizzle-orm';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { Db } from '../db';
import {
	attemptItems,
	attempts,
	blueprints,
	contestRounds,
	questionVersions,
	regions,
	userRoles,
	users
} from '../db/schema';
import type { Role } from '../db/schema';
import { loadActor } from '../accounts/actor';
import { saveAnswers, startSessionAttempt, submitAttempt } from '../exams/attempts';
import { originalToDisplay } from '../exams/scoring';
import {
	addEntrant,
	addJudge,
	addPracticalRound,
	addTeam,
	addTheoryRound,
	CASE_FILE_RUBRIC,
	createContest,
	DEFAULT_CONTEST
} from '../contests/service';
import { saveSheet } from '../contests/sheets';

const DAY = 86_400_000;

export const DEMO_CONTEST_NAME = '垣曲县2025年安全生产执法比武';
export const DEMO_WORKER_CONTEST_NAME = '2025年"安康杯"职工安全技能比武';

/** [phone, name, region] of the demo regulators. */
const REGULATORS: [string, string, string][] = [
	['13800000101', '刘建国', '新城镇'],
	['13800000102', '陈志远', '历山镇'],
	['13800000103', '杨帆', '垣曲县'],
	['13800000104', '黄海涛', '闻喜县'],
	['13800000105', '吴晓东', '东镇镇'],
	['13800000106', '周敏', '闻喜县'],
	['13800000107', '徐立新', '古城镇'],
	['13800000108', '孙文博', '王茅镇'],
	['13800000109', '马振华', '闻喜县'],
	['13800000110', '朱丽娟', '东镇镇']
];

const JUDGES: [string, string][] = [
	['13800000111', '钱正平'],
	['13800000112', '郑明'],
	['13800000113', '韩立'],
	['13800000114', '曹静'],
	['13800000115', '彭涛']
];

export function seedContestDemo(db: Db) {
	const hash = db
		.select({ h: users.passwordHash })
		.from(users)
		.where(eq(users.phone, '13800000005'))
		.get()?.h;
	if (!hash) return;
	const region = (name: string) =>
		db.select({ id: regions.id }).from(regions).where(eq(regions.name, name)).get()!.id;
	const createdAt = new Date();
	const addUser = (name: string, phone: string, grant: { role: Role; regionId?: number }) => {
		const u = db.insert(users).values({ name, phone, passwordHash: hash, createdAt }).returning().get();
		db.insert(userRoles)
			.values({ userId: u.id, role: grant.role, regionId: grant.regionId ?? null })
			.run();
		return u.id;
	};
	const regulator = REGULATORS.map(([phone, name, r]) =>
		addUser(name, phone, { role: 'regulator', regionId: region(r) })
	);
	const judge = JUDGES.map(([phone, name]) => addUser(name, phone, { role: 'judge' }));
	const byPhone = (phone: string) =>
		db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).get()!.id;

	const organiser = loadActor(db, byPhone('13800000002'))!; // 王培训
	const must = <T extends { ok: boolean }>(r: T) => {
		if (!r.ok) throw new Error(JSON.stringify(r));
		return r as T & { ok: true; id: number };
	};

	// 执法比武: two county delegations of two members and one reserve each.
	const contestId = must(
		createContest(db, organiser, { ...DEFAULT_CONTEST, name: DEMO_CONTEST_NAME, kind: 'enforcement' })
	).id;
	const yuanqu = addTeam(db, organiser, contestId, '垣曲县应急管理局代表队');
	const wenxi = addTeam(db, organiser, contestId, '闻喜县应急管理局代表队');
	const entrant = regulator
		.slice(0, 6)
		.map((userId, i) =>
			addEntrant(db, organiser, contestId, { userId, teamId: i < 3 ? yuanqu : wenxi, reserve: i % 3 === 2 })
		);
	addJudge(db, organiser, contestId, { userId: byPhone('13800000005'), chief: true }); // 赵裁判
	addJudge(db, organiser, contestId, { userId: organiser.id, chief: false });
	addJudge(db, organiser, contestId, { userId: judge[0], chief: false, regionId: region('闻喜县') });
	addJudge(db, organiser, contestId, { userId: judge[1], chief: false, regionId: region('垣曲县') });

	const enforcement = db.select().from(blueprints).where(eq(blueprints.tradeCode, 'enforcement')).get();
	if (!enforcement) return;
	const t = Date.now();
	const theory = must(
		addTheoryRound(db, organiser, contestId, {
			name: '理论考试',
			weight: 40,
			blueprintId: enforcement.id,
			samePaper: true,
			opensAt: new Date(t - DAY),
			closesAt: new Date(t + 60 * DAY)
		})
	).id;
	const caseRound = must(
		addPracticalRound(db, organiser, contestId, { name: '案卷评查', weight: 60, rubric: CASE_FILE_RUBRIC })
	).id;

	// Four entrants have sat the theory round.
	const rng = xoroshiro128plus(2025);
	const rand = (max: number) => uniformInt(rng, 0, max - 1);
	[
		[0, 88, 52],
		[1, 76, 61],
		[3, 82, 47],
		[4, 70, 68]
	].forEach(([i, ability, minutes]) => sitTheory(db, regulator[i], theory, ability, minutes, rand));

	// Some 案卷评查 sheets are in. Judge 111 (闻喜县) avoids 闻喜 entrants, 112 (垣曲县) avoids 垣曲 ones.
	const rubric = CASE_FILE_RUBRIC;
	const mark = (max: number, quality: number) =>
		Math.min(max, Math.round(max * (quality + rand(20) / 100) * 2) / 2);
	const score = (judgeUserId: number, e: number, quality: number) => {
		const actor = loadActor(db, judgeUserId)!;
		const marks = Object.fromEntries(rubric.map((it, k) => [String(k + 1), mark(it.maxPoints, quality)]));
		saveSheet(db, actor, contestId, caseRound, entrant[e], marks, true);
	};
	const zhao = byPhone('13800000005');
	score(zhao, 0, 0.72);
	score(organiser.id, 0, 0.7);
	score(judge[0], 0, 0.75);
	score(zhao, 1, 0.8);
	score(organiser.id, 1, 0.78);
	score(zhao, 3, 0.68);
	score(judge[1], 3, 0.7);

	// 安康杯 职工技能比武: still being set up (a practical round, no entrants yet).
	const worker = must(
		createContest(db, organiser, {
			...DEFAULT_CONTEST,
			name: DEMO_WORKER_CONTEST_NAME,
			kind: 'worker',
			teamMode: 'average'
		})
	).id;
	addPracticalRound(db, organiser, worker, {
		name: '实操',
		weight: 100,
		rubric: [
			{ name: '个人防护用品穿戴', maxPoints: 20, descriptor: '安全帽、绝缘手套、防护眼镜等正确穿戴' },
			{ name: '作业前检查', maxPoints: 30, descriptor: '工器具、设备与作业环境检查到位，危险源辨识准确' },
			{ name: '规范操作', maxPoints: 40, descriptor: '按操作规程完成作业，无违章动作' },
			{ name: '现场清理与应急处置', maxPoints: 10, descriptor: '工完场清，能正确说明应急处置措施' }
		]
	});
}

/** A regulator sits the theory round: answers with the given ability and took `minutes`. */
function sitTheory(
	db: Db,
	userId: number,
	roundId: number,
	ability: number,
	minutes: number,
	rand: (max: number) => number
) {
	const actor = loadActor(db, userId)!;
	const sessionId = db
		.select({ s: contestRounds.sessionId })
		.from(contestRounds)
		.where(eq(contestRounds.id, roundId))
		.get()!.s!;
	const attemptId = startSessionAttempt(db, actor, sessionId);
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
		const knows = rand(100) < ability;
		let answer: string;
		if (it.type === 'judge') answer = knows ? it.answer : it.answer === '对' ? '错' : '对';
		else {
			const display = originalToDisplay(it.answer, it.optionOrder);
			const wrong = 'ABCDEF'
				.slice(0, it.options.length)
				.split('')
				.filter((l) => !display.includes(l));
			answer = knows || wrong.length === 0 ? display : wrong[rand(wrong.length)];
		}
		return { position: it.position, answer, seq: k + 1 };
	});
	saveAnswers(db, actor, attemptId, answers);
	// As if the paper had taken `minutes` to answer (the tie-break).
	db.update(attempts)
		.set({ startedAt: new Date(Date.now() - minutes * 60_000) })
		.where(eq(attempts.id, attemptId))
		.run();
	submitAttempt(db, actor, attemptId, []);
}
