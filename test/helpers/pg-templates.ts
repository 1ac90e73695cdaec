/**
 * PostgreSQL test runs: a fresh database per test app, copied from a template the run builds once
 * (migrated, and migrated with the demo estate). CREATE DATABASE … TEMPLATE copies files in a
 * fraction of a second where migrating and loading the demo over the wire takes about five; with
 * seventy-odd test apps that was a third of the PostgreSQL step. A template is used only on the
 * China date it was loaded on (the demo's records are dated from that day); else the app migrates
 * and seeds as before.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { localDate, OffsetClock } from '../../src/core/clock.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createPgSchema, openDatabase } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { seedDemo } from '../../src/server/demo/seed.ts';

const ENV = 'WUYE_PG_TEMPLATES';
/** The schema every test database works in (its search_path). */
export const TEST_SCHEMA = 'app';
/** Test databases and templates of a run are named so the teardown finds them. */
export const TEST_DB = /^t_[0-9a-f]{12}$/;
const TEMPLATE_DB = /^tpl_[0-9a-f]{12}$/;

interface Templates {
  bare: string;
  demo: string;
  date: string;
}

export function databaseUrlFor(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(base: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function buildTemplate(base: string, demo: boolean): Promise<{ name: string; date: string }> {
  const name = `tpl_${randomBytes(6).toString('hex')}`;
  await admin(base, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrlFor(base, name);
  await createPgSchema(url, TEST_SCHEMA);
  const database = openDatabase({ databaseUrl: url, pgSchema: TEST_SCHEMA });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-tpl-'));
  const clock = new OffsetClock();
  const date = localDate(clock.now());
  try {
    await migrate(database);
    if (demo) {
      const { app, services } = await buildApp({ config: loadConfig({ NODE_ENV: 'test', CLOCK_CONTROL: '1', DATA_DIR: dataDir }), database, clock });
      await seedDemo(services, date);
      await app.close();
    }
  } finally {
    await database.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // Nobody may be connected to a template while it is copied; mark it as one so that is enforced.
  await admin(base, (c) => c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`));
  return { name, date };
}

/** Global setup: builds both templates and tells the test workers their names. */
export async function buildTemplates(base: string): Promise<void> {
  const bare = await buildTemplate(base, false);
  const demo = await buildTemplate(base, true);
  process.env[ENV] = JSON.stringify({ bare: bare.name, demo: demo.name, date: demo.date } satisfies Templates);
}

/** A fresh database copied from the run's template, or null when there is none for today. */
export async function databaseFromTemplate(base: string, demo: boolean, today: string): Promise<string | null> {
  const raw = process.env[ENV];
  if (!raw) return null;
  const t = JSON.parse(raw) as Templates;
  if (demo && t.date !== today) return null;
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(base, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${demo ? t.demo : t.bare}`));
  return databaseUrlFor(base, name);
}

/** Global teardown: drops every test database and template of the run. */
export async function dropTestDatabases(base: string): Promise<void> {
  const { rows } = await admin(base, (c) => c.query<{ datname: string }>('select datname from pg_database'));
  for (const { datname } of rows) {
    if (!TEST_DB.test(datname) && !TEMPLATE_DB.test(datname)) continue;
    await admin(base, (c) => c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`));
  }
}
