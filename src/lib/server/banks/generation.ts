/**
 * A per-connection counter bumped by every write to a bank, so derived caches (the drawable pool
 * an exam start reads) know when to reload. Everything that changes questions goes through the
 * bank store or service, which call `bankChanged`.
 */
import type { Db } from '../db';
import { prepared } from '../db/prepared';

const state = (db: Db) => prepared(db, 'banks.generation', () => ({ value: 0 }));

export function bankGeneration(db: Db): number {
	return state(db).value;
}

export function bankChanged(db: Db) {
	state(db).value++;
}
