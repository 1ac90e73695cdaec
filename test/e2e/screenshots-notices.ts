/**
 * Screenshots of resident notices and community activities: desktop (1440×900) and the owner
 * portal on a phone (390×844), Chinese and English, into screenshots/rel-*.png; the notice's board
 * copy and the activity sign-in sheet printed to A4 PDF → PNG. Not a test: run it to look.
 *
 *   npm run build:web && npx tsx test/e2e/screenshots-notices.ts
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LANGS, runScreenshots, screenshotter, settle, SHOTS_DIR } from './screenshot-kit.ts';
import { apiLogin, loginThroughForm } from './server.ts';

const PAUSE_MS = 500;
const shot = screenshotter('rel-', PAUSE_MS);

async function printed(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByTestId('print-sheet').waitFor();
  await settle(page, PAUSE_MS);
  const pdf = path.join(SHOTS_DIR, `rel-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(SHOTS_DIR, `rel-${name}`)]);
  } catch {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS_DIR, `rel-${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
  console.log(`  rel-${name}`);
}

await runScreenshots(async ({ newPage, base }) => {
  const director = await apiLogin(base, 'director');
  type N = { id: number; category: string; requireAck: boolean };
  const notices = (await director.get<{ items: N[] }>('/api/v1/notices?pageSize=50')).items;
  const ack = notices.find((n) => n.requireAck && n.category === 'announcement')!;
  const acts = (await director.get<{ items: Array<{ id: number }> }>('/api/v1/activities')).items;
  for (const lang of LANGS) {
    const L = lang === 'zh-CN' ? 'zh' : 'en';
    let page = await newPage(lang);
    await loginThroughForm(page, 'cs1');
    await page.goto('/relations/notices');
    await shot(page, `${L}-01-notices`);
    await page.goto(`/relations/notices/${ack.id}`);
    await shot(page, `${L}-02-notice-board`, true);
    await page.goto('/relations/activities');
    await shot(page, `${L}-03-activities`);
    await page.goto(`/relations/activities/${acts[0]!.id}`);
    await shot(page, `${L}-04-activity`, true);
    await page.goto('/desk/register');
    await shot(page, `${L}-05-desk-banner`);
    await page.getByTestId('notice-new').waitFor({ state: 'detached' }).catch(() => {});
    await page.goto('/relations/notices');
    await page.getByTestId('notice-new').click();
    await shot(page, `${L}-06-notice-form`);
    if (L === 'zh') {
      await printed(page, `/print/notices/${ack.id}`, 'board-copy');
      await printed(page, `/print/activities/${acts[0]!.id}/sign-in`, 'sign-in');
    }
    await page.context().close();
    page = await newPage(lang, { width: 390, height: 844 });
    await loginThroughForm(page, 'owner1');
    await page.goto('/portal/notices');
    await shot(page, `${L}-10-portal-notices`, true);
    await page.goto(`/portal/notices/${ack.id}`);
    await shot(page, `${L}-11-portal-notice`, true);
    await page.goto('/portal/activities');
    await shot(page, `${L}-12-portal-activities`);
    await page.goto(`/portal/activities/${acts[0]!.id}`);
    await shot(page, `${L}-13-portal-activity`, true);
    await page.context().close();
  }
});
