/** The operator's command line and production start-up rules, run as real processes. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { importWorkbook } from '../helpers/xlsx.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-cli-'));
const tsx = path.resolve('node_modules/.bin/tsx');
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: 'a-long-random-production-secret-for-tests-0123456789' };
const cli = (...args: string[]) => spawnSync(tsx, ['src/server/cli.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('command line (SQLite under DATA_DIR)', () => {
  it('creates the first administrator in production, with no demo data', () => {
    const r = cli('user:create', '--username', 'boss', '--password', 'Harbour2026pw', '--role', 'admin', '--name', '系统管理员');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('boss');
    const db = new SQLite(path.join(dir, 'wuye.db'), { readonly: true });
    expect(db.prepare('select username, role from users').all()).toEqual([{ username: 'boss', role: 'admin' }]);
    expect(db.prepare('select count(*) n from estates').get()).toEqual({ n: 0 });
    db.close();
  });

  // Three processes: on a busy machine that takes longer than the default 30 s.
  it('refuses a weak or common password and an unknown role', { timeout: 120_000 }, () => {
    expect(cli('user:create', '--username', 'x', '--password', 'short', '--role', 'admin').status).not.toBe(0);
    const common = cli('user:create', '--username', 'x', '--password', 'password123', '--role', 'admin');
    expect(common.status).not.toBe(0);
    expect(common.stderr).toContain('这个密码太常见');
    expect(cli('user:create', '--username', 'x', '--password', 'Harbour2026pw', '--role', 'king').status).not.toBe(0);
  });

  it('imports a workbook into an estate and backs the database up', async () => {
    const db = new SQLite(path.join(dir, 'wuye.db'));
    db.prepare("insert into estates (code, name, time_zone, created_at) values ('E1', '测试小区', 'Asia/Shanghai', ?)").run(new Date().toISOString());
    db.close();
    const file = path.join(dir, 'in.xlsx');
    fs.writeFileSync(file, await importWorkbook({ buildings: [{ code: '1', name: '1栋', kind: '多层', floors: 6, entrances: 1 }], units: [{ building: '1', floor: 1, number: '101', area: 90 }] }));
    const imported = cli('import', '--estate', 'E1', '--file', file);
    expect(imported.status, imported.stderr).toBe(0);
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, await importWorkbook({ units: [{ building: '9', floor: 1, number: '101', area: 90 }] }));
    const failed = cli('import', '--estate', 'E1', '--file', bad);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('房屋 第 2 行 楼栋编号');

    const out = path.join(dir, 'backup.db');
    const backup = cli('backup', '--out', out);
    expect(backup.status, backup.stderr).toBe(0);
    const copy = new SQLite(out, { readonly: true });
    expect(copy.prepare('select count(*) n from units').get()).toEqual({ n: 1 });
    copy.close();
  });

  it('will not start in production with the default secret', () => {
    const r = spawnSync(tsx, ['src/server/main.ts'], { env: { ...env, SESSION_SECRET: '', PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('SESSION_SECRET');
  });

  it('prints its usage for an unknown command', () => {
    expect(() => execFileSync(tsx, ['src/server/cli.ts', 'nope'], { env, stdio: 'pipe' })).toThrow(/Usage/);
  });
});
