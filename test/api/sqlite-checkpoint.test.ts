/** SQLite files: the WAL is copied back by the checkpoint worker, not inside a request's commit. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';

describe.skipIf(Boolean(process.env.DATABASE_URL))('sqlite checkpoints', () => {
  it('copies committed pages into the database file in the background, and stops with the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-ckpt-'));
    const file = path.join(dir, 'wuye.db');
    const database = openDatabase({ sqliteFile: file });
    try {
      await migrate(database);
      // Far below the backstop threshold: only the worker copies these pages back.
      const pages = async () => (await sql<{ log: number; checkpointed: number }>`pragma wal_checkpoint(PASSIVE)`.execute(database.db)).rows[0];
      const before = fs.statSync(file).size;
      let size = before;
      for (let i = 0; i < 40 && size === before; i++) {
        await new Promise((r) => setTimeout(r, 100));
        size = fs.statSync(file).size;
      }
      expect(size).toBeGreaterThan(before);
      const { log, checkpointed } = await pages();
      expect(checkpointed).toBe(log);
    } finally {
      await database.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
