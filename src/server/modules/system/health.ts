/**
 * Liveness and readiness. Health answers whether the database answers `select 1` (quickly, even
 * when it does not); readiness whether this instance can do its work: write to the database and
 * keep files in DATA_DIR (free space above the configured floor).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import { type Database, ping } from '../../db/database.ts';

export type Check = 'ok' | 'error';
const PROBE_KEY = 'health.ready';

/** Rejects when `work` has not settled after `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function databaseCheck(database: Database): Promise<Check> {
  return ping(database.db).then(
    () => 'ok',
    () => 'error',
  );
}

/** A real write: one dedicated settings row upserted, so a read-only or full database fails here. */
export async function writeCheck(database: Database, now: string): Promise<Check> {
  const work = database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: PROBE_KEY, value: now, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: now, updated_at: now }))
      .execute();
    await sql`select 1`.execute(trx);
  });
  return within(3_000, work).then(
    () => 'ok',
    () => 'error',
  );
}

/** Free space for this process's user where DATA_DIR is (or will be made), in MB; null when unknown. */
export async function freeDiskMb(dir: string): Promise<number | null> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      const s = await fs.statfs(d);
      return Math.floor((s.bavail * s.bsize) / (1024 * 1024));
    } catch {
      if (d === path.dirname(d)) return null;
    }
  }
}

export async function readiness(database: Database, config: Config, now: string) {
  const [db, write, free] = await Promise.all([databaseCheck(database), writeCheck(database, now), freeDiskMb(config.dataDir)]);
  const disk: Check = free != null && free >= config.minFreeDiskMb ? 'ok' : 'error';
  const ok = db === 'ok' && write === 'ok' && disk === 'ok';
  return { status: ok ? ('ok' as const) : ('error' as const), database: database.dialect, checks: { database: db, write, disk } };
}
