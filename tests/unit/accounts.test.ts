import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import type { Db } from '../../src/lib/server/db';
import { auditLog, enterprises, userRoles, users, workerPosts } from '../../src/lib/server/db/schema';
import { seedDemo, DEMO_PASSWORD } from '../../src/lib/server/seed/demo';
import { loadActor } from '../../src/lib/server/accounts/actor';
import { login } from '../../src/lib/server/accounts/login';
import { ACCOUNT_RULE } from '../../src/lib/server/accounts/throttle';
import { commitRoster, previewRoster, workerDetail, listRoster } from '../../src/lib/server/accounts/roster';
import { canManageEnterprise, canViewEnterprise, type Actor } from '../../src/lib/server/access';
import { createUser, changeOwnPassword } from '../../src/lib/server/accounts/users';
import { idCardCheckChar } from '../../src/lib/idcard';

let t: ReturnType<typeof createTestDb>;
let db: Db;
const actorByPhone = (phone: string): Actor => {
	const u = db.select().from(users).where(eq(users.phone, phone)).get()!;
	return loadActor(db, u.id)!;
};
const entId = (name: string) => db.select().from(enterprises).where(eq(enterprises.name, name)).get()!.id;
const validId = (first17: string) => first17 + idCardCheckChar(first17);

beforeAll(async () => {
	t = createTestDb();
	db = t.db;
	await seedDemo(db, { banks: false });
});
afterAll(() => t.cleanup());

describe('scope checks', () => {
	it('lets an enterprise admin manage only their own enterprise', () => {
		const chen = actorByPhone('13800000003');
		expect(canManageEnterprise(chen, entId('垣曲县恒达矿业有限公司'))).toBe(true);
		expect(canManageEnterprise(chen, entId('垣曲县中条化工有限公司'))).toBe(false);
	});
	it('lets a regulator view enterprises in their county subtree and nothing outside', () => {
		const li = actorByPhone('13800000004');
		expect(canViewEnterprise(db, li, entId('垣曲县中条化工有限公司'))).toBe(true);
		expect(canViewEnterprise(db, li, entId('闻喜县鑫源铸造有限公司'))).toBe(false);
		expect(canManageEnterprise(li, entId('垣曲县中条化工有限公司'))).toBe(false);
	});
	it('refuses a worker reading another worker, even of the same enterprise', () => {
		const zhang = actorByPhone('13800000010');
		const other = db
			.select()
			.from(users)
			.where(eq(users.enterpriseId, zhang.enterpriseId!))
			.all()
			.find((u) => u.id !== zhang.id)!;
		expect(() => workerDetail(db, zhang, other.id)).toThrow(expect.objectContaining({ status: 403 }));
		expect(workerDetail(db, zhang, zhang.id).name).toBe('张三');
		// A missing id gives the same 403, so ids cannot be probed.
		expect(() => workerDetail(db, zhang, 999999)).toThrow(expect.objectContaining({ status: 403 }));
	});
	it('refuses a regulator a roster outside their region', () => {
		const li = actorByPhone('13800000004');
		expect(listRoster(db, li, entId('垣曲县恒达矿业有限公司')).length).toBeGreaterThan(0);
		expect(() => listRoster(db, li, entId('闻喜县鑫源铸造有限公司'))).toThrow(
			expect.objectContaining({ status: 403 })
		);
	});
});

describe('login', () => {
	it('logs in with phone or 身份证号 and records it in the audit log', async () => {
		const byPhone = await login(db, '13800000010', DEMO_PASSWORD, '10.0.0.1');
		expect(byPhone.ok).toBe(true);
		const zhang = db.select().from(users).where(eq(users.phone, '13800000010')).get()!;
		const byId = await login(db, zhang.idCard!.toLowerCase(), DEMO_PASSWORD, '10.0.0.1');
		expect(byId.ok && byId.userId).toBe(zhang.id);
		const entries = db.select().from(auditLog).where(eq(auditLog.actorId, zhang.id)).all();
		expect(entries.filter((e) => e.action === 'login.success')).toHaveLength(2);
	});
	it('locks an account after repeated failures, even for the right password', async () => {
		for (let i = 0; i < ACCOUNT_RULE.maxFailures - 1; i++) {
			const r = await login(db, '13800000005', 'wrong-pass-1', '10.0.0.2');
			expect(r).toEqual({ ok: false, message: '账号或密码错误' });
		}
		const last = await login(db, '13800000005', 'wrong-pass-1', '10.0.0.2');
		expect(last.ok).toBe(false);
		expect(!last.ok && last.message).toContain('已临时锁定');
		const right = await login(db, '13800000005', DEMO_PASSWORD, '10.0.0.3');
		expect(!right.ok && right.message).toContain('已临时锁定');
	});
	it('gives the same message for an unknown account as for a wrong password', async () => {
		const r = await login(db, '13999999999', 'whatever1', '10.0.0.4');
		expect(r).toEqual({ ok: false, message: '账号或密码错误' });
	});
	it('the audit log refuses updates and deletes', () => {
		expect(() => db.$client.prepare('update audit_log set action = ?').run('x')).toThrow(/append-only/);
		expect(() => db.$client.prepare('delete from audit_log').run()).toThrow(/append-only/);
	});
});

