/** 组卷规则: per-trade blueprints, refused when the bank cannot satisfy them. */
import { error } from '@sveltejs/kit';
import { and, asc, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import { bankGeneration } from '../banks/generation';
import type { Db } from '../db';
import { banks, blueprints, questionVersions, questions, trades, type BlueprintSection } from '../db/schema';
import { requireRole, type Actor } from '../access';
import { sectionShortfalls, type DrawCandidate } from './draw';

/** The drawable pool: current versions of the bank's published questions. */
export function loadPool(db: Db, tradeCode: string): DrawCandidate[] {
	const q = prepared(db, 'exam.pool', () =>
		db
			.select({
				questionId: questions.id,
				versionId: questionVersions.id,
				type: questionVersions.type,
				difficulty: questionVersions.difficulty,
				tags: questionVersions.tags,
				options: questionVersions.options
			})
			.from(questions)
			.innerJoin(banks, eq(banks.id, questions.bankId))
			.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
			.where(and(eq(banks.tradeCode, sql.placeholder('trade')), eq(questions.status, 'published')))
			.prepare()
	);
	// Every start draws from the pool: keep it until a bank changes (bankChanged bumps the generation).
	const cache = prepared(
		db,
		'exam.poolCache',
		() => new Map<string, { generation: number; pool: DrawCandidate[] }>()
	);
	const generation = bankGeneration(db);
	const hit = cache.get(tradeCode);
	if (hit && hit.generation === generation) return hit.pool;
	const pool = q.all({ trade: tradeCode }).map((r) => ({
		questionId: r.questionId,
		versionId: r.versionId,
		type: r.type,
		difficulty: r.difficulty,
		tags: r.tags,
		optionCount: r.options.length
	}));
	cache.set(tradeCode, { generation, pool });
	return pool;
}

export function tradeName(db: Db, tradeCode: string): string {
	const t = prepared(db, 'exam.tradeName', () =>
		db
			.select({ name: trades.name })
			.from(trades)
			.where(eq(trades.code, sql.placeholder('code')))
			.prepare()
	).get({ code: tradeCode });
	if (!t) error(404, '工种不存在');
	return t.name;
}

export function listBlueprints(db: Db, actor: Actor) {
	requireRole(actor, 'trainer', 'admin');
	return db
		.select({ bp: blueprints, trade: trades.name })
		.from(blueprints)
		.innerJoin(trades, eq(trades.code, blueprints.tradeCode))
		.orderBy(asc(blueprints.id))
		.all()
		.map(({ bp, trade }) => ({
			...bp,
			trade,
			totalPoints: totalPoints(bp.sections),
			updatedAt: bp.updatedAt.toISOString()
		}));
}

export function totalPoints(sections: BlueprintSection[]): number {
	return sections.reduce((s, x) => s + x.count * x.points, 0);
}

export interface BlueprintInput {
	tradeCode: string;
	name: string;
	sections: BlueprintSection[];
	durationMinutes: number;
	passMark: number;
	maxAttempts: number;
	shuffleQuestions: boolean;
	shuffleOptions: boolean;
	review: 'score' | 'full';
	multipleScoring: 'all_or_nothing' | 'half_for_subset';
}

/** Validates a blueprint: field rules first, then whether the bank can satisfy every section. */
export function blueprintProblems(db: Db, input: BlueprintInput): string[] {
	const problems: string[] = [];
	if (!input.name.trim()) problems.push('请填写规则名称');
	if (input.sections.length === 0) problems.push('至少需要一个题型部分');
	input.sections.forEach((s, i) => {
		const n = `第 ${i + 1} 部分`;
		if (!['single', 'multiple', 'judge'].includes(s.type)) problems.push(`${n}：题型无效`);
		if (!Number.isInteger(s.count) || s.count < 1) problems.push(`${n}：题量应为正整数`);
		if (!(s.points > 0) || Math.round(s.points * 2) !== s.points * 2)
			problems.push(`${n}：每题分值应为 0.5 的整数倍且大于 0`);
		if (s.minDifficulty != null && s.maxDifficulty != null && s.minDifficulty > s.maxDifficulty)
			problems.push(`${n}：最低难度不能高于最高难度`);
	});
	if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > 600)
		problems.push('考试时长应为 1–600 分钟');
	const total = totalPoints(input.sections);
	if (!(input.passMark > 0) || input.passMark > total) problems.push(`合格分应大于 0 且不超过总分 ${total}`);
	if (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1 || input.maxAttempts > 5)
		problems.push('考试次数应为 1–5 次');
	if (problems.length) return problems;
	return sectionShortfalls(loadPool(db, input.tradeCode), input.sections, tradeName(db, input.tradeCode));
}

export function saveBlueprint(
	db: Db,
	actor: Actor,
	id: number | null,
	input: BlueprintInput
): { ok: true; id: number } | { ok: false; problems: string[] } {
	requireRole(actor, 'trainer', 'admin');
	const problems = blueprintProblems(db, input);
	if (problems.length) return { ok: false, problems };
	const values = { ...input, name: input.name.trim(), createdBy: actor.id, updatedAt: new Date() };
	if (id) {
		const r = db.update(blueprints).set(values).where(eq(blueprints.id, id)).run();
		if (r.changes === 0) error(404, '组卷规则不存在');
		return { ok: true, id };
	}
	return { ok: true, id: db.insert(blueprints).values(values).returning({ id: blueprints.id }).get().id };
}

export function getBlueprint(db: Db, actor: Actor, id: number) {
	requireRole(actor, 'trainer', 'admin');
	const bp = db.select().from(blueprints).where(eq(blueprints.id, id)).get();
	if (!bp) error(404, '组卷规则不存在');
	return bp;
}
