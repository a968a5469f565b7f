/**
 * Leaderboard computation from the score-event log. PURE (no database, no I/O): the loader in
 * board-load.ts feeds it rows, the benchmark feeds it synthetic data.
 *
 * Rules:
 * - an entrant's round score is the LATEST visible event for that entrant × round (by recordedAt,
 *   then id); the public view sees only events before the freeze until the results are revealed;
 * - total = weightedTotal of the round percentages (a round without a result counts 0);
 * - ranks: standard competition ranking (1, 2, 2, 4); with `useTieBreak`, equal totals are separated
 *   by the theory time used (summed over theory rounds; less is better, none = worst);
 * - teams: teamScore of the members' totals, reserves excluded; equal team scores are separated by
 *   the counted members' summed theory time when every counted member has one;
 * - awards (一等奖/二等奖/三等奖 by the contest's award rule) appear once results are published; an
 *   entrant with no recorded result at all keeps a rank but gets no award; teams likewise need a result.
 */
import {
	awards,
	rank,
	round2,
	teamScore,
	visibleScoreEvents,
	weightedTotal,
	type AwardRule,
	type RankEntry
} from './scoring';
import {
	BOARD_STATUS_LABELS,
	CONTEST_KIND_LABELS,
	type BoardData,
	type BoardRow,
	type BoardStatus,
	type BoardView,
	type ContestKind,
	type TeamRow
} from '../../contests/types';

export interface BoardContest {
	id: number;
	name: string;
	kind: ContestKind;
	freezeAt: number | null;
	revealed: boolean;
	publishedAt: number | null;
	teamMode: 'sum' | 'average';
	useTieBreak: boolean;
	awardRule: AwardRule;
}

export interface BoardInput {
	contest: BoardContest;
	rounds: { id: number; name: string; kind: 'theory' | 'practical'; weight: number }[];
	entrants: { id: number; name: string; org: string; teamId: number | null; reserve: boolean }[];
	teams: { id: number; name: string }[];
	/** The contest's score events, any order. */
	events: {
		id: number;
		roundId: number;
		entrantId: number;
		score: number;
		timeUsed: number | null;
		recordedAt: number;
	}[];
}

export function boardStatus(c: BoardContest, now: number): BoardStatus {
	if (c.publishedAt != null) return 'published';
	if (c.revealed) return 'revealed';
	if (c.freezeAt != null && now >= c.freezeAt) return 'frozen';
	return 'running';
}

export function statusLabel(c: BoardContest, now: number): string {
	return BOARD_STATUS_LABELS[boardStatus(c, now)];
}

/**
 * Live public boards show at most this many individuals and teams: a venue screen or a phone cannot
 * show more, and it keeps every push small (a 10,000-entrant contest still reaches 1,000 viewers in
 * well under a second). The jury board, the results page and the export have everyone.
 */
export const PUBLIC_ROW_LIMIT = 500;

