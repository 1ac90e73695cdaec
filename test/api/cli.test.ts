/** The operator's command line and production start-up rules, run as real processes. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importWorkbook } from '../helpers/xlsx.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-cli-'));
// Not created yet: the first command creates it, so its mode is the server's doing.
const dir = path.join(root, 'data');
const tsx = path.resolve('node_modules/.bin/tsx');
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: 'a-long-random-production-secret-for-tests-0123456789' };
const cli = (...args: string[]) => spawnSync(tsx, ['src/server/cli.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });
const mode = (p: string) => fs.statSync(p).mode & 0o777;

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
// Each test starts real processes (tsx compiles on start): seconds each on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000 });

describe('command line (SQLite under DATA_DIR)', () => {
  it('creates the first administrator in production, with no demo data', () => {
    const r = cli('user:create', '--username', 'boss', '--password', 'Harbour2026pw', '--role', 'admin', '--name', '系统管理员');
    expect(r.status, r.stderr).toBe(0);
    expect([mode(dir), mode(path.join(dir, 'files')), mode(path.join(dir, 'wuye.db'))]).toEqual([0o700, 0o700, 0o600]);
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

    const out = path.join(dir, 'backup');
    const backup = cli('backup', '--out', out);
    expect(backup.status, backup.stderr).toBe(0);
    const copy = new SQLite(path.join(out, 'wuye.db'), { readonly: true });
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

/** Every row of every table, by table, in a stable order. */
function sqliteRows(file: string) {
  const db = new SQLite(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>;
  const rows = Object.fromEntries(tables.map((t) => [t.name, db.prepare(`select * from "${t.name}" order by 1`).all()]));
  db.close();
  return rows;
}

/** Every file under `root` with its content. */
function filesOf(root: string) {
  if (!fs.existsSync(root)) return {};
  return Object.fromEntries(
    (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(root, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(root, f)).toString('base64')]),
  );
}

function addFiles(files: string) {
  fs.mkdirSync(path.join(files, 'tickets/1/7'), { recursive: true });
  fs.writeFileSync(path.join(files, 'tickets/1/7/a.jpg'), Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
  fs.writeFileSync(path.join(files, 'tickets/1/7/b.png'), Buffer.from('png bytes'));
}

describe('backup and restore (SQLite)', () => {
  const files = path.join(dir, 'files');
  const db = path.join(dir, 'wuye.db');
  const out = path.join(root, 'bk');

  it('backs up the database and the uploaded files with checksums, privately', () => {
    addFiles(files);
    const r = cli('backup', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'wuye-desk-backup', dialect: 'sqlite', database: { path: 'wuye.db' } });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['tickets/1/7/a.jpg', 'tickets/1/7/b.png']);
    expect([mode(out), mode(path.join(out, 'wuye.db')), mode(path.join(out, 'manifest.json')), mode(path.join(out, 'files/tickets/1/7/a.jpg'))]).toEqual([0o700, 0o600, 0o600, 0o600]);
    expect(cli('backup', '--out', out).status).not.toBe(0); // never over an existing backup
  });

  it('restores identical rows and files; refuses a tampered backup and a database in use', () => {
    const rows = sqliteRows(path.join(out, 'wuye.db'));
    expect(sqliteRows(db)).toEqual(rows);
    const before = filesOf(files);
    // Life goes on after the backup: a new estate, a new photo.
    const live = new SQLite(db);
    live.prepare("insert into estates (code, name, time_zone, created_at) values ('E2', '后来的小区', 'Asia/Shanghai', ?)").run(new Date().toISOString());
    fs.writeFileSync(path.join(files, 'tickets/1/7/c.jpg'), 'later');

    // A connection still open, as a running server has: refused, nothing touched.
    const busy = cli('restore', '--from', out);
    expect(busy.status).not.toBe(0);
    expect(busy.stderr).toContain('stop it before restoring');
    live.close();

    const tampered = path.join(root, 'bk-tampered');
    fs.cpSync(out, tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, 'files/tickets/1/7/b.png'), 'x');
    const refused = cli('restore', '--from', tampered);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('tickets/1/7/b.png');
    expect(sqliteRows(db).estates).toHaveLength(2);

    const r = cli('restore', '--from', out);
    expect(r.status, r.stderr).toBe(0);
    expect(sqliteRows(db)).toEqual(rows);
    expect(filesOf(files)).toEqual(before);
    expect([mode(db), mode(files), mode(path.join(files, 'tickets/1/7/a.jpg'))]).toEqual([0o600, 0o700, 0o600]);
    // What was replaced is kept aside, not deleted.
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('replaced-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0], 'files/tickets/1/7/c.jpg'), 'utf8')).toBe('later');
    expect(sqliteRows(path.join(dir, aside[0], 'wuye.db')).estates).toHaveLength(2);
  });

  it('keeps the database, its WAL and shared-memory files private while the server runs', async () => {
    const server = spawn(tsx, ['src/server/main.ts'], { env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (b) => {
          out += b;
          if (out.includes('Wuye Desk')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      for (const f of ['wuye.db', 'wuye.db-wal', 'wuye.db-shm']) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
      expect(mode(dir)).toBe(0o700);
    } finally {
      server.kill('SIGTERM');
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('backup and restore (PostgreSQL)', () => {
  it('restores identical rows and files with pg_restore; refuses while another session is connected', async () => {
    const name = `wuye_cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const pgDir = path.join(root, 'pg-data');
    const pgEnv = { ...env, DATABASE_URL: url.toString(), DATA_DIR: pgDir };
    const run = (...args: string[]) => spawnSync(tsx, ['src/server/cli.ts', ...args], { env: pgEnv, encoding: 'utf8', timeout: 120_000 });
    const rowsOf = async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const tables = (await c.query("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).rows.map((r) => r.table_name as string);
      const all: Record<string, unknown[]> = {};
      for (const t of tables) all[t] = (await c.query(`select * from "${t}" order by 1`)).rows;
      await c.end();
      return all;
    };
    try {
      const created = run('user:create', '--username', 'boss', '--password', 'Harbor-2026-pw', '--role', 'admin');
      expect(created.status, created.stderr).toBe(0);
      addFiles(path.join(pgDir, 'files'));
      const out = path.join(root, 'pg-bk');
      const b = run('backup', '--out', out);
      expect(b.status, b.stderr).toBe(0);
      expect(fs.existsSync(path.join(out, 'wuye.dump'))).toBe(true);
      const rows = await rowsOf();
      const files = filesOf(path.join(pgDir, 'files'));

      const live = new pg.Client({ connectionString: url.toString() });
      await live.connect();
      await live.query("insert into estates (code, name, time_zone, created_at) values ('E9', '后来的', 'Asia/Shanghai', now())");
      fs.writeFileSync(path.join(pgDir, 'files/tickets/1/7/c.jpg'), 'later');
      const busy = run('restore', '--from', out);
      expect(busy.status).not.toBe(0);
      expect(busy.stderr).toContain('stop it before restoring');
      await live.end();

      const r = run('restore', '--from', out);
      expect(r.status, r.stderr).toBe(0);
      expect(await rowsOf()).toEqual(rows);
      expect(filesOf(path.join(pgDir, 'files'))).toEqual(files);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
