import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { demoDatabase } from './helpers/demo';
import type { Db } from '../../src/lib/server/db';
import { auditLog, trades, users } from '../../src/lib/server/db/schema';
import {
	listTradeSettings,
	tradeSettingsFromForm,
	updateTradeSettings
} from '../../src/lib/server/trades/settings';
import { requiredHours } from '../../src/lib/server/courses/hours';

const demo = demoDatabase();
const actorOf = demo.actorOf;
let db: Db;
beforeAll(() => (db = demo.db));

function form(fields: Record<string, string>, items: [string, string][] = []) {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	for (const [item, max] of items) {
		f.append('item', item);
		f.append('max', max);
	}
	return f;
}
const good = {
	initialHours: '24',
	yearlyHours: '8',
	validityMonths: '72',
	reviewMonths: '36',
	requiresPractical: 'on'
};
const fourItems: [string, string][] = [
	['安全用具使用', '25'],
	['安全操作技术', '25'],
	['作业现场安全隐患排除', '25'],
	['作业现场应急处置', '25']
];

describe('reading the trade settings form', () => {
	it('accepts a complete form, ignoring blank item rows', () => {
		const r = tradeSettingsFromForm(form(good, [...fourItems, ['', '']]));
		expect(r).toEqual({
			ok: true,
			value: {
				initialHours: 24,
				yearlyHours: 8,
				validityMonths: 72,
				reviewMonths: 36,
				requiresPractical: true,
				practicalItems: fourItems.map(([item, max]) => ({ item, max: Number(max) }))
			}
		});
	});

	it('an empty review interval means no 复审; no practical means no items', () => {
		const r = tradeSettingsFromForm(
			form({ initialHours: '32', yearlyHours: '12', validityMonths: '36', reviewMonths: '' }, fourItems)
		);
		expect(r).toMatchObject({
			ok: true,
			value: { reviewMonths: null, requiresPractical: false, practicalItems: [] }
		});
	});

	it('names every problem: the field or the row, and why', () => {
		const r = tradeSettingsFromForm(
			form(
				{
					initialHours: '',
					yearlyHours: '1.5',
					validityMonths: '0',
					reviewMonths: '80',
					requiresPractical: 'on'
				},
				[
					['安全用具使用', '25'],
					['', '25'],
					['安全用具使用', '30'],
					['作业现场应急处置', '十']
				]
			)
		);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.problems).toEqual([
			'请填写初训学时',
			'每年再培训学时应为整数',
			'证书有效期（月）应在 1–240 之间'
		]);
		// Field errors stop before the cross-field checks; once the fields are right, the rows are checked.
		const rows = tradeSettingsFromForm(
			form({ ...good, reviewMonths: '80' }, [
				['安全用具使用', '25'],
				['', '25'],
				['安全用具使用', '30'],
				['作业现场应急处置', '十']
			])
		);
		expect(!rows.ok && rows.problems).toEqual([
			'复审间隔应短于证书有效期（不需要复审请留空）',
			'实操第 2 项：请填写项目名称',
			'实操第 3 项："安全用具使用"重复',
			'实操第 4 项：分值应为 1–100 的整数',
			'实操各项分值合计应为 100，现为 80'
		]);
	});

	it('requires at least one item when a practical exam is required', () => {
		const r = tradeSettingsFromForm(form(good, [['', '']]));
		expect(!r.ok && r.problems).toEqual(['需要实操考试时，请至少填写一个实操项目']);
	});
});

describe('changing a trade', () => {
	it('only an administrator may read or change the settings', () => {
		expect(() => listTradeSettings(db, actorOf('13800000002'))).toThrow();
		const next = (tradeSettingsFromForm(form(good, fourItems)) as { ok: true; value: never }).value;
		expect(() => updateTradeSettings(db, actorOf('13800000002'), 'work-at-height', next)).toThrow();
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'trade.update')).all()).toHaveLength(0);
	});

	it('saves the new rules, records before and after, and hour checks use them at once', () => {
		const admin = actorOf('13800000001');
		const worker = db.select().from(users).where(eq(users.phone, '13800000010')).get()!;
		const before = db.select().from(trades).where(eq(trades.code, 'electrician-low-voltage')).get()!;
		expect(requiredHours(db, worker.id, 'electrician-low-voltage')).toBe(before.initialHours);
		const r = tradeSettingsFromForm(
			form({ ...good, initialHours: String(before.initialHours + 8) }, [
				['安全用具使用', '20'],
				['安全操作技术', '30'],
				['作业现场安全隐患排除', '25'],
				['作业现场应急处置', '25']
			])
		);
		expect(r.ok).toBe(true);
		updateTradeSettings(db, admin, 'electrician-low-voltage', (r as { ok: true; value: never }).value);
		const after = db.select().from(trades).where(eq(trades.code, 'electrician-low-voltage')).get()!;
		expect(after.initialHours).toBe(before.initialHours + 8);
		expect(after.practicalItems[1]).toEqual({ item: '安全操作技术', max: 30 });
		expect(requiredHours(db, worker.id, 'electrician-low-voltage')).toBe(before.initialHours + 8);
		const log = db.select().from(auditLog).where(eq(auditLog.action, 'trade.update')).all();
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ actorId: admin.id, target: 'trade:electrician-low-voltage' });
		expect(JSON.stringify(log[0].detail)).toContain(`"initialHours":${before.initialHours}`);
	});

	it('an unknown trade is a 404, not a silent no-op', () => {
		const next = (tradeSettingsFromForm(form(good, fourItems)) as { ok: true; value: never }).value;
		expect(() => updateTradeSettings(db, actorOf('13800000001'), 'no-such-trade', next)).toThrow(
			expect.objectContaining({ status: 404 })
		);
	});
});
