/**
 * Screenshots of home visits and surveys: desktop (1440×900) in Chinese and English, the owner's
 * survey and 请管家上门 on a phone (390×844), into screenshots/rel-*.png; form 5.2 (blank and filled) and the
 * paper questionnaire printed to A4 PDF and rendered to PNG (pdftoppm when installed). Not a test.
 *
 *   npm run build:web && npx tsx test/e2e/screenshots-relations.ts [--base http://localhost:3000]
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
  await page.getByTestId('print-sheet').first().waitFor();
  await settle(page, PAUSE_MS);
  const pdf = path.join(SHOTS_DIR, `rel-${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-l', '1', pdf, path.join(SHOTS_DIR, `rel-${name}`)]);
    console.log(`  rel-${name}.pdf → png`);
  } catch {
    await page.screenshot({ path: path.join(SHOTS_DIR, `rel-${name}.png`), fullPage: true });
  }
}

await runScreenshots(async ({ base, newPage }) => {
  const director = await apiLogin(base, 'director');
  const surveys = await director.get<{ items: Array<{ id: number }> }>('/api/v1/surveys');
  const visits = await director.get<{ items: Array<{ id: number }> }>('/api/v1/home-visits?pageSize=1');
  const surveyId = surveys.items[0]!.id;
  for (const lang of LANGS) {
    const page = await newPage(lang);
    await loginThroughForm(page, 'cs1');
    await page.goto('/relations/visits');
    await page.getByTestId('visit-plan').first().waitFor();
    await shot(page, `visits-${lang}`, true);
    await page.locator('[data-testid^="record-"]').first().click();
    await settle(page, PAUSE_MS);
    await shot(page, `visit-record-${lang}`);
    await page.context().close();

    const a = await newPage(lang);
    await loginThroughForm(a, 'assistant');
    await a.goto('/relations/surveys');
    await shot(a, `surveys-${lang}`);
    await a.goto(`/relations/surveys/${surveyId}`);
    await a.getByTestId('formulas').waitFor();
    await shot(a, `survey-report-${lang}`, true);
    await a.getByTestId('survey-new').count();
    if (lang === 'zh-CN') {
      await printed(a, `/print/relations/surveys/${surveyId}`, 'survey-paper');
      await printed(a, `/print/relations/surveys/${surveyId}?blank=1`, 'survey-blank');
      await printed(a, `/print/relations/visits/${visits.items[0]!.id}`, 'form52-filled');
      await printed(a, '/print/relations/visit-form', 'form52-blank');
      await a.goto('/relations/surveys');
      await a.getByTestId('survey-new').click();
      await settle(a, PAUSE_MS);
      await shot(a, 'survey-builder-zh-CN');
    }
    await a.context().close();

    const o = await newPage(lang, { width: 390, height: 844 });
    await loginThroughForm(o, 'owner1');
    await o.goto('/portal/surveys');
    await o.getByTestId('portal-survey').first().waitFor();
    await shot(o, `portal-survey-${lang}`, true);
    await o.goto('/portal/visits');
    await o.getByTestId('ov-submit').waitFor();
    await shot(o, `portal-visit-request-${lang}`, true);
    await o.context().close();

    const c = await newPage(lang);
    await loginThroughForm(c, 'cashier1');
    const pending = await director.get<{ items: Array<{ unitId: number }> }>(`/api/v1/surveys/${surveyId}/recipients?status=pending&pageSize=1`);
    await c.goto(`/fees/cashier?unit=${pending.items[0]!.unitId}`);
    await c.getByTestId('pending-survey').first().waitFor({ timeout: 15_000 }).catch(() => {});
    await shot(c, `cashier-hint-${lang}`);
    await c.context().close();
  }
});
