// Paced arrivals for the load tool, built from autocannon instances.
//
// autocannon's own rate limit (overallRate) gives every connection a one-second budget that is
// refilled by a timer, and all connections' timers start together: 200 requests a second arrive
// as one burst of 200 in the same millisecond, then nothing for a second. Candidates pressing
// 开始考试 or saving answers do not move in lockstep like that, and a burst of that size measures
// the queue the burst itself builds rather than the server. So a paced run is several autocannon
// instances whose one-second cycles are staggered evenly across the second: with 20 instances
// the same 200 requests a second arrive as 10 every 50 ms.
import autocannon from 'autocannon';

export interface PacedOptions {
	url: string;
	/** Requests per second across all instances. */
	rate: number;
	/** Total requests (the run ends when all are answered), or … */
	amount?: number;
	/** … seconds to run. */
	duration?: number;
	/** Open connections across all instances (capped by autocannon at each instance's rate). */
	connections: number;
	requests: autocannon.Request[];
	/** How many staggered instances share the rate (default 20: a wave every 50 ms). */
	instances?: number;
}

export interface PacedResult {
	/** From the first request sent to the last response received. */
	seconds: number;
	responses: number;
	perSecond: number;
	p50: number;
	p99: number;
	max: number;
	status2xx: number;
	status3xx: number;
	other: number;
	errors: number;
}

/** The q-quantile (0..1) of ascending samples, nearest-rank. */
export function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Splits `total` into `parts` integers that differ by at most one. */
export function spread(total: number, parts: number): number[] {
	return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

export async function paced(opts: PacedOptions): Promise<PacedResult> {
	const k = Math.max(1, Math.min(opts.instances ?? 20, opts.rate, opts.amount ?? Infinity));
	const rates = spread(opts.rate, k);
	const amounts = opts.amount ? spread(opts.amount, k) : [];
	const connections = spread(Math.max(opts.connections, k), k);
	const latencies: number[] = [];
	const codes = { status2xx: 0, status3xx: 0, other: 0, errors: 0 };
	const started = Date.now();
	let lastResponse = started;
	const runs = rates.map(
		(rate, i) =>
			new Promise<void>((resolve, reject) => {
				// Stagger the instances' one-second cycles evenly across the second.
				setTimeout(
					() => {
						const instance = autocannon(
							{
								url: opts.url,
								connections: connections[i],
								overallRate: rate,
								...(opts.amount ? { amount: amounts[i] } : { duration: opts.duration }),
								requests: opts.requests,
								timeout: 30,
								// The latencies are the measured ones (collected below), not corrected ones.
								ignoreCoordinatedOmission: true
							},
							(err) => (err ? reject(err) : resolve())
						);
						instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
							latencies.push(ms);
							lastResponse = Date.now();
							if (status >= 200 && status < 300) codes.status2xx++;
							else if (status >= 300 && status < 400) codes.status3xx++;
							else codes.other++;
						});
						instance.on('reqError', () => codes.errors++);
					},
					(i * 1000) / k
				);
			})
	);
	await Promise.all(runs);
	// First request sent to last response received (autocannon itself ends on its next tick).
	const seconds = (lastResponse - started) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		seconds,
		responses: latencies.length,
		perSecond: latencies.length / seconds,
		p50: quantile(latencies, 0.5),
		p99: quantile(latencies, 0.99),
		max: latencies.at(-1) ?? NaN,
		...codes
	};
}
