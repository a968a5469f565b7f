/**
 * Demo data for the embedded demo (`npm start`): one county with townships, enterprises in
 * several industries, ~30 workers and one account per role. Runs only on an empty database.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { enterprises, posts, postRequirements, regions, userRoles, users, workerPosts } from '../db/schema';
import type { Industry, RegionLevel, Role } from '../db/schema';
import { hashPassword } from '../auth';
import { idCardCheckChar } from '../../idcard';
import { seedTrades } from './trades';
import { seedBanks } from './banks';
import { seedExamDemo } from './exams';
import { seedCertificationDemo } from './certification';
import { seedContestDemo } from './contests';
import { seedCourses } from '../courses/seed';

export const DEMO_PASSWORD = 'anxun2025';

export const DEMO_ACCOUNTS: { phone: string; name: string; role: Role; label: string }[] = [
	{ phone: '13800000001', name: '系统管理员', role: 'admin', label: '系统管理员' },
	{ phone: '13800000002', name: '王培训', role: 'trainer', label: '培训教师' },
	{ phone: '13800000003', name: '陈安全', role: 'enterprise_admin', label: '企业安全管理员（恒达矿业）' },
	{ phone: '13800000004', name: '李监管', role: 'regulator', label: '监管人员（垣曲县）' },
	{ phone: '13800000005', name: '赵裁判', role: 'judge', label: '裁判' },
	{ phone: '13800000010', name: '张三', role: 'worker', label: '学员（恒达矿业 配电房值班电工）' }
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'涛',
	'明',
	'超',
	'霞',
	'平',
	'刚',
	'鹏',
	'华'
];

/** A valid 身份证号 for demo people: 140827 is 垣曲县's address code. */
export function demoIdCard(n: number, area = '140827'): string {
	const year = 1970 + ((n * 7) % 30);
	const month = String(1 + (n % 12)).padStart(2, '0');
	const day = String(1 + (n % 28)).padStart(2, '0');
	const first17 = `${area}${year}${month}${day}${String(100 + n).slice(-3)}`;
	return first17 + idCardCheckChar(first17);
}

function addRegion(db: Db, name: string, level: RegionLevel, parent?: { id: number; path: string }) {
	const { id } = db
		.insert(regions)
		.values({ name, level, parentId: parent?.id ?? null, path: '' })
		.returning({ id: regions.id })
		.get();
	const path = `${parent?.path ?? '/'}${id}/`;
	db.update(regions)
		.set({ path })
		.where(sql`${regions.id} = ${id}`)
		.run();
	return { id, path };
}

export interface SeedOptions {
	/** Load the shipped question banks (tests of other capabilities may skip it for speed). */
	banks?: boolean;
}

export async function seedDemoIfEmpty(db: Db, options: SeedOptions = {}): Promise<boolean> {
	const count =
		db
			.select({ n: sql<number>`count(*)` })
			.from(users)
			.get()?.n ?? 0;
	if (count > 0) return false;
	await seedDemo(db, options);
	return true;
}

export async function seedDemo(db: Db, { banks = true }: SeedOptions = {}) {
	await seedPeople(db, banks);
	if (banks) seedExamDemo(db);
	db.transaction((tx) => seedCertificationDemo(tx as unknown as Db));
	if (banks) seedContestDemo(db);
}

