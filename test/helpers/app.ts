/**
 * One way to get an app in tests: a fresh database (SQLite in memory, or a fresh schema on
 * PostgreSQL when DATABASE_URL is set), migrated, optionally with the demo estate, and
 * requests through app.inject with a signed-in user.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localDate, OffsetClock } from '../../src/core/clock.ts';
import { type BuildOptions, buildApp } from '../../src/server/app.ts';
import type { Channel } from '../../src/server/modules/notifications/channels.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { createPgSchema, type Database, openDatabase } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/demo/seed.ts';
import { databaseFromTemplate, TEST_SCHEMA } from './pg-templates.ts';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * SQLite in memory; on PostgreSQL a copy of the run's template database (migrated, with the demo
 * when asked) or, without one for today, a fresh schema.
 */
async function openTestDatabase(demo: boolean, today: string): Promise<{ database: Database; seeded: boolean }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return { database: openDatabase({ sqliteFile: ':memory:' }), seeded: false };
  const copy = await databaseFromTemplate(databaseUrl, demo, today);
  if (copy) return { database: openDatabase({ databaseUrl: copy, pgSchema: TEST_SCHEMA }), seeded: demo };
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await createPgSchema(databaseUrl, schema);
  return { database: openDatabase({ databaseUrl, pgSchema: schema }), seeded: false };
}

export async function createTestApp(opts: { demo?: boolean; config?: Partial<Config>; channelFactory?: () => Channel; webRoot?: string; logger?: BuildOptions['logger'] } = {}) {
  const clock = new OffsetClock();
  const demo = opts.demo !== false;
  const { database, seeded } = await openTestDatabase(demo, localDate(clock.now()));
  await migrate(database);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-test-'));
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', CLOCK_CONTROL: '1', DATA_DIR: dataDir }), ...opts.config };
  const { app, services } = await buildApp({ config, database, clock, channel: opts.channelFactory?.(), webRoot: opts.webRoot, logger: opts.logger });
  if (demo && !seeded) await seedDemo(services, localDate(clock.now()));
  await app.ready();

  const cookies = new Map<string, string>();
  // A user's last good password, so signing in again after the clock moved still works.
  const passwords = new Map<string, string>();
  async function login(username: string, password = passwords.get(username) ?? DEMO_PASSWORD): Promise<string> {
    const cached = cookies.get(username);
    if (cached && password === (passwords.get(username) ?? DEMO_PASSWORD)) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'wd_session');
    const header = `wd_session=${cookie!.value}`;
    cookies.set(username, header);
    passwords.set(username, password);
    return header;
  }

  /** A request as `user` (or anonymous with null). */
  async function as(user: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    // As the web client does: every write is JSON, also a step with no body (the server refuses other types).
    const json = method !== 'GET' && payload === undefined ? { 'content-type': 'application/json' } : {};
    const send = (cookie?: string) => app.inject({ method, url, payload: payload as any, headers: { ...json, ...(cookie ? { cookie } : {}), ...headers } });
    if (!user) return send();
    const res = await send(await login(user));
    // Tests move the clock past the session lifetime: sign in again, as a person would.
    if (res.statusCode !== 401 || !cookies.has(user)) return res;
    cookies.delete(user);
    return send(await login(user));
  }

  async function close() {
    await app.close();
    await database.destroy();
    // The database or schema stays until the run ends (test/helpers/pg-teardown.ts drops them all then).
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  return { app, services, database, db: database.db, clock, config, login, as, close };
}

const FEE_TABLES = ['fee_items', 'fee_prices', 'fee_discounts', 'meters', 'meter_readings', 'billing_runs', 'bill_lines', 'payments', 'payment_allocations', 'prepaid_entries', 'payment_reversals', 'daily_closes', 'fee_waivers', 'notice_deliveries', 'arrears_steps'] as const;

/** Row counts of every business table: "nothing half-written" means these do not move. */
export async function tableCounts(db: TestApp['db']) {
  const tables = ['estates', 'areas', 'buildings', 'units', 'facilities', 'households', 'household_members', 'ownerships', 'tenancies', 'users', 'user_scopes', 'owner_units', 'tickets', 'ticket_events', 'ticket_steps', 'return_visits', 'notifications', 'ticket_categories', 'sla_policies', 'holidays', ...FEE_TABLES] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}
