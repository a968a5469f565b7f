/** Browser-safe shapes of a contest leaderboard (what the SSE stream and the board pages carry). */

export type BoardView = 'public' | 'jury';

export type ContestKind = 'enforcement' | 'worker';

export const CONTEST_KIND_LABELS: Record<ContestKind, string> = {
	enforcement: '执法比武',
	worker: '职工技能比武'
};

export const ROUND_KIND_LABELS: Record<'theory' | 'practical', string> = {
	theory: '理论（线上）',
	practical: '实操评分'
};

/** running → frozen (public board stops) → revealed (ceremony) → published (ranks, awards). */
export type BoardStatus = 'running' | 'frozen' | 'revealed' | 'published';

export const BOARD_STATUS_LABELS: Record<BoardStatus, string> = {
	running: '比赛进行中',
	frozen: '已封榜',
	revealed: '已揭晓',
	published: '成绩已发布'
};

export interface BoardRound {
	id: number;
	name: string;
	kind: 'theory' | 'practical';
	/** Normalised share of the total, 0–1. */
	share: number;
}

export interface BoardRow {
	entrantId: number;
	rank: number;
	name: string;
	org: string;
	team: string | null;
	reserve: boolean;
	total: number;
	/** Round percentages in `rounds` order, rounded to 2 decimals; null = no result yet. */
	scores: (number | null)[];
	/** Theory time used in seconds (the tie-break), summed over theory rounds; null if none. */
	timeUsed: number | null;
	award: string | null;
}

export interface TeamRow {
	teamId: number;
	rank: number;
	name: string;
	score: number;
	members: { name: string; reserve: boolean }[];
	award: string | null;
}

/** Jury only: one judge's sheet for one entrant in one practical round. */
export interface SheetDetail {
	sheetId: number;
	roundId: number;
	entrantId: number;
	judgeId: number;
	judgeName: string;
	submitted: boolean;
	/** itemId → mark. */
	marks: Record<string, number>;
	total: number;
	reopenReason: string | null;
}

export interface BoardData {
	contestId: number;
	name: string;
	kindLabel: string;
	view: BoardView;
	status: BoardStatus;
	freezeAt: number | null;
	/** The public board is frozen right now (freeze time passed, not yet revealed). */
	frozen: boolean;
	revealed: boolean;
	published: boolean;
	teamMode: 'sum' | 'average';
	rounds: BoardRound[];
	rows: BoardRow[];
	teams: TeamRow[];
	/** Entrants and teams in the contest; a live public board lists only the top PUBLIC_ROW_LIMIT. */
	totalRows: number;
	totalTeams: number;
	/** Id of the latest score event counted in this board (0 = none). */
	seq: number;
	/** Jury only: results recorded after the freeze that the public does not see yet. */
	hiddenEvents: number;
	generatedAt: number;
	/** When the board changes by itself (the freeze time), so live viewers are refreshed then. */
	refreshAt: number | null;
	/** Jury only. */
	sheets?: SheetDetail[];
	rubrics?: { roundId: number; items: { id: number; name: string; maxPoints: number }[] }[];
}

/** "1时02分05秒" style for a tie-break time. */
export function formatDuration(seconds: number | null): string {
	if (seconds == null) return '—';
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = seconds % 60;
	return h > 0
		? `${h}时${String(m).padStart(2, '0')}分${String(s).padStart(2, '0')}秒`
		: `${m}分${String(s).padStart(2, '0')}秒`;
}

export function formatScore(x: number | null): string {
	return x == null ? '—' : x.toFixed(2);
}
