// The production server: `npm start` builds, then runs this. It serves the SvelteKit app
// (adapter-node's handler) and gives the exam-day hot path — answer saves — to a lean handler
// registered by the app itself (src/lib/server/fast-paths.ts). The server's init hook applies
// migrations, seeds the demo data when DEMO_SEED=1 and the database is empty, and starts the
// deadline sweeper, all before the first request is served.
import http from 'node:http';

process.env.DATABASE_PATH ??= 'data/anxun.db';
process.env.DEMO_SEED ??= '1';
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

const { handler } = await import('../build/handler.js');
const fast = globalThis[Symbol.for('anxun.fastPaths')];

const server = http.createServer((req, res) => {
	if (fast?.handle(req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(Number(process.env.PORT), process.env.HOST, () => {
	console.log(
		`安训：数据库 ${process.env.DATABASE_PATH}，演示数据 ${process.env.DEMO_SEED === '1' ? '开启' : '关闭'}`
	);
	console.log(`安训已启动：${process.env.ORIGIN}`);
});

// Finish in-flight requests on a normal stop; SQLite's WAL keeps every committed write on a kill.
for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => {
		server.close(() => process.exit(0));
		setTimeout(() => process.exit(0), 10_000).unref();
	});
}
