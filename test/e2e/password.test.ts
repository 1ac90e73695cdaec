/**
 * Changing one's own password in the browser (demo estate, real server, Chromium):
 *  1. desk1 (front desk) opens 修改密码 from his user menu; a wrong current password and a too
 *     short new one show the server's messages on the fields;
 *  2. the change ends his other sessions, keeps this one signed in, and the new password signs
 *     him in after signing out (the old one no longer does);
 *  3. the owner portal has the same dialog and it fits a 390 px phone, in Chinese and English.
 * Screenshots go to screenshots/password-* for a person to look at.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ROOT } from './server.ts';
import { e2eSuite, PHONE, switchLanguage } from './suite.ts';

const POLL = { timeout: 30_000, interval: 100 };
const SHOTS = path.join(ROOT, 'screenshots');

const suite = e2eSuite({ pageTimeout: 30_000, shotsDir: SHOTS });
const NEW_PASSWORD = 'Qiandeng-2026x';

const dialog = (page: Page) => page.locator('.ant-modal');
const submit = (page: Page) => dialog(page).locator('.ant-modal-footer .ant-btn-primary').click();
const fieldError = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain');

describe('changing one\'s own password', () => {
  it('desk1 sees the server\'s messages, changes it, stays signed in, and signs in again with the new one', async () => {
    const elsewhere = await suite.api('desk1');
    const page = await suite.signedIn('desk1');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-password').click();
    await expect.poll(() => dialog(page).textContent(), POLL).toContain('修改密码');

    await page.getByTestId('password-old').fill('not-my-password-1');
    await page.getByTestId('password-new').fill(NEW_PASSWORD);
    await page.getByTestId('password-repeat').fill(NEW_PASSWORD);
    await submit(page);
    await expect.poll(() => fieldError(page, 'password-old').textContent(), POLL).toContain('用户名或密码错误');
    await page.screenshot({ path: path.join(SHOTS, 'password-staff-zh-CN.png') });

    await page.getByTestId('password-old').fill(DEMO_PASSWORD);
    await page.getByTestId('password-new').fill('short1');
    await page.getByTestId('password-repeat').fill('short1');
    await submit(page);
    await expect.poll(() => fieldError(page, 'password-new').textContent(), POLL).toContain('至少 10 位');

    await page.getByTestId('password-new').fill(NEW_PASSWORD);
    await page.getByTestId('password-repeat').fill(NEW_PASSWORD);
    await submit(page);
    await expect.poll(() => page.locator('.ant-message').textContent(), POLL).toContain('密码已修改');
    await expect.poll(() => dialog(page).isVisible(), POLL).toBe(false);

    // this session goes on; the one signed in elsewhere has ended
    await page.reload();
    await expect.poll(() => page.getByTestId('main-menu').isVisible(), POLL).toBe(true);
    expect(new URL(page.url()).pathname).not.toMatch(/^\/login/);
    await expect(elsewhere.get('/api/v1/auth/me')).rejects.toThrow(/401/);

    await page.getByTestId('logout').click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await expect(suite.api('desk1')).rejects.toThrow(/401/);
    await page.getByTestId('login-username').fill('desk1');
    await page.getByTestId('login-password').fill(NEW_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await expect.poll(() => page.getByTestId('main-menu').isVisible(), POLL).toBe(true);
  });

  it('reads in English in the staff layout', async () => {
    const page = await suite.signedIn('cs1');
    await switchLanguage(page, 'en-US', true);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-password').click();
    await expect.poll(() => dialog(page).textContent(), POLL).toContain('Current password');
    await page.getByTestId('password-old').fill(DEMO_PASSWORD);
    await page.getByTestId('password-new').fill(NEW_PASSWORD);
    await page.getByTestId('password-repeat').fill('Something-else-9');
    await submit(page);
    await expect.poll(() => fieldError(page, 'password-repeat').textContent(), POLL).toContain('differ');
    await page.screenshot({ path: path.join(SHOTS, 'password-staff-en-US.png') });
  });

  it('the owner portal has it too, on a 390 px phone, in Chinese and English', async () => {
    for (const lang of ['zh-CN', 'en-US']) {
      const page = await suite.signedIn('owner1', { viewport: PHONE });
      if (lang === 'en-US') await switchLanguage(page, 'en-US', true);
      await page.getByTestId('menu-password').click();
      await expect.poll(() => dialog(page).textContent(), POLL).toContain(lang === 'zh-CN' ? '当前密码' : 'Current password');
      await page.getByTestId('password-old').fill('not-my-password-1');
      await page.getByTestId('password-new').fill(NEW_PASSWORD);
      await page.getByTestId('password-repeat').fill(NEW_PASSWORD);
      await submit(page);
      await expect.poll(() => fieldError(page, 'password-old').textContent(), POLL).toContain(lang === 'zh-CN' ? '用户名或密码错误' : 'Wrong username or password');
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.doc, `${lang}: the page scrolls sideways`).toBeLessThanOrEqual(widths.view);
      await page.screenshot({ path: path.join(SHOTS, `password-portal-390-${lang}.png`) });
    }
  });
});
