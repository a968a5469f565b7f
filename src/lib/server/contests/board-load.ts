/** Loads a contest's board from the database (public or jury view). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { contestEntrants, contestTeams, scoreEvents, scoreSheets, users } from '../db/schema';
import { now } from '../clock';
import type { BoardData, BoardView, SheetDetail } from '../../contests/types';
import { computeBoard, PUBLIC_ROW_LIMIT, type BoardInput } from './board';
import { getContest, judgeRows, orgLabel, orgNames, roundsOf, type ContestRow } from './service';

export function boardInput(db: Db, c: ContestRow): BoardInput {
	const names = orgNames(db);
	const rounds = roundsOf(db, c.id);
	return {
		contest: {
			id: c.id,
			name: c.name,
			kind: c.kind,
			freezeAt: c.freezeAt?.getTime() ?? null,
			revealed: c.revealed,
			publishedAt: c.publishedAt?.getTime() ?? null,
			teamMode: c.teamMode,
			useTieBreak: c.useTieBreak,
			awardRule: c.awardRule
		},
		rounds: rounds.map((r) => ({ id: r.id, name: r.name, kind: r.kind, weight: r.weight })),
		entrants: db
			.select({ e: contestEntrants, name: users.name })
			.from(contestEntrants)
			.innerJoin(users, eq(users.id, contestEntrants.userId))
			.where(eq(contestEntrants.contestId, c.id))
			.orderBy(asc(contestEntrants.id))
			.all()
			.map(({ e, name }) => ({
				id: e.id,
				name,
				org: orgLabel(names, e),
				teamId: e.teamId,
				reserve: e.reserve
			})),
		teams: db
			.select({ id: contestTeams.id, name: contestTeams.name })
			.from(contestTeams)
			.where(eq(contestTeams.contestId, c.id))
			.orderBy(asc(contestTeams.id))
			.all(),
		events: db
			.select()
			.from(scoreEvents)
			.where(eq(scoreEvents.contestId, c.id))
			.orderBy(asc(scoreEvents.recordedAt), asc(scoreEvents.id))
			.all()
			.map((e) => ({
				id: e.id,
				roundId: e.roundId,
				entrantId: e.entrantId,
				score: e.score,
				timeUsed: e.timeUsed,
				recordedAt: e.recordedAt.getTime()
			}))
	};
}

/**
 * The board for a view. Access is checked by the caller (the public view is public). `live`: the
 * public pages and stream, which list the top PUBLIC_ROW_LIMIT entrants and teams.
 */
export function loadBoard(db: Db, contestId: number, view: BoardView, live = false): BoardData {
	const c = getContest(db, contestId);
	const board = computeBoard(boardInput(db, c), view, now().getTime(), {
		rowLimit: live && view === 'public' ? PUBLIC_ROW_LIMIT : undefined
	});
	if (view !== 'jury') return board;
	const rounds = roundsOf(db, c.id).filter((r) => r.kind === 'practical');
	const judgeNames = new Map(judgeRows(db, c.id).map((j) => [j.j.userId, j.name]));
	const sheets: SheetDetail[] = rounds.length
		? db
				.select()
				.from(scoreSheets)
				.where(
					inArray(
						scoreSheets.roundId,
						rounds.map((r) => r.id)
					)
				)
				.orderBy(asc(scoreSheets.id))
				.all()
				.map((s) => ({
					sheetId: s.id,
					roundId: s.roundId,
					entrantId: s.entrantId,
					judgeId: s.judgeId,
					judgeName: judgeNames.get(s.judgeId) ?? `裁判 ${s.judgeId}`,
					submitted: !!s.submittedAt,
					marks: s.marks,
					total: Object.values(s.marks).reduce((a, b) => a + b, 0),
					reopenReason: s.reopenReason
				}))
		: [];
	return {
		...board,
		sheets,
		rubrics: rounds.map((r) => ({
			roundId: r.id,
			items: r.rubric.map((i) => ({ id: i.id, name: i.name, maxPoints: i.maxPoints }))
		}))
	};
}

/** At most this many matches are returned by 查名次. */
export const FIND_LIMIT = 20;

/**
 * 查名次 on the public board: entrants whose name contains `q`, with their rank as the public sees
 * it (frozen after the freeze, like the board). The live board lists only the top rows; this
 * lets anyone further down find their place. Names on the public board are public already.
 */
export function findOnPublicBoard(
	db: Db,
	contestId: number,
	q: string
): { rows: BoardData['rows']; more: boolean; message?: string } {
	const term = q.trim();
	if (term.length < 2 || term.length > 20)
		return { rows: [], more: false, message: '请输入 2–20 个字的姓名（可以只输入姓名的一部分）' };
	const board = computeBoard(boardInput(db, getContest(db, contestId)), 'public', now().getTime());
	const hits = board.rows.filter((r) => r.name.includes(term));
	return { rows: hits.slice(0, FIND_LIMIT), more: hits.length > FIND_LIMIT };
}
