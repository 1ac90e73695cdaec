/**
 * Management in the browser (demo estate 翠湖花园, real server, Chromium):
 *  1. the director opens the monthly pack, drills into a red target, prints it (PDF);
 *  2. cs1's appraisal from self-assessment to acknowledgement, each step by its own person.
 * Screenshots and PDFs go to screenshots/management-* for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';
import { e2eSuite } from './suite.ts';

const POLL = { timeout: 30_000, interval: 100 };
const SHOTS = path.join(ROOT, 'screenshots');

const suite = e2eSuite({ pageTimeout: 30_000, shotsDir: SHOTS });

describe('management in the browser', () => {
  it("the director opens the monthly pack, drills into a red target, and prints it", async () => {
    const page = await suite.signedIn('director');
    await page.getByTestId('main-menu').getByText('主任月报').click();
    await page.waitForURL('**/management/pack**');
    const rows = page.getByTestId('pack-table').locator('tr[data-code]');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(10);
    // every target of the manual has a data source now (sign checks: field-relations.metrics.ts)
    expect(await page.locator('tr[data-code="signs"]').textContent()).not.toContain('暂无数据来源');
    await page.screenshot({ path: path.join(SHOTS, 'management-pack.png'), fullPage: true });
    const red = page.locator('tr[data-status="red"]').first();
    await expect.poll(() => red.count(), POLL).toBe(1);
    const code = await red.getAttribute('data-code');
    await red.getByTestId(`drill-${code}`).click();
    await page.waitForURL('**/management/records**');
    const records = page.getByTestId('records-table').locator('tr.ant-table-row');
    await expect.poll(() => records.count(), POLL).toBeGreaterThan(0);
    expect(await records.first().textContent()).toContain('未达标');
    await page.screenshot({ path: path.join(SHOTS, 'management-records.png'), fullPage: true });
    await page.goBack();
    await page.getByTestId('pack-print').click();
    await page.waitForURL('**/print/pack**');
    const sheet = page.getByTestId('print-sheet');
    await expect.poll(() => sheet.textContent(), POLL).toContain('主任月报');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SHOTS, 'management-pack-print.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeGreaterThanOrEqual(1);
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(SHOTS, 'management-pack-print.png'), fullPage: true });
  });

  it("cs1's appraisal: self-assessment → review → confirmation → acknowledgement", async () => {
    const director = await suite.api('director');
    const now = await director.get<{ now: string }>('/api/v1/clock');
    const month = new Date(Date.parse(now.now) + 8 * 3_600_000).toISOString().slice(0, 7);
    await director.post('/api/v1/appraisals/generate', { estateId: 1, month });
    const list = await director.get<{ items: Array<{ id: number; userId: number; name: string; status: string }> }>(`/api/v1/appraisals?estateId=1&period=${month}`);
    const mine = list.items.find((a) => a.name.includes('张敏'))!;
    expect(mine.status).toBe('draft');
    const open = async (user: string) => {
      const page = await suite.signedIn(user);
      await page.goto(`/management/performance?month=${month}&appraisal=${mine.id}`);
      await page.getByTestId('appraisal-drawer').waitFor();
      return page;
    };
    const status = (page: Page) => page.getByTestId('appraisal-status').textContent();

    const cs1 = await open('cs1');
    await cs1.getByTestId('self-text').fill('本月东区报修均已当日响应，一单态度投诉已整改。');
    await cs1.getByTestId('do-self').click();
    await expect.poll(() => status(cs1), POLL).toBe('已自评');
    await cs1.screenshot({ path: path.join(SHOTS, 'management-appraisal-self.png'), fullPage: true });

    const assistant = await open('assistant');
    await assistant.getByTestId('review-text').fill('自评属实。');
    await assistant.getByTestId('do-review').click();
    await expect.poll(() => status(assistant), POLL).toBe('已评审');

    const boss = await open('director');
    await boss.getByTestId('do-confirm').click();
    await expect.poll(() => status(boss), POLL).toBe('已确认');

    await cs1.reload();
    await cs1.getByTestId('do-acknowledge').click();
    await expect.poll(() => status(cs1), POLL).toBe('已签收');
    await cs1.screenshot({ path: path.join(SHOTS, 'management-appraisal-done.png'), fullPage: true });

    // 月度考核表 on the kit: the frozen lines, the final score, cs1's printed name at his signature
    await cs1.getByTestId('appraisal-print').click();
    await cs1.waitForURL(`**/print/appraisals/${mine.id}`);
    const sheet = cs1.locator('[data-form="appraisal"]');
    await expect.poll(() => sheet.count(), POLL).toBe(1);
    expect(await cs1.getByTestId('appraisal-line').count()).toBeGreaterThan(3);
    expect(await cs1.getByTestId('form-page').textContent()).toBe('第 1 页 / 共 1 页');
    expect(await sheet.getByTestId('sign-name').first().textContent()).toContain('张敏');
    await cs1.emulateMedia({ media: 'print' });
    const pdf = await cs1.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SHOTS, 'management-appraisal-print.pdf'), pdf);
    await cs1.emulateMedia({ media: 'screen' });

    // the month's appraisals one a page, for the director
    await boss.goto(`/print/appraisals?period=${month}`);
    await expect.poll(() => boss.locator('[data-form="appraisal"]').count(), POLL).toBe(list.items.length);
    const last = await boss.getByTestId('form-page').last().textContent();
    expect(last).toBe(`第 ${list.items.length} 页 / 共 ${list.items.length} 页`);

    // 员工个人发展计划 of cs1 from his records
    await cs1.goto(`/print/development-plans/${mine.userId}`);
    await expect.poll(() => cs1.locator('[data-form="devplan"]').count(), POLL).toBe(1);
    expect(await cs1.locator('[data-form="devplan"]').textContent()).toContain('张敏');
    await cs1.emulateMedia({ media: 'print' });
    fs.writeFileSync(path.join(SHOTS, 'management-devplan-print.pdf'), await cs1.pdf({ format: 'A4', printBackground: true }));
  });
});
