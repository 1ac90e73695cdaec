import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { localDate, OffsetClock } from '../core/clock.ts';
import { buildApp } from './app.ts';
import { checkProductionConfig, type Config } from './config.ts';
import { type Database, type Db, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { Progress } from './demo/progress.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
import { verifyPassword } from './modules/auth/password.ts';

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
export async function bootstrap(config: Config, opts: { logger?: boolean; webRoot?: string; progress?: Progress } = {}) {
  const problems = checkProductionConfig(config);
  if (problems.length) throw new Error(problems.join('\n'));
  const database = openConfiguredDatabase(config);
  opts.progress?.({ zh: '迁移数据库', en: 'Migrating the database' });
  const applied = await migrate(database);
  if (applied.length) opts.progress?.({ zh: `已执行 ${applied.length} 项迁移`, en: `applied ${applied.length} migrations`, part: `(→ ${applied.at(-1)})`, done: true });
  if (config.env === 'production') {
    const demo = await demoAccountsWithDemoPassword(database.db);
    if (demo.length) {
      await database.destroy();
      throw new Error(
        `生产环境拒绝启动：演示账号 ${demo.join('、')} 仍使用演示密码。请逐个修改：npm run cli -- user:password --username <用户名> --password <新密码>，或改用全新的数据库。\n` +
          `Production refuses to start: demo accounts ${demo.join(', ')} still have the demo password. Change each with npm run cli -- user:password --username <name> --password <new password>, or start from a fresh database.`,
      );
    }
  }
  const clock = new OffsetClock();
  const built = await buildApp({ config, database, clock, logger: opts.logger, webRoot: opts.webRoot });
  // Billing runs a stopped server (this one's previous life, or another whose lease expired) left "running".
  await built.services.fees.billing.recoverInterrupted();
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

/** Demo accounts (found by name, active or not) that still open with the published demo password. */
export async function demoAccountsWithDemoPassword(db: Db): Promise<string[]> {
  const names = DEMO_ACCOUNTS.map((a) => a.username.toLowerCase());
  const rows = await db.selectFrom('users').select(['username', 'password_hash']).where(sql<string>`lower(username)`, 'in', names).orderBy('id').execute();
  const found: string[] = [];
  for (const r of rows) if (await verifyPassword(DEMO_PASSWORD, r.password_hash)) found.push(r.username);
  return found;
}
