/**
 * WAL checkpoints off the request thread.
 *
 * better-sqlite3 is synchronous: by default the commit that pushes the WAL past 1,000 pages also
 * copies those pages into the database file and fsyncs it, on the event loop, while every other
 * request waits. Under exam-day saves that happened about once a second and was the whole tail of
 * the save latency (p99 64–122 ms with it, 33–35 ms without; see README 压测). So the server's
 * connection turns automatic checkpoints off and a worker thread with its own connection runs a
 * PASSIVE checkpoint every half second: PASSIVE never blocks the writer or readers, it copies what
 * it can. Durability is unchanged (WAL + synchronous=NORMAL: a commit survives a process crash;
 * the WAL is fsynced at each checkpoint, now in the worker). If the worker ever stops, the
 * connection goes back to automatic checkpoints.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (e) {
		parentPort.postMessage(String(e && e.message ? e.message : e));
	}
}, workerData.intervalMs);
`;

const AUTOMATIC_PAGES = 1000; // SQLite's default wal_autocheckpoint

export function startCheckpointer(sqlite: Database.Database, path: string, intervalMs = 500): Worker {
	const worker = new Worker(SOURCE, {
		eval: true,
		workerData: { path, intervalMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') }
	});
	sqlite.pragma('wal_autocheckpoint = 0');
	// After the WAL restarts, keep its file from staying at its largest size.
	sqlite.pragma('journal_size_limit = 67108864');
	const fallBack = (why: string) => {
		console.error(`WAL checkpointer stopped (${why}); back to automatic checkpoints`);
		if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOMATIC_PAGES}`);
	};
	worker.on('message', (m) => console.error(`WAL checkpoint failed: ${m}`));
	worker.on('error', (e) => fallBack(e.message));
	worker.on('exit', (code) => fallBack(`exit ${code}`));
	// The server's lifetime decides; the worker never keeps the process alive.
	worker.unref();
	return worker;
}
