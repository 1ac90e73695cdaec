/**
 * Screenshots of the fees pages: desktop (1440×900) in Chinese and English, the owner's bills on a
 * phone (390×844), into screenshots/fees-*.png; the receipt, two payment notices, reminder notices,
 * the daily close and the statistics printed to A4 PDF and rendered to PNG (pdftoppm when
 * installed). Not a test: run it to look at the UI.
 *
 *   npm run build:web && npx tsx test/e2e/screenshots-fees.ts            # starts its own server
 *   npx tsx test/e2e/screenshots-fees.ts --base http://localhost:3000     # uses a running one
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LANGS, runScreenshots, screenshotter, settle, SHOTS_DIR } from './screenshot-kit.ts';
import { apiLogin, loginThroughForm } from './server.ts';

const PAUSE_MS = 500;
const shot = screenshotter('fees-', PAUSE_MS);
type Items<T> = { items: T[] } | T[];
const list = <T>(d: Items<T>): T[] => (Array.isArray(d) ? d : d.items);

/** The print route to A4 PDF, then its first pages to PNG. */
async function printed(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByTestId('print-sheet').first().waitFor();
  await settle(page, PAUSE_MS);
  const pdf = path.join(SHOTS_DIR, `fees-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-l', '2', pdf, path.join(SHOTS_DIR, `fees-${name}`)]);
    console.log(`  fees-${name}.pdf → png`);
  } catch {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS_DIR, `fees-${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    console.log(`  fees-${name}.png (print media; pdftoppm not installed)`);
  }
}

await runScreenshots(async ({ base, newPage }) => {
  const director = await apiLogin(base, 'director');
  const cashier = await apiLogin(base, 'cashier1');
  const { now } = await director.get<{ now: string }>('/api/v1/clock');
  const period = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 7);
  const hits = (await cashier.get<{ items: Array<{ unitId: number; totalDue: number }> }>('/api/v1/fees/units/search?estateId=1&q=1201')).items;
  const owing = hits.find((h) => h.totalDue > 0) ?? hits[0];
  const payments = list(await cashier.get<Items<{ id: number }>>('/api/v1/fees/payments?estateId=1&pageSize=1'));
  const board = list(await director.get<Items<{ unitId: number }>>('/api/v1/fees/arrears?estateId=1'));
  const notices = list(await director.get<Items<{ unitId: number }>>(`/api/v1/fees/notices?estateId=1&period=${period}`));

  for (const lang of LANGS) {
    const L = lang === 'zh-CN' ? 'zh' : 'en';
    console.log(`cashier ${lang}`);
    let page = await newPage(lang);
    await loginThroughForm(page, 'cashier1');
    await page.goto('/fees/cashier');
    await shot(page, `${L}-01-cashier-empty`);
    if (owing) {
      await page.goto(`/fees/cashier?unit=${owing.unitId}`);
      await shot(page, `${L}-02-cashier-unit`, true);
      await page.getByTestId('prepaid-open').click().catch(() => {});
      await shot(page, `${L}-03-cashier-prepaid`);
      await page.keyboard.press('Escape');
    }
    await page.goto('/fees/billing');
    await page.getByTestId('run-preview').click();
    await page.getByTestId('run-preview-result').waitFor({ timeout: 20_000 }).catch(() => {});
    await shot(page, `${L}-04-billing-preview`, true);
    await page.goto('/fees/lines');
    await shot(page, `${L}-05-lines`);
    await page.getByTestId('charge-open').click();
    await shot(page, `${L}-06-lines-charge`);
    await page.keyboard.press('Escape');
    await page.goto(`/fees/notices?period=${period}`);
    await shot(page, `${L}-07-notices`);
    await page.goto('/fees/close');
    await shot(page, `${L}-08-close`, true);
    await page.goto('/fees/readings');
    await shot(page, `${L}-09-readings`, true);
    if (payments[0]) await printed(page, `/print/fees/receipts/${payments[0].id}`, `${L}-30-print-receipt`);
    if (notices.length > 1) await printed(page, `/print/fees/notices?period=${period}&units=${notices[0].unitId},${notices[1].unitId}`, `${L}-31-print-notices`);
    await printed(page, '/print/fees/close', `${L}-32-print-close`);
    await page.context().close();

    console.log(`cs1 ${lang}`);
    page = await newPage(lang);
    await loginThroughForm(page, 'cs1');
    await page.goto('/fees/arrears');
    await shot(page, `${L}-10-arrears`);
    if (board[0]) {
      await page.goto(`/fees/arrears?unit=${board[0].unitId}`);
      await page.getByTestId('arrears-ladder').waitFor().catch(() => {});
      await shot(page, `${L}-11-arrears-drawer`);
      await page.getByTestId('step-open').click();
      await shot(page, `${L}-12-arrears-step`);
      await page.keyboard.press('Escape');
      await printed(page, `/print/fees/reminders?units=${board.slice(0, 2).map((r) => r.unitId).join(',')}`, `${L}-33-print-reminders`);
    }
    await page.context().close();

    console.log(`director ${lang}`);
    page = await newPage(lang);
    await loginThroughForm(page, 'director');
    await page.goto('/fees/approvals');
    await shot(page, `${L}-13-approvals`);
    await page.goto('/fees/approvals?tab=discounts&status=all');
    await shot(page, `${L}-14-approvals-discounts`);
    await page.goto('/fees/stats');
    await page.getByTestId('stats-chart').waitFor().catch(() => {});
    await shot(page, `${L}-15-stats-month`, true);
    await page.goto(`/fees/stats?period=${period.slice(0, 4)}&groupBy=building`);
    await page.getByTestId('stats-chart').waitFor().catch(() => {});
    await shot(page, `${L}-16-stats-year-building`, true);
    await page.goto('/fees/settings');
    await shot(page, `${L}-17-settings-items`);
    await page.locator('[data-testid^=item-prices-]').first().click().catch(() => {});
    await shot(page, `${L}-18-settings-prices`);
    await page.keyboard.press('Escape');
    await page.getByTestId('item-new').click();
    await shot(page, `${L}-19-settings-item-new`);
    await page.keyboard.press('Escape');
    await page.goto('/fees/settings?tab=meters');
    await shot(page, `${L}-20-settings-meters`);
    await page.goto('/fees/settings?tab=discounts');
    await shot(page, `${L}-21-settings-discounts`);
    await printed(page, `/print/fees/stats?period=${period.slice(0, 4)}&groupBy=item`, `${L}-34-print-stats`);
    await page.context().close();

    console.log(`portal ${lang}`);
    page = await newPage(lang, { width: 390, height: 844 });
    await loginThroughForm(page, 'owner1');
    await page.goto('/portal/fees');
    await shot(page, `${L}-40-portal-fees`, true);
    await page.context().close();
  }
});
