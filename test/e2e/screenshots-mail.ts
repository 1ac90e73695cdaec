/**
 * Screenshots of mail and parcels: the front desk's tabs (desktop), the owner's portal page at
 * 390 px, in Chinese and English, and the A4 prints (slips, delivery list, pickup sheet) as PDF
 * and PNG. `npx tsx test/e2e/screenshots-mail.ts [--base URL]` after `npm run build:web`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LANGS, runScreenshots, screenshotter, settle, SHOTS_DIR } from './screenshot-kit.ts';
import { loginThroughForm } from './server.ts';

const PAUSE_MS = 600;
const shot = screenshotter('mail-', PAUSE_MS);

async function printed(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByTestId('print-sheet').first().waitFor();
  await settle(page, PAUSE_MS);
  const pdf = path.join(SHOTS_DIR, `mail-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, path.join(SHOTS_DIR, `mail-${name}`)]);
    console.log(`  mail-${name}.pdf → png`);
  } catch {
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS_DIR, `mail-${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
}

await runScreenshots(async ({ newPage }) => {
  for (const lang of LANGS) {
    const l = lang === 'zh-CN' ? 'zh' : 'en';
    const desk = await newPage(lang);
    await loginThroughForm(desk, 'desk1');
    for (const tab of ['register', 'shelf', 'pickup', 'returns', 'slips', 'subscriptions', 'report']) {
      await desk.goto(`/desk/mail?tab=${tab}`);
      await shot(desk, `${tab}-${l}`);
    }
    await printed(desk, '/print/mail/deliveries', `delivery-${l}`);
    // the day's pickup sheet: the demo's latest pickup day (5 days ago)
    const day = new Date(Date.now() + 8 * 3_600_000 - 5 * 86_400_000).toISOString().slice(0, 10);
    await printed(desk, `/print/mail/pickups?date=${day}`, `pickups-${l}`);
    if (lang === 'zh-CN') {
      await desk.goto('/desk/mail?tab=slips');
      await settle(desk, PAUSE_MS);
      await desk.getByTestId('mail-slips-table').locator('thead input[type=checkbox]').check();
      await desk.getByTestId('mail-print-slips').click();
      await desk.getByTestId('print-sheet').first().waitFor();
      await printed(desk, desk.url().replace(/^https?:\/\/[^/]+/, ''), 'slips-zh');
    }
    await desk.context().close();

    const owner = await newPage(lang, { width: 390, height: 844 });
    await loginThroughForm(owner, 'owner1');
    await owner.goto('/portal/mail');
    await shot(owner, `portal-${l}`, true);
    await owner.context().close();
  }
});
