/**
 * The service desk in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. desk1 (前台) registers a complaint for the unit found by the owner's name 陈建国 (1-1-1201),
 *     classified 户内 / 噪音邻里 / 装修噪音 (a category that is always visited back), sees it
 *     with a running countdown in the list, and dispatches it to 工程部;
 *  2. eng1 (工程部) takes it from the pool in 部门工单 and resolves it with a note;
 *  3. owner1 sees it resolved in the portal, rates it 5 and confirms;
 *  4. cs1 (东区客服) records the return visit (5) and the ticket is closed;
 *  5. director's 报事统计 for this month counts it (registered total and the complaint bar).
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiLogin } from './server.ts';
import { e2eSuite, PHONE } from './suite.ts';

const suite = e2eSuite({ pageTimeout: 20_000 });

const POLL = { timeout: 20_000, interval: 100 };
// A 1×1 PNG, the photo taken on site.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const TITLE = `楼上装修噪音（E2E ${Date.now().toString(36)}）`;

interface Report {
  totals: Record<string, number>;
  byType: Array<{ key: string; count: number }>;
}

let director: Awaited<ReturnType<typeof apiLogin>>;
let ticketId = 0;
let before: Report;

/** This month in China time, as the report page's 本月 preset computes it. */
function thisMonth(): { from: string; to: string } {
  const cn = new Date(Date.now() + 8 * 3_600_000);
  const y = cn.getUTCFullYear();
  const m = cn.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const mm = String(m + 1).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The open dropdown of an antd Select / Cascader. */
const dropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

async function pickOption(page: Page, select: Locator, text: string) {
  await select.click();
  await dropdown(page).locator('.ant-select-item-option', { hasText: text }).first().click();
}

/** Clicks the n-th star (1-based) of an antd Rate. */
async function rate(scope: Locator, n: number) {
  await scope.locator('li.ant-rate-star').nth(n - 1).locator('.ant-rate-star-second').click();
}

async function ticketStatus(): Promise<string> {
  return (await director.get<{ status: string }>(`/api/v1/tickets/${ticketId}`)).status;
}

beforeAll(async () => {
  director = await suite.api('director');
  const { from, to } = thisMonth();
  before = await director.get<Report>(`/api/v1/reports/desk?estateId=1&from=${from}&to=${to}`);
});

describe('service desk in the browser', () => {
  it('desk1 registers a complaint for 陈建国 by name and dispatches it to 工程部', async () => {
    const page = await suite.signedIn('desk1');
    await page.getByTestId('main-menu').getByText('报事登记').click();
    await page.waitForURL('**/desk/register');

    const picker = page.getByTestId('unit-picker');
    await picker.locator('input').fill('陈建国');
    await dropdown(page).locator('.ant-select-item-option', { hasText: '1-1-1201' }).first().click();
    const household = page.getByTestId('unit-household');
    await expect.poll(() => household.textContent(), POLL).toContain('陈建国');
    expect(await household.textContent()).toContain('139****5678');

    await page.getByTestId('register-type').getByText('投诉', { exact: true }).click();
    await page.getByTestId('register-category').click();
    const menus = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
    await menus.locator('.ant-cascader-menu-item', { hasText: /^户内$/ }).click();
    await menus.locator('.ant-cascader-menu-item', { hasText: /^噪音邻里$/ }).click();
    await menus.locator('.ant-cascader-menu-item', { hasText: /^装修噪音$/ }).click();
    // Picking the problem suggests a title; the operator types his own.
    await expect.poll(() => page.getByTestId('register-title').inputValue(), POLL).toContain('装修噪音');
    await page.getByTestId('register-title').fill(TITLE);
    await page.getByTestId('register-description').fill('楼上 1301 每天早上 7 点开始装修电钻，业主要求物业出面协调施工时间。');
    await page.getByTestId('register-submit').click();

    await page.waitForURL(/\/desk\/tickets\/\d+$/);
    ticketId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(ticketId).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('ticket-status').first().textContent(), POLL).toBe('已登记');
    expect(await page.getByTestId('ticket-info').textContent()).toContain('户内 / 噪音邻里 / 装修噪音');
    const created = await director.get<{ type: string; unitLabel: string; reporterName: string; category: { problem: string } }>(`/api/v1/tickets/${ticketId}`);
    expect(created).toMatchObject({ type: 'complaint', unitLabel: '1-1-1201', reporterName: '陈建国', category: { problem: '装修噪音' } });

    // The list shows it with a live countdown of the first response.
    await page.goto('/desk/tickets');
    const row = page.getByTestId('tickets-table').locator('tr.ant-table-row', { hasText: TITLE });
    await expect.poll(() => row.getByTestId('agreement-tag').textContent(), POLL).toMatch(/^响应剩余 \d+ (天|小时|分)/);
    expect(await row.textContent()).toContain('投诉');

    // Dispatch from the ticket page: exactly the steps the server offers.
    await row.click();
    await page.waitForURL(`**/desk/tickets/${ticketId}`);
    await page.getByTestId('action-dispatch').click();
    const modal = page.getByTestId('action-modal');
    await pickOption(page, modal.getByTestId('dispatch-department'), '工程部');
    // The picker offers who can do the work in this area: 工程部 first, then the east area's supervisors, not the west's.
    await modal.getByTestId('dispatch-assignee').click();
    await expect.poll(() => dropdown(page).locator('.ant-select-item-option').allTextContents(), POLL).toEqual(expect.arrayContaining(['周强（工程部）', '张敏（东区片区管理员）']));
    const offered = await dropdown(page).locator('.ant-select-item-option').allTextContents();
    expect(offered[0]).toBe('周强（工程部）');
    expect(offered).not.toContain('刘洋（西区片区管理员）');
    await page.keyboard.press('Escape');
    await page.getByTestId('action-note').fill('请工程部上门与 1301 装修方沟通施工时间');
    await page.getByTestId('action-ok').click();
    await expect.poll(() => page.getByTestId('ticket-status').first().textContent(), POLL).toBe('已派工');
    await expect.poll(() => page.getByTestId('ticket-timeline').textContent(), POLL).toContain('请工程部上门');
    expect(await ticketStatus()).toBe('dispatched');
  });

  it('eng1 accepts it in 部门工单 and resolves it with a note', async () => {
    const page = await suite.signedIn('eng1');
    await page.getByTestId('main-menu').getByText('部门工单').click();
    await page.waitForURL('**/desk/work');
    const poolRow = page.getByTestId('pool-table').locator('tr.ant-table-row', { hasText: TITLE });
    await poolRow.getByTestId(`accept-${ticketId}`).click();
    const mineRow = page.getByTestId('mine-table').locator('tr.ant-table-row', { hasText: TITLE });
    await expect.poll(() => mineRow.getByTestId('ticket-status').textContent(), POLL).toBe('处理中');
    expect(await page.getByTestId('pool-table').textContent()).not.toContain(TITLE);

    await mineRow.getByTestId(`resolve-${ticketId}`).click();
    await page.getByTestId('action-note').fill('已与装修方协商：工作日 9:00–12:00、14:00–18:00 施工，周末不施工');
    await page.getByTestId('action-modal').locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.getByTestId('action-modal').locator('.ant-upload-list-item').count(), POLL).toBe(1);
    await page.getByTestId('action-ok').click();
    await expect.poll(() => mineRow.getByTestId('ticket-status').textContent(), POLL).toBe('已解决');
    expect(await ticketStatus()).toBe('resolved');
    const detail = await director.get<{ photos: Array<{ id: number; mime: string }> }>(`/api/v1/tickets/${ticketId}`);
    expect(detail.photos).toHaveLength(1);
    expect(detail.photos[0].mime).toBe('image/png');
  });

  it('owner1 sees it resolved in the portal, rates it 5 and confirms', async () => {
    const page = await suite.signedIn('owner1', { viewport: PHONE });
    await page.getByTestId('portal-nav').getByText('我的报事').click();
    await page.waitForURL('**/portal/tickets');
    const card = page.getByTestId(`portal-ticket-${ticketId}`);
    await expect.poll(() => card.textContent(), POLL).toContain(TITLE);
    expect(await card.getByTestId('ticket-status').textContent()).toBe('已解决');
    await card.click();
    await page.waitForURL(`**/portal/tickets/${ticketId}`);
    // The timeline shows the result but no internal notes.
    await expect.poll(() => page.getByTestId('ticket-timeline').textContent(), POLL).toContain('已与装修方协商');
    expect(await page.getByTestId('ticket-timeline').textContent()).not.toContain('内部');
    expect(await page.getByTestId('photo-strip').locator('img').count()).toBe(1);
    await expect.poll(() => page.getByTestId('portal-cancel').count(), POLL).toBe(0);

    await page.getByTestId('portal-rate').click();
    await rate(page.getByTestId('portal-rate-score'), 5);
    await page.getByTestId('portal-rate-ok').click();
    await expect.poll(() => page.getByTestId('portal-rate').count(), POLL).toBe(0);
    await page.getByTestId('portal-confirm').click();
    await expect.poll(() => page.getByTestId('portal-ticket').getByTestId('ticket-status').textContent(), POLL).toBe('业主已确认');
    const t = await director.get<{ status: string; rating: number }>(`/api/v1/tickets/${ticketId}`);
    expect(t).toMatchObject({ status: 'confirmed', rating: 5 });
  });

  it('cs1 records the return visit and the ticket is closed', async () => {
    const page = await suite.signedIn('cs1');
    await page.getByTestId('main-menu').getByText('回访').click();
    await page.waitForURL('**/desk/visits');
    await page.getByTestId(`visit-record-${ticketId}`).click();
    const modal = page.getByTestId('visit-modal');
    await rate(modal.getByTestId('visit-score'), 5);
    await page.getByTestId('visit-comment').fill('业主表示施工时间已调整，满意');
    await page.getByTestId('visit-ok').click();
    await expect.poll(() => page.getByTestId(`visit-record-${ticketId}`).count(), POLL).toBe(0);
    await expect.poll(ticketStatus, POLL).toBe('closed');

    await page.goto(`/desk/tickets/${ticketId}`);
    await expect.poll(() => page.getByTestId('ticket-status').first().textContent(), POLL).toBe('已关闭');
    expect(await page.getByTestId('visit-panel').textContent()).toContain('业主意见');
    expect(await page.getByTestId('ticket-actions').count()).toBe(0);
  });

  it("director's 报事统计 for this month counts it", async () => {
    const page = await suite.signedIn('director');
    await page.getByTestId('main-menu').getByText('报事统计').click();
    await page.waitForURL('**/desk/reports');
    // In a month's first days the page opens on the last complete month; this test's ticket is in this one.
    await page.goto(`${page.url().split('?')[0]}?period=thisMonth`);
    const registered = page.getByTestId('total-registered').locator('.ant-statistic-content-value');
    await expect.poll(async () => Number((await registered.textContent())?.replace(/,/g, '')), POLL).toBe(before.totals.registered + 1);
    const complaintsBefore = before.byType.find((r) => r.key === 'complaint')?.count ?? 0;
    const chart = page.getByTestId('chart-type');
    await expect
      .poll(async () => Number(/投诉的数据是\d+，(\d+)/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1]), POLL)
      .toBe(complaintsBefore + 1);
    expect(await page.getByTestId('kpi-resolutionRate').textContent()).toContain('目标 ≥ 95.0%');

    // 导出 Excel downloads the workbook of the same period.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^报事统计-翠湖花园-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    expect(file).toBeTruthy();
  });
});
