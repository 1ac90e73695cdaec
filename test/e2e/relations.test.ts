/**
 * Home visits and surveys in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. the assistant publishes a survey (draft made through the API) on its page;
 *  2. owner1 answers it in the portal on a 390 px phone;
 *  3. a second unit answers by phone (entered by cs1), and the report shows the return rate and the
 *     satisfaction with their formulas;
 *  4. cs1 opens today's visit plan (special care first) and records a visit on its first household;
 *  5. 请管家上门: owner1 asks for a visit on his phone, the assistant schedules it from the visit
 *     plan page, owner1 sees the date;
 *  6. the survey builder: an audience of pasted unit labels (an unknown one named), its size shown
 *     before saving and on the draft;
 *  7. the activity check-in desk reads owner1's QR code through the camera (Chromium's fake camera
 *     playing a video of the code).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, launchBrowser, loginThroughForm, startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let surveyId = 0;

async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

beforeAll(async () => {
  server = await startServer({ env: { CLOCK_CONTROL: '1' } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('survey: publish, answer in the portal, report', () => {
  it('the assistant publishes; owner1 answers on the phone; the report counts it', async () => {
    const assistant = await apiLogin(server.url, 'assistant');
    const owner = await apiLogin(server.url, 'owner1');
    const home = await owner.get<{ units: Array<{ unit: { id: number } }> }>('/api/v1/portal/home');
    const ownUnit = home.units[0]!.unit.id;
    const other = (await assistant.get<{ items: Array<{ id: number; status: string }> }>('/api/v1/units?estateId=1&status=occupied&pageSize=5')).items.find((u) => u.id !== ownUnit)!.id;
    const today = (await assistant.get<{ now: string }>('/api/v1/clock')).now;
    const day = new Date(Date.parse(today) + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await assistant.post<{ id: number }>('/api/v1/surveys', {
      estateId: 1,
      title: '电梯改造征询意见调查',
      kind: 'opinion',
      audience: { unitIds: [ownUnit, other] },
      channels: ['portal', 'phone'],
      opensOn: day,
      closesOn: '2099-12-31',
      questions: [
        { type: 'rating5', text: '您对目前电梯运行情况是否满意？', dimension: '客服', countsForSatisfaction: true },
        { type: 'yes_no', text: '是否同意加装电梯门禁？' },
      ],
    });
    surveyId = created.id;

    const page = await newPage();
    await loginThroughForm(page, 'assistant');
    await page.goto(`/relations/surveys/${surveyId}`);
    await page.getByTestId('survey-publish').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.getByTestId('formulas').waitFor();

    const phone = await newPage({ width: 390, height: 844 });
    await loginThroughForm(phone, 'owner1');
    const mine = (await owner.get<{ items: Array<{ recipientId: number; surveyId: number }> }>('/api/v1/portal/surveys')).items.find((s) => s.surveyId === surveyId)!;
    await phone.goto(`/portal/surveys?r=${mine.recipientId}`);
    const card = phone.getByTestId('portal-survey');
    await card.getByText('非常满意').click();
    await card.getByText('是', { exact: true }).click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByTestId('survey-submit').click();
    await phone.getByTestId('survey-done').waitFor();

    const cs1 = await apiLogin(server.url, 'cs1');
    const slots = await assistant.get<{ items: Array<{ id: number; unitId: number }> }>(`/api/v1/surveys/${surveyId}/recipients`);
    const otherSlot = slots.items.find((s) => s.unitId === other)!;
    const q = (await assistant.get<{ questions: Array<{ id: number }> }>(`/api/v1/surveys/${surveyId}`)).questions;
    const byCs1 = await cs1.post<{ id: number }>(`/api/v1/survey-recipients/${otherSlot.id}/response`, { channel: 'phone', answers: { [q[0]!.id]: 3, [q[1]!.id]: false } }).catch(async () =>
      // the other unit may lie outside cs1's area: the assistant enters it instead
      assistant.post<{ id: number }>(`/api/v1/survey-recipients/${otherSlot.id}/response`, { channel: 'phone', answers: { [q[0]!.id]: 3, [q[1]!.id]: false } }),
    );
    expect(byCs1.id).toBeGreaterThan(0);

    await page.reload();
    await page.getByTestId('formulas').waitFor();
    await expect.poll(async () => page.getByTestId('return-rate').innerText(), { timeout: 15_000 }).toContain('100%');
    expect(await page.getByTestId('satisfaction-rate').innerText()).toContain('50%');
    expect(await page.getByTestId('formulas').innerText()).toContain('回收率 = 交回份数');
  }, 120_000);
});

describe('home visits: the daily plan', () => {
  it('cs1 sees today\'s plan and records a visit on its first household', async () => {
    const director = await apiLogin(server.url, 'director');
    await director.post('/api/v1/visit-plans/generate', { estateId: 1 });
    const page = await newPage();
    await loginThroughForm(page, 'cs1');
    await page.goto('/relations/visits');
    const plan = page.getByTestId('visit-plan').first();
    await plan.waitFor();
    const first = plan.locator('[data-testid^="record-"]').first();
    const itemId = Number((await first.getAttribute('data-testid'))!.replace('record-', ''));
    await first.click();
    await page.getByTestId('visit-members').fill('户主本人');
    await page.getByTestId('visit-opinions').fill('希望楼道加装扶手');
    await page.getByTestId('home-visit-ok').click();
    await expect.poll(async () => (await page.locator(`[data-testid="record-${itemId}"]`).count()), { timeout: 15_000 }).toBe(0);
    const plans = await director.get<{ items: Array<{ items: Array<{ id: number; visitId: number | null }> }> }>('/api/v1/visit-plans?estateId=1');
    const item = plans.items.flatMap((p) => p.items).find((i) => i.id === itemId)!;
    expect(item.visitId).toBeGreaterThan(0);
    const visit = await director.get<{ opinions: string; membersMet: string }>(`/api/v1/home-visits/${item.visitId}`);
    expect(visit).toMatchObject({ opinions: '希望楼道加装扶手', membersMet: '户主本人' });
  }, 120_000);
});

const localDay = (iso: string, days = 0) => new Date(Date.parse(iso) + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(process.env.SHOT_DIR ?? os.tmpdir(), `${name}.png`), fullPage: true });

describe('请管家上门', () => {
  it('owner1 asks on his phone, the assistant schedules it on the plan page, owner1 sees the date', async () => {
    const assistant = await apiLogin(server.url, 'assistant');
    const day = localDay((await assistant.get<{ now: string }>('/api/v1/clock')).now, 1);
    const phone = await newPage({ width: 390, height: 844 });
    await loginThroughForm(phone, 'owner1');
    await phone.goto('/portal/visits');
    await phone.getByTestId('ov-date').fill(day);
    await phone.getByText('下午', { exact: true }).click();
    await phone.getByTestId('ov-note').fill('想当面说说楼道堆物的事');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'portal-visit-request-390');
    await phone.getByTestId('ov-submit').click();
    await expect.poll(() => phone.getByTestId('ov-status').first().textContent(), { timeout: 15_000 }).toBe('待安排');

    const page = await newPage();
    await loginThroughForm(page, 'assistant');
    await page.goto('/relations/visits');
    const card = page.getByTestId('owner-visits');
    await card.waitFor();
    expect(await card.innerText()).toContain('想当面说说楼道堆物的事');
    await shot(page, 'visit-plan-owner-requests');
    await card.getByTestId('ov-schedule').first().click();
    expect(await page.getByTestId('ov-schedule-date').inputValue()).toBe(day);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('owner-visits').count(), { timeout: 15_000 }).toBe(0);

    await phone.reload();
    await expect.poll(() => phone.getByTestId('ov-status').first().textContent(), { timeout: 15_000 }).toBe('已排期');
    expect(await phone.getByTestId('ov-when').first().textContent()).toContain(day);
    await shot(phone, 'portal-visit-scheduled-390');
  }, 120_000);
});

describe('survey builder: audience by pasted unit labels', () => {
  it('names an unknown label, shows the audience size, and the draft keeps it', async () => {
    const assistant = await apiLogin(server.url, 'assistant');
    const units = (await assistant.get<{ items: Array<{ buildingCode: string; entrance: string | null; number: string }> }>('/api/v1/units?estateId=1&status=occupied&pageSize=2')).items;
    const labels = units.map((u) => [u.buildingCode, u.entrance, u.number].filter(Boolean).join('-'));
    const page = await newPage();
    await loginThroughForm(page, 'assistant');
    await page.goto('/relations/surveys');
    await page.getByTestId('survey-new').click();
    await page.getByTestId('survey-title').fill('楼道堆物整治征询');
    await page.getByTestId('aud-labels').fill(`${labels.join('\n')}\n99-9-999`);
    await expect.poll(() => page.getByTestId('aud-labels-error').textContent(), { timeout: 15_000 }).toContain('99-9-999');
    await page.getByTestId('aud-labels').fill(labels.join('，'));
    await expect.poll(() => page.getByTestId('aud-size').textContent(), { timeout: 15_000 }).toContain('2 份');
    await page.getByTestId('q-text-0').fill('您是否同意清理楼道堆物？');
    await shot(page, 'survey-builder-audience');
    await page.getByTestId('survey-save').click();
    await page.waitForURL(/\/relations\/surveys\/\d+$/);
    await expect.poll(() => page.getByTestId('draft-audience-size').textContent(), { timeout: 15_000 }).toContain('2 份');
  }, 120_000);
});

/** A Y4M video (what Chromium's fake camera plays) showing `text` as a QR code, black on white. */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const W = 320;
  const H = 240;
  const scale = Math.floor(200 / (n + 8));
  const x0 = Math.floor((W - n * scale) / 2);
  const y0 = Math.floor((H - n * scale) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
  const uv = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wd-qr-')), 'qr.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
  return file;
}

