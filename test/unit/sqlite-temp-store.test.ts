/**
 * db/database.ts keeps SQLite's temporary files in memory: a savepoint's journal (the commit
 * group puts each registration in one) was otherwise written to a temporary file once it
 * outgrew 64 KiB, two writes per page touched, and stayed a file for the rest of the transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-temp-store-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Files this process holds open that are already deleted: how SQLite keeps its temporary files on Linux. */
const deletedFiles = () =>
  fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).endsWith(' (deleted)');
    } catch {
      return false;
    }
  }).length;

/** Deleted files open while a savepoint rewrites ~400 KB of pages the transaction already wrote. */
async function openedDuringSavepoint(db: Kysely<any>): Promise<number> {
  await sql`create table if not exists pad (id integer primary key, v text)`.execute(db);
  return db.transaction().execute(async (trx) => {
    await sql`insert into pad (v) select printf('%.2000c', 'x') from (with recursive n(i) as (select 1 union all select i + 1 from n where i < 200) select i from n)`.execute(trx);
    const before = deletedFiles();
    await sql`savepoint s`.execute(trx);
    await sql`update pad set v = printf('%.2000c', 'y')`.execute(trx);
    const during = deletedFiles();
    await sql`release s`.execute(trx);
    return during - before;
  });
}

describe.runIf(process.platform === 'linux')('SQLite temporary files', () => {
  it('a savepoint keeps its journal in memory, where SQLite left alone writes a temporary file', async () => {
    const database = openDatabase({ sqliteFile: path.join(dir, 'app.db') });
    try {
      expect(await openedDuringSavepoint(database.db)).toBe(0);
      // The same work with SQLite's default shows what the setting avoids (and that this test sees it).
      await sql`pragma temp_store = default`.execute(database.db);
      expect(await openedDuringSavepoint(database.db)).toBe(1);
    } finally {
      await database.destroy();
    }
  });
});