async function seedPeople(db: Db, banks: boolean) {
	const hash = await hashPassword(DEMO_PASSWORD);
	const now = new Date();
	db.transaction((tx) => {
		const t = tx as unknown as Db;
		seedTrades(t);
		if (banks) seedBanks(t);
		if (banks) seedCourses(t);

		const shanxi = addRegion(t, '山西省', 'province');
		const yuncheng = addRegion(t, '运城市', 'city', shanxi);
		const yuanqu = addRegion(t, '垣曲县', 'county', yuncheng);
		const towns = ['新城镇', '历山镇', '古城镇', '王茅镇', '皋落乡'].map((n) =>
			addRegion(t, n, 'township', yuanqu)
		);
		const wenxi = addRegion(t, '闻喜县', 'county', yuncheng);
		const dongzhen = addRegion(t, '东镇镇', 'township', wenxi);

		const ent = (name: string, industry: Industry, region: { id: number }) =>
			t.insert(enterprises).values({ name, industry, regionId: region.id, createdAt: now }).returning().get();
		const mining = ent('垣曲县恒达矿业有限公司', 'mining', towns[1]);
		const chem = ent('垣曲县中条化工有限公司', 'hazardous_chemicals', towns[2]);
		const build = ent('垣曲县城建建筑工程有限公司', 'construction', towns[0]);
		const transport = ent('垣曲县宏运道路运输有限公司', 'road_transport', towns[3]);
		const foundry = ent('闻喜县鑫源铸造有限公司', 'metallurgy', dongzhen);
		const all = [mining, chem, build, transport, foundry];

		// Posts and the qualifications each needs.
		const postIds = new Map<string, number>();
		const POSTS: [string, string[]][] = [
			['主要负责人', ['principal']],
			['安全管理员', ['safety-manager']],
			['配电房值班电工', ['electrician-low-voltage']],
			['焊工', ['welding-cutting']],
			['高处作业人员', ['work-at-height']],
			['一线作业人员', []]
		];
		for (const e of all) {
			for (const [name, needs] of POSTS) {
				const p = t.insert(posts).values({ enterpriseId: e.id, name }).returning().get();
				postIds.set(`${e.id}:${name}`, p.id);
				for (const tradeCode of needs) t.insert(postRequirements).values({ postId: p.id, tradeCode }).run();
			}
		}

		const addUser = (
			name: string,
			phone: string,
			idCard: string | null,
			enterpriseId: number | null,
			grants: { role: Role; enterpriseId?: number; regionId?: number }[]
		) => {
			const u = t
				.insert(users)
				.values({ name, phone, idCard, passwordHash: hash, enterpriseId, createdAt: now })
				.returning()
				.get();
			for (const g of grants)
				t.insert(userRoles)
					.values({
						userId: u.id,
						role: g.role,
						enterpriseId: g.enterpriseId ?? null,
						regionId: g.regionId ?? null
					})
					.run();
			return u;
		};
		const assign = (userId: number, enterpriseId: number, post: string) =>
			t
				.insert(workerPosts)
				.values({ userId, postId: postIds.get(`${enterpriseId}:${post}`)!, assignedAt: now })
				.run();

		addUser('系统管理员', '13800000001', null, null, [{ role: 'admin' }]);
		addUser('王培训', '13800000002', null, null, [{ role: 'trainer' }, { role: 'judge' }]);
		const chen = addUser('陈安全', '13800000003', demoIdCard(901), mining.id, [
			{ role: 'enterprise_admin', enterpriseId: mining.id },
			{ role: 'worker', enterpriseId: mining.id }
		]);
		assign(chen.id, mining.id, '安全管理员');
		addUser('李监管', '13800000004', null, null, [{ role: 'regulator', regionId: yuanqu.id }]);
		addUser('赵裁判', '13800000005', null, null, [{ role: 'judge' }]);
		const zhang = addUser('张三', '13800000010', demoIdCard(1), mining.id, [
			{ role: 'worker', enterpriseId: mining.id }
		]);
		assign(zhang.id, mining.id, '配电房值班电工');
		addUser('周化工', '13800000013', demoIdCard(902), chem.id, [
			{ role: 'enterprise_admin', enterpriseId: chem.id }
		]);
		addUser('孙监管', '13800000014', null, null, [{ role: 'regulator', regionId: wenxi.id }]);

		// ~30 workers spread over the enterprises and posts.
		const workerPostsCycle = [
			'一线作业人员',
			'配电房值班电工',
			'焊工',
			'高处作业人员',
			'一线作业人员',
			'主要负责人'
		];
		for (let i = 0; i < 30; i++) {
			const e = all[i % all.length];
			const name =
				SURNAMES[i % SURNAMES.length] +
				GIVEN[(i * 7) % GIVEN.length] +
				(i % 3 === 0 ? GIVEN[(i * 3) % GIVEN.length] : '');
			const area = e.id === foundry.id ? '140823' : '140827';
			const u = addUser(name, `1390000${String(1000 + i).padStart(4, '0')}`, demoIdCard(10 + i, area), e.id, [
				{ role: 'worker', enterpriseId: e.id }
			]);
			assign(u.id, e.id, workerPostsCycle[i % workerPostsCycle.length]);
		}
	});
}
