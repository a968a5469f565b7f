/** Server-sent events response for a live board: the full board on connect and on every change. */
import type { BoardView } from '../../contests/types';
import { subscribe, type BoardLoader } from './live';

/** A viewer this many frames behind is dropped; its EventSource reconnects and gets the latest board. */
const MAX_QUEUED_FRAMES = 8;

export function boardStreamResponse(contestId: number, view: BoardView, load: BoardLoader): Response {
	let unsubscribe: (() => void) | null = null;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			// Reconnect quickly after a dropped connection.
			controller.enqueue(new TextEncoder().encode('retry: 2000\n\n'));
			unsubscribe = subscribe(
				contestId,
				{
					view,
					write: (chunk) => {
						if ((controller.desiredSize ?? 0) < -MAX_QUEUED_FRAMES) throw new Error('viewer too slow');
						controller.enqueue(chunk);
					},
					close: () => {
						unsubscribe?.();
						try {
							controller.close();
						} catch {
							/* already closed */
						}
					}
				},
				load
			);
		},
		cancel() {
			unsubscribe?.();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			connection: 'keep-alive',
			// nginx: do not buffer the stream.
			'x-accel-buffering': 'no'
		}
	});
}
