/** What trainers see of a session: live progress, results, item statistics and an export. */
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	attemptEvents,
	attemptItems,
	attempts,
	enterprises,
	questionVersions,
	questions,
	users
} from '../db/schema';
import { requireRole, type Actor } from '../access';
import { now } from '../clock';
import { cronbachAlpha, itemStatistics, scoreDistribution, type ItemResponse } from './stats';
import { sessionFor } from './sessions';
import { buildXlsx } from '../tables';
import { maskIdCard } from '../../idcard';

export function sessionMonitor(db: Db, actor: Actor, sessionId: number) {
	requireRole(actor, 'trainer', 'admin');
	const { s, bp } = sessionFor(db, sessionId);
	const rows = db
		.select({
			a: attempts,
			name: users.name,
			idCard: users.idCard,
			enterprise: enterprises.name,
			answered: sql<number>`(select count(*) from attempt_items i where i.attempt_id = ${attempts.id} and i.response is not null)`,
			total: sql<number>`(select count(*) from attempt_items i where i.attempt_id = ${attempts.id})`,
			hidden: sql<number>`(select count(*) from attempt_events e where e.attempt_id = ${attempts.id} and e.kind = 'hidden')`
		})
		.from(attempts)
		.innerJoin(users, eq(users.id, attempts.userId))
		.leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
		.where(eq(attempts.sessionId, sessionId))
		.orderBy(asc(attempts.id))
		.all();
	const t = now().getTime();
	const candidates = rows.map((r) => ({
		attemptId: r.a.id,
		name: r.name,
		idCard: maskIdCard(r.idCard),
		enterprise: r.enterprise ?? '',
		attemptNo: r.a.attemptNo,
		startedAt: r.a.startedAt.toISOString(),
		answered: r.answered,
		total: r.total,
		timeLeftMs: r.a.submittedAt ? 0 : Math.max(0, r.a.deadline.getTime() - t),
		submitted: !!r.a.submittedAt,
		submitReason: r.a.submitReason,
		score: r.a.score,
		passed: r.a.passed,
		pageHides: r.hidden
	}));
	const done = candidates.filter((c) => c.submitted);
	const scores = done.map((c) => c.score ?? 0);
	const maxScore = rows[0]?.a.maxScore ?? bp.sections.reduce((x, y) => x + y.count * y.points, 0);
	return {
		session: {
			id: s.id,
			title: s.title,
			opensAt: s.opensAt.toISOString(),
			closesAt: s.closesAt.toISOString(),
			blueprint: bp.name,
			passMark: bp.passMark
		},
		candidates,
		summary: {
			started: candidates.length,
			submitted: done.length,
			passed: done.filter((c) => c.passed).length,
			passRate: done.length ? done.filter((c) => c.passed).length / done.length : null,
			mean: done.length ? scores.reduce((a, b) => a + b, 0) / done.length : null,
			maxScore,
			distribution: scoreDistribution(scores, maxScore, 10)
		}
	};
}

/** Item statistics across the session's submitted attempts, plus Cronbach's alpha. */
export function sessionItemStats(db: Db, actor: Actor, sessionId: number) {
	requireRole(actor, 'trainer', 'admin');
	const submitted = db
		.select({ id: attempts.id, score: attempts.score })
		.from(attempts)
		.where(and(eq(attempts.sessionId, sessionId), isNotNull(attempts.submittedAt)))
		.all();
	if (submitted.length === 0) return { items: [], alpha: null, n: 0 };
	const ids = submitted.map((a) => a.id);
	const rows = db
		.select({
			attemptId: attemptItems.attemptId,
			response: attemptItems.response,
			awarded: attemptItems.awarded,
			points: attemptItems.points,
			questionId: questionVersions.questionId,
			ref: questions.ref,
			stem: questionVersions.stem,
			answer: questionVersions.answer,
			type: questionVersions.type
		})
		.from(attemptItems)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptItems.questionVersionId))
		.innerJoin(questions, eq(questions.id, questionVersions.questionId))
		.where(inArray(attemptItems.attemptId, ids))
		.all();
	const responses: ItemResponse[] = rows.map((r) => ({
		attemptId: r.attemptId,
		questionId: r.questionId,
		correct: (r.awarded ?? 0) >= r.points,
		awarded: r.awarded ?? 0,
		points: r.points,
		chosen: r.response
	}));
	const totals = new Map(submitted.map((a) => [a.id, a.score ?? 0]));
	const stats = itemStatistics(responses, totals);
	const meta = new Map(rows.map((r) => [r.questionId, r]));
	// Alpha needs a rectangular matrix: questions every submitted attempt had (a fixed paper), or none for random papers.
	const common = [...stats.entries()].filter(([, s]) => s.n === submitted.length).map(([q]) => q);
	const byAttempt = new Map<number, Map<number, number>>();
	for (const r of responses) {
		if (!byAttempt.has(r.attemptId)) byAttempt.set(r.attemptId, new Map());
		byAttempt.get(r.attemptId)!.set(r.questionId, r.awarded / r.points);
	}
	const alpha =
		common.length >= 2
			? cronbachAlpha(ids.map((a) => common.map((q) => byAttempt.get(a)?.get(q) ?? 0)))
			: null;
	return {
		n: submitted.length,
		alpha,
		items: [...stats.entries()]
			.map(([questionId, s]) => ({
				questionId,
				ref: meta.get(questionId)!.ref,
				stem: meta.get(questionId)!.stem,
				answer: meta.get(questionId)!.answer,
				type: meta.get(questionId)!.type,
				...s
			}))
			.sort((a, b) => a.facility - b.facility)
	};
}

export async function exportSessionResults(db: Db, actor: Actor, sessionId: number): Promise<Buffer> {
	const m = sessionMonitor(db, actor, sessionId);
	return buildXlsx([
		{
			name: '成绩',
			rows: [
				[
					'姓名',
					'身份证号',
					'单位',
					'第几次',
					'开始时间',
					'已答',
					'总题数',
					'交卷方式',
					'成绩',
					'是否合格',
					'离开页面次数'
				],
				...m.candidates.map((c) => [
					c.name,
					c.idCard,
					c.enterprise,
					c.attemptNo,
					new Date(c.startedAt).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }),
					c.answered,
					c.total,
					!c.submitted ? '未交卷' : c.submitReason === 'deadline' ? '到时自动交卷' : '考生交卷',
					c.score ?? '',
					c.passed == null ? '' : c.passed ? '合格' : '不合格',
					c.pageHides
				])
			],
			widths: [10, 22, 28, 8, 20, 8, 8, 14, 8, 10, 12]
		}
	]);
}

/** Page-hide events of one attempt (server times), for the trainer. */
export function attemptEventsFor(db: Db, actor: Actor, attemptId: number) {
	requireRole(actor, 'trainer', 'admin');
	return db
		.select()
		.from(attemptEvents)
		.where(eq(attemptEvents.attemptId, attemptId))
		.orderBy(asc(attemptEvents.at))
		.all();
}
