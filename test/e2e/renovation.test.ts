/**
 * Renovation in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. owner1 applies in the portal for his home 1-1-1201; the assistant returns it (退回), owner1
 *     edits and resubmits it at 390 px, the first version is kept;
 *  2. the assistant approves; the desk signs the agreement; the cashier bills the fees and takes
 *     the deposit; the desk issues the permit (开工证 with its QR); cs1 starts the works;
 *     the next morning cs1 inspects it on the phone at 390 px without signal: a major issue with its
 *     category (an art. 5 category forces major, no "fixed on the spot"); online, the violation is major;
 *  3. owner1 asks for an extension in the portal, the assistant approves it; a month later the
 *     reno-daily job marks it 逾期 and /reno lists it under the 逾期 filter;
 *  4. owner1 asks for the acceptance; eng1 accepts with the signed scan instead of two names;
 *  4. cs1 asks to refund the deposit; the assistant approves; the renovation is closed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, launchBrowser, loginThroughForm, startServer, type TestServer } from './server.ts';

const POLL = { timeout: 20_000, interval: 100 };
let server: TestServer;
let browser: Browser;
let director: Awaited<ReturnType<typeof apiLogin>>;
let renoId = 0;
const contexts: BrowserContext[] = [];

async function newPage(user: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await loginThroughForm(page, user);
  return page;
}
/** Screenshots for review in both languages (the switch is kept in localStorage). */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/reno/${name}-zh.png`, fullPage: true });
  await page.evaluate(() => localStorage.setItem('wd.lang', 'en-US'));
  await page.reload();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `/tmp/reno/${name}-en.png`, fullPage: true });
  await page.evaluate(() => localStorage.setItem('wd.lang', 'zh-CN'));
  await page.reload();
  await page.waitForLoadState('networkidle');
}
/**
 * Clicks a dialog's OK and waits for the dialog to close; a form error or a message shown instead
 * is what the failure says, so a refused submit is told apart from a click that was lost.
 */
async function submitDialog(page: Page, okTestId: string) {
  await page.getByTestId(okTestId).click();
  await expect
    .poll(async () => {
      if ((await page.locator('.ant-modal-wrap:visible').count()) === 0) return 'closed';
      const shown = await page.locator('.ant-form-item-explain-error, .ant-message-notice').allInnerTexts();
      return shown.length ? shown.join(' | ') : 'open';
    }, POLL)
    .toBe('closed');
}
const status = async () => (await director.get<{ status: string }>(`/api/v1/renovations/${renoId}`)).status;

beforeAll(async () => {
  server = await startServer({ env: { CLOCK_CONTROL: '1' } });
  browser = await launchBrowser();
  director = await apiLogin(server.url, 'director');
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('renovation in the browser', () => {
  it('owner1 applies in the portal', async () => {
    const page = await newPage('owner1', { width: 390, height: 844 });
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

  it('the assistant returns it; owner1 edits it on the phone and submits again; the first version is kept', async () => {
    const assistant = await newPage('assistant');
    await assistant.goto(`/reno/${renoId}`);
    await assistant.getByTestId('reno-step-return').click();
    await assistant.getByTestId('reno-reason').fill('施工单位请写全称并附资质编号');
    await assistant.getByTestId('reno-reason-ok').click();
    await expect.poll(status, POLL).toBe('draft');

    const owner = await newPage('owner1', { width: 390, height: 844 });
    await owner.goto(`/portal/renovations/${renoId}`);
    await owner.getByTestId('portal-reno-revise').click();
    const form = owner.getByTestId('reno-revise-form');
    await form.getByLabel('施工单位', { exact: true }).fill('深圳市好家装饰工程有限公司（资质 SZ-2026-0101）');
    // the phones came back masked: entered again
    await form.getByLabel('联系电话', { exact: true }).fill('13912345678');
    await form.getByLabel('负责人电话', { exact: true }).fill('13800001111');
    await owner.screenshot({ path: '/tmp/reno/e2e-portal-revise.png', fullPage: true });
    await owner.getByTestId('reno-revise-ok').click();
    await expect.poll(status, POLL).toBe('submitted');
    const d = await director.get<{ version: number; versions: Array<{ version: number; returnedNote: string }> }>(`/api/v1/renovations/${renoId}`);
    expect(d.version).toBe(2);
    expect(d.versions).toEqual([expect.objectContaining({ version: 1, returnedNote: '施工单位请写全称并附资质编号' })]);
  });

  it('assistant approves; desk signs; cashier bills and takes the deposit; desk issues the permit; cs1 starts', async () => {
    const assistant = await newPage('assistant');
    await assistant.goto(`/reno/${renoId}`);
    await assistant.getByTestId('reno-step-approve').click();
    await assistant.getByTestId('reno-reason').fill('材料齐全，同意');
    await assistant.getByTestId('reno-reason-ok').click();
    await expect.poll(status, POLL).toBe('approved');

    const desk = await newPage('desk1');
    await desk.goto(`/reno/${renoId}`);
    await desk.getByTestId('reno-agreement').click();
    await expect.poll(async () => (await director.get<{ agreementSignedAt: string | null }>(`/api/v1/renovations/${renoId}`)).agreementSignedAt, POLL).not.toBeNull();

    const cashier = await newPage('cashier1');
    await cashier.goto(`/reno/${renoId}`);
    await cashier.getByTestId('reno-fees').click();
    await expect.poll(async () => (await director.get<{ feeLines: unknown[] }>(`/api/v1/renovations/${renoId}`)).feeLines.length, POLL).toBe(1);
    await cashier.getByTestId('reno-deposit').click();
    await submitDialog(cashier, 'deposit-ok');
    await expect.poll(async () => (await director.get<{ depositIds: number[] }>(`/api/v1/renovations/${renoId}`)).depositIds.length, POLL).toBe(1);

    await desk.reload();
    await desk.getByTestId('reno-step-permit').click();
    await expect.poll(status, POLL).toBe('permitted');
    await desk.getByTestId('reno-print-permit').click();
    await desk.waitForURL(/\/print\/reno\/\d+\/permit$/);
    await expect.poll(() => desk.getByTestId('permit-qr').count(), POLL).toBe(1);
    expect(await desk.getByTestId('print-sheet').textContent()).toContain('装修开工证');

    const cs1 = await newPage('cs1');
    await cs1.goto(`/reno/${renoId}`);
    await cs1.getByTestId('reno-step-start').click();
    await expect.poll(status, POLL).toBe('in_progress');
  });

  it('cs1 inspects it on the phone offline: a major issue with its category; online, the violation is major', async () => {
    // the next morning at 10:00 (China), inside the daily round's slot
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await (await apiLogin(server.url, 'admin')).post('/api/v1/clock', { set: `${tomorrow}T02:00:00.000Z` });
    director = await apiLogin(server.url, 'director');
    const scanPath = (await director.get<{ inspection: { scanPath: string } }>(`/api/v1/renovations/${renoId}`)).inspection.scanPath;
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await loginThroughForm(phone, 'cs1');
    await phone.goto('/field');
    await phone.getByTestId('pack-fetch').click();
    await phone.getByTestId('pack-saved').waitFor();
    await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#996633' } }).jpeg().toBuffer();
    const open = async (lang: 'zh-CN' | 'en-US') => {
      await phone.evaluate((l) => localStorage.setItem('wd.lang', l), lang);
      await phone.goto(scanPath); // the QR on the 开工证, answered by the service worker
      await phone.getByTestId('cp-verified').waitFor();
      const item = phone.locator('.wd-field-item', { hasText: '施工人员出入证' });
      const id = (await item.getAttribute('data-testid'))!.slice('item-'.length);
      await item.locator('label:has(input[value="issue"])').click();
      const pick = async (title: string) => {
        await item.getByTestId(`item-category-${id}`).click();
        await phone.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`).click();
        await phone.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
      };
      return { item, id, pick };
    };
    // English: an art. 5 category forces major, and "fixed on the spot" is not offered
    const en = await open('en-US');
    // the picker starts on the item's own category, the one the server records when none is chosen
    await expect.poll(() => en.item.getByTestId(`item-category-${en.id}`).innerText(), POLL).toContain('Unregistered workers');
    await en.pick('Load-bearing structure altered');
    await expect.poll(() => en.item.locator('label:has(input[value="minor"]).ant-radio-button-wrapper-disabled').count(), POLL).toBe(1);
    expect(await phone.getByTestId(`item-fixed-${en.id}`).count()).toBe(0);
    await phone.screenshot({ path: '/tmp/reno/field-390-reno-issue-en.png', fullPage: true, animations: 'disabled' });
    // Chinese, for real: 未登记施工人员 graded 严重违规 by the inspector
    const zh = await open('zh-CN');
    await zh.pick('未登记施工人员');
    expect(await phone.getByTestId(`item-fixed-${zh.id}`).count()).toBe(1); // minor (the item's grade): may be fixed on the spot
    expect(await phone.getByTestId(`item-rectify-days-${zh.id}`).innerText()).toContain('1 天内'); // or given days to put right
    await zh.item.locator('label:has(input[value="major"])').click();
    await expect.poll(() => phone.getByTestId(`item-fixed-${zh.id}`).count(), POLL).toBe(0);
    expect(await phone.getByTestId(`item-rectify-days-${zh.id}`).count()).toBe(0); // a major's deadline is the notice's
    await phone.getByTestId(`item-desc-${zh.id}`).fill('两名工人未办理出入证在现场施工');
    await phone.getByTestId(`item-photo-${zh.id}`).setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photo });
    await zh.item.locator('.wd-field-photos img').waitFor();
    await phone.getByTestId('cp-all-ok').click();
    await phone.screenshot({ path: '/tmp/reno/field-390-reno-issue-zh.png', fullPage: true, animations: 'disabled' });
    await phone.getByTestId('cp-submit').click();
    await phone.waitForURL(/\/field\/tasks\/\d+$/);
    expect((await director.get<{ violations: unknown[] }>(`/api/v1/renovations/${renoId}`)).violations).toHaveLength(0);
    await context.setOffline(false);
    await phone.getByTestId('field-tab-outbox').click();
    await phone.getByTestId('sync-now').click();
    await expect
      .poll(async () => (await director.get<{ violations: Array<{ category: string; severity: string; description: string }> }>(`/api/v1/renovations/${renoId}`)).violations.map((v) => [v.category, v.severity, v.description]), POLL)
      .toEqual([['unregistered_workers', 'major', '两名工人未办理出入证在现场施工']]);
    // rectified: notice, then re-inspection (an open major would block the acceptance below)
    const cs1 = await apiLogin(server.url, 'cs1');
    const v = (await director.get<{ violations: Array<{ id: number }> }>(`/api/v1/renovations/${renoId}`)).violations[0]!;
    await cs1.post(`/api/v1/renovation-violations/${v.id}/steps`, { action: 'issue_notice', delivery: 'in_person' });
    await cs1.post(`/api/v1/renovation-violations/${v.id}/steps`, { action: 'reinspect_ok', note: '已补办出入证' });
    expect((await director.get<{ violations: Array<{ status: string }> }>(`/api/v1/renovations/${renoId}`)).violations[0]!.status).toBe('closed');
  });

  it('owner1 asks for an extension, the assistant approves; past the new end it is listed as 逾期', async () => {
    const owner = await newPage('owner1', { width: 390, height: 844 });
    await owner.goto(`/portal/renovations/${renoId}`);
    await owner.getByTestId('portal-reno-extend').click();
    const before = await director.get<{ plannedEnd: string }>(`/api/v1/renovations/${renoId}`);
    const newEnd = new Date(Date.parse(`${before.plannedEnd}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const picker = owner.locator('.ant-modal .ant-picker input');
    await picker.click();
    await picker.fill(newEnd);
    await picker.press('Enter');
    await owner.getByTestId('reno-extension-reason').fill('瓷砖到货延迟一周');
    await owner.getByTestId('reno-extension-ok').click();
    await expect.poll(() => owner.locator('[data-testid^="portal-extension-"]').count(), POLL).toBe(1);
    await shoot(owner, 'portal-390-extension');

    const assistant = await newPage('assistant');
    await assistant.goto(`/reno/${renoId}`);
    await assistant.locator('[data-testid^="extension-approve-"]').click();
    await expect.poll(async () => (await director.get<{ plannedEnd: string }>(`/api/v1/renovations/${renoId}`)).plannedEnd, POLL).toBe(newEnd);
    await assistant.reload();
    await expect.poll(() => assistant.getByTestId('reno-versions').count(), POLL).toBe(1);
    await shoot(assistant, 'reno-detail-extensions');

    // a month later: the job marks it overdue
    const admin = await apiLogin(server.url, 'admin');
    await admin.post('/api/v1/clock', { advanceMinutes: 60 * 24 * 30 });
    // sessions from before the jump have expired: sign in again
    const clockAdmin = await apiLogin(server.url, 'admin');
    director = await apiLogin(server.url, 'director');
    await expect
      .poll(async () => {
        await clockAdmin.post('/api/v1/clock/jobs/reno-daily', {});
        return (await director.get<{ overdueSince: string | null }>(`/api/v1/renovations/${renoId}`)).overdueSince;
      }, POLL)
      .not.toBeNull();
    const list = await newPage('assistant');
    await list.goto('/reno?overdue=1');
    await expect.poll(() => list.getByTestId('reno-table').locator('tbody tr').filter({ hasText: '逾期' }).count(), POLL).toBeGreaterThan(0);
    await shoot(list, 'reno-list-overdue');
    const ownerLate = await newPage('owner1', { width: 390, height: 844 });
    await ownerLate.goto(`/portal/renovations/${renoId}`);
    await expect.poll(() => ownerLate.getByTestId('reno-overdue-tag').count(), POLL).toBeGreaterThan(0);
    await shoot(ownerLate, 'portal-390-overdue');
  });

  it('owner1 asks for the acceptance; eng1 accepts with the signed scan in place of two names', async () => {
    const owner = await newPage('owner1', { width: 390, height: 844 });
    await owner.goto(`/portal/renovations/${renoId}`);
    await owner.getByTestId('portal-reno-complete').click();
    await expect.poll(status, POLL).toBe('completion_requested');

    const eng = await newPage('eng1');
    await eng.goto(`/reno/${renoId}`);
    await eng.getByTestId('reno-accept').click();
    await eng.locator('.ant-modal input[type=file]').setInputFiles({ name: '验收单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect.poll(() => eng.getByTestId('acceptance-scan-done').count(), POLL).toBe(1);
    await eng.screenshot({ path: '/tmp/reno/reno-acceptance-scan-zh.png' });
    await submitDialog(eng, 'acceptance-ok');
    await expect.poll(status, POLL).toBe('accepted');
    const a = await director.get<{ acceptances: Array<{ scanId: number | null }> }>(`/api/v1/renovations/${renoId}`);
    expect(a.acceptances[0]!.scanId).toBeGreaterThan(0);
  });

  it('cs1 asks for the refund, the assistant approves it, the renovation closes', async () => {
    const cs1 = await newPage('cs1');
    await cs1.goto(`/reno/${renoId}`);
    await cs1.getByTestId('deposit-request').click();
    await submitDialog(cs1, 'payout-ok');
    await expect.poll(status, POLL).toBe('refund_pending');
    const assistant = await newPage('assistant');
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
