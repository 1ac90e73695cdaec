/**
 * A PostgreSQL restart under the real server (a child process on its own throw-away cluster):
 * while the database is down, health answers 503 and other requests 503 UNAVAILABLE with Retry-After, the process
 * stays up and prints no secret; once the database is back, requests succeed again without a
 * restart of the app. Runs only in the PostgreSQL step (DATABASE_URL set and server binaries present).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'scripts/pg-cluster.sh');
const hasServer = fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
const SECRET = 'Zq9-not-a-real-password-7Kx';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!process.env.DATABASE_URL || !hasServer)('PostgreSQL restart under the running server', () => {
  const stateFile = path.join(os.tmpdir(), `wuye-pg-restart-${process.pid}.env`);
  const cluster = (cmd: string) => execFileSync('bash', [SCRIPT, cmd], { env: { ...process.env, PG_STATE_FILE: stateFile }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop()!;
  let child: ChildProcess;
  let output = '';
  let exited: number | null = null;
  let base = '';
  let dataDir = '';

  const get = async (url: string, init?: RequestInit) => {
    const res = await fetch(`${base}${url}`, { ...init, signal: AbortSignal.timeout(20_000) });
    return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
  };
  // Refused sign-in (401, or 429 once counted too often): either answer means the database was read and written.
  const refused = (status: number) => status === 401 || status === 429;
  const login = () => get('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }) });
  async function until(what: () => Promise<boolean>, label: string) {
    for (let i = 0; i < 300; i++) {
      if (exited !== null) throw new Error(`server exited (${exited}) while waiting for ${label}:\n${output}`);
      if (await what().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`gave up waiting for ${label}:\n${output}`);
  }

  beforeAll(async () => {
    const url = new URL(cluster('start'));
    url.password = SECRET; // the cluster trusts local connections; the password only has to be in the URL
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-pg-restart-'));
    child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url.toString(), DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', DEMO_DATA: '0', DESK_SWEEP: '0', LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES_PER_IP: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => (exited = code ?? (signal ? -1 : 0)));
    await until(async () => (await get('/api/health')).status === 200, 'the server');
  });

  afterAll(async () => {
    if (child && exited === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    try {
      cluster('stop');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers 503 while the database is down, stays up, and recovers when it is back', async () => {
    // Several pooled connections idle when the server goes down: each one's error must be handled.
    await Promise.all(Array.from({ length: 5 }, () => login()));
    expect(refused((await login()).status)).toBe(true);
    expect((await get('/api/health/ready')).status).toBe(200);

    cluster('halt');
    const health = await get('/api/health');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toEqual({ status: 'error', database: 'postgres' });
    const ready = await get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'error', checks: { database: 'error', write: 'error' } });
    // A request that needs the database: 503, worth retrying, in the reader's language.
    const res = await login();
    expect(res.status).toBe(503);
    expect(Number(res.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'UNAVAILABLE', message: '数据库暂时无法连接，请稍后再试' } });
    const en = await get('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en-US' }, body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }) });
    expect(en.status).toBe(503);
    expect(JSON.parse(en.text).error.message).toBe('The database cannot be reached right now; please try again shortly');
    expect(res.text).not.toContain(SECRET);
    expect(exited).toBeNull();

    cluster('resume');
    await until(async () => (await get('/api/health')).status === 200, 'health after the restart');
    expect(refused((await login()).status)).toBe(true);
    expect((await get('/api/health/ready')).status).toBe(200);
    expect(exited).toBeNull();
    // The lost connections were logged, on one line each, without the connection string.
    expect(output).toMatch(/database: connection lost \(57P01 /);
    expect(output).not.toContain(SECRET);
    expect(output).not.toMatch(/connectionString|connectionParameters/);
  });
});
