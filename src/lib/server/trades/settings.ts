/**
 * 工种设置: the per-trade rules an administrator changes when a regulation changes (training
 * hours, certificate validity and 复审 interval, the 实际操作考试 items). Certificates already
 * issued keep the dates they were issued with; new certificates, hour checks and practical exams
 * use the new values.
 */
import { error } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { trades, type TradeCategory } from '../db/schema';
import { requireRole, type Actor } from '../access';
import { audit } from '../audit';

export interface TradeSettings {
	initialHours: number;
	yearlyHours: number;
	validityMonths: number;
	reviewMonths: number | null;
	requiresPractical: boolean;
	practicalItems: { item: string; max: number }[];
}

const whole = (label: string, min: number, max: number) =>
	z
		.string()
		.trim()
		.min(1, { error: `请填写${label}`, abort: true })
		.regex(/^\d+$/, { error: `${label}应为整数`, abort: true })
		.transform(Number)
		.refine((n) => n >= min && n <= max, { error: `${label}应在 ${min}–${max} 之间` });

const formSchema = z
	.object({
		initialHours: whole('初训学时', 1, 500),
		yearlyHours: whole('每年再培训学时', 0, 200),
		validityMonths: whole('证书有效期（月）', 1, 240),
		reviewMonths: z.union([z.literal('').transform(() => null), whole('复审间隔（月）', 1, 240)]),
		requiresPractical: z.boolean(),
		practicalItems: z.array(z.object({ item: z.string().trim(), max: z.string().trim() }))
	})
	.transform((v, ctx): TradeSettings => {
		if (v.reviewMonths !== null && v.reviewMonths >= v.validityMonths)
			ctx.addIssue({ code: 'custom', message: '复审间隔应短于证书有效期（不需要复审请留空）' });
		const items: { item: string; max: number }[] = [];
		const seen = new Set<string>();
		v.practicalItems.forEach((row, i) => {
			if (!row.item && !row.max) return; // a blank row of the form
			const n = `实操第 ${i + 1} 项`;
			if (!row.item) ctx.addIssue({ code: 'custom', message: `${n}：请填写项目名称` });
			else if (row.item.length > 30)
				ctx.addIssue({ code: 'custom', message: `${n}：项目名称不超过 30 个字` });
			else if (seen.has(row.item)) ctx.addIssue({ code: 'custom', message: `${n}："${row.item}"重复` });
			seen.add(row.item);
			const max = /^\d+$/.test(row.max) ? Number(row.max) : NaN;
			if (!(max >= 1 && max <= 100)) ctx.addIssue({ code: 'custom', message: `${n}：分值应为 1–100 的整数` });
			items.push({ item: row.item, max });
		});
		if (v.requiresPractical) {
			if (items.length === 0)
				ctx.addIssue({ code: 'custom', message: '需要实操考试时，请至少填写一个实操项目' });
			const total = items.reduce((s, i) => s + (Number.isFinite(i.max) ? i.max : 0), 0);
			if (items.length && total !== 100)
				ctx.addIssue({ code: 'custom', message: `实操各项分值合计应为 100，现为 ${total}` });
		}
		return {
			initialHours: v.initialHours,
			yearlyHours: v.yearlyHours,
			validityMonths: v.validityMonths,
			reviewMonths: v.reviewMonths,
			requiresPractical: v.requiresPractical,
			// Without a practical exam the items are kept empty rather than half-configured.
			practicalItems: v.requiresPractical ? items : []
		};
	});

/** Reads the edit form; every problem is named (which field or which row, and why). */
export function tradeSettingsFromForm(
	form: FormData
): { ok: true; value: TradeSettings } | { ok: false; problems: string[] } {
	const names = form.getAll('item').map(String);
	const maxes = form.getAll('max').map(String);
	const r = formSchema.safeParse({
		initialHours: String(form.get('initialHours') ?? ''),
		yearlyHours: String(form.get('yearlyHours') ?? ''),
		validityMonths: String(form.get('validityMonths') ?? ''),
		reviewMonths: String(form.get('reviewMonths') ?? ''),
		requiresPractical: form.get('requiresPractical') === 'on',
		practicalItems: names.map((item, i) => ({ item, max: maxes[i] ?? '' }))
	});
	if (r.success) return { ok: true, value: r.data };
	return { ok: false, problems: [...new Set(r.error.issues.map((i) => i.message))] };
}

export interface TradeRow extends TradeSettings {
	code: string;
	name: string;
	category: TradeCategory;
	family: string | null;
}

export function listTradeSettings(db: Db, actor: Actor): TradeRow[] {
	requireRole(actor, 'admin');
	return db.select().from(trades).orderBy(asc(trades.category), asc(trades.name)).all();
}

export function tradeSettingsOf(db: Db, actor: Actor, code: string): TradeRow {
	requireRole(actor, 'admin');
	const t = db.select().from(trades).where(eq(trades.code, code)).get();
	if (!t) error(404, '工种不存在');
	return t;
}

export function updateTradeSettings(db: Db, actor: Actor, code: string, next: TradeSettings) {
	const before = tradeSettingsOf(db, actor, code);
	db.transaction((tx) => {
		tx.update(trades).set(next).where(eq(trades.code, code)).run();
		audit(tx as unknown as Db, {
			action: 'trade.update',
			actorId: actor.id,
			target: `trade:${code}`,
			detail: {
				before: {
					initialHours: before.initialHours,
					yearlyHours: before.yearlyHours,
					validityMonths: before.validityMonths,
					reviewMonths: before.reviewMonths,
					requiresPractical: before.requiresPractical,
					practicalItems: before.practicalItems
				},
				after: next
			}
		});
	});
}
