/**
 * Paper drawing (组卷): picks the questions of one attempt from a bank according to a blueprint.
 *
 * Pure: no database, no I/O. The caller loads the pool (current versions of the PUBLISHED questions
 * of the trade's bank) and stores the result in `attempt_items` together with the seed, from which
 * the same paper can be drawn again as long as the pool is the same.
 *
 * Determinism: the string seed is hashed with SHA-256; the first 16 bytes (four big-endian int32)
 * are the state of pure-rand's xoroshiro128+. The pool is sorted by questionId before anything
 * else, so its order does not matter. Changing this file's algorithm changes which paper a stored
 * seed reproduces — treat it like a data format.
 */
import { createHash, randomBytes } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { BlueprintSection } from '../db/schema/exams';
import type { QuestionType } from '../banks/types';

/** One drawable question: the current version of a published question of the bank. */
export interface DrawCandidate {
	questionId: number;
	versionId: number;
	type: 'single' | 'multiple' | 'judge';
	difficulty: number;
	tags: string[];
	optionCount: number;
}

/** One question of a drawn paper. */
export interface DrawnItem {
	/** 1-based question number on the paper (题号); contiguous across sections. */
	position: number;
	questionId: number;
	versionId: number;
	/** Display position i shows original option optionOrder[i]; `[]` for 判断. */
	optionOrder: number[];
	points: number;
	/** 0-based index of the blueprint section the question was drawn for. */
	section: number;
}

/** Thrown by `drawPaper` when the pool cannot satisfy the blueprint; `messages` are in Chinese. */
export class ShortfallError extends Error {
	readonly messages: string[];
	constructor(messages: string[]) {
		super(messages.join('；'));
		this.name = 'ShortfallError';
		this.messages = messages;
	}
}

const SECTION_TYPE_LABEL: Record<QuestionType, string> = {
	single: '单选题',
	multiple: '多选题',
	judge: '判断题'
};

/** Whether a candidate satisfies a section's filter (type, any of the tags, difficulty range). */
export function matchesSection(c: DrawCandidate, s: BlueprintSection): boolean {
	if (c.type !== s.type) return false;
	if (s.tags && s.tags.length > 0 && !s.tags.some((t) => c.tags.includes(t))) return false;
	if (s.minDifficulty != null && c.difficulty < s.minDifficulty) return false;
	if (s.maxDifficulty != null && c.difficulty > s.maxDifficulty) return false;
	return true;
}

/** "判断题 知识点「触电急救」 难度≥3" — the section's filter in the words trainers use. */
export function describeSection(s: BlueprintSection): string {
	const parts = [SECTION_TYPE_LABEL[s.type]];
	if (s.tags && s.tags.length > 0) parts.push('知识点' + s.tags.map((t) => `「${t}」`).join('或'));
	const lo = s.minDifficulty;
	const hi = s.maxDifficulty;
	if (lo != null && hi != null) parts.push(lo === hi ? `难度 ${lo}` : `难度 ${lo}–${hi}`);
	else if (lo != null) parts.push(`难度≥${lo}`);
	else if (hi != null) parts.push(`难度≤${hi}`);
	return parts.join(' ');
}

function withTrade(tradeName: string, text: string): string {
	return tradeName ? `${tradeName} ${text}` : text;
}

/** Sorted by questionId, one entry per question (the highest versionId wins if the caller sent two). */
function normalisePool(pool: DrawCandidate[]): DrawCandidate[] {
	const byQuestion = new Map<number, DrawCandidate>();
	for (const c of pool) {
		const prev = byQuestion.get(c.questionId);
		if (!prev || c.versionId > prev.versionId) byQuestion.set(c.questionId, c);
	}
	return [...byQuestion.values()].sort((a, b) => a.questionId - b.questionId);
}

function validCount(n: number): boolean {
	return Number.isInteger(n) && n >= 0;
}

/**
 * A b-matching of questions to sections (each section takes up to `count` questions, each question
 * goes to at most one section it matches), grown one question at a time by augmenting paths
 * (Kuhn's algorithm from the question side). A question that gets in stays in; only the section
 * it is counted for may change. So the set of questions taken by feeding questions in some order is
 * the greedy basis of the transversal matroid for that order — maximum, and with every earlier
 * question preferred over any later one.
 */
class Allocation {
	readonly members: number[][];
	readonly sectionOf: Int32Array;
	size = 0;

	constructor(
		readonly capacity: number[],
		/** eligible[q] = indexes of the sections question q matches */
		readonly eligible: number[][]
	) {
		this.members = capacity.map(() => []);
		this.sectionOf = new Int32Array(eligible.length).fill(-1);
	}

	get full(): boolean {
		return this.size === this.capacity.reduce((a, b) => a + b, 0);
	}

