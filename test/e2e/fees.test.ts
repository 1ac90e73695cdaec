/**
 * Fees and collection in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. cashier1 (收银员) runs the month's billing: preview, commit, the progress bar reaches done;
 *  2. he opens the period's 缴费通知单, prints three of them: one A4 page per unit (PDF page count);
 *  3. he takes a payment for a unit at 收费处 and the 收款收据 opens with its number, the amount
 *     in figures and in capitals;
 *  4. cs1 (东区客服) records a home visit (管理员上门) with a dissatisfaction turned into a complaint
 *     on an overdue unit of the arrears board;
 *  5. cashier1 charges a finished special service (特约服务) to the bill from its ticket, once.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rmbCapitals } from '../../src/web/components/fees/rmb.ts';
import { apiLogin } from './server.ts';
import { e2eSuite } from './suite.ts';

const suite = e2eSuite({ env: { CLOCK_CONTROL: '1' }, pageTimeout: 30_000 });

const POLL = { timeout: 30_000, interval: 100 };

interface Run {
  id: number;
  period: string;
  status: string;
}
interface Account {
  unitId: number;
  totalDue: number;
  openLines: Array<{ id: number; totalDue: number }>;
}
interface Payment {
  id: number;
  receiptNo: string;
  amount: number;
  unitId: number;
}
interface ArrearsRow {
  unitId: number;
  unitLabel: string;
  step: number;
}
interface Step {
  step: number;
  reason: string | null;
  dissatisfaction: string | null;
  ticketId: number | null;
}

let director: Awaited<ReturnType<typeof apiLogin>>;
let period = '';

const list = <T>(d: { items: T[] } | T[]): T[] => (Array.isArray(d) ? d : d.items);

/** This month in China time; the next one when the demo has billed it already. */
async function periodToBill(): Promise<string> {
  const { now } = await director.get<{ now: string }>('/api/v1/clock');
  const cn = new Date(Date.parse(now) + 8 * 3_600_000);
  const month = (offset: number) => {
    const d = new Date(Date.UTC(cn.getUTCFullYear(), cn.getUTCMonth() + offset, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const runs = list(await director.get<{ items: Run[] } | Run[]>('/api/v1/fees/runs?estateId=1'));
  return runs.some((r) => r.period === month(0) && r.status === 'done') ? month(1) : month(0);
}

/** Types a month into an antd month picker. */
async function pickMonth(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId).locator('input').first().or(page.locator(`input[data-testid="${testId}"]`)).first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

beforeAll(async () => {
  director = await suite.api('director');
  period = await periodToBill();
});

describe('fees in the browser', () => {
  it("cashier1 runs the month's billing and the progress bar reaches done", async () => {
    const page = await suite.signedIn('cashier1');
    await page.waitForURL('**/fees/cashier');
    await page.getByTestId('main-menu').getByText('账单计费').click();
    await page.waitForURL('**/fees/billing');
    await pickMonth(page, 'run-period', period);
    await page.getByTestId('run-preview').click();
    const preview = page.getByTestId('run-preview-result');
    await expect.poll(() => preview.textContent(), POLL).toContain(`${period} 计费预览`);
    await page.getByTestId('run-commit').click();
    await page.getByTestId('run-confirm').click();
    const progress = page.getByTestId('run-progress');
    await expect.poll(() => progress.getAttribute('data-status'), POLL).toBe('done');
    expect(await progress.textContent()).toContain(`${period} 账单已生成`);
    expect(await progress.locator('.ant-progress').count()).toBe(1);
    const runs = list(await director.get<{ items: Run[] } | Run[]>('/api/v1/fees/runs?estateId=1'));
    expect(runs.some((r) => r.period === period && r.status === 'done')).toBe(true);

    // 2. The period's notices: three printed, one A4 page each.
    await page.getByTestId('run-to-notices').click();
    await page.waitForURL(`**/fees/notices?period=${period}`);
    const rows = page.getByTestId('notices-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(3);
    for (let i = 0; i < 3; i++) await rows.nth(i).locator('.ant-checkbox-input').check();
    await page.getByTestId('notices-print').click();
    await page.waitForURL('**/print/fees/notices?**');
    const sheets = page.getByTestId('print-sheet');
    await expect.poll(() => sheets.count(), POLL).toBe(3);
    expect(await sheets.first().textContent()).toContain('缴费通知单');
    expect(await sheets.first().textContent()).toContain('应缴合计');
    await page.emulateMedia({ media: 'print' });
    const pdf = (await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(3);
  });

  it('cashier1 takes a payment at 收费处 and prints the receipt', async () => {
    const page = await suite.signedIn('cashier1');
    await page.waitForURL('**/fees/cashier');
    await page.getByTestId('cashier-search').fill('1201');
    await page.getByTestId('cashier-search-go').click();
    // The first unit of the hits that owes something.
    const owing = (await director.get<{ items: Array<{ unitLabel: string; totalDue: number }> }>('/api/v1/fees/units/search?estateId=1&q=1201')).items.find((h) => h.totalDue > 0);
    expect(owing).toBeTruthy();
    const hits = page.getByTestId('cashier-hits').locator('tr.ant-table-row');
    await expect.poll(() => hits.count(), POLL).toBeGreaterThan(1);
    await hits.filter({ hasText: owing!.unitLabel }).first().click();
    await page.waitForURL(/unit=\d+/);
    const unitId = Number(new URL(page.url()).searchParams.get('unit'));
    const before = await director.get<Account>(`/api/v1/fees/units/${unitId}/account`);
    expect(before.totalDue).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('chosen-total').textContent(), POLL).toMatch(/^¥[\d,]+\.\d\d$/);
    const chosen = Number((await page.getByTestId('chosen-total').textContent())!.replace(/[¥,]/g, '')) * 100;
    expect(Math.round(chosen)).toBe(before.totalDue);

    await page.getByTestId('pay-method').getByText('微信', { exact: true }).click();
    await page.getByTestId('pay-reference').fill('WX20260001');
    await page.getByTestId('pay-submit').click();
    await page.waitForURL(/\/print\/fees\/receipts\/\d+/);
    const paymentId = Number(new URL(page.url()).pathname.split('/').pop());
    const receiptNo = page.getByTestId('receipt-no');
    await expect.poll(() => receiptNo.textContent(), POLL).toMatch(/\S+/);
    const payment = await director.get<Payment>(`/api/v1/fees/payments/${paymentId}`);
    expect(await receiptNo.textContent()).toBe(payment.receiptNo);
    expect(payment).toMatchObject({ unitId, amount: before.totalDue });
    expect(await page.getByTestId('receipt-capitals').textContent()).toBe(rmbCapitals(before.totalDue));
    const after = await director.get<Account>(`/api/v1/fees/units/${unitId}/account`);
    expect(after.totalDue).toBe(0);

    // Back at the charging center the payment is listed with its receipt.
    await page.getByTestId('print-back').click();
    await page.waitForURL(/\/fees\/cashier\?unit=\d+/);
    await expect.poll(() => page.getByTestId('unit-payments').textContent(), POLL).toContain(payment.receiptNo);
  });

  it('cs1 records a home visit on an overdue unit of the arrears board', async () => {
    let cs1 = await suite.api('cs1');
    let board = list(await cs1.get<{ items: ArrearsRow[] } | ArrearsRow[]>('/api/v1/fees/arrears?estateId=1&step=2'));
    if (!board.length) {
      // No unit of 东区 at the deadline-notice step: two months later the bills are overdue; the
      // reminder notices go out and the director sends one unit a deadline notice.
      const admin = await suite.api('admin');
      await admin.post('/api/v1/clock', { advanceMinutes: 60 * 24 * 60 });
      // Sessions signed in before the move have expired.
      const boss = await suite.api('director');
      cs1 = await suite.api('cs1');
      const { units } = await boss.post<{ units: ArrearsRow[] }>('/api/v1/fees/arrears/reminders', { estateId: 1, minDays: 1 });
      const mine = list(await cs1.get<{ items: ArrearsRow[] } | ArrearsRow[]>('/api/v1/fees/arrears?estateId=1&step=1'));
      const target = mine.find((r) => units.some((u) => u.unitId === r.unitId));
      expect(target).toBeTruthy();
      const { now } = await boss.get<{ now: string }>('/api/v1/clock');
      const today = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10);
      const deadline = new Date(Date.parse(today) + 15 * 86_400_000).toISOString().slice(0, 10);
      await boss.post(`/api/v1/fees/arrears/${target!.unitId}/steps`, { step: 2, onDate: today, deadline });
      board = list(await cs1.get<{ items: ArrearsRow[] } | ArrearsRow[]>('/api/v1/fees/arrears?estateId=1&step=2'));
    }
    expect(board.length).toBeGreaterThan(0);

    const page = await suite.signedIn('cs1');
    await page.getByTestId('main-menu').getByText('欠费催缴').click();
    await page.waitForURL('**/fees/arrears');
    await page.goto('/fees/arrears?step=2');
    const rows = page.getByTestId('arrears-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), POLL).toBe(Math.min(board.length, 20));
    const label = (await rows.first().locator('td').nth(1).textContent())!.trim();
    const unit = board.find((r) => r.unitLabel === label)!;
    expect(unit).toBeTruthy();
    await rows.first().locator('td').nth(1).click();
    const drawer = page.getByTestId('arrears-drawer');
    await expect.poll(() => drawer.getByTestId('arrears-ladder').count(), POLL).toBe(1);
    await page.getByTestId('step-open').click();
    const modal = page.getByTestId('step-modal');
    await expect.poll(() => modal.getByTestId('step-select').textContent(), POLL).toContain('管理员上门');
    // No step offers cutting water, power or access.
    await modal.getByTestId('step-select').click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect.poll(() => options.count(), POLL).toBeGreaterThan(0);
    expect((await options.allTextContents()).join(' ')).not.toMatch(/停水|停电|门禁/);
    await options.filter({ hasText: '管理员上门' }).click();
    await page.getByTestId('step-reason').fill('业主称长期出差，忘记缴费');
    await page.getByTestId('step-dissatisfaction').fill('楼道灯坏了两周没人修');
    await page.getByTestId('step-complaint').check();
    await page.getByTestId('step-outcome').fill('已道歉并解释，业主答应月底前缴清');
    await page.getByTestId('step-ok').click();
    await expect.poll(() => drawer.getByTestId('arrears-step-3').count(), POLL).toBe(1);
    expect(await drawer.getByTestId('arrears-step-3').textContent()).toContain('楼道灯坏了两周没人修');

    const detail = await cs1.get<{ steps: Step[] }>(`/api/v1/fees/arrears/${unit.unitId}`);
    const visit = detail.steps.find((s) => s.step === 3);
    expect(visit).toMatchObject({ reason: '业主称长期出差，忘记缴费', dissatisfaction: '楼道灯坏了两周没人修' });
    expect(visit?.ticketId).toBeGreaterThan(0);
    const ticket = await cs1.get<{ type: string }>(`/api/v1/tickets/${visit?.ticketId}`);
    expect(ticket.type).toBe('complaint');
  });

  it('cashier1 charges a finished special service to the bill from its ticket, once', async () => {
    const desk1 = await suite.api('desk1');
    const cs1 = await suite.api('cs1');
    const found = await director.get<{ items: Array<{ unitId: number }> }>('/api/v1/fees/units/search?estateId=1&q=1-1-1201');
    const unitId = found.items[0]!.unitId;
    const ticket = await desk1.post<{ id: number }>('/api/v1/tickets', { unitId, type: 'special_service', channel: 'phone', title: '空调清洗', description: '两台挂机清洗', price: 16_000 });
    await cs1.post(`/api/v1/tickets/${ticket.id}/resolve`, { note: '已清洗完毕' });

    const page = await suite.signedIn('cashier1');
    await page.goto(`/desk/tickets/${ticket.id}`);
    await page.getByTestId('bill-service').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), POLL).toContain('已计入账单');
    const lines = list(await director.get<{ items: Array<{ ticketId: number | null; amount: number }> } | Array<{ ticketId: number | null; amount: number }>>(`/api/v1/fees/lines?estateId=1&unitId=${unitId}&pageSize=200`));
    expect(lines.filter((l) => l.ticketId === ticket.id).map((l) => l.amount)).toEqual([16_000]);

    // A second try is refused: the service is billed once.
    await page.getByTestId('bill-service').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), POLL).toContain('已计费');
    const again = list(await director.get<{ items: Array<{ ticketId: number | null }> } | Array<{ ticketId: number | null }>>(`/api/v1/fees/lines?estateId=1&unitId=${unitId}&pageSize=200`));
    expect(again.filter((l) => l.ticketId === ticket.id)).toHaveLength(1);
  });
});
