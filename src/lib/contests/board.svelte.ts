/**
 * A live leaderboard in the browser: the page renders the server's board at once, then an
 * EventSource keeps it current. Each push carries the whole board, so a missed message is repaired
 * by the next one. The browser reconnects by itself after a network drop (the server asks for 2 s);
 * if it gives up (e.g. the server restarted), we reconnect with backoff.
 */
import type { BoardData } from './types';

export class LiveBoard {
	/** The latest pushed board (null until the first push); pages show it when newer than their data. */
	board = $state.raw<BoardData | null>(null);
	connected = $state(false);
	/** Pushes received since the page opened. */
	updates = $state(0);
	/** entrantId → places gained (+) or lost (−) in the last change. */
	moves = $state.raw<Record<number, number>>({});

	#url = '';
	#source: EventSource | null = null;
	#retry = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#stopped = true;

	start(url: string) {
		if (typeof EventSource === 'undefined') return;
		if (!this.#stopped && url === this.#url) return;
		this.stop();
		this.#url = url;
		this.#stopped = false;
		this.#open();
	}

	stop() {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#source?.close();
		this.#source = null;
		this.connected = false;
	}

	#open() {
		const es = new EventSource(this.#url);
		this.#source = es;
		es.onopen = () => {
			this.connected = true;
			this.#retry = 0;
		};
		es.addEventListener('board', (ev) => {
			this.#apply(JSON.parse((ev as MessageEvent<string>).data) as BoardData);
		});
		es.onerror = () => {
			this.connected = false;
			if (es.readyState === EventSource.CLOSED && !this.#stopped) {
				es.close();
				const delay = Math.min(30_000, 1000 * 2 ** this.#retry++);
				this.#timer = setTimeout(() => this.#open(), delay);
			}
		};
	}

	#apply(next: BoardData) {
		const before: Record<number, number> = {};
		for (const r of this.board?.rows ?? []) before[r.entrantId] = r.rank;
		const moves: Record<number, number> = {};
		for (const r of next.rows) {
			const was = before[r.entrantId];
			if (was != null && was !== r.rank) moves[r.entrantId] = was - r.rank;
		}
		this.moves = moves;
		this.board = next;
		this.updates++;
	}

	/** The newer of the page's server-loaded board and the latest push. */
	latest(loaded: BoardData): BoardData {
		const b = this.board;
		return b && b.contestId === loaded.contestId && b.generatedAt >= loaded.generatedAt ? b : loaded;
	}
}
