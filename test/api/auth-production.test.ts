/** Production does not start while a demo account still opens with the published demo password. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap, demoAccountsWithDemoPassword, openConfiguredDatabase } from '../../src/server/bootstrap.ts';
import { loadConfig } from '../../src/server/config.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/seed.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { createTestApp } from '../helpers/app.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-prod-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { NODE_ENV: 'production', DATABASE_URL: '', DATA_DIR: dir, SESSION_SECRET: 'a-long-random-production-secret-for-tests-0123456789' };

describe('demo accounts in production', () => {
  it('finds the demo accounts that still have the demo password (both databases)', { timeout: 60_000 }, async () => {
    const t = await createTestApp();
    try {
      expect(await demoAccountsWithDemoPassword(t.db)).toEqual(['admin', 'director', 'assistant', 'cs1', 'cs2', 'desk1', 'cashier1', 'eng1', 'owner1']);
      const ids = Object.fromEntries((await t.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
      await t.services.users.resetPassword({ id: null, name: 'test', ip: null }, ids.cs1, 'Another2026pw');
      await t.services.users.update({ id: ids.admin, name: 'admin', ip: null }, ids.eng1, { active: false });
      // deactivated is not enough: it could be switched back on
      expect(await demoAccountsWithDemoPassword(t.db)).not.toContain('cs1');
      expect(await demoAccountsWithDemoPassword(t.db)).toContain('eng1');
    } finally {
      await t.close();
    }
  });

  it('refuses to start, naming them, until each has a new password (changed with the CLI)', { timeout: 120_000 }, async () => {
    const config = loadConfig(env);
    const database = openConfiguredDatabase(config);
    await migrate(database);
    const now = new Date().toISOString();
    await database.db.insertInto('users').values({ username: 'admin', display_name: '系统管理员', password_hash: await hashPassword(DEMO_PASSWORD), role: 'admin', active: 1, created_at: now, updated_at: now }).execute();
    await database.destroy();

    await expect(bootstrap(config)).rejects.toThrow(/演示账号 admin 仍使用演示密码[\s\S]*demo accounts admin still have the demo password/);

    const tsx = path.resolve('node_modules/.bin/tsx');
    const cli = (...args: string[]) => spawnSync(tsx, ['src/server/cli.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    const weak = cli('user:password', '--username', 'admin', '--password', 'admin12345');
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('这个密码太常见');
    const changed = cli('user:password', '--username', 'Admin', '--password', 'Harbour-2026-x');
    expect(changed.status, changed.stderr).toBe(0);

    const started = await bootstrap(config);
    await started.app.close();
    await started.database.destroy();
  });
});
