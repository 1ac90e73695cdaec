/**
 * The office network: a colleague opens http://<this PC>:<port>/ over plain http. The browser
 * must not be told to upgrade to https (HSTS, upgrade-insecure-requests): it would fetch the
 * scripts over https and show a blank page. Chromium resolves the name wuye.lan to this machine,
 * so the page is reached by a host name that is neither localhost nor 127.0.0.1 (which browsers
 * treat as secure), as from another PC; signing in and out exercises the cross-site checks with
 * that host's Origin. The start banner lists the LAN addresses.
 */
import os from 'node:os';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { HOST: '0.0.0.0' } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP wuye.lan 127.0.0.1'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('opened from another PC over plain http', () => {
  it('the start banner names the addresses colleagues can open', () => {
    const out = server.output();
    expect(out).toContain(`http://localhost:${server.port}`);
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .filter((n) => n && n.family === 'IPv4' && !n.internal)
      .map((n) => `http://${n!.address}:${server.port}`);
    for (const url of lan) expect(out).toContain(url);
  });

  it('loads the app by a LAN host name, signs desk1 in to the staff layout and out again', async () => {
    const base = `http://wuye.lan:${server.port}`;
    const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const requested: string[] = [];
      const failed: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));

      const doc = await page.goto('/login');
      expect(doc!.status()).toBe(200);
      await page.getByTestId('login-username').fill('desk1');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.getByTestId('main-menu').waitFor();
      expect(await page.getByTestId('user-menu').getAttribute('title')).toBe('desk1');
      expect(new URL(page.url()).origin).toBe(base);

      await page.getByTestId('logout').click();
      await page.waitForURL((u) => u.pathname.startsWith('/login'));
      expect(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);

      const headers = doc!.headers();
      expect(headers['strict-transport-security']).toBeUndefined();
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(failed).toEqual([]);
      expect(requested.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
