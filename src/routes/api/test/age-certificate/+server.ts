import { error, json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { certificates } from '$lib/server/db/schema';
import { ageCertificate, testHooksEnabled } from '$lib/server/certification/test-seams';

/**
 * Test seam, enabled only when the server runs with ANXUN_TEST_HOOKS=1 (the Playwright server):
 * moves a certificate's dates (by id or number) into the past so that it expired yesterday, as if
 * six years had gone by — to observe that status and clearance follow the date with no job.
 */
export const POST: RequestHandler = async ({ request }) => {
	if (!testHooksEnabled()) error(404, 'Not found');
	const body = (await request.json()) as { certificateId?: number; number?: string };
	const db = getDb();
	const id =
		body.certificateId ??
		db
			.select({ id: certificates.id })
			.from(certificates)
			.where(eq(certificates.number, String(body.number ?? '')))
			.get()?.id;
	const r = id != null ? ageCertificate(db, id) : null;
	if (!r) error(404, 'Not found');
	return json({ ok: true, ...r });
};
