/**
 * `npm run bench:board` — leaderboard benchmark (targets: recompute < 50 ms, delivery < 1 s).
 *
 * 1. Recompute: builds a 10,000-entrant board (3 rounds, 2,500 teams, ~45,000 score events, a freeze)
 *    in memory with the real `computeBoard` and prints the median of several runs.
 * 2. Delivery: starts an HTTP server on 127.0.0.1 that serves server-sent events through the real
 *    pub/sub module (src/lib/server/contests/live.ts) with the public board of the same 10,000-entrant
 *    contest (as the public stream sends it: the top PUBLIC_ROW_LIMIT rows), opens 1,000 SSE
 *    connections from a child process (raw http.get with a keep-alive agent), records score changes
 *    and measures, per change, the time until each viewer has received the new board
 *    (p50 / p99 / max, and the last viewer). A second run does the same for a 300-entrant contest.
 *
 * Bounded: fixed counts, and the whole run aborts after 120 s. Stops by itself.
 * Options: --viewers=1000 --entrants=10000 --board=300 --changes=5
 *          --full (also push the whole uncapped 10,000-row board to every viewer: a stress figure).
 */
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { computeBoard, PUBLIC_ROW_LIMIT, type BoardInput } from '../src/lib/server/contests/board';
import { notifyContest, subscribe } from '../src/lib/server/contests/live';

const arg = (name: string, dflt: number) => {
	const a = process.argv.find((x) => x.startsWith(`--${name}=`));
	return a ? Number(a.split('=')[1]) : dflt;
};
const VIEWERS = arg('viewers', 1000);
const ENTRANTS = arg('entrants', 10_000);
const LIVE_BOARD = arg('board', 300);
const CHANGES = arg('changes', 5);
const FULL = process.argv.includes('--full');
const HARD_LIMIT_MS = 120_000;
const now = () => performance.timeOrigin + performance.now();

const ms = (x: number) => `${x.toFixed(1)} ms`;
const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

// ---------------------------------------------------------------------------------------------
// Synthetic contest
// ---------------------------------------------------------------------------------------------

