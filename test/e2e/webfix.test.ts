/**
 * What only the page shows (demo estate 翠湖花园, real server, Chromium):
 *  1. cs1 (片区管理员) has no 日结 in the menu;
 *  2. the "收款成功" toast does not print on the receipt (print media hides antd's message container);
 *  3. the owner's receipt fits a 390 px phone in Chinese and English (no sideways scroll), and prints;
 *  4. the printed arrears notice is worded for the unit's ladder step (限期缴费通知 at step 2);
 *  5. the audit page reads in the reader's language, operators by display name, no #id codes;
 *  6. on the 3rd of a month the statistics, the desk report and the notices open on last month.
 * Screenshots and the PDF go to screenshots/webfix-* for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, ROOT } from './server.ts';
import { e2eSuite, PHONE, switchLanguage } from './suite.ts';

const POLL = { timeout: 30_000, interval: 100 };
const SHOTS = path.join(ROOT, 'screenshots');

const suite = e2eSuite({ env: { CLOCK_CONTROL: '1' }, pageTimeout: 30_000, shotsDir: SHOTS });

let director: Awaited<ReturnType<typeof apiLogin>>;

beforeAll(async () => {
  director = await suite.api('director');
});

describe('webfix in the browser', () => {
  it('cs1 sees no 日结 in the menu; the cashier does', async () => {
    const page = await suite.signedIn('cs1');
    const menu = page.getByTestId('main-menu');
    await expect.poll(() => menu.textContent(), POLL).toContain('缴费通知单');
    expect(await menu.textContent()).not.toContain('日结');
    const cashier = await suite.signedIn('cashier1');
    await expect.poll(() => cashier.getByTestId('main-menu').textContent(), POLL).toContain('日结');
  });

  it('the 收款成功 toast shows on screen but not on the printed receipt', async () => {
    const page = await suite.signedIn('cashier1');
    await page.waitForURL('**/fees/cashier');
    const owing = (await director.get<{ items: Array<{ unitLabel: string; totalDue: number }> }>('/api/v1/fees/units/search?estateId=1&q=1201')).items.find((h) => h.totalDue > 0);
    expect(owing).toBeTruthy();
    await page.getByTestId('cashier-search').fill('1201');
    await page.getByTestId('cashier-search-go').click();
    const hits = page.getByTestId('cashier-hits').locator('tr.ant-table-row');
    await expect.poll(() => hits.count(), POLL).toBeGreaterThan(1);
    await hits.filter({ hasText: owing!.unitLabel }).first().click();
    await page.waitForURL(/unit=\d+/);
    await expect.poll(() => page.getByTestId('chosen-total').textContent(), POLL).toMatch(/^¥[\d,]+\.\d\d$/);
    await page.getByTestId('pay-method').getByText('现金', { exact: true }).click();
    await page.getByTestId('pay-submit').click();
    await page.waitForURL(/\/print\/fees\/receipts\/\d+/);
    // The toast's container stays in the document; on screen it shows, on paper it must not.
    const display = () => page.evaluate(() => [...document.querySelectorAll('.ant-message')].map((e) => getComputedStyle(e).display));
    await expect.poll(() => page.locator('.ant-message').textContent(), POLL).toContain('收款成功');
    expect(await display()).not.toContain('none');
    await page.emulateMedia({ media: 'print' });
    expect((await display()).length).toBeGreaterThan(0);
    await expect.poll(async () => (await display()).every((d) => d === 'none'), POLL).toBe(true);
    await expect.poll(() => page.getByTestId('receipt-no').isVisible(), POLL).toBe(true);
    fs.writeFileSync(path.join(SHOTS, 'webfix-receipt-with-toast.pdf'), await page.pdf({ format: 'A4', printBackground: true }));
    await page.screenshot({ path: path.join(SHOTS, 'webfix-receipt-print-media.png') });
  });

  it("the owner's receipt fits a 390 px phone in Chinese and English, and prints", async () => {
    const owner = await suite.api('owner1');
    const mine = await owner.get<{ units: Array<{ payments: Array<{ id: number }> }> }>('/api/v1/portal/fees');
    const payments = mine.units.flatMap((u) => u.payments);
    expect(payments.length).toBeGreaterThan(0);
    const id = payments[0]!.id;
    for (const locale of ['zh-CN', 'en-US']) {
      const page = await suite.signedIn('owner1', { viewport: PHONE, locale });
      if (locale === 'en-US') await switchLanguage(page, 'en-US');
      await page.goto(`/portal/fees/receipts/${id}`);
      await expect.poll(() => page.getByTestId('receipt-no').textContent(), POLL).toMatch(/\S+/);
      expect(await page.getByTestId('print-sheet').textContent()).toContain(locale === 'zh-CN' ? '收款收据' : 'Receipt');
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.doc, `${locale}: the page scrolls sideways`).toBeLessThanOrEqual(widths.view);
      await page.screenshot({ path: path.join(SHOTS, `webfix-portal-receipt-390-${locale}.png`), fullPage: true });
      if (locale === 'zh-CN') {
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        fs.writeFileSync(path.join(SHOTS, 'webfix-portal-receipt.pdf'), pdf);
        expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
      }
    }
  });

  it('the printed arrears notice follows the unit ladder step', async () => {
    const board = await director.get<{ items: Array<{ unitId: number; step: number }> }>('/api/v1/fees/arrears?estateId=1&pageSize=200');
    const atTwo = board.items.find((r) => r.step === 2);
    const atOne = board.items.find((r) => r.step <= 1);
    expect(atTwo, 'the demo has a unit at the deadline notice').toBeTruthy();
    expect(atOne).toBeTruthy();
    const page = await suite.signedIn('director');
    await page.goto(`/print/fees/reminders?units=${atOne!.unitId},${atTwo!.unitId}`);
    const sheets = page.getByTestId('print-sheet');
    await expect.poll(() => sheets.count(), POLL).toBe(2);
    const two = page.locator(`[data-testid="print-sheet"][data-step="2"]`);
    expect(await two.textContent()).toContain('限期缴费通知');
    expect(await two.textContent()).toContain('滞纳金已自限期缴费通知之日起开始计算');
    expect(await two.textContent()).not.toContain('请您在收到本通知后尽快');
    const one = page.locator(`[data-testid="print-sheet"]:not([data-step="2"])`);
    expect(await one.textContent()).toContain('催缴通知书');
    await page.screenshot({ path: path.join(SHOTS, 'webfix-reminders.png'), fullPage: true });
  });

  it('the audit page shows summaries in the reader language, operators by name, no #id codes', async () => {
    for (const lang of ['zh-CN', 'en-US']) {
      const page = await suite.signedIn('director');
      if (lang === 'en-US') await switchLanguage(page, 'en-US');
      await page.goto('/audit?entity=payment');
      const summaries = page.getByTestId('audit-summary');
      await expect.poll(() => summaries.count(), POLL).toBeGreaterThan(0);
      const first = (await summaries.first().textContent())!;
      expect(first).toMatch(lang === 'zh-CN' ? /^收款 / : /^Payment /);
      expect(await page.getByTestId('audit-table').textContent()).not.toMatch(/#\d/);
      expect(await page.getByTestId('audit-actor').first().textContent()).toContain('收银员');
      await page.screenshot({ path: path.join(SHOTS, `webfix-audit-${lang}.png`) });
    }
  });

  it('on the 3rd of a month the statistics, the desk report and the notices open on last month', async () => {
    const admin = await suite.api('admin');
    const { now } = await admin.get<{ now: string }>('/api/v1/clock');
    const cn = new Date(Date.parse(now) + 8 * 3_600_000);
    const month = `${cn.getUTCFullYear()}-${String(cn.getUTCMonth() + 1).padStart(2, '0')}`;
    const prev = new Date(Date.UTC(cn.getUTCFullYear(), cn.getUTCMonth() - 1, 1));
    const last = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
    // 10:00 China time on the 3rd of this month (moving back, if today is later, is fine for a read).
    await admin.post('/api/v1/clock', { set: `${month}-03T02:00:00.000Z` });
    try {
      const page = await suite.signedIn('director');
      await page.goto('/fees/stats');
      await expect.poll(() => page.locator('.ant-picker input').first().inputValue(), POLL).toBe(last);
      await page.goto('/fees/notices');
      await expect.poll(() => page.getByTestId('notices-period').locator('input').first().or(page.locator('input[data-testid="notices-period"]')).first().inputValue(), POLL).toBe(last);
      await page.goto('/desk/reports');
      await expect.poll(() => page.getByTestId('report-period').locator('.ant-segmented-item-selected').textContent(), POLL).toBe('上月');
      await page.screenshot({ path: path.join(SHOTS, 'webfix-report-3rd.png'), fullPage: true });
    } finally {
      // Days ahead, the first session may have run out.
      await (await suite.api('admin')).post('/api/v1/clock', { reset: true });
    }
  });
});