describe('admin-created accounts', () => {
	it('must change the initial password, and the change is checked', async () => {
		const admin = actorByPhone('13800000001');
		const created = await createUser(db, admin, {
			name: '新学员',
			phone: '13711112222',
			idCard: validId('14082719950505123'),
			role: 'worker',
			enterpriseId: entId('垣曲县恒达矿业有限公司'),
			regionId: null
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const first = await login(db, '13711112222', created.value.initialPassword, '10.0.0.5');
		expect(first.ok && first.mustChangePassword).toBe(true);
		const actor = loadActor(db, created.value.id)!;
		const mismatch = await changeOwnPassword(
			db,
			actor,
			created.value.initialPassword,
			'newpass99',
			'newpass98'
		);
		expect(mismatch).toMatchObject({ ok: false, message: '两次输入的新密码不一致' });
		const ok = await changeOwnPassword(db, actor, created.value.initialPassword, 'newpass99', 'newpass99');
		expect(ok.ok).toBe(true);
		const again = await login(db, '13711112222', 'newpass99', '10.0.0.5');
		expect(again.ok && again.mustChangePassword).toBe(false);
	});
	it('refuses creation by a non-admin', async () => {
		const chen = actorByPhone('13800000003');
		await expect(
			createUser(db, chen, {
				name: 'x',
				phone: '13711113333',
				idCard: '',
				role: 'admin',
				enterpriseId: null,
				regionId: null
			})
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('roster import', () => {
	const header = ['姓名', '身份证号', '手机号', '岗位'];
	it('reports every bad row by number and imports nothing', async () => {
		const eid = entId('垣曲县恒达矿业有限公司');
		const before = db.select().from(users).all().length;
		const good = validId('14082719880808111');
		const table = [
			header,
			['李四', good, '13622223333', '焊工'],
			['', validId('14082719880808112'), '13622223334', '焊工'],
			['王五', '140827198808081110', '1362222333', '不存在的岗位'],
			['赵六', good, '13622223335', '焊工']
		];
		const preview = previewRoster(db, eid, table);
		expect(preview.problems.map((p) => p.row)).toEqual([3, 4, 4, 4, 5]);
		expect(preview.problems.find((p) => p.row === 3)?.message).toBe('姓名为空');
		expect(
			preview.problems
				.filter((p) => p.row === 4)
				.map((p) => p.message)
				.join('|')
		).toMatch(/校验码错误.*手机号"1362222333"格式不正确.*岗位"不存在的岗位"在本企业不存在/);
		expect(preview.problems.find((p) => p.row === 5)?.message).toBe('身份证号与第 2 行重复');
		const r = await commitRoster(db, eid, table, actorByPhone('13800000003').id);
		expect(r.ok).toBe(false);
		expect(db.select().from(users).all().length).toBe(before);
	});
	it('refuses a person already registered with another enterprise', () => {
		const chem = entId('垣曲县中条化工有限公司');
		const zhang = db.select().from(users).where(eq(users.phone, '13800000010')).get()!;
		const p = previewRoster(db, chem, [header, ['张三', zhang.idCard!, '13800000010', '焊工']]);
		expect(p.problems[0]).toEqual({ row: 2, message: expect.stringContaining('已属于其他单位的人员') });
	});
	it('imports a good file in one transaction, with a forced password change', async () => {
		const eid = entId('垣曲县恒达矿业有限公司');
		const a = validId('14082719900101201');
		const b = validId('14082719900101202');
		const r = await commitRoster(
			db,
			eid,
			[
				header,
				['钱七', a, '13633334444', '焊工'],
				['孙八', b, '13633334445', '高处作业人员'],
				['', '', '', '']
			],
			actorByPhone('13800000003').id
		);
		expect(r.ok && r.result.created).toBe(2);
		const qian = db.select().from(users).where(eq(users.idCard, a)).get()!;
		expect(qian.mustChangePassword).toBe(true);
		expect(qian.enterpriseId).toBe(eid);
		expect(db.select().from(userRoles).where(eq(userRoles.userId, qian.id)).get()?.role).toBe('worker');
		expect(db.select().from(workerPosts).where(eq(workerPosts.userId, qian.id)).all()).toHaveLength(1);
		if (r.ok) expect((await login(db, '13633334444', r.result.initialPassword, '10.0.0.9')).ok).toBe(true);
	});
});
