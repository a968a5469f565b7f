import { error, json, isHttpError } from '@sveltejs/kit';
import { ExamError } from './exams/attempts';

/** Reads a JSON body or answers 400 in Chinese. */
export async function readJson<T>(request: Request): Promise<T> {
	try {
		return (await request.json()) as T;
	} catch {
		error(400, '请求内容不是有效的 JSON');
	}
}

/** Maps domain errors to JSON responses with their Chinese message. */
export async function jsonCall(fn: () => unknown | Promise<unknown>) {
	try {
		return json(await fn());
	} catch (e) {
		if (e instanceof ExamError) return json({ message: e.message }, { status: e.status });
		if (isHttpError(e)) return json({ message: e.body.message }, { status: e.status });
		// SQLITE_BUSY / SQLITE_FULL etc.: the client keeps the answer queued and retries.
		if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('SQLITE_'))
			return json({ message: '服务器暂时无法保存，正在重试' }, { status: 503 });
		throw e;
	}
}
