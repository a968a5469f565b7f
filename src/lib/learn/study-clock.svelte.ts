/**
 * The study clock (browser only). It runs while the lesson is visible and the learner has
 * done something (scrolled, tapped, typed) in the last IDLE_MS; every BEAT_MS it tells the
 * server, which does the counting. Hidden, idle or offline: the clock stops.
 */
export const BEAT_MS = 15_000;
export const IDLE_MS = 3 * 60_000;

export interface ServerProgress {
	seconds: number;
	requiredSeconds: number;
	readToEnd: boolean;
	completed: boolean;
	elsewhere?: boolean;
}

export class StudyClock {
	seconds = $state(0);
	requiredSeconds = $state(0);
	readToEnd = $state(false);
	completed = $state(false);
	running = $state(false);
	elsewhere = $state(false);

	#lastActivity = Date.now();
	#timer: ReturnType<typeof setInterval> | null = null;
	#atEnd = false;

	constructor(
		readonly lessonId: number,
		initial: ServerProgress,
		private fetcher: typeof fetch
	) {
		this.#apply(initial);
	}

	get percent() {
		return this.requiredSeconds
			? Math.min(100, Math.floor((this.seconds / this.requiredSeconds) * 100))
			: 100;
	}

	/** Call on scroll / pointer / key events. */
	activity() {
		this.#lastActivity = Date.now();
		if (!this.running && document.visibilityState === 'visible') void this.beat();
	}

	reachedEnd() {
		if (this.#atEnd) return;
		this.#atEnd = true;
		void this.beat();
	}

	start() {
		this.#timer = setInterval(() => void this.beat(), BEAT_MS);
		void this.beat();
	}

	stop() {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		void this.beat(false);
	}

	get active() {
		return document.visibilityState === 'visible' && Date.now() - this.#lastActivity < IDLE_MS;
	}

	async beat(active = this.active) {
		this.running = active;
		try {
			const res = await this.fetcher(`/api/lessons/${this.lessonId}/heartbeat`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ active, atEnd: this.#atEnd }),
				keepalive: !active
			});
			if (res.ok) this.#apply(await res.json());
		} catch {
			this.running = false; // offline: nothing is counted until heartbeats get through again
		}
	}

	#apply(p: ServerProgress) {
		this.seconds = p.seconds;
		this.requiredSeconds = p.requiredSeconds;
		this.readToEnd = p.readToEnd;
		this.completed = p.completed;
		this.elsewhere = !!p.elsewhere;
		if (this.elsewhere) this.running = false;
	}
}
