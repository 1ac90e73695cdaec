/**
 * Screenshots of the service desk pages: desktop (1440×900) and the owner portal on a phone
 * (390×844), Chinese and English, into screenshots/desk-*.png; the complaint record form and
 * the incident report printed to A4 PDF and rendered to PNG (pdftoppm when installed, else a
 * print-media screenshot). Not a test: run it to look at the UI.
 *
 *   npm run build:web && npx tsx test/e2e/screenshots-desk.ts            # starts its own server
 *   npx tsx test/e2e/screenshots-desk.ts --base http://localhost:3000     # uses a running one
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LANGS, runScreenshots, screenshotter, settle, SHOTS_DIR } from './screenshot-kit.ts';
import { apiLogin, loginThroughForm } from './server.ts';

const PAUSE_MS = 500;
const shot = screenshotter('desk-', PAUSE_MS);

/** The print route to A4 PDF, then its first page(s) to PNG. */
async function printed(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByTestId('print-sheet').waitFor();
  await settle(page, PAUSE_MS);
  const pdf = path.join(SHOTS_DIR, `desk-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(SHOTS_DIR, `desk-${name}`)]);
    console.log(`  desk-${name}.pdf → png`);
  } catch {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS_DIR, `desk-${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    console.log(`  desk-${name}.png (print media; pdftoppm not installed)`);
  }
}

await runScreenshots(async ({ base, newPage }) => {
  const director = await apiLogin(base, 'director');
  type Row = { id: number; visit?: unknown };
  const emergency = (await director.get<{ items: Row[] }>('/api/v1/tickets?emergency=1&pageSize=1')).items[0];
  const closed = (await director.get<{ items: Row[] }>('/api/v1/tickets?status=closed&type=complaint&pageSize=1')).items[0];
  const unit = (await director.get<{ items: Array<{ id: number }> }>('/api/v1/units?q=1-1-1201')).items[0];
  const own = await (await apiLogin(base, 'owner1')).post<{ id: number }>('/api/v1/portal/tickets', { unitId: unit.id, type: 'repair', title: '卫生间地漏返水', description: '这两天卫生间地漏往上冒水，有异味，麻烦派人来看看。' });

  for (const lang of LANGS) {
    const L = lang === 'zh-CN' ? 'zh' : 'en';
    console.log(`desktop ${lang}`);
    let page = await newPage(lang);
    await loginThroughForm(page, 'desk1');
    await page.goto('/desk/tickets');
    await shot(page, `${L}-01-tickets`);
    await page.goto('/desk/tickets?tab=breached');
    await shot(page, `${L}-02-tickets-breached`);
    await page.goto('/desk/register');
    await shot(page, `${L}-03-register`);
    await page.getByTestId('unit-picker').locator('input').fill('陈建国');
    await page.locator('.ant-select-item-option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('unit-household').waitFor();
    await page.getByTestId('register-emergency').click();
    await shot(page, `${L}-04-register-unit-emergency`, true);
    await page.goto(`/desk/tickets/${emergency.id}`);
    await shot(page, `${L}-05-ticket-emergency`, true);
    await page.getByTestId('action-dispatch').click().catch(() => {});
    await page.getByTestId('action-modal').waitFor({ timeout: 3000 }).catch(() => {});
    await shot(page, `${L}-06-ticket-dispatch-modal`);
    await page.keyboard.press('Escape');
    await page.goto(`/desk/tickets/${closed.id}`);
    await shot(page, `${L}-07-ticket-closed`, true);
    await page.context().close();

    page = await newPage(lang);
    await loginThroughForm(page, 'eng1');
    await page.goto('/desk/work');
    await shot(page, `${L}-09-work-eng1`);
    await page.context().close();

    page = await newPage(lang);
    await loginThroughForm(page, 'cs1');
    await page.goto('/desk/visits');
    await shot(page, `${L}-10-visits`);
    await page.locator('[data-testid^=visit-record-]').first().click().catch(() => {});
    await shot(page, `${L}-11-visit-modal`);
    await page.keyboard.press('Escape');
    await page.goto('/desk/visits?tab=done');
    await shot(page, `${L}-12-visits-done`);
    await page.context().close();

    page = await newPage(lang);
    await loginThroughForm(page, 'director');
    await page.goto('/desk/tickets?tab=at_risk');
    await page.getByTestId('notification-bell').click();
    await shot(page, `${L}-08-notifications`);
    await page.goto('/desk/reports');
    await page.getByTestId('chart-daily').waitFor();
    await shot(page, `${L}-13-report-month`, true);
    await page.goto('/desk/reports?period=lastMonth');
    await shot(page, `${L}-14-report-last-month`);
    for (const tab of ['calendar', 'sla', 'holidays', 'categories']) {
      await page.goto(`/desk/settings?tab=${tab}`);
      await shot(page, `${L}-15-settings-${tab}`);
    }
    await printed(page, `/print/tickets/${closed.id}/complaint`, `${L}-16-print-complaint`);
    await printed(page, `/print/tickets/${emergency.id}/incident`, `${L}-17-print-incident`);
    await page.goto(`/print/tickets/${closed.id}/complaint`);
    await shot(page, `${L}-18-print-screen`);
    await page.context().close();

    console.log(`portal ${lang}`);
    page = await newPage(lang, { width: 390, height: 844 });
    await loginThroughForm(page, 'owner1');
    await page.goto('/portal/tickets');
    await shot(page, `${L}-20-portal-tickets`, true);
    await page.goto('/portal/tickets/new');
    await shot(page, `${L}-21-portal-new`, true);
    await page.goto(`/portal/tickets/${own.id}`);
    await shot(page, `${L}-22-portal-ticket`, true);
    await page.getByTestId('notification-bell').click();
    await shot(page, `${L}-23-portal-notifications`);
    await page.context().close();
  }
});
