import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from './helpers/db';
import type { Db } from '../../src/lib/server/db';
import { sessions, users } from '../../src/lib/server/db/schema';
import {
	SESSION_TTL_MS,
	createSession,
	generateSecureRandomString,
	hashPassword,
	invalidateSession,
	passwordProblem,
	setPassword,
	validateSessionToken,
	verifyPassword
} from '../../src/lib/server/auth';

let t: ReturnType<typeof createTestDb>;
let db: Db;
let userId: number;

beforeEach(() => {
	t = createTestDb();
	db = t.db;
	userId = db
		.insert(users)
		.values({ name: '测试', phone: '13900000000', passwordHash: 'x', createdAt: new Date() })
		.returning()
		.get().id;
});
afterEach(() => t.cleanup());

describe('sessions', () => {
	it('stores only the SHA-256 of the secret, never the token', () => {
		const { token, session } = createSession(db, userId);
		const [id, secret] = token.split('.');
		expect(id).toBe(session.id);
		const row = db.select().from(sessions).where(eq(sessions.id, id)).get()!;
		expect(row.secretHash.length).toBe(32);
		expect(row.secretHash.toString('utf8')).not.toContain(secret);
		expect(JSON.stringify(row)).not.toContain(secret);
	});

	it('validates the right token and rejects a wrong secret or malformed token', () => {
		const { token } = createSession(db, userId);
		expect(validateSessionToken(db, token)?.userId).toBe(userId);
		const [id, secret] = token.split('.');
		const wrong = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(validateSessionToken(db, `${id}.${wrong}`)).toBeNull();
		expect(validateSessionToken(db, id)).toBeNull();
		expect(validateSessionToken(db, `${id}.${secret}.x`)).toBeNull();
	});

	it('slides the expiry in the second half of its life and expires after 30 days', () => {
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = createSession(db, userId, start);
		// Day 10: first half, expiry unchanged.
		const d10 = new Date(start.getTime() + 10 * 86400_000);
		expect(validateSessionToken(db, token, d10)?.expiresAt.getTime()).toBe(start.getTime() + SESSION_TTL_MS);
		// Day 20: second half, extended to day 50.
		const d20 = new Date(start.getTime() + 20 * 86400_000);
		expect(validateSessionToken(db, token, d20)?.expiresAt.getTime()).toBe(d20.getTime() + SESSION_TTL_MS);
		// Day 51: gone, and deleted.
		const d51 = new Date(start.getTime() + 51 * 86400_000);
		expect(validateSessionToken(db, token, d51)).toBeNull();
		expect(db.select().from(sessions).all()).toHaveLength(0);
	});

	it('ends on logout and on password change', async () => {
		const a = createSession(db, userId);
		const b = createSession(db, userId);
		invalidateSession(db, a.session.id);
		expect(validateSessionToken(db, a.token)).toBeNull();
		expect(validateSessionToken(db, b.token)).not.toBeNull();
		await setPassword(db, userId, 'newpass123');
		expect(validateSessionToken(db, b.token)).toBeNull();
	});

	it('generates 24-character tokens from the 32-letter alphabet without repeats', () => {
		const seen = new Set(Array.from({ length: 1000 }, () => generateSecureRandomString()));
		expect(seen.size).toBe(1000);
		for (const s of seen) expect(s).toMatch(/^[abcdefghijkmnpqrstuvwxyz23456789]{24}$/);
	});
});

describe('passwords', () => {
	it('hashes with argon2id and verifies', async () => {
		const h = await hashPassword('correct horse 1');
		expect(h.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(h, 'correct horse 1')).toBe(true);
		expect(await verifyPassword(h, 'correct horse 2')).toBe(false);
		expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
	});
	it('explains why a weak password is refused', () => {
		expect(passwordProblem('abc123')).toBe('密码至少 8 位');
		expect(passwordProblem('abcdefgh')).toBe('密码须同时包含字母和数字');
		expect(passwordProblem('abcd1234')).toBeNull();
	});
});
