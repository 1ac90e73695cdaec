/**
 * Signage and vacant units in a real browser against the real server (demo 翠湖花园):
 *  1. cs1 files a 《标识使用清单》; no sign exists until the assistant approves it in the browser;
 *     the new signs appear in the registry and cs1 marks one installed;
 *  2. the QR label sheet renders a QR image per sign;
 *  3. cs1 records a check of a demo vacant unit; it shows in the unit's checks and on form 5.11;
 *  4. the owner portal page answers for owner1 (his unit is lived in: no vacancy).
 * Screenshots (desktop; portal at 390 px; zh and en) go to /tmp/signs-shots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './suite.ts';

const SHOTS = '/tmp/signs-shots';

const suite = e2eSuite({ timezoneId: null, pageTimeout: 20_000, shotsDir: SHOTS });

const shot = (page: Page, name: string) => (process.env.SIGNS_SHOTS ? page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }) : Promise.resolve());
const pick = async (page: Page, testId: string, text: string) => {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
};

describe('signage and vacant units in the browser', () => {
  it('request → approval → signs → installed; labels print', async () => {
    const cs1 = await suite.signedIn('cs1');
    await cs1.goto('/site/signs?tab=requests');
    await cs1.getByTestId('new-request').click();
    await cs1.getByTestId('request-reason').fill('E2E 电梯厅缺电梯标识');
    await pick(cs1, 'line-category-0', '电梯标识');
    await cs1.getByTestId('line-location-0').fill('E2E 电梯厅');
    await cs1.getByTestId('line-content-0').fill('E2E 电梯乘坐须知');
    await cs1.getByTestId('request-ok').click();
    await expect.poll(async () => cs1.getByText('E2E 电梯厅缺电梯标识').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shot(cs1, 'signs-requests-zh');
    const director = await suite.api('director');
    const before = await director.get<{ items: Array<{ content: string }> }>('/api/v1/field/signs?pageSize=200');
    expect(before.items.filter((s) => s.content === 'E2E 电梯乘坐须知')).toHaveLength(0);

    const assistant = await suite.signedIn('assistant');
    await assistant.goto('/site/signs?tab=requests');
    const row = assistant.locator('tr', { hasText: 'E2E 电梯厅缺电梯标识' });
    await row.locator('[data-testid^="approve-"]').click();
    await assistant.getByTestId('decide-ok').click();
    await expect.poll(async () => row.getByText('已批准').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const after = await director.get<{ items: Array<{ code: string; content: string; status: string }> }>('/api/v1/field/signs?pageSize=200');
    const made = after.items.find((s) => s.content === 'E2E 电梯乘坐须知')!;
    expect(made.status).toBe('approved');

    await cs1.goto('/site/signs');
    await cs1.getByPlaceholder('编号、内容或位置').fill('E2E');
    await cs1.getByPlaceholder('编号、内容或位置').press('Enter');
    await cs1.getByTestId(`activate-${made.code}`).click();
    await expect.poll(async () => cs1.locator('tr', { hasText: made.code }).getByText('使用中').count(), { timeout: 20_000 }).toBe(1);
    await cs1.getByPlaceholder('编号、内容或位置').fill('');
    await cs1.getByPlaceholder('编号、内容或位置').press('Enter');
    await shot(cs1, 'signs-registry-zh');
    await cs1.goto('/site/signs?tab=checks');
    await cs1.getByText('当日检查完成率').waitFor();
    await shot(cs1, 'signs-checks-zh');

    await cs1.goto('/print/field/sign-labels');
    await expect.poll(async () => cs1.locator('.wd-sign-label img').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    await shot(cs1, 'labels');
  });

  it('records a vacant check and prints forms 5.9–5.11', async () => {
    const cs1 = await suite.signedIn('cs1');
    await cs1.goto('/site/vacant');
    const first = cs1.locator('[data-testid^="vacant-"]').filter({ hasNotText: '登记' }).first();
    await first.waitFor();
    await shot(cs1, 'vacant-list-zh');
    await first.click();
    // The demo's registrations carry different histories (the fees demo's have one check each): one row more.
    const rows = cs1.locator('.ant-drawer .ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await rows.count();
    await cs1.getByTestId('vacant-check').click();
    await cs1.getByTestId('vacant-check-ok').click();
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(before + 1);
    await shot(cs1, 'vacant-drawer-zh');
    await cs1.locator('.ant-drawer').getByRole('button', { name: /记录表 5.11/ }).click();
    await cs1.getByTestId('print-sheet').waitFor();
    await shot(cs1, 'form-511-blank');
    await cs1.goto('/print/field/vacant-register');
    await cs1.getByTestId('print-sheet').waitFor();
    await shot(cs1, 'form-59');
    const en = await suite.signedIn('cs2', { locale: 'en-US' });
    await en.goto('/site/vacant');
    await en.locator('[data-testid^="vacant-"]').first().waitFor();
    await shot(en, 'vacant-list-en');
  });

  it('shows the owner his vacancy page', async () => {
    const owner = await suite.signedIn('owner1', { viewport: { width: 390, height: 900 } });
    await owner.goto('/portal/vacant');
    await owner.getByText('您的房屋没有空置登记').waitFor();
    await shot(owner, 'portal-vacant-390');
  });
});
