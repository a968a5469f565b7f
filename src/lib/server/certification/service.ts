/**
 * Certification, read side and revocation: a worker's certificates with their status today, the
 * clearance of each (worker, post) pair, and what a viewer may see of them. Statuses are computed
 * on every read from the stored dates (see rules.ts), so nothing needs a scheduled job.
 */
import { error } from '@sveltejs/kit';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { certificates, enterprises, postRequirements, posts, trades, users, workerPosts } from '../db/schema';
import {
	canViewEnterprise,
	hasRole,
	regulatorPaths,
	requireActor,
	enterprisePath,
	type Actor
} from '../access';
import { audit } from '../audit';
import { now } from '../clock';
import { maskIdCard } from '../../idcard';
import {
	CERTIFICATE_STATUS_LABELS,
	certificateStatus,
	chinaDay,
	clearanceFor,
	type CertificateStatus,
	type ClearanceItem,
	type Requirement,
	type WorkerTradeState
} from './rules';
import { CertificationData, toFacts, type CertificateWithReviews, type TradeRow } from './state';
import { DUE_SOON_DAYS } from './defaults';

export { CERTIFICATE_STATUS_LABELS, type CertificateStatus };

/** Today in China, the "today" of every status shown. */
export function today(): string {
	return chinaDay(now());
}

/** What the worker should do next, as a link target in the UI. */
export type NextAction = 'none' | 'learn' | 'exam' | 'review' | 'practical' | 'contact' | 'wait';

export interface ClearanceItemView extends ClearanceItem {
	action: NextAction;
}

export interface PostClearance {
	postId: number;
	post: string;
	enterpriseId: number;
	enterprise: string;
	cleared: boolean;
	/** Cleared, but a certificate it rests on expires or has a 复审 due within 60 days. */
	dueSoon: boolean;
	items: ClearanceItemView[];
}

function actionFor(item: ClearanceItem, state: WorkerTradeState | undefined): NextAction {
	if (item.ok) return item.certificateStatus === 'review_due' ? 'review' : item.dueSoon ? 'learn' : 'none';
	if (item.certificateStatus === 'revoked') return 'contact';
	if (item.certificateStatus === 'expired' || item.certificateStatus === 'review_missed') return 'learn';
	if (!state) return 'learn';
	if (state.trainingHoursDone < state.trainingHoursRequired) return 'learn';
	if (state.retrainingRequired || (!state.theoryPassed && state.attemptsUsed >= state.maxAttempts))
		return 'learn';
	if (!state.theoryPassed) return 'exam';
	if (state.practicalPassed === false) return 'practical';
	return 'wait';
}

export interface PostRow {
	postId: number;
	post: string;
	enterpriseId: number;
	enterprise: string;
	requirements: Requirement[];
}

/** Posts with their requirements, for the given post ids. */
export function loadPosts(db: Db, postIds: number[]): Map<number, PostRow> {
	const m = new Map<number, PostRow>();
	if (postIds.length === 0) return m;
	for (const p of db
		.select({
			postId: posts.id,
			post: posts.name,
			enterpriseId: posts.enterpriseId,
			enterprise: enterprises.name
		})
		.from(posts)
		.innerJoin(enterprises, eq(enterprises.id, posts.enterpriseId))
		.where(inArray(posts.id, postIds))
		.all())
		m.set(p.postId, { ...p, requirements: [] });
	for (const r of db
		.select({
			postId: postRequirements.postId,
			tradeCode: trades.code,
			tradeName: trades.name,
			category: trades.category
		})
		.from(postRequirements)
		.innerJoin(trades, eq(trades.code, postRequirements.tradeCode))
		.where(inArray(postRequirements.postId, postIds))
		.orderBy(asc(trades.code))
		.all())
		m.get(r.postId)?.requirements.push({
			tradeCode: r.tradeCode,
			tradeName: r.tradeName,
			category: r.category
		});
	return m;
}

