import type { Db } from '../db';
import { trades } from '../db/schema';
import { SPECIAL_PRACTICAL_ITEMS } from '../certification/defaults';

type TradeRow = typeof trades.$inferInsert;

/**
 * The trade catalogue with the rules DESIGN.md fixes as defaults. Hours are the initial and
 * yearly 学时; high-risk industries raise them for managers (see clearance/hours rules).
 */
export const TRADE_CATALOGUE: TradeRow[] = [
	{
		code: 'principal',
		name: '主要负责人',
		category: 'principal',
		initialHours: 32,
		yearlyHours: 12,
		validityMonths: 36
	},
	{
		code: 'safety-manager',
		name: '安全生产管理人员',
		category: 'safety_manager',
		initialHours: 32,
		yearlyHours: 12,
		validityMonths: 36
	},
	{
		code: 'electrician-low-voltage',
		name: '低压电工作业',
		category: 'special',
		family: '电工作业',
		initialHours: 24,
		yearlyHours: 8,
		validityMonths: 72,
		reviewMonths: 36,
		requiresPractical: true,
		practicalItems: SPECIAL_PRACTICAL_ITEMS
	},
	{
		code: 'welding-cutting',
		name: '熔化焊接与热切割作业',
		category: 'special',
		family: '焊接与热切割作业',
		initialHours: 24,
		yearlyHours: 8,
		validityMonths: 72,
		reviewMonths: 36,
		requiresPractical: true,
		practicalItems: SPECIAL_PRACTICAL_ITEMS
	},
	{
		code: 'work-at-height',
		name: '高处安装、维护、拆除作业',
		category: 'special',
		family: '高处作业',
		initialHours: 24,
		yearlyHours: 8,
		validityMonths: 72,
		reviewMonths: 36,
		requiresPractical: true,
		practicalItems: SPECIAL_PRACTICAL_ITEMS
	},
	{
		code: 'policy-2025',
		name: '2025年安全生产工作要点',
		category: 'general',
		initialHours: 8,
		yearlyHours: 0,
		validityMonths: 12
	},
	{
		code: 'enforcement',
		name: '安全生产行政执法',
		category: 'enforcement',
		initialHours: 16,
		yearlyHours: 8,
		validityMonths: 36
	}
];

export function seedTrades(db: Db) {
	for (const t of TRADE_CATALOGUE) db.insert(trades).values(t).onConflictDoNothing().run();
}
