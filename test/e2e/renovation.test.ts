/**
 * Renovation in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. owner1 applies in the portal for his home 1-1-1201;
 *  2. the assistant approves; the desk signs the agreement; the cashier bills the fees and takes
 *     the deposit; the desk issues the permit (开工证 with its QR); cs1 starts the works;
 *  3. owner1 asks for the acceptance; eng1 accepts with the four printed names;
 *  4. cs1 asks to refund the deposit; the assistant approves; the renovation is closed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiLogin } from './server.ts';
import { e2eSuite, PHONE } from './suite.ts';

const suite = e2eSuite({ pageTimeout: 20_000 });

const POLL = { timeout: 20_000, interval: 100 };
let director: Awaited<ReturnType<typeof apiLogin>>;
let renoId = 0;

const status = async () => (await director.get<{ status: string }>(`/api/v1/renovations/${renoId}`)).status;

beforeAll(async () => {
  director = await suite.api('director');
}, 180_000);

describe('renovation in the browser', () => {
  it('owner1 applies in the portal', async () => {
    const page = await suite.signedIn('owner1', { viewport: PHONE });
    await page.goto('/portal/renovations');
    await page.getByTestId('portal-reno-new').click();
    const form = page.getByTestId('portal-reno-form');
    await form.getByLabel('申请人', { exact: true }).fill('陈建国');
    await form.getByLabel('联系电话', { exact: true }).fill('13912345678');
    await form.getByLabel('施工单位', { exact: true }).fill('深圳市好家装饰工程有限公司');
    await form.getByLabel('施工负责人', { exact: true }).fill('黄工');
    await form.getByLabel('负责人电话', { exact: true }).fill('13800001111');
    await form.getByText('墙面', { exact: true }).click();
    await form.getByText('地面', { exact: true }).click();
    await form.getByLabel('装修内容', { exact: true }).fill('客厅、卧室墙面翻新，更换地板');
    const range = form.locator('.ant-picker-range');
    await range.click();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 8 * 3_600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
    await range.locator('input').first().fill(today);
    await range.locator('input').last().fill(end);
    await range.locator('input').last().press('Enter');
    // Enter in the date field may already submit the form.
    await page.waitForURL(/\/portal\/renovations\/\d+$/, { timeout: 3000 }).catch(async () => {
      await page.screenshot({ path: '/tmp/reno/e2e-apply.png', fullPage: true });
      await page.getByTestId('portal-reno-submit').click();
      await page.waitForURL(/\/portal\/renovations\/\d+$/);
    });
    renoId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await status()).toBe('submitted');
    await expect.poll(() => page.getByTestId('reno-status-submitted').count(), POLL).toBeGreaterThan(0);
  });

  it('assistant approves; desk signs; cashier bills and takes the deposit; desk issues the permit; cs1 starts', async () => {
    const assistant = await suite.signedIn('assistant');
    await assistant.goto(`/reno/${renoId}`);
    await assistant.getByTestId('reno-step-approve').click();
    await assistant.getByTestId('reno-reason').fill('材料齐全，同意');
    await assistant.getByTestId('reno-reason-ok').click();
    await expect.poll(status, POLL).toBe('approved');

    const desk = await suite.signedIn('desk1');
    await desk.goto(`/reno/${renoId}`);
    await desk.getByTestId('reno-agreement').click();
    await expect.poll(async () => (await director.get<{ agreementSignedAt: string | null }>(`/api/v1/renovations/${renoId}`)).agreementSignedAt, POLL).not.toBeNull();

    const cashier = await suite.signedIn('cashier1');
    await cashier.goto(`/reno/${renoId}`);
    await cashier.getByTestId('reno-fees').click();
    await expect.poll(async () => (await director.get<{ feeLines: unknown[] }>(`/api/v1/renovations/${renoId}`)).feeLines.length, POLL).toBe(1);
    await cashier.getByTestId('reno-deposit').click();
    await cashier.getByTestId('deposit-ok').click();
    await expect.poll(async () => (await director.get<{ depositIds: number[] }>(`/api/v1/renovations/${renoId}`)).depositIds.length, POLL).toBe(1);

    await desk.reload();
    await desk.getByTestId('reno-step-permit').click();
    await expect.poll(status, POLL).toBe('permitted');
    await desk.getByTestId('reno-print-permit').click();
    await desk.waitForURL(/\/print\/reno\/\d+\/permit$/);
    await expect.poll(() => desk.getByTestId('permit-qr').count(), POLL).toBe(1);
    expect(await desk.getByTestId('print-sheet').textContent()).toContain('装修开工证');

    const cs1 = await suite.signedIn('cs1');
    await cs1.goto(`/reno/${renoId}`);
    await cs1.getByTestId('reno-step-start').click();
    await expect.poll(status, POLL).toBe('in_progress');
  });

  it('owner1 asks for the acceptance; eng1 accepts with four printed names', async () => {
    const owner = await suite.signedIn('owner1', { viewport: PHONE });
    await owner.goto(`/portal/renovations/${renoId}`);
    await owner.getByTestId('portal-reno-complete').click();
    await expect.poll(status, POLL).toBe('completion_requested');

    const eng = await suite.signedIn('eng1');
    await eng.goto(`/reno/${renoId}`);
    await eng.getByTestId('reno-accept').click();
    await eng.getByTestId('sig-csAdmin').fill('张敏');
    await eng.getByTestId('sig-engineering').fill('周强');
    await eng.getByTestId('acceptance-ok').click();
    await expect.poll(status, POLL).toBe('accepted');
  });

  it('cs1 asks for the refund, the assistant approves it, the renovation closes', async () => {
    const cs1 = await suite.signedIn('cs1');
    await cs1.goto(`/reno/${renoId}`);
    await cs1.getByTestId('deposit-request').click();
    await cs1.getByTestId('payout-ok').click();
    await expect.poll(status, POLL).toBe('refund_pending');
    const assistant = await suite.signedIn('assistant');
    await assistant.goto(`/reno/${renoId}`);
    await assistant.locator('[data-testid^="deposit-approve-"]').first().click();
    await expect.poll(status, POLL).toBe('closed');
    await assistant.reload();
    await expect.poll(() => assistant.getByTestId('reno-status-closed').count(), POLL).toBeGreaterThan(0);
    const d = await director.get<{ depositIds: number[] }>(`/api/v1/renovations/${renoId}`);
    const dep = await director.get<{ balance: number; status: string }>(`/api/v1/deposits/${d.depositIds[0]}`);
    expect(dep).toMatchObject({ balance: 0, status: 'settled' });
  });
});
