import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../core/clock.ts';
import type { Db } from '../../db/database.ts';
import { conflict } from '../../http/errors.ts';

/** A crashed import frees its estate after this long. */
const LEASE_MS = 30 * 60_000;

/**
 * One import at a time per estate (the archive and the meter readings alike), held as a lease
 * row in job_locks so it holds across server instances. Taking it is one conditional UPDATE.
 */
export class ImportGate {
  constructor(
    private db: Db,
    private clock: Clock,
  ) {}

  /** Takes the estate's lease or answers 409; returns the function that gives it back. */
  async enter(estateId: number): Promise<() => Promise<void>> {
    const name = `import:${estateId}`;
    const owner = randomBytes(12).toString('hex');
    const now = this.clock.now();
    await this.db.insertInto('job_locks').values({ name, owner: '', locked_until: new Date(0).toISOString() }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const taken = await this.db
      .updateTable('job_locks')
      .set({ owner, locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('name', '=', name)
      .where('locked_until', '<', now.toISOString())
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw conflict('conflict.importBusy');
    return async () => {
      await this.db.updateTable('job_locks').set({ locked_until: new Date(0).toISOString() }).where('name', '=', name).where('owner', '=', owner).execute();
    };
  }
}
