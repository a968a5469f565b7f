import { eq, or } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import { createSession, verifyPassword, hashPassword } from '../auth';
import { audit } from '../audit';
import { normalizeIdCard } from '../../idcard';
import { ACCOUNT_RULE, IP_RULE, clearFailures, lockedFor, minutesText, recordFailure } from './throttle';

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; mustChangePassword: boolean; userId: number }
	| { ok: false; message: string };

// A fixed hash to verify against when the account does not exist, so timing does not reveal it.
let dummyHash: Promise<string> | undefined;

/** Log in with 手机号 or 身份证号 and a password. */
export async function login(db: Db, loginId: string, password: string, ip: string): Promise<LoginResult> {
	const id = normalizeIdCard(loginId);
	if (!id || !password) return { ok: false, message: '请输入手机号或身份证号，以及密码' };
	const accountKey = `acct:${id}`;
	const ipKey = `ip:${ip}`;
	const ipLock = lockedFor(db, ipKey);
	if (ipLock > 0) return { ok: false, message: `本机登录失败次数过多，请 ${minutesText(ipLock)}后再试` };
	const accountLock = lockedFor(db, accountKey);
	if (accountLock > 0)
		return {
			ok: false,
			message: `该账号连续登录失败次数过多，已临时锁定，请 ${minutesText(accountLock)}后再试`
		};

	const user = db
		.select()
		.from(users)
		.where(or(eq(users.phone, id), eq(users.idCard, id)))
		.get();
	const valid = user
		? await verifyPassword(user.passwordHash, password)
		: await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password-1')), password);

	if (!user || !valid || user.disabled) {
		const locked = recordFailure(db, accountKey, ACCOUNT_RULE);
		recordFailure(db, ipKey, IP_RULE);
		audit(db, {
			action: locked ? 'login.locked' : 'login.failure',
			actorId: user?.id,
			target: id,
			ip
		});
		if (locked)
			return {
				ok: false,
				message: `该账号连续登录失败 ${ACCOUNT_RULE.maxFailures} 次，已临时锁定，请 ${minutesText(ACCOUNT_RULE.lockMs)}后再试`
			};
		if (user && valid && user.disabled) return { ok: false, message: '该账号已停用，请联系管理员' };
		return { ok: false, message: '账号或密码错误' };
	}
	clearFailures(db, accountKey);
	const { token, session } = createSession(db, user.id);
	audit(db, { action: 'login.success', actorId: user.id, target: id, ip });
	return {
		ok: true,
		token,
		expiresAt: session.expiresAt,
		mustChangePassword: user.mustChangePassword,
		userId: user.id
	};
}
