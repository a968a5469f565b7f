import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { lessonFile } from '$lib/server/courses/service';

export const GET: RequestHandler = ({ locals, params }) => {
	const f = lessonFile(getDb(), requireActor(locals.user), Number(params.id));
	const inline = f.mime.startsWith('image/') || f.mime === 'application/pdf';
	return new Response(new Uint8Array(f.data), {
		headers: {
			'content-type': f.mime,
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
			'cache-control': 'private, max-age=3600'
		}
	});
};
