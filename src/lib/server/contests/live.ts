/**
 * Live leaderboards: an in-process pub/sub, one channel per contest.
 *
 * A change (a score recorded, a freeze, a reveal) calls `notifyContest`. The channel recomputes the
 * board ONCE per view that has viewers, serialises it ONCE into an SSE frame, and writes the same
 * bytes to every viewer of that view — so 1,000 viewers cost one computation, not 1,000.
 * Notifications are coalesced and run on the next turn of the event loop (setImmediate), which is
 * always after the synchronous SQLite transaction that recorded the change has committed.
 *
 * No SvelteKit imports: the benchmark (scripts/bench-leaderboard.ts) drives this module directly.
 */
import type { BoardView } from '../../contests/types';

/** Computes a board for a view. `refreshAt`: when the board will change by itself (the freeze). */
export type BoardLoader = (view: BoardView) => { refreshAt?: number | null };

export interface Viewer {
	view: BoardView;
	/** Writes one chunk; may throw when the connection is gone (the viewer is then dropped). */
	write: (chunk: Uint8Array) => void;
	/** Called when the channel drops the viewer (e.g. it fell too far behind). */
	close?: () => void;
}

interface Channel {
	viewers: Set<Viewer>;
	load: BoardLoader;
	/** The latest frame per view; cleared on every change. */
	frames: Map<BoardView, Uint8Array>;
	pending: boolean;
	heartbeat: ReturnType<typeof setInterval>;
	refreshTimer: ReturnType<typeof setTimeout> | null;
	refreshAt: number | null;
}

export const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();
const PING = encoder.encode(': ping\n\n');
const channels = new Map<number, Channel>();

/** One SSE message carrying the whole board. */
export function boardFrame(data: unknown): Uint8Array {
	return encoder.encode(`event: board\ndata: ${JSON.stringify(data)}\n\n`);
}

function writeTo(ch: Channel, viewer: Viewer, chunk: Uint8Array) {
	try {
		viewer.write(chunk);
	} catch {
		ch.viewers.delete(viewer);
		try {
			viewer.close?.();
		} catch {
			/* already closed */
		}
	}
}

function frameFor(contestId: number, ch: Channel, view: BoardView): Uint8Array {
	let f = ch.frames.get(view);
	if (!f) {
		const data = ch.load(view);
		f = boardFrame(data);
		ch.frames.set(view, f);
		scheduleRefresh(contestId, ch, data.refreshAt ?? null);
	}
	return f;
}

/** The board changes by itself at the freeze: wake the channel then (timers are capped at ~24 days). */
function scheduleRefresh(contestId: number, ch: Channel, at: number | null) {
	if (at === ch.refreshAt) return;
	if (ch.refreshTimer) clearTimeout(ch.refreshTimer);
	ch.refreshTimer = null;
	ch.refreshAt = at;
	if (at == null) return;
	const delay = at - Date.now();
	if (delay > 2 ** 31 - 1) return;
	ch.refreshTimer = setTimeout(
		() => {
			ch.refreshAt = null;
			ch.refreshTimer = null;
			notifyContest(contestId);
		},
		Math.max(0, delay) + 5
	);
	ch.refreshTimer.unref?.();
}

/**
 * Adds a viewer to a contest's channel and sends it the current board at once. `load` is used when
 * this call creates the channel. Returns the unsubscribe function (idempotent).
 */
export function subscribe(contestId: number, viewer: Viewer, load: BoardLoader): () => void {
	let ch = channels.get(contestId);
	if (!ch) {
		const created: Channel = {
			viewers: new Set(),
			load,
			frames: new Map(),
			pending: false,
			heartbeat: setInterval(() => {
				for (const v of created.viewers) writeTo(created, v, PING);
			}, HEARTBEAT_MS),
			refreshTimer: null,
			refreshAt: null
		};
		created.heartbeat.unref?.();
		channels.set(contestId, (ch = created));
	}
	ch.viewers.add(viewer);
	writeTo(ch, viewer, frameFor(contestId, ch, viewer.view));
	const channel = ch;
	return () => {
		channel.viewers.delete(viewer);
		if (channel.viewers.size === 0 && channels.get(contestId) === channel) {
			clearInterval(channel.heartbeat);
			if (channel.refreshTimer) clearTimeout(channel.refreshTimer);
			channels.delete(contestId);
		}
	};
}

/** Recomputes and pushes now (synchronously). Mostly for `notifyContest` and the benchmark. */
export function publishNow(contestId: number) {
	const ch = channels.get(contestId);
	if (!ch) return;
	ch.frames.clear();
	const views = new Set<BoardView>();
	for (const v of ch.viewers) views.add(v.view);
	for (const view of views) {
		const frame = frameFor(contestId, ch, view);
		for (const v of ch.viewers) if (v.view === view) writeTo(ch, v, frame);
	}
}

/**
 * Something on the contest's board changed. Coalesced: many calls in one turn cause one push.
 * Safe to call inside a transaction — the push runs after the current synchronous work.
 */
export function notifyContest(contestId: number) {
	const ch = channels.get(contestId);
	if (!ch || ch.pending) return;
	ch.pending = true;
	setImmediate(() => {
		ch.pending = false;
		if (channels.get(contestId) !== ch) return;
		try {
			publishNow(contestId);
		} catch (e) {
			console.error('排行榜推送失败', e);
		}
	});
}

export function viewerCount(contestId: number): number {
	return channels.get(contestId)?.viewers.size ?? 0;
}
