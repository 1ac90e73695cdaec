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

export function openConfiguredDatabase(config: Config): Database {
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
  // Billing runs a stopped server (this one's previous life, or another whose lease expired) left "running".
  await built.services.fees.billing.recoverInterrupted();
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
