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

type Api = Awaited<ReturnType<typeof apiLogin>>;

/** A month `offset` months from `period` (YYYY-MM). */
function month(period: string, offset: number): string {
  const d = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * A database without fee history gets some, through the API as the staff would make it: four
 * months billed, reminder notices, deadline notices and a visit, three payments, a reversal and a
 * waiver asked for, a vacant-unit discount, and water meters in the first building with readings.
 */
async function seed(director: Api, cashier: Api, period: string, today: string) {
  const runs = list(await director.get<Items<{ id: number }>>('/api/v1/fees/runs?estateId=1'));
  if (runs.length) return;
  console.log('seeding fee history');
  for (const offset of [-3, -2, -1, 0]) {
    const { runId } = await cashier.post<{ runId: number }>('/api/v1/fees/runs', { estateId: 1, period: month(period, offset) });
    for (let i = 0; i < 120; i++) {
      const run = await cashier.get<{ status: string }>(`/api/v1/fees/runs/${runId}`);
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await director.post('/api/v1/fees/arrears/reminders', { estateId: 1, minDays: 30 });
  const board = list(await director.get<Items<{ unitId: number }>>('/api/v1/fees/arrears?estateId=1&pageSize=8'));
  const deadline = new Date(Date.parse(today) + 15 * 86_400_000).toISOString().slice(0, 10);
  for (const row of board.slice(1, 6)) await director.post(`/api/v1/fees/arrears/${row.unitId}/steps`, { step: 2, onDate: today, deadline });
  await director.post(`/api/v1/fees/arrears/${board[2].unitId}/steps`, { step: 3, onDate: today, reason: '业主长期出差', outcome: '已解释，答应月底前缴清' });
  const hits = (await cashier.get<{ items: Array<{ unitId: number; totalDue: number }> }>('/api/v1/fees/units/search?estateId=1&q=02')).items.filter((h) => h.totalDue > 0);
  const paid: number[] = [];
  for (const [i, h] of hits.slice(0, 3).entries()) {
    const p = await cashier.post<{ id: number }>('/api/v1/fees/payments', { unitId: h.unitId, amount: h.totalDue, expectedDue: h.totalDue, method: i ? 'wechat' : 'cash', reference: i ? `WX2026${i}` : undefined, idempotencyKey: `shot-${h.unitId}-${Date.now()}` });
    paid.push(p.id);
  }
  if (paid[2]) await cashier.post(`/api/v1/fees/payments/${paid[2]}/reversal`, { reason: '收错户，应为同楼另一户' });
  const open = list(await cashier.get<Items<{ id: number }>>(`/api/v1/fees/lines?estateId=1&open=1&pageSize=1&unitId=${board[0].unitId}`));
  if (open[0]) await cashier.post('/api/v1/fees/waivers', { lineId: open[0].id, principal: 1000, lateFee: 0, reason: '楼道漏水影响使用，减免部分物业费' });
  await director.post('/api/v1/fees/discounts', { unitId: board[6]?.unitId ?? board[0].unitId, kind: 'vacant', percentBp: 5000, fromDate: `${month(period, 1)}-01`, toDate: `${month(period, 6)}-28`, reason: '房屋空置，业主在外地' });
  const building = (await director.get<{ items: Array<{ id: number }> }>('/api/v1/buildings?estateId=1&pageSize=1')).items[0];
  const units = (await director.get<{ items: Array<{ id: number }> }>(`/api/v1/units?estateId=1&buildingId=${building.id}&pageSize=8`)).items;
  const installed = `${month(period, -6)}-01`;
  for (const [i, u] of units.entries())
    await director.post('/api/v1/fees/meters', { estateId: 1, unitId: u.id, kind: 'water', number: `W${building.id}-${String(i + 1).padStart(4, '0')}`, installedOn: installed, initialReading: 100 + i * 7 });
  const sheet = list(await director.get<Items<{ meterId: number; previous: number }>>(`/api/v1/fees/readings?estateId=1&period=${month(period, -1)}&buildingId=${building.id}&kind=water`));
  if (sheet.length)
    await director.post('/api/v1/fees/readings', { estateId: 1, period: month(period, -1), readOn: `${month(period, -1)}-25`, rows: sheet.map((r, i) => ({ meterId: r.meterId, value: r.previous + 8 + i })) });
}

await runScreenshots(async ({ base, newPage }) => {
  const director = await apiLogin(base, 'director');
  const cashier = await apiLogin(base, 'cashier1');
  const { now } = await director.get<{ now: string }>('/api/v1/clock');
  const today = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10);
  const period = today.slice(0, 7);
  await seed(director, cashier, period, today);
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
    // A reading below the last one: the server's message on its row, nothing saved.
    await page.getByTestId('reading-0').fill('1').catch(() => {});
    await page.getByTestId('reading-1').fill('999').catch(() => {});
    await page.getByTestId('readings-save').click().catch(() => {});
    await shot(page, `${L}-09b-readings-error`);
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
