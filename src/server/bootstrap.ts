import path from 'node:path';
import { localDate, OffsetClock } from '../core/clock.ts';
import { buildApp } from './app.ts';
import { checkProductionConfig, type Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { Progress } from './demo/progress.ts';
import { seedDemo } from './demo/seed.ts';

export function sqliteFileOf(config: Config) {
  return path.join(config.dataDir, 'wuye.db');
}

export function openConfiguredDatabase(config: Config): Database {
  return openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileOf(config) });
}

/** config → database → migrations → (demo data on a new database) → app; shared by main and cli. */
export async function bootstrap(config: Config, opts: { logger?: boolean; webRoot?: string; progress?: Progress } = {}) {
  const problems = checkProductionConfig(config);
  if (problems.length) throw new Error(problems.join('\n'));
  const database = openConfiguredDatabase(config);
  opts.progress?.({ zh: '迁移数据库', en: 'Migrating the database' });
  const applied = await migrate(database);
  if (applied.length) opts.progress?.({ zh: `已执行 ${applied.length} 项迁移`, en: `applied ${applied.length} migrations`, part: `(→ ${applied.at(-1)})`, done: true });
  const clock = new OffsetClock();
  const built = await buildApp({ config, database, clock, logger: opts.logger, webRoot: opts.webRoot });
  let seeded = false;
  if (config.demoData) {
    const any = await database.db.selectFrom('estates').select('id').limit(1).executeTakeFirst();
    if (!any) {
      await seedDemo(built.services, localDate(clock.now()), { clock, db: database.db, progress: opts.progress });
      seeded = true;
    }
  }
  return { ...built, database, seeded };
}
