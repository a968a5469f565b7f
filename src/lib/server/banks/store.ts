/**
 * Banks in the database. Questions are versioned: a change to a question that any paper
 * has drawn creates a new version (papers keep theirs); an unused question is edited in place.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { banks, questionUsage, questionVersions, questions } from '../db/schema';
import type { BankFile, QuestionContent } from './types';
import { bankChanged } from './generation';

type VersionRow = typeof questionVersions.$inferSelect;

function contentOf(v: VersionRow): Omit<QuestionContent, 'ref' | 'status'> {
	return {
		type: v.type,
		stem: v.stem,
		options: v.options,
		answer: v.answer,
		explanation: v.explanation,
		difficulty: v.difficulty,
		tags: v.tags,
		source: v.source
	};
}

function sameContent(a: Omit<QuestionContent, 'ref' | 'status'>, b: Omit<QuestionContent, 'ref' | 'status'>) {
	return (
		a.type === b.type &&
		a.stem === b.stem &&
		a.answer === b.answer &&
		a.explanation === b.explanation &&
		a.difficulty === b.difficulty &&
		a.source === b.source &&
		JSON.stringify(a.options) === JSON.stringify(b.options) &&
		JSON.stringify(a.tags) === JSON.stringify(b.tags)
	);
}

export function versionIsUsed(db: Db, versionId: number): boolean {
	return !!db
		.select({ one: sql`1` })
		.from(questionUsage)
		.where(eq(questionUsage.questionVersionId, versionId))
		.limit(1)
		.get();
}

export interface SaveSummary {
	created: number;
	updated: number;
	versioned: number;
	unchanged: number;
}

/**
 * Writes one question's content. Returns what happened. Must run inside the caller's transaction
 * when part of a batch.
 */
export function saveQuestion(
	db: Db,
	bankId: number,
	q: QuestionContent,
	position: number | null,
	actorId: number | null
): keyof SaveSummary {
	const now = new Date();
	const existing = db
		.select()
		.from(questions)
		.where(and(eq(questions.bankId, bankId), eq(questions.ref, q.ref)))
		.get();
	const content = {
		type: q.type,
		stem: q.stem,
		options: q.type === 'judge' ? [] : q.options,
		answer: q.answer,
		explanation: q.explanation,
		difficulty: q.difficulty,
		tags: q.tags,
		source: q.source
	};
	if (!existing) {
		const pos =
			position ??
			(db
				.select({ m: sql<number>`coalesce(max(${questions.position}), 0)` })
				.from(questions)
				.where(eq(questions.bankId, bankId))
				.get()?.m ?? 0) + 1;
		const { id } = db
			.insert(questions)
			.values({ bankId, ref: q.ref, status: q.status, position: pos })
			.returning({ id: questions.id })
			.get();
		const v = db
			.insert(questionVersions)
			.values({ questionId: id, version: 1, ...content, createdAt: now, createdBy: actorId })
			.returning({ id: questionVersions.id })
			.get();
		db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, id)).run();
		return 'created';
	}
	const current = db
		.select()
		.from(questionVersions)
		.where(eq(questionVersions.id, existing.currentVersionId!))
		.get()!;
	const statusChanged = existing.status !== q.status;
	const positionChanged = position != null && existing.position !== position;
	if (statusChanged || positionChanged) {
		db.update(questions)
			.set({ status: q.status, position: position ?? existing.position })
			.where(eq(questions.id, existing.id))
			.run();
	}
	if (sameContent(contentOf(current), content)) return statusChanged ? 'updated' : 'unchanged';
	if (versionIsUsed(db, current.id)) {
		const v = db
			.insert(questionVersions)
			.values({
				questionId: existing.id,
				version: current.version + 1,
				...content,
				createdAt: now,
				createdBy: actorId
			})
			.returning({ id: questionVersions.id })
			.get();
		db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, existing.id)).run();
		return 'versioned';
	}
	db.update(questionVersions)
		.set({ ...content, createdAt: now, createdBy: actorId })
		.where(eq(questionVersions.id, current.id))
		.run();
	return 'updated';
}

export function ensureBank(db: Db, tradeCode: string, title: string): number {
	const found = db.select().from(banks).where(eq(banks.tradeCode, tradeCode)).get();
	if (found) {
		if (found.title !== title) db.update(banks).set({ title }).where(eq(banks.id, found.id)).run();
		return found.id;
	}
	return db.insert(banks).values({ tradeCode, title }).returning({ id: banks.id }).get().id;
}

/** Loads a whole bank file, all-or-nothing, keeping the file's order. */
export function loadBankFile(db: Db, file: BankFile, actorId: number | null = null): SaveSummary {
	bankChanged(db);
	return db.transaction((tx) => {
		const bankId = ensureBank(tx as unknown as Db, file.trade, file.title);
		const summary: SaveSummary = { created: 0, updated: 0, versioned: 0, unchanged: 0 };
		file.questions.forEach((q, i) => {
			summary[saveQuestion(tx as unknown as Db, bankId, q, i + 1, actorId)]++;
		});
		return summary;
	});
}

/** The bank as a file: every question's current version, in the bank's order. */
export function exportBankFile(db: Db, tradeCode: string): BankFile | null {
	const bank = db.select().from(banks).where(eq(banks.tradeCode, tradeCode)).get();
	if (!bank) return null;
	const rows = db
		.select({ q: questions, v: questionVersions })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
		.where(eq(questions.bankId, bank.id))
		.orderBy(asc(questions.position), asc(questions.id))
		.all();
	return {
		trade: bank.tradeCode,
		title: bank.title,
		questions: rows.map(({ q, v }) => ({
			ref: q.ref,
			status: q.status,
			...contentOf(v)
		}))
	};
}
