/** What each role's home page shows: the next thing to do, with the numbers behind it. */
import { and, eq, like, sql } from 'drizzle-orm';
import type { Db } from './db';
import {
	banks,
	enterprises,
	postRequirements,
	posts,
	questions,
	regions,
	trades,
	users,
	workerPosts
} from './db/schema';
import { hasRole, managedEnterpriseId, regulatorPaths, type Actor } from './access';
import { workerHome } from './certification/home';
import { enterpriseClearanceSummary } from './certification/posts';
import { regulatorSummary } from './regulator/dashboard';

export interface WorkerPostView {
	post: string;
	enterprise: string;
	needs: string[];
}

export function postsOfWorker(db: Db, userId: number): WorkerPostView[] {
	const rows = db
		.select({ postId: posts.id, post: posts.name, enterprise: enterprises.name })
		.from(workerPosts)
		.innerJoin(posts, eq(posts.id, workerPosts.postId))
		.innerJoin(enterprises, eq(enterprises.id, posts.enterpriseId))
		.where(eq(workerPosts.userId, userId))
		.all();
	return rows.map((r) => ({
		post: r.post,
		enterprise: r.enterprise,
		needs: db
			.select({ name: trades.name })
			.from(postRequirements)
			.innerJoin(trades, eq(trades.code, postRequirements.tradeCode))
			.where(eq(postRequirements.postId, r.postId))
			.all()
			.map((t) => t.name)
	}));
}

export function homeFor(db: Db, actor: Actor) {
	const count = (q: { get(): { n: number } | undefined }) => q.get()?.n ?? 0;
	const n = sql<number>`count(*)`;
	const home: {
		worker?: ReturnType<typeof workerHome>;
		trainer?: { banks: { trade: string; title: string; questions: number }[] };
		enterpriseAdmin?: {
			enterprise: string;
			workers: number;
			posts: number;
			clearance: ReturnType<typeof enterpriseClearanceSummary>;
		};
		regulator?: {
			regions: string[];
			enterprises: number;
			workers: number;
			clearance: ReturnType<typeof regulatorSummary>;
		};
		admin?: { users: number; enterprises: number; regions: number };
		judge?: Record<string, never>;
	} = {};
	if (hasRole(actor, 'worker')) home.worker = workerHome(db, actor);
	if (hasRole(actor, 'trainer'))
		home.trainer = {
			banks: db
				.select({
					trade: banks.tradeCode,
					title: banks.title,
					questions: sql<number>`count(${questions.id})`
				})
				.from(banks)
				.leftJoin(questions, eq(questions.bankId, banks.id))
				.groupBy(banks.id)
				.all()
		};
	if (hasRole(actor, 'enterprise_admin')) {
		const eid = managedEnterpriseId(actor);
		home.enterpriseAdmin = {
			enterprise:
				db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, eid)).get()?.name ??
				'',
			workers: count(db.select({ n }).from(users).where(eq(users.enterpriseId, eid))),
			posts: count(db.select({ n }).from(posts).where(eq(posts.enterpriseId, eid))),
			clearance: enterpriseClearanceSummary(db, actor)
		};
	}
	if (hasRole(actor, 'regulator')) {
		const paths = regulatorPaths(db, actor);
		const names = paths.map(
			(p) => db.select({ name: regions.name }).from(regions).where(eq(regions.path, p)).get()?.name ?? ''
		);
		const inRegion = (p: string) => like(regions.path, `${p}%`);
		home.regulator = {
			regions: names,
			enterprises: paths.reduce(
				(s, p) =>
					s +
					count(
						db
							.select({ n })
							.from(enterprises)
							.innerJoin(regions, eq(regions.id, enterprises.regionId))
							.where(inRegion(p))
					),
				0
			),
			workers: paths.reduce(
				(s, p) =>
					s +
					count(
						db
							.select({ n })
							.from(users)
							.innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
							.innerJoin(regions, eq(regions.id, enterprises.regionId))
							.where(and(inRegion(p)))
					),
				0
			),
			clearance: regulatorSummary(db, actor)
		};
	}
	if (hasRole(actor, 'admin'))
		home.admin = {
			users: count(db.select({ n }).from(users)),
			enterprises: count(db.select({ n }).from(enterprises)),
			regions: count(db.select({ n }).from(regions))
		};
	if (hasRole(actor, 'judge')) home.judge = {};
	return home;
}