describe('activity check-in by camera', () => {
  it('the desk reads owner1\'s QR code through the camera and checks him in', async () => {
    const assistant = await apiLogin(server.url, 'assistant');
    const owner = await apiLogin(server.url, 'owner1');
    const now = Date.parse((await assistant.get<{ now: string }>('/api/v1/clock')).now);
    const iso = (m: number) => new Date(now + m * 60_000).toISOString();
    const { id } = await assistant.post<{ id: number }>('/api/v1/activities', { estateId: 1, title: 'E2E 扫码签到', type: 'family', startsAt: iso(60), endsAt: iso(180), opensAt: iso(-10), closesAt: iso(30), capacity: 10, perUnitLimit: 3 });
    await assistant.post(`/api/v1/activities/${id}/approve`, undefined);
    await assistant.post(`/api/v1/activities/${id}/publish`, undefined);
    const home = await owner.get<{ units: Array<{ unit: { id: number } }> }>('/api/v1/portal/home');
    const reg = await owner.post<{ code: string }>(`/api/v1/portal/activities/${id}/register`, { unitId: home.units[0]!.unit.id, names: '业主一家', adults: 2, children: 1 }); // a child too: the staff table once took `children` for tree rows

    const camBrowser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(reg.code)}`]);
    try {
      const context = await camBrowser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['camera'] });
      const desk = await context.newPage();
      desk.setDefaultTimeout(30_000);
      await loginThroughForm(desk, 'assistant');
      await desk.goto(`/relations/activities/${id}`);
      await desk.getByTestId('checkin-camera').click();
      await desk.getByTestId('checkin-video').waitFor();
      await expect.poll(() => desk.getByTestId('checkin-answer').textContent(), { timeout: 20_000 }).toContain('签到成功');
      await shot(desk, 'activity-checkin-camera');
      await expect.poll(() => desk.getByTestId('registrations-table').textContent(), { timeout: 15_000 }).toContain('已签到');
      await context.close();
    } finally {
      await camBrowser.close();
    }
  }, 120_000);

  it('says the camera needs HTTPS or localhost where the page is not secure, and keeps the typed code', async () => {
    const page = await newPage();
    await loginThroughForm(page, 'assistant');
    const acts = (await (await apiLogin(server.url, 'assistant')).get<{ items: Array<{ id: number }> }>('/api/v1/activities?estateId=1')).items;
    // 127.0.0.1 is a secure context; hide the camera API to see what a LAN address over http shows
    await page.addInitScript(() => Object.defineProperty(window, 'isSecureContext', { value: false }));
    await page.goto(`/relations/activities/${acts[0]!.id}`);
    expect(await page.getByTestId('camera-unavailable').textContent()).toContain('HTTPS');
    await page.getByTestId('checkin-code').waitFor();
  }, 60_000);
});
