import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../db/database.ts';

const OWNER = `${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * A lease in the database, so that when two server instances run side by side only one does
 * a scheduled job. Taking it is one conditional UPDATE, atomic on both databases.
 */
export async function withLock<T>(db: Db, clock: Clock, name: string, leaseMs: number, work: () => Promise<T>): Promise<T | null> {
  const now = clock.now();
  await db.insertInto('job_locks').values({ name, owner: '', locked_until: new Date(0).toISOString() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const taken = await db
    .updateTable('job_locks')
    .set({ owner: OWNER, locked_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('name', '=', name)
    .where('locked_until', '<', now.toISOString())
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return null;
  try {
    return await work();
  } finally {
    await db.updateTable('job_locks').set({ locked_until: new Date(0).toISOString() }).where('name', '=', name).where('owner', '=', OWNER).execute();
  }
}
