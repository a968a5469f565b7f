/**
 * The exam room's answer queue (browser only). Every answer is written to localStorage first,
 * then sent to the server in batches; an answer leaves the queue only when the server has
 * acknowledged it. Offline, a server error or a refresh never loses an answer: the queue is
 * re-read on load and re-sent. Sequence numbers make re-sends idempotent and let the newest
 * answer win across devices.
 */
export type SaveState = 'saved' | 'pending' | 'retrying';

export interface QueuedAnswer {
	position: number;
	answer: string;
	seq: number;
	flagged: boolean;
}

interface ServerItem {
	position: number;
	response: string;
	seq: number;
	flagged: boolean;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;
type Fetch = typeof fetch;

export class AnswerQueue {
	answers = $state<Record<number, string>>({});
	flags = $state<Record<number, boolean>>({});
	states = $state<Record<number, SaveState>>({});
	online = $state(true);
	/** Set when the server refuses answers for good (deadline passed, already submitted). */
	closedMessage = $state<string | null>(null);
	lastError = $state<string | null>(null);

	// Deliberately not reactive: the UI reads `states`; this is the unacknowledged backlog.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Map<number, QueuedAnswer>();
	#seq = 0;
	#inFlight = false;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#retryDelay = 500;
	#key: string;

	constructor(
		readonly attemptId: number,
		items: ServerItem[],
		private storage: Storage,
		private fetcher: Fetch
	) {
		this.#key = `anxun:attempt:${attemptId}`;
		for (const it of items) {
			this.answers[it.position] = it.response;
			this.flags[it.position] = it.flagged;
			this.states[it.position] = 'saved';
			this.#seq = Math.max(this.#seq, it.seq);
		}
		const stored = this.#read();
		this.#seq = Math.max(this.#seq, stored.seq);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup table
		const serverSeq = new Map(items.map((i) => [i.position, i.seq]));
		for (const q of stored.pending) {
			// Only answers newer than what the server holds are still owed.
			if (q.seq > (serverSeq.get(q.position) ?? 0)) {
				this.#pending.set(q.position, q);
				this.answers[q.position] = q.answer;
				this.flags[q.position] = q.flagged;
				this.states[q.position] = 'pending';
			}
		}
		this.#write();
	}

	get pendingCount() {
		return Object.values(this.states).filter((s) => s !== 'saved').length;
	}

	set(position: number, answer: string) {
		this.answers[position] = answer;
		this.#enqueue(position);
	}

	toggleFlag(position: number) {
		this.flags[position] = !this.flags[position];
		this.#enqueue(position);
	}

	#enqueue(position: number) {
		if (this.closedMessage) return;
		this.#seq += 1;
		this.#pending.set(position, {
			position,
			answer: this.answers[position] ?? '',
			seq: this.#seq,
			flagged: !!this.flags[position]
		});
		this.states[position] = 'pending';
		this.#write();
		void this.flush();
	}

	/** Everything not yet acknowledged, for a final submit. */
	queued(): QueuedAnswer[] {
		return [...this.#pending.values()];
	}

	setOnline(online: boolean) {
		this.online = online;
		if (online) {
			this.#retryDelay = 500;
			void this.flush();
		}
	}

	async flush(): Promise<boolean> {
		if (this.#inFlight || this.#pending.size === 0 || this.closedMessage) return this.#pending.size === 0;
		this.#inFlight = true;
		const batch = [...this.#pending.values()];
		try {
			const res = await this.fetcher(`/api/attempts/${this.attemptId}/answers`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ answers: batch })
			});
			if (res.ok) {
				const body = (await res.json()) as { saved: { position: number; seq: number }[] };
				for (const s of body.saved) {
					const q = this.#pending.get(s.position);
					// A newer answer given while this request was in flight stays queued.
					if (q && q.seq <= s.seq) {
						this.#pending.delete(s.position);
						this.states[s.position] = 'saved';
					}
				}
				this.lastError = null;
				this.#retryDelay = 500;
				this.#write();
			} else if (res.status === 409 || res.status === 403) {
				const body = (await res.json().catch(() => ({}))) as { message?: string };
				this.closedMessage = body.message ?? '答案未被接受';
			} else {
				const body = (await res.json().catch(() => ({}))) as { message?: string };
				this.#markRetrying(body.message ?? `服务器错误（${res.status}）`);
			}
		} catch {
			this.#markRetrying(this.online ? '网络异常' : '网络已断开，答案已暂存在本机');
		} finally {
			this.#inFlight = false;
		}
		if (this.#pending.size > 0 && !this.#retryTimer && !this.closedMessage) {
			// More answers arrived meanwhile, or this batch failed: go again (with backoff on failure).
			const delay = this.lastError ? this.#retryDelay : 0;
			this.#retryTimer = setTimeout(() => {
				this.#retryTimer = null;
				void this.flush();
			}, delay);
			if (this.lastError) this.#retryDelay = Math.min(this.#retryDelay * 2, 10_000);
		}
		return this.#pending.size === 0;
	}

	#markRetrying(message: string) {
		this.lastError = message;
		for (const p of this.#pending.keys()) this.states[p] = 'retrying';
	}

	/** Forget the local copy once the attempt is submitted. */
	clear() {
		this.#pending.clear();
		this.storage.removeItem(this.#key);
	}

	#read(): { seq: number; pending: QueuedAnswer[] } {
		try {
			const raw = this.storage.getItem(this.#key);
			if (raw) return JSON.parse(raw);
		} catch {
			/* a corrupt entry is ignored; the server copy stands */
		}
		return { seq: 0, pending: [] };
	}

	#write() {
		try {
			this.storage.setItem(
				this.#key,
				JSON.stringify({ seq: this.#seq, pending: [...this.#pending.values()] })
			);
		} catch {
			/* storage full or private mode: the in-memory queue still retries */
		}
	}
}
