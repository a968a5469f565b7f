/**
 * Demo exams: the standard blueprints, three open sessions, and a finished sitting of the
 * policy test by 20 demo workers so trainers can see results and item statistics at once.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { Db } from '../db';
import { attemptItems, blueprints, enterprises, questionVersions, users, userRoles } from '../db/schema';
import { loadActor } from '../accounts/actor';
import { saveAnswers, startSessionAttempt, submitAttempt } from '../exams/attempts';
import { originalToDisplay } from '../exams/scoring';
import { createSession } from '../exams/sessions';
import { STANDARD_BLUEPRINTS } from './blueprints';

const DAY = 86_400_000;

export function seedBlueprints(db: Db) {
	const ids = new Map<string, number>();
	for (const b of STANDARD_BLUEPRINTS) {
		const { id } = db
			.insert(blueprints)
			.values({
				tradeCode: b.tradeCode,
				name: b.name,
				sections: b.sections,
				durationMinutes: b.durationMinutes,
				updatedAt: new Date()
			})
			.returning({ id: blueprints.id })
			.get();
		ids.set(b.tradeCode, id);
	}
	return ids;
}

export function seedExamDemo(db: Db) {
	const bp = seedBlueprints(db);
	const admin = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'admin')).get()!;
	const organiser = loadActor(db, admin.id)!;
	const t = Date.now();
	const yuanqu = db
		.select({ id: enterprises.id })
		.from(enterprises)
		.all()
		.map((e) => e.id)
		.slice(0, 4);
	const session = (
		tradeCode: string,
		title: string,
		audience: Parameters<typeof createSession>[2]['audience'],
		eligibility: 'assigned' | 'hours' = 'assigned'
	) => {
		const r = createSession(db, organiser, {
			blueprintId: bp.get(tradeCode)!,
			title,
			opensAt: new Date(t - DAY),
			closesAt: new Date(t + 60 * DAY),
			audience,
			eligibility
		});
		if (!r.ok) throw new Error(r.problems.join('；'));
		return r.id;
	};
	session('electrician-low-voltage', '2026年第四季度低压电工作业理论考试', {
		tradeCodes: ['electrician-low-voltage']
	});
	session('work-at-height', '2026年第四季度高处作业理论考试', { tradeCodes: ['work-at-height'] });
	// This one admits only candidates who have completed the trade's required 学时.
	session(
		'welding-cutting',
		'2026年第四季度熔化焊接与热切割作业理论考试',
		{ tradeCodes: ['welding-cutting'] },
		'hours'
	);
	const policy = session('policy-2025', '2025年安全生产工作要点全员测试', { enterpriseIds: yuanqu });
	simulateSitting(db, policy, 20);
}

/** 20 demo workers sit the policy test with different abilities, so the statistics mean something. */
function simulateSitting(db: Db, sessionId: number, count: number) {
	const rng = xoroshiro128plus(20251);
	const rand = (max: number) => uniformInt(rng, 0, max - 1);
	// Demo workers other than the accounts the README hands out.
	const workers = db
		.select({ id: users.id })
		.from(users)
		.innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'worker')))
		.where(isNotNull(users.enterpriseId))
		.orderBy(asc(users.id))
		.all()
		.filter((u) => u.id > 8)
		.slice(0, count);
	workers.forEach((w, i) => {
		const actor = loadActor(db, w.id);
		if (!actor) return;
		let attemptId: number;
		try {
			attemptId = startSessionAttempt(db, actor, sessionId);
		} catch {
			return; // not in this session's audience
		}
		const ability = 40 + ((i * 37) % 56); // 40–95 % chance of knowing an average question
		const items = db
			.select({
				position: attemptItems.position,
				optionOrder: attemptItems.optionOrder,
				type: questionVersions.type,
				answer: questionVersions.answer,
				difficulty: questionVersions.difficulty,
				options: questionVersions.options
			})
			.from(attemptItems)
			.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
			.where(inArray(attemptItems.attemptId, [attemptId]))
			.all();
		const answers = items.map((it, k) => {
			const knows = rand(100) < ability - (it.difficulty - 3) * 10;
			let answer: string;
			if (it.type === 'judge') answer = knows ? it.answer : it.answer === '对' ? '错' : '对';
			else {
				const display = originalToDisplay(it.answer, it.optionOrder);
				if (knows) answer = display;
				else {
					const letters = 'ABCDEF'
						.slice(0, it.options.length)
						.split('')
						.filter((l) => !display.includes(l));
					answer =
						it.type === 'multiple'
							? [display[0], letters[rand(letters.length)]].sort().join('')
							: letters[rand(letters.length)];
				}
			}
			return { position: it.position, answer, seq: k + 1 };
		});
		saveAnswers(db, actor, attemptId, answers);
		submitAttempt(db, actor, attemptId, []);
	});
}
