/**
 * Sessions as lucia-auth.com's current sessions guide describes them: the token is
 * `<id>.<secret>`, only SHA-256(secret) is stored, and it is compared in constant time.
 * Expiry is sliding (30 days, renewed once half of it has passed).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { hash, verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import { prepared } from './db/prepared';
import type { Db } from './db';
import { sessions, users } from './db/schema';

export const SESSION_COOKIE = 'anxun_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_BEFORE_MS = SESSION_TTL_MS / 2;

// Human-safe alphabet from the guide (no 0/o, 1/l): 24 random bytes → 24 chars, 120 bits.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function generateSecureRandomString(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	let out = '';
	for (const b of bytes) out += ALPHABET[b >> 3];
	return out;
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export interface SessionRecord {
	id: string;
	userId: number;
	createdAt: Date;
	expiresAt: Date;
}

export function createSession(
	db: Db,
	userId: number,
	now = new Date()
): { token: string; session: SessionRecord } {
	const id = generateSecureRandomString();
	const secret = generateSecureRandomString();
	const session: SessionRecord = {
		id,
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + SESSION_TTL_MS)
	};
	db.insert(sessions)
		.values({ ...session, secretHash: Buffer.from(hashSecret(secret)) })
		.run();
	return { token: `${id}.${secret}`, session };
}

/**
 * Returns the session for a token, or null. Expired sessions are deleted; a session in the
 * second half of its life is extended (the caller re-sets the cookie with the new expiry).
 */
export function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): (SessionRecord & { disabled: boolean; mustChangePassword: boolean }) | null {
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
	const [id, secret] = parts;
	// One query for the session and the account state every request needs.
	const row = prepared(db, 'session.byId', () =>
		db
			.select({
				id: sessions.id,
				secretHash: sessions.secretHash,
				userId: sessions.userId,
				createdAt: sessions.createdAt,
				expiresAt: sessions.expiresAt,
				disabled: users.disabled,
				mustChangePassword: users.mustChangePassword
			})
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, sql.placeholder('id')))
			.prepare()
	).get({ id });
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
	if (now.getTime() >= row.expiresAt.getTime()) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let expiresAt = row.expiresAt;
	if (row.expiresAt.getTime() - now.getTime() < RENEW_BEFORE_MS) {
		expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
		db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
	}
	return {
		id: row.id,
		userId: row.userId,
		createdAt: row.createdAt,
		expiresAt,
		disabled: row.disabled,
		mustChangePassword: row.mustChangePassword
	};
}

export function invalidateSession(db: Db, sessionId: string) {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** On password change or disable: every session of the user ends. */
export function invalidateUserSessions(db: Db, userId: number) {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

// OWASP's argon2id minimum: m=19 MiB, t=2, p=1.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password).catch(() => false);
}

/** Chinese message for a password that fails the policy, or null when acceptable. */
export function passwordProblem(password: string, name?: string): string | null {
	if (password.length < 8) return '密码至少 8 位';
	if (password.length > 128) return '密码不能超过 128 位';
	if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
	if (/^(.)\1+$/.test(password)) return '密码不能由同一字符重复组成';
	if (name && password.includes(name)) return '密码不能包含姓名';
	return null;
}

export async function setPassword(db: Db, userId: number, password: string, mustChange = false) {
	const passwordHash = await hashPassword(password);
	db.update(users).set({ passwordHash, mustChangePassword: mustChange }).where(eq(users.id, userId)).run();
	invalidateUserSessions(db, userId);
}