/** Clearance of one worker for one post, from loaded data. */
export function clearanceOf(
	data: CertificationData,
	userId: number,
	post: PostRow,
	day: string
): PostClearance {
	const states = new Map<string, WorkerTradeState>();
	for (const r of post.requirements) {
		const s = data.stateFor(userId, r.tradeCode);
		if (s) states.set(r.tradeCode, s);
	}
	const c = clearanceFor({ name: post.post, requirements: post.requirements }, states, day);
	return {
		postId: post.postId,
		post: post.post,
		enterpriseId: post.enterpriseId,
		enterprise: post.enterprise,
		cleared: c.cleared,
		dueSoon: c.cleared && c.items.some((i) => i.dueSoon),
		items: c.items.map((i) => ({ ...i, action: actionFor(i, states.get(i.tradeCode)) }))
	};
}

/** Every (worker, post) assignment of the given workers with its clearance on `day`. */
export function clearancesOfWorkers(
	db: Db,
	userIds: number[],
	day: string,
	data = new CertificationData(db, userIds)
): Map<number, PostClearance[]> {
	const out = new Map<number, PostClearance[]>(userIds.map((id) => [id, []]));
	if (userIds.length === 0) return out;
	const assigned: { userId: number; postId: number }[] = [];
	for (let i = 0; i < userIds.length; i += 500)
		assigned.push(
			...db
				.select({ userId: workerPosts.userId, postId: workerPosts.postId })
				.from(workerPosts)
				.where(inArray(workerPosts.userId, userIds.slice(i, i + 500)))
				.orderBy(asc(workerPosts.postId))
				.all()
		);
	const postMap = loadPosts(db, [...new Set(assigned.map((a) => a.postId))]);
	for (const a of assigned) {
		const p = postMap.get(a.postId);
		if (p) out.get(a.userId)?.push(clearanceOf(data, a.userId, p, day));
	}
	return out;
}

export interface CertificateView {
	id: number;
	number: string;
	tradeCode: string;
	tradeName: string;
	category: string;
	issuedOn: string;
	validUntil: string;
	reviews: { dueOn: string; passedOn: string | null }[];
	nextReviewDue: string | null;
	status: CertificateStatus;
	statusLabel: string;
	dueSoon: boolean;
	revokedOn: string | null;
	revokedReason: string | null;
}

export function certificateView(
	c: CertificateWithReviews,
	trade: TradeRow | undefined,
	day: string
): CertificateView {
	const facts = toFacts(c, trade);
	// A certificate dated after `day` (only possible with an explicit past `day`) shows as not yet valid.
	const s =
		c.issuedOn <= day
			? certificateStatus(facts, day, DUE_SOON_DAYS)
			: { status: 'expired' as const, dueSoon: false, nextReviewDue: null, label: '尚未生效' };
	return {
		id: c.id,
		number: c.number,
		tradeCode: c.tradeCode ?? '',
		tradeName: trade?.name ?? '',
		category: trade?.category ?? '',
		issuedOn: c.issuedOn,
		validUntil: c.validUntil,
		reviews: c.reviews.map((r) => ({ dueOn: r.dueOn, passedOn: r.passedOn })),
		nextReviewDue: s.nextReviewDue,
		status: s.status,
		statusLabel: s.label,
		dueSoon: s.dueSoon,
		revokedOn: c.revokedOn,
		revokedReason: c.revokedReason
	};
}

/** The certificates of some workers, newest first, with their status on `day`. */
export function certificatesOfWorkers(
	db: Db,
	userIds: number[],
	day: string,
	data = new CertificationData(db, userIds)
): Map<number, CertificateView[]> {
	const out = new Map<number, CertificateView[]>(userIds.map((id) => [id, []]));
	for (const c of [...data.certificates].reverse())
		if (c.issuedOn <= day)
			out.get(c.userId)?.push(certificateView(c, data.trades.get(c.tradeCode ?? ''), day));
	return out;
}

/** May the actor see this person's certification (self, their enterprise, regulators over it, admins)? */
export function canViewWorker(
	db: Db,
	actor: Actor,
	user: { id: number; enterpriseId: number | null }
): boolean {
	if (user.id === actor.id) return true;
	if (hasRole(actor, 'admin')) return true;
	return user.enterpriseId != null && canViewEnterprise(db, actor, user.enterpriseId);
}

function requireViewableWorker(db: Db, actor: Actor, userId: number) {
	const u = db
		.select({ id: users.id, name: users.name, idCard: users.idCard, enterpriseId: users.enterpriseId })
		.from(users)
		.where(eq(users.id, userId))
		.get();
	// The same 403 for "missing" and "not yours": ids reveal nothing.
	if (!u || !canViewWorker(db, actor, u)) error(403, '您无权查看该人员');
	return u;
}