function lcg(seed: number) {
	let s = seed >>> 0;
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function synthetic(n: number, seed = 1): BoardInput {
	const rnd = lcg(seed);
	const t0 = Date.UTC(2025, 5, 1, 1, 0, 0);
	const teams = Array.from({ length: Math.ceil(n / 4) }, (_, i) => ({ id: i + 1, name: `代表队${i + 1}` }));
	const entrants = Array.from({ length: n }, (_, i) => ({
		id: i + 1,
		name: `选手${i + 1}`,
		org: `单位${(i % 97) + 1}`,
		teamId: Math.floor(i / 4) + 1,
		reserve: i % 4 === 3
	}));
	const rounds = [
		{ id: 1, name: '理论', kind: 'theory' as const, weight: 40 },
		{ id: 2, name: '案卷评查', kind: 'practical' as const, weight: 30 },
		{ id: 3, name: '现场模拟执法', kind: 'practical' as const, weight: 30 }
	];
	const events: BoardInput['events'] = [];
	let id = 0;
	for (const e of entrants) {
		// Theory: one result with its time used (integers → some ties, broken by time).
		events.push({
			id: ++id,
			roundId: 1,
			entrantId: e.id,
			score: Math.round(40 + rnd() * 60),
			timeUsed: 1800 + Math.floor(rnd() * 3600),
			recordedAt: t0 + Math.floor(rnd() * 3_600_000)
		});
		// Practical rounds: re-recorded as each of 2 judges submits.
		for (const roundId of [2, 3])
			for (let j = 0; j < 2; j++)
				events.push({
					id: ++id,
					roundId,
					entrantId: e.id,
					score: 50 + rnd() * 50,
					timeUsed: null,
					recordedAt: t0 + 3_600_000 + Math.floor(rnd() * 7_200_000)
				});
	}
	return {
		contest: {
			id: 1,
			name: '基准测试执法比武',
			kind: 'enforcement',
			freezeAt: t0 + 9_000_000, // the last part of the practical results is frozen
			revealed: false,
			publishedAt: null,
			teamMode: 'sum',
			useTieBreak: true,
			awardRule: { mode: 'share', first: 0.1, second: 0.2, third: 0.3 }
		},
		rounds,
		entrants,
		teams,
		events
	};
}

// ---------------------------------------------------------------------------------------------
// Part 1: recompute
// ---------------------------------------------------------------------------------------------

function benchRecompute() {
	const input = synthetic(ENTRANTS);
	const at = input.contest.freezeAt! + 1;
	const runs = 9;
	const times: Record<'public' | 'jury' | 'json', number[]> = { public: [], jury: [], json: [] };
	let bytes = 0;
	for (let i = 0; i < 5; i++) computeBoard(input, i % 2 ? 'jury' : 'public', at); // warm-up (JIT)
	for (let i = 0; i < runs; i++) {
		for (const view of ['public', 'jury'] as const) {
			const s = performance.now();
			const board = computeBoard(input, view, at);
			times[view].push(performance.now() - s);
			if (view === 'public') {
				const j = performance.now();
				bytes = Buffer.byteLength(JSON.stringify(board));
				times.json.push(performance.now() - j);
			}
		}
	}
	const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	console.log(
		`\n① 排行榜重算：${ENTRANTS.toLocaleString()} 名选手 · 3 轮 · ${input.teams.length.toLocaleString()} 个代表队 · ${input.events.length.toLocaleString()} 条成绩事件（含封榜过滤）`
	);
	console.log(
		`   公众榜重算 中位数 ${ms(med(times.public))}（${runs} 次：${times.public.map((x) => x.toFixed(1)).join(' / ')}）`
	);
	console.log(`   评审榜重算 中位数 ${ms(med(times.jury))}`);
	console.log(`   序列化为 JSON 中位数 ${ms(med(times.json))}（${(bytes / 1024).toFixed(0)} KB）`);
	const ok = med(times.public) < 50 && med(times.jury) < 50;
	console.log(`   目标 < 50 ms：${ok ? '达到 ✓' : '未达到 ✗'}`);
	return ok;
}

// ---------------------------------------------------------------------------------------------
// Part 2: delivery to connected viewers (server here, viewers in a child process)
// ---------------------------------------------------------------------------------------------

async function benchDelivery(n: string, boardEntrants: number, label: string, rowLimit: number | undefined) {
	const input = synthetic(boardEntrants, 7);
	input.contest.freezeAt = null;
	let nextId = input.events.length;
	const load = () => computeBoard(input, 'public', Date.now(), { rowLimit });
	const frameBytes = Buffer.byteLength(JSON.stringify(load()));

	const server = http.createServer((req, res) => {
		res.writeHead(200, {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive'
		});
		res.write('retry: 2000\n\n');
		const unsubscribe = subscribe(1, { view: 'public', write: (chunk) => void res.write(chunk) }, load);
		req.on('close', unsubscribe);
	});
	server.maxConnections = VIEWERS + 100;
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', 511, r));
	const port = (server.address() as { port: number }).port;

	const child = fork(fileURLToPath(import.meta.url), ['--viewer-process'], {
		env: { ...process.env, BENCH_PORT: String(port), BENCH_VIEWERS: String(VIEWERS) },
		execArgv: process.execArgv
	});
	const fromChild = (type: string) =>
		new Promise<Record<string, unknown>>((resolve, reject) => {
			const onMsg = (m: Record<string, unknown>) => {
				if (m.type === type) {
					child.off('message', onMsg);
					resolve(m);
				} else if (m.type === 'error') reject(new Error(String(m.message)));
			};
			child.on('message', onMsg);
		});

	const t = now();
	await fromChild('ready');
	console.log(
		`\n${n} 实时推送（${label}）：${VIEWERS.toLocaleString()} 个 SSE 连接已建立并收到初始榜单（${ms(now() - t)}），每帧 ${(frameBytes / 1024).toFixed(0)} KB`
	);

	const lastViewer: number[] = [];
	const all: number[] = [];
	for (let c = 0; c < CHANGES; c++) {
		// A judge submits a sheet: entrant c+1 gets a new practical result, ranks move.
		const waiting = fromChild('delivered');
		child.send({ type: 'expect' });
		await fromChild('armed');
		const t0 = now();
		// Entrants far down the board jump to the top: the visible top rows change every time.
		input.events.push({
			id: ++nextId,
			roundId: 2,
			entrantId: boardEntrants - c,
			score: 100,
			timeUsed: null,
			recordedAt: Date.now()
		});
		input.events.push({
			id: ++nextId,
			roundId: 1,
			entrantId: boardEntrants - c,
			score: 100,
			timeUsed: 60,
			recordedAt: Date.now()
		});
		input.events.push({
			id: ++nextId,
			roundId: 3,
			entrantId: boardEntrants - c,
			score: 100,
			timeUsed: null,
			recordedAt: Date.now()
		});
		notifyContest(1);
		const m = await waiting;
		const delays = (m.arrivals as number[]).map((a) => a - t0).sort((a, b) => a - b);
		lastViewer.push(delays[delays.length - 1]);
		all.push(...delays);
		await new Promise((r) => setTimeout(r, 200));
	}
	all.sort((a, b) => a - b);
	lastViewer.sort((a, b) => a - b);
	console.log(
		`   ${CHANGES} 次成绩变更 × ${VIEWERS.toLocaleString()} 名观众 = ${all.length.toLocaleString()} 次送达`
	);
	console.log(
		`   单个观众延迟：p50 ${ms(pct(all, 50))} · p99 ${ms(pct(all, 99))} · 最大 ${ms(all[all.length - 1])}`
	);
	console.log(
		`   每次变更最后一位观众收到：${lastViewer.map((x) => x.toFixed(1)).join(' / ')} ms（中位数 ${ms(pct(lastViewer, 50))}）`
	);
	const ok = all[all.length - 1] < 1000;
	console.log(`   目标 < 1 s：${ok ? '达到 ✓' : '未达到 ✗'}`);
	child.send({ type: 'exit' });
	await new Promise((r) => child.once('exit', r));
	server.closeAllConnections();
	await new Promise((r) => server.close(r));
	return ok;
}

// ---------------------------------------------------------------------------------------------
// Viewer process: N raw SSE connections; counts complete messages ("\n\n"-terminated).
// ---------------------------------------------------------------------------------------------

async function viewerProcess() {
	const port = Number(process.env.BENCH_PORT);
	const n = Number(process.env.BENCH_VIEWERS);
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	const messages = new Array<number>(n).fill(0);
	const arrivals = new Array<number>(n).fill(0);
	let target: number[] | null = null;
	let pending = 0;
	const send = (m: Record<string, unknown>) => process.send!(m);

	const open = (i: number) =>
		new Promise<void>((resolve, reject) => {
			const req = http.get({ host: '127.0.0.1', port, path: '/stream', agent }, (res) => {
				let last = 0; // last byte of the previous chunk, for a "\n\n" split across chunks
				res.on('data', (chunk: Buffer) => {
					if (chunk.length === 8 && chunk.toString() === ': ping\n\n') return; // heartbeat
					let count = 0;
					if (last === 10 && chunk[0] === 10) count++;
					for (let k = chunk.indexOf(10); k !== -1 && k < chunk.length - 1; k = chunk.indexOf(10, k + 1))
						if (chunk[k + 1] === 10) count++;
					last = chunk[chunk.length - 1];
					if (!count) return;
					messages[i] += count;
					if (messages[i] >= 2) resolve(); // "retry" + the initial board
					if (target && arrivals[i] === 0 && messages[i] > target[i]) {
						arrivals[i] = now();
						if (--pending === 0) send({ type: 'delivered', arrivals });
					}
				});
				res.on('error', reject);
			});
			req.on('error', reject);
		});

	try {
		for (let i = 0; i < n; i += 100)
			await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => open(i + k)));
	} catch (e) {
		send({ type: 'error', message: String(e) });
		return;
	}
	send({ type: 'ready' });
	process.on('message', (m: { type: string }) => {
		if (m.type === 'expect') {
			target = [...messages];
			arrivals.fill(0);
			pending = n;
			send({ type: 'armed' });
		} else if (m.type === 'exit') process.exit(0);
	});
}

async function main() {
	const limit = setTimeout(() => {
		console.error(`\n基准测试超过 ${HARD_LIMIT_MS / 1000} 秒，已中止`);
		process.exit(2);
	}, HARD_LIMIT_MS);
	limit.unref();
	console.log(`安训排行榜基准测试 · Node ${process.version} · ${new Date().toISOString()}`);
	const a = benchRecompute();
	const b = await benchDelivery(
		'②',
		ENTRANTS,
		`${ENTRANTS.toLocaleString()} 名选手的比赛，公众榜推送前 ${PUBLIC_ROW_LIMIT} 名`,
		PUBLIC_ROW_LIMIT
	);
	const c = await benchDelivery('③', LIVE_BOARD, `${LIVE_BOARD} 名选手的比赛，完整榜单`, undefined);
	if (FULL)
		await benchDelivery(
			'④',
			ENTRANTS,
			`压力测试：${ENTRANTS.toLocaleString()} 行完整榜单推给每位观众`,
			undefined
		);
	console.log(`\n结论：${a && b && c ? '全部达到目标' : '有未达到的目标'}`);
	process.exit(a && b && c ? 0 : 1);
}

if (process.argv.includes('--viewer-process')) void viewerProcess();
else void main();
