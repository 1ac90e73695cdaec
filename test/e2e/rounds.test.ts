/**
 * Rounds in a real browser against the real server (demo estate 翠湖花园), Chinese UI, as the
 * director: a new check template (draft → published), a checkpoint on it, a route and a daily plan
 * whose slot is now; the task appears on the board; the checkpoint's QR label sheet prints (A4 PDF).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './suite.ts';

const suite = e2eSuite({ pageTimeout: 30_000 });

const POLL = { timeout: 30_000, interval: 100 };
const SUFFIX = Date.now().toString(36).slice(-4).toUpperCase();
const CODE = `E2E-${SUFFIX}`;
const NAME = `E2E 巡检模板 ${SUFFIX}`;

const dropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

/** China wall time a few minutes ago, as HH:MM: the plan's slot has started. */
function slotStart(): string {
  const cn = new Date(Date.now() + 8 * 3_600_000 - 5 * 60_000);
  return `${String(cn.getUTCHours()).padStart(2, '0')}:${String(cn.getUTCMinutes()).padStart(2, '0')}`;
}

describe('rounds in the browser', () => {
  it('template → checkpoint → route → plan → task on the board → label sheet prints', async () => {
    const page = await suite.signedIn('director');

    // 1. A template: draft with one item, then published.
    await page.goto('/rounds/templates');
    await page.getByTestId('template-new').click();
    await page.getByTestId('template-name').fill(NAME);
    await page.getByTestId('item-label-0').fill('岗亭值守');
    await page.getByTestId('template-save').click();
    const row = page.getByTestId('templates-table').locator('tr.ant-table-row', { hasText: NAME });
    await expect.poll(() => row.textContent(), POLL).toContain('草稿');
    await row.getByText(NAME).click();
    await page.getByTestId('template-publish').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(() => row.textContent(), POLL).toContain('已发布');

    // 2. A checkpoint answered on that template.
    await page.goto('/rounds/checkpoints');
    await page.getByTestId('checkpoint-new').click();
    await page.getByTestId('checkpoint-code').fill(CODE);
    await page.getByTestId('checkpoint-name').fill(`东门岗亭 ${SUFFIX}`);
    await page.getByTestId('checkpoint-template').click();
    await dropdown(page).locator('.ant-select-item-option', { hasText: NAME }).click();
    await page.getByTestId('checkpoint-save').click();
    const cpRow = page.getByTestId('checkpoints-table').locator('tr.ant-table-row', { hasText: CODE });
    await expect.poll(() => cpRow.count(), POLL).toBe(1);

    // 3. A route of that checkpoint.
    await page.goto('/rounds/routes');
    await page.getByTestId('route-new').click();
    await page.getByTestId('route-name').fill(`岗亭路线 ${SUFFIX}`);
    await page.getByTestId('route-checkpoints').click();
    await dropdown(page).locator('.ant-select-item-option', { hasText: CODE }).click();
    // The choice shows in the field before the form is saved (a CI run once saved the route without it).
    await expect.poll(() => page.getByTestId('route-checkpoints').textContent(), POLL).toContain(CODE);
    await page.keyboard.press('Escape');
    await page.getByTestId('route-save').click();
    const routeRow = page.getByTestId('routes-table').locator('tr.ant-table-row', { hasText: `岗亭路线 ${SUFFIX}` });
    await expect.poll(() => routeRow.textContent(), POLL).toContain(`东门岗亭 ${SUFFIX}`);

    // 4. A daily plan whose slot started five minutes ago.
    await page.goto('/rounds/plans');
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-name').fill(`岗亭巡查 ${SUFFIX}`);
    await page.getByTestId('plan-route').click();
    await dropdown(page).locator('.ant-select-item-option', { hasText: `岗亭路线 ${SUFFIX}` }).click();
    await page.getByTestId('plan-start').fill(slotStart());
    await page.getByTestId('plan-save').click();
    await expect.poll(() => page.getByTestId('plans-table').textContent(), POLL).toContain(`岗亭巡查 ${SUFFIX}`);

    // 5. The task appears on today's board once tasks are generated (the job, or a phone's pack).
    const director = await suite.api('director');
    await director.get('/api/v1/field/pack?estateId=1');
    await page.goto('/rounds/tasks');
    const task = page.getByTestId('tasks-table').locator('tr.ant-table-row', { hasText: `岗亭巡查 ${SUFFIX}` });
    await expect.poll(() => task.textContent(), POLL).toContain('待巡检');
    expect(await task.textContent()).toContain('0/1');

    // 6. The label sheet: one label with its QR image, printable as A4.
    await page.goto('/rounds/checkpoints');
    await cpRow.locator('.ant-checkbox-input').check();
    await page.getByTestId('labels-print').click();
    await page.waitForURL(/\/print\/rounds\/labels\?ids=\d+$/);
    const label = page.getByTestId('qr-label');
    await expect.poll(() => label.count(), POLL).toBe(1);
    await expect.poll(() => label.locator('img').getAttribute('src'), POLL).toMatch(/^data:image\/png;base64,/);
    expect(await label.textContent()).toContain(CODE);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const out = path.join(os.tmpdir(), 'rounds-labels.pdf');
    fs.writeFileSync(out, pdf);
  });
});
