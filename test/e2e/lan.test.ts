/**
 * The office network: a colleague opens http://<this PC>:<port>/ over plain http. The browser
 * must not be told to upgrade to https (HSTS, upgrade-insecure-requests): it would fetch the
 * scripts over https and show a blank page. Chromium resolves the name wuye.lan to this machine,
 * so the page is reached by a host name that is neither localhost nor 127.0.0.1 (which browsers
 * treat as secure), as from another PC; signing in and out exercises the cross-site checks with
 * that host's Origin. The start banner lists the LAN addresses.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './server.ts';
import { e2eSuite } from './suite.ts';

const suite = e2eSuite({ env: { HOST: '0.0.0.0' }, browserArgs: ['--host-resolver-rules=MAP wuye.lan 127.0.0.1'] });

describe('opened from another PC over plain http', () => {
  it('the start banner names the addresses colleagues can open', () => {
    const out = suite.server.output();
    expect(out).toContain(`http://localhost:${suite.server.port}`);
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .filter((n) => n && n.family === 'IPv4' && !n.internal)
      .map((n) => `http://${n!.address}:${suite.server.port}`);
    for (const url of lan) expect(out).toContain(url);
  });

  it('loads the app by a LAN host name, signs desk1 in to the staff layout and out again', async () => {
    const base = `http://wuye.lan:${suite.server.port}`;
    const context = await suite.newContext({ viewport: { width: 1280, height: 800 }, context: { baseURL: base } });
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
