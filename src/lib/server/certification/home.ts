/** The worker's home card: each post cleared or blocked (with the reason), and what is due soon. */
import type { Db } from '../db';
import type { Actor } from '../access';
import { myCertification, today } from './service';

export function workerHome(db: Db, actor: Actor, day = today()) {
	const { posts, certificates } = myCertification(db, actor, day);
	return {
		posts,
		certificates: certificates.length,
		dueSoon: certificates.filter((c) => c.dueSoon)
	};
}
