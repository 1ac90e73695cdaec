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
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiLogin, DEMO_PASSWORD, launchBrowser, ROOT, startServer, type TestServer } from './server.ts';

const OUT = path.join(ROOT, 'screenshots');
const LANGS = ['zh-CN', 'en-US'] as const;
type Lang = (typeof LANGS)[number];
const problems = new Set<string>();

async function newPage(browser: Browser, base: string, lang: Lang, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: base, locale: lang, deviceScaleFactor: 1 });
  await context.addInitScript((l) => localStorage.setItem('wd.lang', l), lang);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.text().includes('401 (Unauthorized)')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.add(`[${m.type()}] ${page.url()} ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => problems.add(`[pageerror] ${page.url()} ${e.message}`));
  return page;
}

async function login(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(500);
}

async function shot(page: Page, name: string, fullPage = false) {
  await settle(page);
  await page.screenshot({ path: path.join(OUT, `desk-${name}.png`), fullPage });
  console.log(`  desk-${name}.png`);
}

/** The print route to A4 PDF, then its first page(s) to PNG. */
async function printed(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByTestId('print-sheet').waitFor();
  await settle(page);
  const pdf = path.join(OUT, `desk-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(OUT, `desk-${name}`)]);
    console.log(`  desk-${name}.pdf → png`);
  } catch {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(OUT, `desk-${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    console.log(`  desk-${name}.png (print media; pdftoppm not installed)`);
  }
}

async function post(base: string, username: string, p: string, body: unknown) {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}${p}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${p} → ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: number };
}

async function main() {
  const baseArg = process.argv.indexOf('--base');
  let server: TestServer | null = null;
  const base = baseArg > 0 ? process.argv[baseArg + 1] : (server = await startServer()).url;
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    const director = await apiLogin(base, 'director');
    type Row = { id: number; visit?: unknown };
    const emergency = (await director.get<{ items: Row[] }>('/api/v1/tickets?emergency=1&pageSize=1')).items[0];
    const closed = (await director.get<{ items: Row[] }>('/api/v1/tickets?status=closed&type=complaint&pageSize=1')).items[0];
    const unit = (await director.get<{ items: Array<{ id: number }> }>('/api/v1/units?q=1-1-1201')).items[0];
    const own = await post(base, 'owner1', '/api/v1/portal/tickets', { unitId: unit.id, type: 'repair', title: '卫生间地漏返水', description: '这两天卫生间地漏往上冒水，有异味，麻烦派人来看看。' });

    for (const lang of LANGS) {
      const L = lang === 'zh-CN' ? 'zh' : 'en';
      console.log(`desktop ${lang}`);
      let page = await newPage(browser, base, lang);
      await login(page, 'desk1');
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

      page = await newPage(browser, base, lang);
      await login(page, 'eng1');
      await page.goto('/desk/work');
      await shot(page, `${L}-09-work-eng1`);
      await page.context().close();

      page = await newPage(browser, base, lang);
      await login(page, 'cs1');
      await page.goto('/desk/visits');
      await shot(page, `${L}-10-visits`);
      await page.locator('[data-testid^=visit-record-]').first().click().catch(() => {});
      await shot(page, `${L}-11-visit-modal`);
      await page.keyboard.press('Escape');
      await page.goto('/desk/visits?tab=done');
      await shot(page, `${L}-12-visits-done`);
      await page.context().close();

      page = await newPage(browser, base, lang);
      await login(page, 'director');
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
      page = await newPage(browser, base, lang, { width: 390, height: 844 });
      await login(page, 'owner1');
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
  } finally {
    await browser.close();
    await server?.stop();
  }
  if (problems.size) {
    console.log('\nconsole problems:');
    for (const p of problems) console.log(p);
  } else console.log('\nno console errors or warnings');
}

await main();
