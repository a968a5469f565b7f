// The bare baseline for the exam-day load test: plain node:http doing the same single SQLite
// write per answer save (one prepared UPDATE with the same sequence guard), nothing else.
import http from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.env.DATABASE_PATH);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const save = db.prepare(
	`update attempt_items set response = ?, response_seq = ?, answered_at = ?
	 where attempt_id = ? and position = ? and response_seq < ?`
);

const server = http.createServer((req, res) => {
	let body = '';
	req.on('data', (c) => (body += c));
	req.on('end', () => {
		try {
			const { attemptId, position, answer, seq } = JSON.parse(body);
			save.run(answer, seq, Date.now(), attemptId, position, seq);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		} catch {
			res.writeHead(400);
			res.end();
		}
	});
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
