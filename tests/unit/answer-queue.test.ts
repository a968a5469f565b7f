import { describe, expect, it, vi } from 'vitest';
import { AnswerQueue } from '../../src/lib/exam/answer-queue.svelte';

class MemoryStorage {
	data = new Map<string, string>();
	getItem = (k: string) => this.data.get(k) ?? null;
	setItem = (k: string, v: string) => void this.data.set(k, v);
	removeItem = (k: string) => void this.data.delete(k);
}

const items = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ position: i + 1, response: '', seq: 0, flagged: false }));
const ok = (saved: { position: number; seq: number }[]) =>
	new Response(JSON.stringify({ saved }), { status: 200, headers: { 'content-type': 'application/json' } });

describe('the exam room answer queue', () => {
	it('keeps an answer queued (and stored on the device) until the server acknowledges it', async () => {
		const storage = new MemoryStorage();
		let fail = true;
		const fetcher = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
			if (fail) throw new TypeError('Failed to fetch');
			const body = JSON.parse(String(init!.body)) as { answers: { position: number; seq: number }[] };
			return ok(body.answers.map((a) => ({ position: a.position, seq: a.seq })));
		});
		const q = new AnswerQueue(7, items(3), storage, fetcher as unknown as typeof fetch);
		q.setOnline(false);
		q.set(1, 'B');
		await vi.waitFor(() => expect(q.states[1]).toBe('retrying'));
		expect(q.lastError).toBe('网络已断开，答案已暂存在本机');
		expect(JSON.parse(storage.getItem('anxun:attempt:7')!).pending).toEqual([
			{ position: 1, answer: 'B', seq: 1, flagged: false }
		]);

		// The phone restarts: a new queue finds the answer on the device and still owes it to the server.
		const q2 = new AnswerQueue(7, items(3), storage, fetcher as unknown as typeof fetch);
		expect(q2.answers[1]).toBe('B');
		expect(q2.states[1]).toBe('pending');
		fail = false;
		expect(await q2.flush()).toBe(true);
		expect(q2.states[1]).toBe('saved');
		expect(JSON.parse(storage.getItem('anxun:attempt:7')!).pending).toEqual([]);
	});

	it('shows "未保存，正在重试" on a server error and retries', async () => {
		const storage = new MemoryStorage();
		const fetcher = vi.fn(
			async () => new Response(JSON.stringify({ message: '服务器暂时无法保存，正在重试' }), { status: 503 })
		);
		const q = new AnswerQueue(8, items(2), storage, fetcher as unknown as typeof fetch);
		q.set(2, '对');
		await vi.waitFor(() => expect(q.states[2]).toBe('retrying'));
		expect(q.lastError).toBe('服务器暂时无法保存，正在重试');
		expect(q.queued()).toHaveLength(1);
	});

	it('stops and says why when the server refuses for good (deadline passed)', async () => {
		const fetcher = vi.fn(
			async () => new Response(JSON.stringify({ message: '考试时间已到，答案未被接受' }), { status: 409 })
		);
		const q = new AnswerQueue(9, items(2), new MemoryStorage(), fetcher as unknown as typeof fetch);
		q.set(1, 'A');
		await vi.waitFor(() => expect(q.closedMessage).toBe('考试时间已到，答案未被接受'));
		q.set(2, 'A');
		expect(q.queued().map((a) => a.position)).toEqual([1]);
	});

	it('lets a newer answer on another device win: the server copy with a higher seq replaces the local one', () => {
		const storage = new MemoryStorage();
		storage.setItem(
			'anxun:attempt:10',
			JSON.stringify({ seq: 3, pending: [{ position: 1, answer: 'A', seq: 3, flagged: false }] })
		);
		const server = [{ position: 1, response: 'C', seq: 5, flagged: false }];
		const q = new AnswerQueue(10, server, storage, vi.fn() as unknown as typeof fetch);
		expect(q.answers[1]).toBe('C');
		expect(q.queued()).toEqual([]);
		q.set(1, 'D');
		expect(q.queued()[0].seq).toBe(6);
	});

	it('does not drop an answer given while a save is in flight', async () => {
		let release!: () => void;
		const fetcher = vi.fn(
			(_u: RequestInfo | URL, init?: RequestInit) =>
				new Promise<Response>((res) => {
					const body = JSON.parse(String(init!.body)) as { answers: { position: number; seq: number }[] };
					release = () => res(ok(body.answers.map((a) => ({ position: a.position, seq: a.seq }))));
				})
		);
		const q = new AnswerQueue(11, items(2), new MemoryStorage(), fetcher as unknown as typeof fetch);
		q.set(1, 'A'); // seq 1 in flight
		q.set(1, 'B'); // seq 2 given meanwhile
		release();
		await vi.waitFor(() => expect(fetcher).toHaveBeenCalledTimes(2));
		expect(q.answers[1]).toBe('B');
		expect(q.queued().map((a) => a.seq)).toEqual([2]);
		release();
		await vi.waitFor(() => expect(q.states[1]).toBe('saved'));
	});
});
