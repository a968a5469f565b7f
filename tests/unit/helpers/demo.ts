import { afterAll, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from './db';
import type { Db } from '../../../src/lib/server/db';
import { users } from '../../../src/lib/server/db/schema';
import { seedDemo } from '../../../src/lib/server/seed/demo';
import { loadActor } from '../../../src/lib/server/accounts/actor';

/**
 * A migrated temp database holding the demo data, for the enclosing suite (created before its
 * tests, removed after). Read `db` inside hooks and tests, not at collection time.
 */
export function demoDatabase() {
	let t: ReturnType<typeof createTestDb>;
	beforeAll(async () => {
		t = createTestDb();
		await seedDemo(t.db);
	});
	afterAll(() => t.cleanup());
	return {
		get db(): Db {
			return t.db;
		},
		get path(): string {
			return t.path;
		},
		/** The actor behind a demo account, by phone number. */
		actorOf(phone: string) {
			return loadActor(t.db, t.db.select().from(users).where(eq(users.phone, phone)).get()!.id)!;
		}
	};
}