	/** Tries to take question q; returns whether it was taken. */
	add(q: number): boolean {
		if (this.sectionOf[q] !== -1 || this.eligible[q].length === 0) return false;
		const ok = this.place(q, new Set<number>());
		if (ok) this.size++;
		return ok;
	}

	private place(q: number, visited: Set<number>): boolean {
		for (const s of this.eligible[q]) {
			if (visited.has(s)) continue;
			visited.add(s);
			if (this.members[s].length < this.capacity[s]) {
				this.members[s].push(q);
				this.sectionOf[q] = s;
				return true;
			}
			const list = this.members[s];
			for (let i = 0; i < list.length; i++) {
				const other = list[i];
				if (this.place(other, visited)) {
					// `other` now sits in another section; q takes its seat here.
					list[i] = q;
					this.sectionOf[q] = s;
					return true;
				}
			}
		}
		return false;
	}
}

interface Prepared {
	pool: DrawCandidate[];
	capacity: number[];
	eligible: number[][];
	invalid: string[];
}

function prepare(rawPool: DrawCandidate[], sections: BlueprintSection[], tradeName: string): Prepared {
	const pool = normalisePool(rawPool);
	const invalid: string[] = [];
	const capacity = sections.map((s, i) => {
		if (validCount(s.count)) return s.count;
		invalid.push(
			withTrade(tradeName, `第${i + 1}部分（${describeSection(s)}）的题量应为非负整数，当前为 ${s.count}`)
		);
		return 0;
	});
	const eligible = pool.map((c) => {
		const out: number[] = [];
		sections.forEach((s, i) => {
			if (capacity[i] > 0 && matchesSection(c, s)) out.push(i);
		});
		return out;
	});
	return { pool, capacity, eligible, invalid };
}

/**
 * Why the pool cannot fill the blueprint, in Chinese; `[]` when it can.
 *
 * First, each section on its own: "低压电工作业 判断题 难度≥3 只有 12 道，需要 20 道".
 * Then sections that compete for the same questions: a maximum allocation is computed, and every
 * group of sections that together need more distinct questions than exist for them (a Hall's
 * theorem violator, found from the unfilled sections by alternating paths) is reported, unless the
 * sections' own shortfalls already account for the whole gap.
 */
export function sectionShortfalls(
	pool: DrawCandidate[],
	sections: BlueprintSection[],
	tradeName: string
): string[] {
	const { pool: sorted, capacity, eligible, invalid } = prepare(pool, sections, tradeName);
	const messages = [...invalid];

	const available = sections.map(() => 0);
	for (const list of eligible) for (const s of list) available[s]++;
	const ownDeficit = sections.map((_, i) => Math.max(0, capacity[i] - available[i]));
	sections.forEach((s, i) => {
		if (ownDeficit[i] > 0)
			messages.push(
				withTrade(tradeName, `${describeSection(s)} 只有 ${available[i]} 道，需要 ${capacity[i]} 道`)
			);
	});

	const alloc = new Allocation(capacity, eligible);
	for (let q = 0; q < sorted.length && !alloc.full; q++) alloc.add(q);
	if (alloc.full) return messages;

	// questionsOf[s] = the questions section s could use
	const questionsOf: number[][] = sections.map(() => []);
	eligible.forEach((list, q) => list.forEach((s) => questionsOf[s].push(q)));

	// Sections reachable from an unfilled section by alternating paths.
	const reached = new Set<number>();
	const queue: number[] = [];
	capacity.forEach((cap, s) => {
		if (alloc.members[s].length < cap) {
			reached.add(s);
			queue.push(s);
		}
	});
	while (queue.length > 0) {
		const s = queue.shift()!;
		for (const q of questionsOf[s]) {
			const t = alloc.sectionOf[q];
			if (t !== -1 && t !== s && !reached.has(t)) {
				reached.add(t);
				queue.push(t);
			}
		}
	}

	// Split the reached sections into groups that share candidate questions.
	const parent = new Map<number, number>();
	const find = (x: number): number => {
		let r = x;
		while (parent.get(r) !== r) r = parent.get(r)!;
		parent.set(x, r);
		return r;
	};
	for (const s of reached) parent.set(s, s);
	for (const list of eligible) {
		const inReach = list.filter((s) => reached.has(s));
		for (let i = 1; i < inReach.length; i++) parent.set(find(inReach[i]), find(inReach[0]));
	}
	const groups = new Map<number, number[]>();
	for (const s of [...reached].sort((a, b) => a - b)) {
		const r = find(s);
		groups.set(r, [...(groups.get(r) ?? []), s]);
	}

	for (const group of [...groups.values()].sort((a, b) => a[0] - b[0])) {
		if (group.length < 2) continue;
		const distinct = new Set<number>();
		for (const s of group) for (const q of questionsOf[s]) distinct.add(q);
		const need = group.reduce((sum, s) => sum + capacity[s], 0);
		const gap = need - distinct.size;
		const explained = group.reduce((sum, s) => sum + ownDeficit[s], 0);
		if (gap <= explained) continue;
		const parts = group.map((s) => `第${s + 1}部分（${describeSection(sections[s])}）`).join('、');
		messages.push(
			withTrade(tradeName, `${parts} 能用的题目有重叠，合计只有 ${distinct.size} 道不同的题，需要 ${need} 道`)
		);
	}
	if (messages.length === 0) {
		// Cannot happen (a maximum allocation that is not full always has a violator); stay explicit.
		messages.push(withTrade(tradeName, '题库中的题目不足以按组卷规则组成一份试卷'));
	}
	return messages;
}

