/**
 * 练习: 顺序练习, 随机练习, 错题本 and 模拟考试 per trade. Practice shows the key and 解析 right
 * after each answer — it is the only place a key is sent before an exam is submitted, and only
 * for the question just answered.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import {
	banks,
	blueprints,
	postRequirements,
	questionVersions,
	questions,
	trades,
	workerPosts,
	wrongBook
} from '../db/schema';
import { hasRole, requireActor, type Actor } from '../access';
import { now } from '../clock';
import { recordPracticeOutcome } from './attempts';

/** The trades a person may practise: their posts' trades and the policy bank; 执法 for regulators. */
export function practiceTradeCodes(db: Db, actor: Actor): string[] {
	const codes = new Set<string>(['policy-2025']);
	const posts = db
		.select({ p: workerPosts.postId })
		.from(workerPosts)
		.where(eq(workerPosts.userId, actor.id))
		.all()
		.map((r) => r.p);
	if (posts.length)
		for (const r of db
			.select({ t: postRequirements.tradeCode })
			.from(postRequirements)
			.where(inArray(postRequirements.postId, posts))
			.all())
			codes.add(r.t);
	if (hasRole(actor, 'regulator')) codes.add('enforcement');
	return [...codes];
}

export function practiceTrades(db: Db, actor: Actor) {
	const codes = practiceTradeCodes(db, actor);
	return db
		.select({
			trade: trades.code,
			name: trades.name,
			questions: sql<number>`(select count(*) from questions q where q.bank_id = ${banks.id} and q.status = 'published')`,
			wrong: sql<number>`(select count(*) from wrong_book w join questions q on q.id = w.question_id where w.user_id = ${actor.id} and q.bank_id = ${banks.id})`
		})
		.from(trades)
		.innerJoin(banks, eq(banks.tradeCode, trades.code))
		.where(inArray(trades.code, codes))
		.all();
}

function requirePracticeTrade(db: Db, actor: Actor, tradeCode: string) {
	requireActor(actor);
	if (!practiceTradeCodes(db, actor).includes(tradeCode)) error(403, '该工种不在您的练习范围内');
}

export type PracticeMode = 'order' | 'random' | 'wrong';

/** The question to show (no key), for a mode and position. */
export function practiceQuestion(db: Db, actor: Actor, tradeCode: string, mode: PracticeMode, n: number) {
	requirePracticeTrade(db, actor, tradeCode);
	const base = db
		.select({ id: questions.id, ref: questions.ref })
		.from(questions)
		.innerJoin(banks, eq(banks.id, questions.bankId))
		.where(and(eq(banks.tradeCode, tradeCode), eq(questions.status, 'published')))
		.orderBy(asc(questions.position))
		.all();
	let ids = base.map((b) => b.id);
	if (mode === 'wrong') {
		const wrong = new Set(
			db
				.select({ q: wrongBook.questionId })
				.from(wrongBook)
				.where(eq(wrongBook.userId, actor.id))
				.all()
				.map((r) => r.q)
		);
		ids = ids.filter((id) => wrong.has(id));
	}
	const total = ids.length;
	if (total === 0) return { total, n: 0, question: null };
	const index = mode === 'random' ? Math.floor(Math.random() * total) : Math.min(Math.max(n, 1), total) - 1;
	const v = db
		.select({
			questionId: questions.id,
			type: questionVersions.type,
			stem: questionVersions.stem,
			options: questionVersions.options
		})
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(eq(questions.id, ids[index]))
		.get()!;
	const blueprint = db
		.select({ id: blueprints.id })
		.from(blueprints)
		.where(eq(blueprints.tradeCode, tradeCode))
		.orderBy(asc(blueprints.id))
		.get();
	return { total, n: index + 1, question: v, mockBlueprintId: blueprint?.id ?? null };
}

/** Checks a practice answer, updates the 错题本, and returns the key with its 解析. */
export function checkPractice(db: Db, actor: Actor, tradeCode: string, questionId: number, answer: string) {
	requirePracticeTrade(db, actor, tradeCode);
	const row = db
		.select({ v: questionVersions })
		.from(questions)
		.innerJoin(banks, eq(banks.id, questions.bankId))
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(
			and(eq(questions.id, questionId), eq(banks.tradeCode, tradeCode), eq(questions.status, 'published'))
		)
		.get();
	if (!row) error(404, '题目不存在');
	const right = answer === row.v.answer;
	recordPracticeOutcome(db, actor.id, questionId, right, now());
	return { right, answer: row.v.answer, explanation: row.v.explanation, source: row.v.source, given: answer };
}
