/**
 * Freeze (封榜), reveal (揭晓) and publishing results: ranks, awards, award certificates and the
 * .xlsx export.
 */
import { error } from '@sveltejs/kit';
import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../db';
import { certificates, contestEntrants, contests } from '../db/schema';
import { requireActor, type Actor } from '../access';
import { audit } from '../audit';
import { now } from '../clock';
import { buildXlsx } from '../tables';
import { addMonths, certificateNumber, chinaDay, generateVerificationCode } from '../certification/rules';
import { formatDuration, type BoardData } from '../../contests/types';
import { loadBoard } from './board-load';
import { notifyContest } from './live';
import { reopenedSheets } from './sheets';
import { canSeeJury, ContestError, getContest, requireOrganiser } from './service';

/** Award certificates carry this prefix: AX-JS-2025-000001 (JS = 竞赛). */
export const AWARD_PREFIX = 'JS';
/** Award certificates do not expire: valid for 100 years. */
const AWARD_VALID_MONTHS = 1200;

/** Sets (or clears, with null) the instant from which the public board stops changing. */
export function setFreeze(db: Db, actor: Actor, contestId: number, at: Date | null) {
	const c = requireOrganiser(db, actor, contestId);
	if (c.publishedAt) throw new ContestError('成绩已发布，无需封榜', 409);
	if (c.revealed) throw new ContestError('已揭晓最终排名，不能再封榜', 409);
	if (at && Number.isNaN(at.getTime())) throw new ContestError('请填写有效的封榜时间');
	db.update(contests).set({ freezeAt: at }).where(eq(contests.id, contestId)).run();
	notifyContest(contestId);
}

/** At the ceremony: the public board shows every result again. */
export function reveal(db: Db, actor: Actor, contestId: number) {
	const c = requireOrganiser(db, actor, contestId);
	if (c.revealed) throw new ContestError('已经揭晓', 409);
	db.update(contests).set({ revealed: true }).where(eq(contests.id, contestId)).run();
	notifyContest(contestId);
}

function nextSequence(db: Db, year: number): number {
	const prefix = `AX-${AWARD_PREFIX}-${year}-`;
	const rows = db
		.select({ n: certificates.number })
		.from(certificates)
		.where(like(certificates.number, `${prefix}%`))
		.all();
	return rows.reduce((m, r) => Math.max(m, Number(r.n.slice(prefix.length)) || 0), 0) + 1;
}

export function awardTitle(contestName: string, award: string) {
	return `${contestName} ${award}`;
}

/**
 * Publishes the results: reveals the board, fixes awards by the contest's rule and issues an award
 * certificate (kind 'award') to every individual winner, verifiable at /verify/<code>. Refused while
 * a reopened sheet awaits resubmission. Once published the contest no longer changes.
 */
export function publishResults(db: Db, actor: Actor, contestId: number, ip: string | null = null) {
	const c = requireOrganiser(db, actor, contestId);
	if (c.publishedAt) throw new ContestError('成绩已发布', 409);
	const reopened = reopenedSheets(db, contestId);
	if (reopened > 0)
		throw new ContestError(`还有 ${reopened} 张被退回的评分表尚未重新提交，不能发布成绩`, 409);
	const at = now();
	const issued = db.transaction((tx) => {
		const t = tx as unknown as Db;
		t.update(contests).set({ publishedAt: at, revealed: true }).where(eq(contests.id, contestId)).run();
		const board = loadBoard(t, contestId, 'jury');
		const entrants = new Map(
			t
				.select()
				.from(contestEntrants)
				.where(eq(contestEntrants.contestId, contestId))
				.all()
				.map((e) => [e.id, e])
		);
		const issuedOn = chinaDay(at);
		const year = Number(issuedOn.slice(0, 4));
		let seq = nextSequence(t, year);
		let n = 0;
		for (const row of board.rows) {
			if (!row.award) continue;
			const entrant = entrants.get(row.entrantId)!;
			const number = certificateNumber({ tradePrefix: AWARD_PREFIX, year, sequence: seq++ });
			const { id } = t
				.insert(certificates)
				.values({
					number,
					verificationCode: generateVerificationCode(),
					kind: 'award',
					userId: entrant.userId,
					tradeCode: null,
					title: awardTitle(c.name, row.award),
					issuedOn,
					validUntil: addMonths(issuedOn, AWARD_VALID_MONTHS),
					issuedBy: actor.id,
					createdAt: at
				})
				.returning({ id: certificates.id })
				.get();
			audit(t, {
				action: 'certificate.issue',
				actorId: actor.id,
				target: `certificate:${id}`,
				detail: { contestId, entrantId: row.entrantId, award: row.award, rank: row.rank, number },
				ip
			});
			n++;
		}
		return n;
	});
	notifyContest(contestId);
	return { certificates: issued };
}