export function computeBoard(
	input: BoardInput,
	view: BoardView,
	now: number,
	options: { rowLimit?: number } = {}
): BoardData {
	const limit = options.rowLimit ?? Number.POSITIVE_INFINITY;
	const { contest, rounds, entrants, teams } = input;
	const visible = visibleScoreEvents(input.events, view, contest.freezeAt, contest.revealed);
	let hiddenEvents = 0;
	if (view === 'jury' && contest.freezeAt != null && !contest.revealed)
		for (const e of input.events) if (e.recordedAt >= contest.freezeAt) hiddenEvents++;

	// Latest event per entrant × round, in flat typed arrays (a 10,000-entrant board stays in a few ms).
	const R = rounds.length;
	const roundIndex = new Map(rounds.map((r, i) => [r.id, i]));
	const entrantIndex = new Map(entrants.map((e, i) => [e.id, i]));
	const best = new Int32Array(entrants.length * R).fill(-1);
	let seq = 0;
	for (let k = 0; k < visible.length; k++) {
		const e = visible[k];
		const ri = roundIndex.get(e.roundId);
		const ei = entrantIndex.get(e.entrantId);
		if (ri === undefined || ei === undefined) continue;
		const slot = ei * R + ri;
		const cur = best[slot] < 0 ? null : visible[best[slot]];
		if (!cur || cur.recordedAt < e.recordedAt || (cur.recordedAt === e.recordedAt && cur.id < e.id))
			best[slot] = k;
		if (e.id > seq) seq = e.id;
	}
	const competed = (ei: number) => {
		for (let ri = 0; ri < R; ri++) if (best[ei * R + ri] >= 0) return true;
		return false;
	};

	// Same arithmetic as scoring.weightedTotal (which also validates the weights, once, here).
	const weightSum = R > 0 ? rounds.reduce((s, r) => s + r.weight, 0) : 0;
	if (R > 0 && weightSum > 0) weightedTotal(new Map(), rounds);
	const totals: { total: number; scores: (number | null)[]; time: number | null }[] = new Array(
		entrants.length
	);
	const rankEntries: RankEntry[] = new Array(entrants.length);
	for (let ei = 0; ei < entrants.length; ei++) {
		const scores: (number | null)[] = new Array(R);
		let weighted = 0;
		let time: number | null = null;
		for (let ri = 0; ri < R; ri++) {
			const k = best[ei * R + ri];
			const e = k < 0 ? null : visible[k];
			scores[ri] = e ? round2(e.score) : null;
			weighted += rounds[ri].weight * (e ? e.score : 0);
			if (e && rounds[ri].kind === 'theory' && e.timeUsed != null) time = (time ?? 0) + e.timeUsed;
		}
		const total = weightSum > 0 ? round2(weighted / weightSum) : 0;
		totals[ei] = { total, scores, time };
		rankEntries[ei] = { id: entrants[ei].id, total, tieBreak: time == null ? undefined : [time] };
	}
	const ranked = rank(rankEntries, contest.useTieBreak);
	const published = contest.publishedAt != null;
	// An entrant without any recorded result (did not compete) is ranked but never awarded.
	const individualAwards = published
		? awards(
				ranked.filter((r) => competed(entrantIndex.get(r.id)!)),
				contest.awardRule
			)
		: new Map();

	const teamName = new Map(teams.map((t) => [t.id, t.name]));
	const rows: BoardRow[] = ranked.slice(0, limit).map((r) => {
		const ei = entrantIndex.get(r.id)!;
		const en = entrants[ei];
		const t = totals[ei];
		return {
			entrantId: en.id,
			rank: r.rank,
			name: en.name,
			org: en.org,
			team: en.teamId == null ? null : (teamName.get(en.teamId) ?? null),
			reserve: en.reserve,
			total: t.total,
			scores: t.scores,
			timeUsed: t.time,
			award: individualAwards.get(en.id) ?? null
		};
	});

	// Teams (members as entrant indexes).
	const members = new Map<number, number[]>();
	entrants.forEach((en, ei) => {
		if (en.teamId == null) return;
		const list = members.get(en.teamId);
		if (list) list.push(ei);
		else members.set(en.teamId, [ei]);
	});
	const teamHasResult = new Set<number>();
	const teamEntries: RankEntry[] = teams.map((t) => {
		const list = members.get(t.id) ?? [];
		const score = teamScore(
			list.map((ei) => ({ total: totals[ei].total, reserve: entrants[ei].reserve })),
			contest.teamMode
		);
		const counted = list.filter((ei) => !entrants[ei].reserve);
		if (counted.some(competed)) teamHasResult.add(t.id);
		let time: number | undefined = counted.length > 0 ? 0 : undefined;
		for (const ei of counted) {
			const x = totals[ei].time;
			time = x == null || time === undefined ? undefined : time + x;
		}
		return { id: t.id, total: score, tieBreak: time === undefined ? undefined : [time] };
	});
	const teamRanked = rank(teamEntries, contest.useTieBreak);
	const teamAwards = published
		? awards(
				teamRanked.filter((r) => teamHasResult.has(r.id)),
				contest.awardRule
			)
		: new Map();
	const teamRows: TeamRow[] = teamRanked.slice(0, limit).map((r) => ({
		teamId: r.id,
		rank: r.rank,
		name: teamName.get(r.id) ?? '',
		score: r.total,
		members: (members.get(r.id) ?? []).map((ei) => ({
			name: entrants[ei].name,
			reserve: entrants[ei].reserve
		})),
		award: teamAwards.get(r.id) ?? null
	}));

	const status = boardStatus(contest, now);
	return {
		contestId: contest.id,
		name: contest.name,
		kindLabel: CONTEST_KIND_LABELS[contest.kind],
		view,
		status,
		freezeAt: contest.freezeAt,
		frozen: status === 'frozen',
		revealed: contest.revealed || published,
		published,
		teamMode: contest.teamMode,
		rounds: rounds.map((r) => ({
			id: r.id,
			name: r.name,
			kind: r.kind,
			share: weightSum > 0 ? r.weight / weightSum : 0
		})),
		rows,
		teams: teamRows,
		totalRows: ranked.length,
		totalTeams: teamRanked.length,
		seq,
		hiddenEvents,
		generatedAt: now,
		refreshAt:
			contest.freezeAt != null && contest.freezeAt > now && !contest.revealed && !published
				? contest.freezeAt
				: null
	};
}
