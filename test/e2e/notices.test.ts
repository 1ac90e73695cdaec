/**
 * Resident notices and activities in a real browser against the real server (demo 翠湖花园):
 *  1. cs1 (东区) drafts a notice for 1栋 asking for 签收 and publishes it;
 *  2. owner1 on a 390 px phone sees it unread in the portal, opens it and presses 签收;
 *  3. the notice's coverage board shows the read and the acknowledgement;
 *  4. an activity published through the API: owner1 registers in the portal and gets his QR code;
 *     cs1 checks him in by the code: 签到成功, then 已签到过.
 */
import { describe, expect, it } from 'vitest';
import { e2eSuite, PHONE } from './suite.ts';

const suite = e2eSuite({ pageTimeout: 20_000 });

const POLL = { timeout: 20_000, interval: 100 };
const TITLE = `楼道消防检查（E2E ${Date.now().toString(36)}）`;
let noticeId = 0;

describe('notices and activities in the browser', () => {
  it('cs1 publishes a notice for 1栋 asking for 签收', async () => {
    const page = await suite.signedIn('cs1');
    await page.goto('/relations/notices');
    await page.getByTestId('notice-new').click();
    await page.getByTestId('notice-title').fill(TITLE);
    await page.getByTestId('notice-body').fill('本周四上午检查 1 栋楼道消防通道，请清理楼道杂物。');
    await page.getByTestId('notice-buildings').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: /^1栋$/ }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('notice-ack').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/relations\/notices\/\d+$/);
    noticeId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('notice-submit').click();
    await expect.poll(() => page.locator('.ant-tag', { hasText: '已发布' }).count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('coverage-board').textContent(), POLL).toContain('无法线上送达');
  });

  it('owner1 reads and acknowledges it on a 390 px phone; the board updates', async () => {
    const phone = await suite.signedIn('owner1', { viewport: PHONE });
    await phone.goto('/portal/notices');
    const item = phone.getByTestId(`portal-notice-${noticeId}`);
    await expect.poll(() => item.textContent(), POLL).toContain(TITLE);
    expect(Number(await phone.getByTestId('portal-unread').textContent())).toBeGreaterThan(0);
    // nothing sticks out sideways on the phone
    expect(await phone.evaluate(() => document.querySelector('.wd-portal-main')!.scrollWidth)).toBeLessThanOrEqual(390);
    await item.click();
    await phone.getByTestId('portal-ack').click();
    await phone.getByTestId('portal-acked').waitFor();

    const desk = await suite.signedIn('cs1');
    await desk.goto(`/relations/notices/${noticeId}`);
    await expect.poll(() => desk.getByTestId('coverage-acked').textContent(), POLL).toContain('1');
    // 1-1-1201 sits on a later page of the board (red first): check its row through the API
    const cs1 = await suite.api('cs1');
    const board = await cs1.get<{ items: Array<{ unitLabel: string; coverage: string; ackAt: string | null }> }>(`/api/v1/notices/${noticeId}/coverage`);
    expect(board.items.find((r) => r.unitLabel === '1-1-1201')).toMatchObject({ coverage: 'read', ackAt: expect.any(String) });
    expect(board.items[0]!.coverage).toBe('unreachable');
  });

  it('owner1 registers for an activity in the portal and is checked in by his QR code', async () => {
    const assistant = await suite.api('assistant');
    const now = Date.now();
    const iso = (m: number) => new Date(now + m * 60_000).toISOString();
    const me = await assistant.get<{ estates: Array<{ id: number }> }>('/api/v1/auth/me');
    const { id } = await assistant.post<{ id: number }>('/api/v1/activities', {
      estateId: me.estates[0]!.id,
      title: 'E2E 亲子手工课',
      type: 'family',
      startsAt: iso(60),
      endsAt: iso(180),
      opensAt: iso(-10),
      closesAt: iso(30),
      capacity: 10,
      perUnitLimit: 3,
    });
    await assistant.post(`/api/v1/activities/${id}/approve`, undefined);
    await assistant.post(`/api/v1/activities/${id}/publish`, undefined);

    const phone = await suite.signedIn('owner1', { viewport: PHONE });
    await phone.goto(`/portal/activities/${id}`);
    await phone.getByTestId('reg-submit').click();
    await phone.getByTestId('my-qr').waitFor();
    const code = (await phone.getByTestId('my-code').textContent())!.trim();
    expect(code).toMatch(/^\d{8}$/);

    const desk = await suite.signedIn('cs1');
    await desk.goto(`/relations/activities/${id}`);
    await desk.getByTestId('checkin-code').fill('12345678');
    await desk.getByTestId('checkin-go').click();
    await expect.poll(() => desk.getByTestId('checkin-answer').textContent(), POLL).toContain('无效的签到码');
    await desk.getByTestId('checkin-code').fill(code);
    await desk.getByTestId('checkin-go').click();
    await expect.poll(() => desk.getByTestId('checkin-answer').textContent(), POLL).toContain('签到成功');
    await desk.getByTestId('checkin-code').fill(code);
    await desk.getByTestId('checkin-go').click();
    await expect.poll(() => desk.getByTestId('checkin-answer').textContent(), POLL).toContain('已签到过');
    await expect.poll(() => desk.getByTestId('registrations-table').textContent(), POLL).toContain('已签到');
  });
});
