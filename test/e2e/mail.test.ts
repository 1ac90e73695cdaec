/**
 * Mail and parcels in a real browser against the real server (demo estate 翠湖花园), Chinese UI:
 *  1. desk1 (前台) registers a parcel for 1-1-1201 (陈建国) at 邮件快递 → 到件登记; the addressee
 *     is matched against the household and the owner, who has a portal account, is notified;
 *  2. owner1 sees it at 390 px in 我的快递/信件 with its shelf and pickup code;
 *  3. desk1 finds it by that code at 领取, the picker signs on the pad, and it is handed over.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiLogin } from './server.ts';
import { e2eSuite, PHONE } from './suite.ts';

const suite = e2eSuite({ pageTimeout: 20_000 });

const POLL = { timeout: 20_000, interval: 100 };
const TRACKING = `SF${Date.now()}`;

let director: Awaited<ReturnType<typeof apiLogin>>;
let code = '';

const dropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
async function pickOption(page: Page, select: Locator, text: string) {
  await select.click();
  await dropdown(page).locator('.ant-select-item-option', { hasText: text }).first().click();
}

interface Item { id: number; number: string; status: string; trackingNo: string | null; unitLabel: string | null; pickerName: string | null; pickupId: number | null }
const mine = async () => (await director.get<{ items: Item[] }>(`/api/v1/mail/items?estateId=1&q=${TRACKING}`)).items;

beforeAll(async () => {
  director = await suite.api('director');
});

describe('mail and parcels in the browser', () => {
  it('desk1 registers a parcel for 1-1-1201', async () => {
    const page = await suite.signedIn('desk1');
    await page.getByTestId('main-menu').getByText('邮件快递').click();
    await page.waitForURL('**/desk/mail**');
    await pickOption(page, page.getByTestId('mail-carrier'), '顺丰');
    await page.getByTestId('mail-tracking').fill(TRACKING);
    const unit = page.getByTestId('mail-unit');
    await unit.locator('input').fill('1-1-1201');
    await dropdown(page).locator('.ant-select-item-option', { hasText: '1-1-1201' }).first().click();
    await page.getByTestId('mail-addressee').fill('陈建国');
    await expect.poll(() => page.getByTestId('mail-match').textContent(), POLL).toContain('与住户 陈建国 一致');
    expect(await page.getByTestId('mail-match').textContent()).toContain('有门户账号');
    await page.getByTestId('mail-shelf').fill('E2E-1');
    await page.getByTestId('mail-register-submit').click();
    await expect.poll(() => page.getByTestId('mail-last').textContent(), POLL).toMatch(/\d{4}-\d{3}/);
    const [item] = await mine();
    expect(item).toMatchObject({ status: 'notified', unitLabel: '1-1-1201', trackingNo: TRACKING });
    expect(await page.getByTestId('mail-last').textContent()).toContain(item!.number);
  });

  it('owner1 sees it with the shelf and the pickup code in the portal at 390 px', async () => {
    const page = await suite.signedIn('owner1', { viewport: PHONE });
    await page.goto('/portal/mail');
    const [item] = await mine();
    const card = page.getByTestId(`portal-mail-${item!.id}`);
    await expect.poll(() => card.textContent(), POLL).toContain('货架 E2E-1');
    code = (await card.getByTestId('portal-mail-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await expect.poll(() => card.locator('img').count(), POLL).toBe(1); // the code's QR, drawn once qrcode has loaded
    // nothing overflows the phone's width
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('desk1 finds it by the code and hands it over against a signature', async () => {
    const page = await suite.signedIn('desk1');
    await page.goto('/desk/mail?tab=pickup');
    await page.getByTestId('mail-code').fill(code);
    await page.getByTestId('mail-code-find').click();
    const [item] = await mine();
    const row = page.getByTestId('mail-pickup-items').locator('tr.ant-table-row', { hasText: item!.number });
    await expect.poll(() => row.locator('input[type=checkbox]').isChecked(), POLL).toBe(true);
    await page.getByTestId('mail-picker').fill('陈建国');
    await expect.poll(() => page.getByTestId('mail-statement').textContent(), POLL).toContain(`本人 陈建国 已领取以下 1 件`);
    // sign: one stroke across the pad
    const pad = page.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) await page.mouse.move(box.x + 30 + i * 10, box.y + box.height / 2 + Math.sin(i / 3) * 25);
    await page.mouse.up();
    await page.getByTestId('mail-handover').click();
    await expect.poll(() => page.getByTestId('mail-pickup-done').textContent(), POLL).toContain('已交付 1 件');
    const [done] = await mine();
    expect(done).toMatchObject({ status: 'picked_up', pickerName: '陈建国' });
    const sheet = await director.get<{ statement: string; items: Array<{ id: number }> }>(`/api/v1/mail/pickups/${done!.pickupId}`);
    expect(sheet.statement).toContain(done!.number);
    expect(sheet.items.map((i) => i.id)).toEqual([done!.id]);
    const png = await fetch(`${suite.server.url}/api/v1/mail/pickups/${done!.pickupId}/signature`);
    expect(png.status).toBe(401); // not without a session
  });
});