/** The award certificates of a published contest, by user id. */
function awardCertificates(db: Db, contestName: string) {
	const rows = db
		.select()
		.from(certificates)
		.where(and(eq(certificates.kind, 'award'), like(certificates.title, `${contestName} %`)))
		.all();
	return new Map(rows.map((r) => [`${r.userId}:${r.title}`, r]));
}

/** Published results: the final board with awards, and each winner's certificate. */
export function resultsView(db: Db, actor: Actor, contestId: number) {
	const a = requireActor(actor);
	const c = getContest(db, contestId);
	const jury = canSeeJury(db, a, c);
	if (!c.publishedAt) {
		if (!jury) error(404, '成绩尚未发布');
		return { published: false as const, contest: { id: c.id, name: c.name } };
	}
	const board = loadBoard(db, contestId, 'public');
	const certs = awardCertificates(db, c.name);
	const users = new Map(
		db
			.select()
			.from(contestEntrants)
			.where(eq(contestEntrants.contestId, contestId))
			.all()
			.map((e) => [e.id, e.userId])
	);
	return {
		published: true as const,
		contest: { id: c.id, name: c.name, publishedAt: c.publishedAt.toISOString() },
		board,
		certificates: Object.fromEntries(
			board.rows
				.filter((r) => r.award)
				.map((r) => {
					const cert = certs.get(`${users.get(r.entrantId)}:${awardTitle(c.name, r.award!)}`);
					return [r.entrantId, cert ? { number: cert.number, code: cert.verificationCode } : null];
				})
		) as Record<number, { number: string; code: string } | null>
	};
}

/** 成绩表.xlsx: individual and team rankings with round scores and awards. */
export async function exportResults(db: Db, actor: Actor, contestId: number) {
	const r = resultsView(db, actor, contestId);
	if (!r.published) throw new ContestError('成绩尚未发布，不能导出', 409);
	const b: BoardData = r.board;
	const individual = [
		[
			'名次',
			'姓名',
			'单位',
			'代表队',
			...b.rounds.map((x) => `${x.name}（${Math.round(x.share * 100)}%）`),
			'总分',
			'理论用时',
			'奖项',
			'证书编号'
		],
		...b.rows.map((row) => [
			row.rank,
			row.name + (row.reserve ? '（替补）' : ''),
			row.org,
			row.team ?? '',
			...row.scores.map((s) => s),
			row.total,
			row.timeUsed == null ? '' : formatDuration(row.timeUsed),
			row.award ?? '',
			r.certificates[row.entrantId]?.number ?? ''
		])
	];
	const teams = [
		[
			'名次',
			'代表队',
			b.teamMode === 'sum' ? '团体总分（队员得分之和）' : '团体得分（队员平均分）',
			'队员',
			'奖项'
		],
		...b.teams.map((t) => [
			t.rank,
			t.name,
			t.score,
			t.members.map((m) => m.name + (m.reserve ? '（替补，不计团体）' : '')).join('、'),
			t.award ?? ''
		])
	];
	return buildXlsx([
		{
			name: '个人排名',
			rows: individual,
			widths: [6, 12, 24, 20, ...b.rounds.map(() => 16), 10, 14, 10, 22]
		},
		{ name: '团体排名', rows: teams, widths: [6, 24, 22, 48, 10] }
	]);
}
