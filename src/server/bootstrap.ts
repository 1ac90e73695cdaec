import fs from 'node:fs';
import path from 'node:path';
import { localDate, OffsetClock } from '../core/clock.ts';
import { buildApp } from './app.ts';
import { checkProductionConfig, type Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './demo/seed.ts';

export function sqliteFileOf(config: Config) {
  return path.join(config.dataDir, 'wuye.db');
}

/**
 * The data folder holds owners' personal data: everything the process creates is private to
 * its user (files 0600, folders 0700), and what an earlier version left readable is tightened.
 */
export function privateDataDir(config: Config) {
  process.umask(0o077);
  for (const dir of [config.dataDir, config.filesDir]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      fs.chmodSync(dir, 0o700);
    } catch (err) {
      // A FILES_DIR on a share the server does not own: say so, the files inside stay 0600.
      console.warn(`无法设置目录权限 Cannot make ${dir} private: ${(err as Error).message}`);
    }
  }
  const db = sqliteFileOf(config);
  for (const file of [db, `${db}-wal`, `${db}-shm`]) {
    if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
  }
}

export function openConfiguredDatabase(config: Config): Database {
  privateDataDir(config);
  return openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileOf(config) });
}

/** config → database → migrations → (demo data on a new database) → app; shared by main and cli. */
export async function bootstrap(config: Config, opts: { logger?: boolean; webRoot?: string } = {}) {
  const problems = checkProductionConfig(config);
  if (problems.length) throw new Error(problems.join('\n'));
  const database = openConfiguredDatabase(config);
  await migrate(database);
  const clock = new OffsetClock();
  const built = await buildApp({ config, database, clock, logger: opts.logger, webRoot: opts.webRoot });
  let seeded = false;
  if (config.demoData) {
    const any = await database.db.selectFrom('estates').select('id').limit(1).executeTakeFirst();
    if (!any) {
      await seedDemo(built.services, localDate(clock.now()), { clock, db: database.db });
      seeded = true;
    }
  }
  return { ...built, database, seeded };
}