/** xoroshiro128+ seeded from the first 128 bits of SHA-256(seed). */
function rngFromSeed(seed: string): RandomGenerator {
	const digest = createHash('sha256').update(seed, 'utf8').digest();
	const state = [0, 4, 8, 12].map((o) => digest.readInt32BE(o));
	if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1; // the all-zero state is a fixed point
	return xoroshiro128plusFromState(state);
}

/** Fisher–Yates, in place. */
function shuffle<T>(rng: RandomGenerator, list: T[]): T[] {
	for (let i = list.length - 1; i > 0; i--) {
		const j = uniformInt(rng, 0, i);
		const tmp = list[i];
		list[i] = list[j];
		list[j] = tmp;
	}
	return list;
}

/**
 * Draws one paper. Deterministic: the same pool (in any order), sections, flags, avoid set and seed
 * always give the identical paper.
 *
 * - Every section gets exactly `count` questions; no question appears twice. A question matching
 *   several sections is placed so that all quotas can be met (see `Allocation`).
 * - The questions are taken in a seeded random order, questions outside `avoidQuestionIds` first:
 *   for a 补考 the paper reuses as few of the first paper's questions as the bank allows (provably
 *   the minimum — greedy on a matroid).
 * - Without `shuffleQuestions` each section is ordered by questionId; with it, shuffled within the
 *   section. Sections always stay in blueprint order.
 * - `optionOrder` is a seeded permutation with `shuffleOptions`, the identity without it, `[]` for 判断.
 *
 * `tradeName` (optional, an addition to the plain signature) only prefixes the shortfall messages.
 * @throws ShortfallError when the pool cannot satisfy the blueprint.
 */
export function drawPaper(args: {
	pool: DrawCandidate[];
	sections: BlueprintSection[];
	seed: string;
	shuffleQuestions: boolean;
	shuffleOptions: boolean;
	avoidQuestionIds?: Set<number>;
	tradeName?: string;
}): DrawnItem[] {
	const { sections, seed, shuffleQuestions, shuffleOptions } = args;
	const tradeName = args.tradeName ?? '';
	const avoid = args.avoidQuestionIds ?? new Set<number>();
	const { pool, capacity, eligible, invalid } = prepare(args.pool, sections, tradeName);
	if (invalid.length > 0) throw new ShortfallError(invalid);

	const rng = rngFromSeed(seed);
	const indexes = pool.map((_, i) => i);
	const fresh = shuffle(
		rng,
		indexes.filter((i) => !avoid.has(pool[i].questionId))
	);
	const reused = shuffle(
		rng,
		indexes.filter((i) => avoid.has(pool[i].questionId))
	);

	const alloc = new Allocation(capacity, eligible);
	for (const q of [...fresh, ...reused]) {
		if (alloc.full) break;
		alloc.add(q);
	}
	if (!alloc.full) throw new ShortfallError(sectionShortfalls(args.pool, sections, tradeName));

	const items: DrawnItem[] = [];
	sections.forEach((section, s) => {
		const chosen = alloc.members[s].map((q) => pool[q]).sort((a, b) => a.questionId - b.questionId);
		if (shuffleQuestions) shuffle(rng, chosen);
		for (const c of chosen) {
			const identity = Array.from({ length: c.optionCount }, (_, i) => i);
			const optionOrder = c.type === 'judge' ? [] : shuffleOptions ? shuffle(rng, identity) : identity;
			items.push({
				position: items.length + 1,
				questionId: c.questionId,
				versionId: c.versionId,
				optionOrder,
				points: section.points,
				section: s
			});
		}
	});
	return items;
}

/** A fresh random seed for a new attempt: 128 bits from the OS CSPRNG, as 32 hex characters. */
export function generateSeed(): string {
	return randomBytes(16).toString('hex');
}
