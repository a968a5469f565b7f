import type { Db } from './db';
import { auditLog } from './db/schema';

/** Security-relevant actions; the table is append-only (enforced by triggers). */
export type AuditAction =
	| 'login.success'
	| 'login.failure'
	| 'login.locked'
	| 'logout'
	| 'password.change'
	| 'password.reset'
	| 'user.create'
	| 'user.disable'
	| 'user.enable'
	| 'role.grant'
	| 'role.revoke'
	| 'roster.import'
	| 'bank.import'
	| 'question.edit'
	| 'grade.change'
	| 'exam.submit'
	| 'certificate.issue'
	| 'certificate.revoke'
	| 'certificate.review'
	| 'org.create'
	| 'trade.update';

export function audit(
	db: Db,
	entry: {
		action: AuditAction;
		actorId?: number | null;
		target?: string | null;
		detail?: Record<string, unknown>;
		ip?: string | null;
	}
) {
	db.insert(auditLog)
		.values({
			at: new Date(),
			action: entry.action,
			actorId: entry.actorId ?? null,
			target: entry.target ?? null,
			detail: entry.detail ?? null,
			ip: entry.ip ?? null
		})
		.run();
}
