import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { printableCertificate } from '$lib/server/certification/service';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireActor(locals.user);
	const id = Number(params.id);
	if (!Number.isInteger(id)) error(403, '您无权查看该证书');
	const cert = printableCertificate(getDb(), actor, id);
	// The QR code carries the public verification address (ORIGIN in production).
	const verifyUrl = `${url.origin}/verify/${cert.verificationCode}`;
	const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { cert, verifyUrl, qrSvg };
};
