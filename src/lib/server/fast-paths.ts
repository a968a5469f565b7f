/**
 * The exam-day hot paths outside the framework. An answer save is the one request thousands of
 * candidates send every few seconds for two hours, and a submission is what they all send at the
 * deadline; SvelteKit's per-request machinery (Web Request/Response conversion, routing) costs
 * several times the work itself, so the custom server (scripts/start.js) hands
 * POST /api/attempts/:id/answers and /submit to this handler first.
 *
 * Same rules as the SvelteKit routes of the same paths, which stay as the fallback (e.g. when
 * build/index.js is run directly): the same session check, the same `saveAnswers` / `submitAttempt` (ownership,
 * deadline + grace, validation), the same JSON errors. Only `application/json` is accepted, so
 * a cross-site form cannot reach it (the CSRF property SvelteKit gives form posts), and a
 * foreign Origin is refused outright.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isHttpError } from '@sveltejs/kit';
import { getDb } from './db';
import { SESSION_COOKIE, validateSessionToken } from './auth';
import type { Actor } from './access';
import { ExamError, saveAnswers, submitAttempt, type AnswerInput } from './exams/attempts';

const ANSWERS = /^\/api\/attempts\/(\d+)\/(answers|submit)$/;
const MAX_BODY = 64 * 1024;

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, {
		'content-type': 'application/json',
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	});
	res.end(JSON.stringify(body));
}

function cookie(req: IncomingMessage, name: string): string | null {
	const header = req.headers.cookie;
	if (!header) return null;
	for (const part of header.split(';')) {
		const i = part.indexOf('=');
		if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
	}
	return null;
}

function readBody(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve) => {
		let size = 0;
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY) {
				resolve(null);
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(null));
	});
}

async function attemptCall(req: IncomingMessage, res: ServerResponse, attemptId: number, action: string) {
	const origin = req.headers.origin;
	if (origin && process.env.ORIGIN && origin !== process.env.ORIGIN)
		return send(res, 403, { message: '跨站请求被拒绝' });
	if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
		return send(res, 415, { message: '请求内容须为 JSON' });
	const body = await readBody(req);
	if (body == null) return send(res, 413, { message: '请求内容过大' });
	let answers: AnswerInput[];
	try {
		const parsed = JSON.parse(body) as { answers?: unknown };
		answers = Array.isArray(parsed.answers) ? (parsed.answers as AnswerInput[]) : [];
	} catch {
		return send(res, 400, { message: '请求内容不是有效的 JSON' });
	}
	const db = getDb();
	const token = cookie(req, SESSION_COOKIE);
	const session = token ? validateSessionToken(db, token) : null;
	if (!session || session.disabled || session.mustChangePassword)
		return send(res, 401, { message: '请先登录' });
	// saveAnswers needs only who is asking: it checks that the attempt is theirs.
	const actor: Actor = { id: session.userId, name: '', enterpriseId: null, roles: [] };
	try {
		send(
			res,
			200,
			action === 'submit'
				? submitAttempt(db, actor, attemptId, answers)
				: saveAnswers(db, actor, attemptId, answers)
		);
	} catch (e) {
		if (e instanceof ExamError) return send(res, e.status, { message: e.message });
		if (isHttpError(e)) return send(res, e.status, { message: e.body.message });
		if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_'))
			return send(res, 503, { message: '服务器暂时无法保存，正在重试' });
		console.error(e);
		send(res, 500, { message: '服务器内部错误' });
	}
}

/** Returns true when the request was taken by a fast path. */
export function handleFast(req: IncomingMessage, res: ServerResponse): boolean {
	if (req.method !== 'POST' || !req.url) return false;
	const m = ANSWERS.exec(req.url.split('?')[0]);
	if (!m) return false;
	void attemptCall(req, res, Number(m[1]), m[2]);
	return true;
}

export const FAST_PATHS_KEY = Symbol.for('anxun.fastPaths');

/** Called from the server's init hook: lets the custom server find the handler in this bundle. */
export function registerFastPaths() {
	(globalThis as Record<symbol, unknown>)[FAST_PATHS_KEY] = { handle: handleFast };
}
