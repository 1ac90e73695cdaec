/**
 * Serialising writers of one estate on both databases: an upsert of a counters row takes its row
 * lock on PostgreSQL until commit (SQLite already runs one writer at a time), so two people
 * acting on the same records at once see each other's result instead of both writing.
 */
import type { Executor } from '../../db/database.ts';

export async function lockEstate(db: Executor, estateId: number, name: string): Promise<void> {
  await db
    .insertInto('counters')
    .values({ estate_id: estateId, name: `lock:${name}`, value: 0 })
    .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb.ref('counters.value') })))
    .execute();
}
