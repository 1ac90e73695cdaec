/**
 * Browser-test helpers: the real server as a child process on a free port with a fresh data
 * folder (so the demo estate is loaded), Chromium from Debian, signing in through the login page,
 * and a small API client for checks made beside the browser.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { localDate } from '../../src/core/clock.ts';
import { watchBrowser, watchServer } from './failure-report.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'demo1234';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** The server's console output so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The data folder of a server that has loaded the demo and stopped (test/e2e/demo-template.ts makes
 * it once per run): a copy of it starts in two seconds where loading the demo takes twenty. It is
 * used only on the China date it was loaded on, since the demo's records are dated from that day.
 */
export const DEMO_TEMPLATE_ENV = 'WUYE_E2E_DEMO_TEMPLATE';
const TEMPLATE_DATE_FILE = 'demo-date';

export function chinaToday(): string {
  return localDate(new Date());
}

export function markDemoTemplate(dataDir: string, date: string): void {
  fs.writeFileSync(path.join(dataDir, TEMPLATE_DATE_FILE), date);
}

function usableDemoTemplate(): string | null {
  const dir = process.env[DEMO_TEMPLATE_ENV];
  if (!dir) return null;
  try {
    return fs.readFileSync(path.join(dir, TEMPLATE_DATE_FILE), 'utf8') === chinaToday() ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Starts `tsx src/server/main.ts` and waits until /api/health answers. The data folder is a copy of
 * the run's demo template when there is one (unless `fresh`), else the server loads the demo itself.
 */
export async function startServer(opts: { timeoutMs?: number; env?: Record<string, string>; fresh?: boolean; keepData?: boolean } = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html')))
    throw new Error('dist/web/index.html is missing: run `npm run build:web` first (npm run test:e2e does it)');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-e2e-'));
  const template = opts.fresh ? null : usableDemoTemplate();
  if (template) {
    fs.cpSync(template, dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, TEMPLATE_DATE_FILE));
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOGIN_MAX_FAILURES: '1000',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    LOGIN_MAX_FAILURES_PER_USER: '1000',
    NODE_ENV: 'development',
    DEMO_DATA: '1',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [tsx, 'src/server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stop() also ends what tsx started.
    detached: true,
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 150_000);
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited} before it was ready:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(`server did not become ready within ${opts.timeoutMs ?? 150_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const unwatch = watchServer({ url, output: () => log });
  return {
    url,
    port,
    dataDir,
    output: () => log,
    stop: async () => {
      unwatch();
      if (exited === null) {
        const done = new Promise<void>((r) => child.once('exit', () => r()));
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
        await done;
        clearTimeout(timer);
      }
      if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid == null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Debian's Chromium, headless; `extraArgs` adds switches (e.g. host resolver rules). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
  return watchBrowser(browser);
}

/** Signs in through the login page with the demo password and waits to be let in. */
export async function loginThroughForm(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A signed-in API session (cookie jar of one cookie) for checks outside the browser. */
export async function apiLogin(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async get<T>(p: string): Promise<T> {
      const r = await fetch(`${baseUrl}${p}`, { headers: { cookie, accept: 'application/json' } });
      if (!r.ok) throw new Error(`GET ${p} → ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    async post<T>(p: string, body: unknown): Promise<T> {
      const r = await fetch(`${baseUrl}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`POST ${p} → ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}
