/**
 * Public certificate verification (no login): by the code printed on the certificate or in its QR.
 * Shows the holder's name, masked 身份证号, trade, status and dates — nothing more. An unknown or
 * malformed code gives the same response shape after the same single indexed lookup, and lookups
 * are rate-limited per client address, so codes (≈104 bits, see rules.ts) cannot be enumerated.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { certificates, users } from '../db/schema';
import { maskIdCard } from '../../idcard';
import { normalizeVerificationCode } from './rules';
import { loadCertificates, loadTrades } from './state';
import { certificateView, today } from './service';

export interface PublicCertificate {
	holder: string;
	idCard: string;
	trade: string;
	status: string;
	/** 'ok' = in force (valid / review due); 'bad' = expired, review missed or revoked. */
	tone: 'ok' | 'warn' | 'bad';
	issuedOn: string;
	validUntil: string;
	nextReviewDue: string | null;
}

export interface VerificationResult {
	code: string;
	found: boolean;
	certificate: PublicCertificate | null;
}

export function verifyCertificate(db: Db, input: string, day = today()): VerificationResult {
	// Only the canonical form is shown back; bounded so a huge input is not echoed.
	const code = normalizeVerificationCode(input).slice(0, 64);
	// Always one lookup, whatever the input looks like: the same work for hits and misses.
	const row = db
		.select({ id: certificates.id, userId: certificates.userId, kind: certificates.kind })
		.from(certificates)
		.where(eq(certificates.verificationCode, code))
		.get();
	if (!row || row.kind !== 'qualification') return { code, found: false, certificate: null };
	const holder = db
		.select({ name: users.name, idCard: users.idCard })
		.from(users)
		.where(eq(users.id, row.userId))
		.get();
	const cert = loadCertificates(db, [row.userId]).find((c) => c.id === row.id);
	if (!holder || !cert || cert.issuedOn > day) return { code, found: false, certificate: null };
	const v = certificateView(cert, loadTrades(db).get(cert.tradeCode ?? ''), day);
	return {
		code,
		found: true,
		certificate: {
			holder: holder.name,
			idCard: maskIdCard(holder.idCard),
			trade: v.tradeName,
			status: v.statusLabel,
			tone: v.status === 'valid' ? 'ok' : v.status === 'review_due' ? 'warn' : 'bad',
			issuedOn: v.issuedOn,
			validUntil: v.validUntil,
			nextReviewDue: v.nextReviewDue
		}
	};
}

/**
 * A small in-memory sliding window per client address: at most `limit` lookups per `windowMs`.
 * Memory is bounded: stale keys are dropped as the map grows.
 */
export class SlidingWindowLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly maxKeys = 10_000
	) {}

	/** Records a hit; returns the milliseconds to wait if over the limit (the hit is not counted), else 0. */
	take(key: string, at = Date.now()): number {
		const since = at - this.windowMs;
		const list = (this.hits.get(key) ?? []).filter((t) => t > since);
		if (list.length >= this.limit) {
			this.hits.set(key, list);
			return list[0] + this.windowMs - at;
		}
		list.push(at);
		this.hits.delete(key);
		this.hits.set(key, list);
		if (this.hits.size > this.maxKeys) this.prune(at);
		return 0;
	}

	private prune(at: number) {
		const since = at - this.windowMs;
		for (const [k, list] of this.hits) {
			if (list[list.length - 1] <= since) this.hits.delete(k);
			if (this.hits.size <= this.maxKeys / 2) break;
		}
		// Still too many live keys: drop the oldest inserted.
		for (const k of this.hits.keys()) {
			if (this.hits.size <= this.maxKeys) break;
			this.hits.delete(k);
		}
	}
}

/** 30 lookups per minute per address for the public verification pages. */
export const verifyLimiter = new SlidingWindowLimiter(30, 60_000);
