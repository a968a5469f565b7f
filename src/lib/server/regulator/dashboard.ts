/**
 * The regulator's view, always scoped to the region subtrees they oversee (`regulatorPaths`):
 * workers, posts cleared/blocked, certificates by status, exam pass rates and what is due within
 * 60 days — in total and by region (the enterprise's township), industry, enterprise and trade;
 * search by 姓名, 身份证号 or 证书编号; and an .xlsx export. Nothing outside the subtree is read.
 */
import { error } from '@sveltejs/kit';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { certificates, userRoles, users } from '../db/schema';
import { regulatorPaths, requireRole, type Actor } from '../access';
import { listEnterprises } from '../orgs';
import { maskIdCard, normalizeIdCard } from '../../idcard';
import { INDUSTRY_LABELS } from '../../labels';
import {
	CertificationData,
	certificatesOfWorkers,
	clearancesOfWorkers,
	today,
	type CertificateView,
	type PostClearance
} from '../certification/service';
import { nameContains } from '../certification/practical';
import { dueSoonEntries } from '../certification/posts';
import { buildXlsx } from '../tables';

type ScopeEnterprise = ReturnType<typeof listEnterprises>[number];

/** The enterprises in the regulator's subtrees (403 for anyone else). */
export function scopeEnterprises(db: Db, actor: Actor): ScopeEnterprise[] {
	requireRole(actor, 'regulator');
	const seen = new Map<number, ScopeEnterprise>();
	for (const p of regulatorPaths(db, actor)) for (const e of listEnterprises(db, p)) seen.set(e.id, e);
	return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

interface ScopeWorker {
	id: number;
	name: string;
	idCard: string | null;
	enterpriseId: number;
}

function scopeWorkers(db: Db, enterpriseIds: number[], extra?: SQL, workersOnly = true): ScopeWorker[] {
	if (enterpriseIds.length === 0) return [];
	const workerRole = workersOnly ? eq(userRoles.role, 'worker') : undefined;
	return db
		.selectDistinct({
			id: users.id,
			name: users.name,
			idCard: users.idCard,
			enterpriseId: users.enterpriseId
		})
		.from(users)
		.leftJoin(userRoles, and(eq(userRoles.userId, users.id), workerRole))
		.where(
			and(
				inArray(users.enterpriseId, enterpriseIds),
				workersOnly ? eq(userRoles.role, 'worker') : undefined,
				extra
			)
		)
		.orderBy(asc(users.id))
		.all() as ScopeWorker[];
}

export interface Breakdown {
	key: string;
	label: string;
	workers: number;
	postsCleared: number;
	postsBlocked: number;
	certsValid: number;
	certsReviewDue: number;
	certsExpired: number;
	certsRevoked: number;
	dueSoon: number;
	attempts: number;
	passed: number;
	/** Percent, one decimal; null without attempts. */
	passRate: number | null;
}

function emptyRow(key: string, label: string): Breakdown {
	return {
		key,
		label,
		workers: 0,
		postsCleared: 0,
		postsBlocked: 0,
		certsValid: 0,
		certsReviewDue: 0,
		certsExpired: 0,
		certsRevoked: 0,
		dueSoon: 0,
		attempts: 0,
		passed: 0,
		passRate: null
	};
}

function addCert(row: Breakdown, c: CertificateView) {
	if (c.status === 'valid') row.certsValid++;
	else if (c.status === 'review_due') row.certsReviewDue++;
	else if (c.status === 'revoked') row.certsRevoked++;
	else row.certsExpired++;
	if (c.dueSoon) row.dueSoon++;
}

function finish(rows: Map<string, Breakdown>): Breakdown[] {
	return [...rows.values()]
		.map((r) => ({ ...r, passRate: r.attempts ? Math.round((r.passed / r.attempts) * 1000) / 10 : null }))
		.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** Everything the dashboard shows, computed for `day` over the regulator's scope. */
export function regulatorDashboard(db: Db, actor: Actor, day = today()) {
	const ents = scopeEnterprises(db, actor);
	const entById = new Map(ents.map((e) => [e.id, e]));
	const workers = scopeWorkers(
		db,
		ents.map((e) => e.id)
	);
	const ids = workers.map((w) => w.id);
	const data = new CertificationData(db, ids);
	const clearances = clearancesOfWorkers(db, ids, day, data);
	const certs = certificatesOfWorkers(db, ids, day, data);

	const dims = {
		region: new Map<string, Breakdown>(),
		industry: new Map<string, Breakdown>(),
		enterprise: new Map<string, Breakdown>(),
		trade: new Map<string, Breakdown>()
	};
	const total = emptyRow('all', '合计');
	const rowsFor = (e: ScopeEnterprise) => {
		const get = (m: Map<string, Breakdown>, key: string, label: string) => {
			let r = m.get(key);
			if (!r) m.set(key, (r = emptyRow(key, label)));
			return r;
		};
		return [
			get(dims.region, e.regionPath, e.region),
			get(dims.industry, e.industry, INDUSTRY_LABELS[e.industry] ?? e.industry),
			get(dims.enterprise, String(e.id), e.name),
			total
		];
	};
	for (const e of ents) rowsFor(e);
	const tradeRow = (code: string) => {
		let r = dims.trade.get(code);
		if (!r) dims.trade.set(code, (r = emptyRow(code, data.trades.get(code)?.name ?? code)));
		return r;
	};
	const attemptsByUser = new Map<number, typeof data.attempts>();
	for (const a of data.attempts) attemptsByUser.set(a.userId, [...(attemptsByUser.get(a.userId) ?? []), a]);

	let workersCleared = 0;
	for (const w of workers) {
		const e = entById.get(w.enterpriseId)!;
		const rows = rowsFor(e);
		const posts = clearances.get(w.id) ?? [];
		if (posts.length > 0 && posts.every((p) => p.cleared)) workersCleared++;
		for (const r of rows) r.workers++;
		const tradesOfWorker = new Set<string>();
		for (const p of posts) {
			for (const r of rows) {
				if (p.cleared) r.postsCleared++;
				else r.postsBlocked++;
			}
			for (const it of p.items) {
				const t = tradeRow(it.tradeCode);
				if (it.ok) t.postsCleared++;
				else t.postsBlocked++;
				tradesOfWorker.add(it.tradeCode);
			}
		}
		for (const c of certs.get(w.id) ?? []) {
			for (const r of rows) addCert(r, c);
			addCert(tradeRow(c.tradeCode), c);
			tradesOfWorker.add(c.tradeCode);
		}
		for (const code of tradesOfWorker) tradeRow(code).workers++;
		for (const a of attemptsByUser.get(w.id) ?? []) {
			for (const r of [...rows, tradeRow(a.tradeCode)]) {
				r.attempts++;
				if (a.passed) r.passed++;
			}
		}
	}

	const entOfWorker = new Map(workers.map((w) => [w.id, entById.get(w.enterpriseId)?.name ?? '']));
	const dueSoon = dueSoonEntries(workers, certs).map((d) => ({
		...d,
		enterprise: entOfWorker.get(d.userId) ?? ''
	}));
	const blocked: { userId: number; name: string; enterprise: string; post: string; reason: string }[] = [];
	for (const w of workers)
		for (const p of clearances.get(w.id) ?? [])
			if (!p.cleared)
				blocked.push({
					userId: w.id,
					name: w.name,
					enterprise: p.enterprise,
					post: p.post,
					reason: p.items
						.filter((i) => !i.ok)
						.map((i) => `${i.tradeName}：${i.reason}`)
						.join('；')
				});

	const [totals] = finish(new Map([['all', total]]));
	return {
		today: day,
		regions: [...new Set(ents.map((e) => e.regionPath))].length,
		kpi: {
			enterprises: ents.length,
			workers: workers.length,
			workersCleared,
			postsCleared: total.postsCleared,
			postsBlocked: total.postsBlocked,
			certsValid: total.certsValid,
			certsReviewDue: total.certsReviewDue,
			certsExpired: total.certsExpired,
			certsRevoked: total.certsRevoked,
			dueSoon: total.dueSoon,
			attempts: total.attempts,
			passRate: totals.passRate
		},
		byRegion: finish(dims.region),
		byIndustry: finish(dims.industry),
		byEnterprise: finish(dims.enterprise).map((r) => ({ ...r, id: Number(r.key) })),
		byTrade: finish(dims.trade),
		dueSoon,
		blocked: blocked.slice(0, 200),
		blockedTotal: blocked.length
	};
}

/** The small summary on the regulator's home page. */
export function regulatorSummary(db: Db, actor: Actor, day = today()) {
	const d = regulatorDashboard(db, actor, day);
	return {
		postsCleared: d.kpi.postsCleared,
		postsBlocked: d.kpi.postsBlocked,
		dueSoon: d.kpi.dueSoon,
		dueSoonList: d.dueSoon.slice(0, 5)
	};
}

export interface SearchHit {
	id: number;
	name: string;
	idCard: string;
	enterprise: string;
	posts: { post: string; cleared: boolean }[];
	matched: string | null;
}

/** Search the scope by 证书编号 (exact), 身份证号 (exact) or 姓名 (part). At most 50 hits. */
export function regulatorSearch(db: Db, actor: Actor, q: string, day = today()): SearchHit[] {
	const ents = scopeEnterprises(db, actor);
	const query = q.trim();
	if (!query) return [];
	const entIds = ents.map((e) => e.id);
	const entName = new Map(ents.map((e) => [e.id, e.name]));
	let found: ScopeWorker[];
	let matched: string | null = null;
	const upper = query.toUpperCase();
	if (/^AX-/.test(upper)) {
		const cert = db
			.select({ userId: certificates.userId, number: certificates.number })
			.from(certificates)
			.where(eq(certificates.number, upper))
			.get();
		found = cert ? scopeWorkers(db, entIds, eq(users.id, cert.userId)) : [];
		matched = cert && found.length ? cert.number : null;
	} else if (/^\d{17}[\dX]$/.test(normalizeIdCard(query))) {
		found = scopeWorkers(db, entIds, eq(users.idCard, normalizeIdCard(query)));
	} else {
		found = scopeWorkers(db, entIds, nameContains(query));
	}
	found = found.slice(0, 50);
	const clear = clearancesOfWorkers(
		db,
		found.map((w) => w.id),
		day
	);
	return found.map((w) => ({
		id: w.id,
		name: w.name,
		idCard: maskIdCard(w.idCard),
		enterprise: entName.get(w.enterpriseId) ?? '',
		posts: (clear.get(w.id) ?? []).map((p: PostClearance) => ({ post: p.post, cleared: p.cleared })),
		matched
	}));
}

/** Drill-down: one enterprise's workers with clearance per post (the enterprise must be in scope). */
export function enterpriseClearance(db: Db, actor: Actor, enterpriseId: number, day = today()) {
	requireRole(actor, 'regulator', 'admin');
	const e = scopeOrAll(db, actor).find((x) => x.id === enterpriseId);
	if (!e) error(403, '您无权查看该企业的数据');
	// Everyone on the enterprise's books, as on its roster (admins without the worker role too).
	const workers = scopeWorkers(db, [e.id], undefined, false);
	const ids = workers.map((w) => w.id);
	const data = new CertificationData(db, ids);
	const clear = clearancesOfWorkers(db, ids, day, data);
	const certs = certificatesOfWorkers(db, ids, day, data);
	return {
		enterprise: {
			id: e.id,
			name: e.name,
			industry: INDUSTRY_LABELS[e.industry] ?? e.industry,
			region: e.region
		},
		workers: workers.map((w) => ({
			id: w.id,
			name: w.name,
			idCard: maskIdCard(w.idCard),
			posts: (clear.get(w.id) ?? []).map((p) => ({
				post: p.post,
				cleared: p.cleared,
				dueSoon: p.dueSoon,
				reason: p.items
					.filter((i) => !i.ok || i.dueSoon)
					.map((i) => `${i.tradeName}：${i.reason}`)
					.join('；')
			})),
			certificates: (certs.get(w.id) ?? []).map((c) => ({
				id: c.id,
				number: c.number,
				trade: c.tradeName,
				status: c.status,
				statusLabel: c.statusLabel,
				dueSoon: c.dueSoon
			}))
		}))
	};
}

function scopeOrAll(db: Db, actor: Actor): ScopeEnterprise[] {
	if (actor.roles.some((r) => r.role === 'admin')) return listEnterprises(db);
	return scopeEnterprises(db, actor);
}

/** The .xlsx export: 人员与上岗 and 证书, over the regulator's scope. */
export async function regulatorExport(db: Db, actor: Actor, day = today()) {
	const ents = scopeEnterprises(db, actor);
	const byId = new Map(ents.map((e) => [e.id, e]));
	const workers = scopeWorkers(
		db,
		ents.map((e) => e.id)
	);
	const ids = workers.map((w) => w.id);
	const data = new CertificationData(db, ids);
	const clear = clearancesOfWorkers(db, ids, day, data);
	const certs = certificatesOfWorkers(db, ids, day, data);
	const people: (string | number | null)[][] = [
		['姓名', '身份证号', '企业', '所在区域', '行业', '岗位', '上岗状态', '原因', '下一步']
	];
	const certRows: (string | number | null)[][] = [
		['证书编号', '姓名', '身份证号', '企业', '工种', '发证日期', '有效期至', '下次复审', '状态', '60天内到期']
	];
	for (const w of workers) {
		const e = byId.get(w.enterpriseId)!;
		const base = [w.name, maskIdCard(w.idCard), e.name, e.region, INDUSTRY_LABELS[e.industry] ?? e.industry];
		const posts = clear.get(w.id) ?? [];
		if (posts.length === 0) people.push([...base, '未分配', '', '', '']);
		for (const p of posts)
			people.push([
				...base,
				p.post,
				p.cleared ? (p.dueSoon ? '可上岗（60天内到期）' : '可上岗') : '不可上岗',
				p.items.map((i) => `${i.tradeName}：${i.reason}`).join('；'),
				p.items
					.filter((i) => i.nextStep)
					.map((i) => i.nextStep)
					.join('；')
			]);
		for (const c of certs.get(w.id) ?? [])
			certRows.push([
				c.number,
				w.name,
				maskIdCard(w.idCard),
				e.name,
				c.tradeName,
				c.issuedOn,
				c.validUntil,
				c.nextReviewDue ?? '',
				c.statusLabel,
				c.dueSoon ? '是' : ''
			]);
	}
	return buildXlsx([
		{ name: '人员与上岗', rows: people, widths: [10, 22, 30, 12, 12, 16, 18, 60, 60] },
		{ name: '证书', rows: certRows, widths: [22, 10, 22, 30, 22, 12, 12, 12, 20, 12] }
	]);
}