/** The worker's own posts with clearance, and their certificates (我的岗位 / 我的证书 / home). */
export function myCertification(db: Db, actor: Actor, day = today()) {
	requireActor(actor);
	const data = new CertificationData(db, [actor.id]);
	const posts = clearancesOfWorkers(db, [actor.id], day, data).get(actor.id) ?? [];
	const certs = certificatesOfWorkers(db, [actor.id], day, data).get(actor.id) ?? [];
	return { today: day, posts, certificates: certs };
}

/** A worker's certification as seen by someone allowed to see the worker (403 otherwise). */
export function workerCertification(db: Db, actor: Actor, userId: number, day = today()) {
	const u = requireViewableWorker(db, actor, userId);
	const data = new CertificationData(db, [u.id]);
	return {
		today: day,
		posts: clearancesOfWorkers(db, [u.id], day, data).get(u.id) ?? [],
		certificates: certificatesOfWorkers(db, [u.id], day, data).get(u.id) ?? [],
		canRevoke: canRevokeFor(db, actor, u.enterpriseId)
	};
}

function canRevokeFor(db: Db, actor: Actor, enterpriseId: number | null): boolean {
	if (hasRole(actor, 'admin')) return true;
	if (enterpriseId == null) return false;
	const paths = regulatorPaths(db, actor);
	const p = enterprisePath(db, enterpriseId);
	return !!p && paths.some((root) => p.startsWith(root));
}

/** The printable certificate: for its holder and those who may see the holder. */
export function printableCertificate(db: Db, actor: Actor, certificateId: number, day = today()) {
	const c = db.select().from(certificates).where(eq(certificates.id, certificateId)).get();
	if (!c || c.kind !== 'qualification') error(403, '您无权查看该证书');
	const u = db
		.select({ id: users.id, name: users.name, idCard: users.idCard, enterpriseId: users.enterpriseId })
		.from(users)
		.where(eq(users.id, c.userId))
		.get();
	if (!u || !canViewWorker(db, actor, u)) error(403, '您无权查看该证书');
	const data = new CertificationData(db, [u.id]);
	const full = data.certificates.find((x) => x.id === c.id)!;
	const trade = data.trades.get(c.tradeCode ?? '');
	const enterprise = u.enterpriseId
		? (db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, u.enterpriseId)).get()
				?.name ?? null)
		: null;
	return {
		...certificateView(full, trade, day),
		verificationCode: c.verificationCode,
		holder: u.name,
		idCard: maskIdCard(u.idCard),
		enterprise,
		title:
			trade?.category === 'special'
				? '特种作业操作证'
				: '生产经营单位主要负责人和安全生产管理人员安全生产知识和管理能力考核合格证明',
		family: trade?.family ?? null
	};
}

export type RevokeResult = { ok: true } | { ok: false; message: string };

/** 吊销: admins, or regulators over the holder's enterprise region. The reason is required. */
export function revokeCertificate(
	db: Db,
	actor: Actor,
	certificateId: number,
	reason: string,
	opts: { day?: string; ip?: string } = {}
): RevokeResult {
	const c = db.select().from(certificates).where(eq(certificates.id, certificateId)).get();
	const holder = c
		? db.select({ enterpriseId: users.enterpriseId }).from(users).where(eq(users.id, c.userId)).get()
		: undefined;
	if (!c || !holder || !canRevokeFor(db, actor, holder.enterpriseId)) error(403, '您无权吊销该证书');
	const why = reason.trim();
	if (!why) return { ok: false, message: '请填写吊销原因' };
	if (why.length > 200) return { ok: false, message: '吊销原因不能超过 200 个字' };
	if (c.revokedOn) return { ok: false, message: `该证书已于 ${c.revokedOn} 被吊销` };
	const day = opts.day ?? today();
	db.transaction((tx) => {
		tx.update(certificates)
			.set({ revokedOn: day, revokedReason: why })
			.where(eq(certificates.id, c.id))
			.run();
		audit(tx as unknown as Db, {
			action: 'certificate.revoke',
			actorId: actor.id,
			target: `certificate:${c.id}`,
			detail: { number: c.number, reason: why, revokedOn: day },
			ip: opts.ip
		});
	});
	return { ok: true };
}

export { CertificationData };
