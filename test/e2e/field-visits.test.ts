/**
 * Home visits on the phone app offline, and a supervisor's discard (rule 8), in Chromium at 390 px:
 *  1. cs1 (east area administrator) downloads the task pack with today's visit plan;
 *  2. without signal he records two visits (one met with a need that becomes a repair ticket, one not
 *     at home) and reloads: both wait in the outbox;
 *  3. signal again: each arrives exactly once, the staff visit plan shows both households visited and a
 *     replay of the outbox adds nothing;
 *  4. cs1 records a third visit offline and signs out; cs2 (area administrator, not a supervisor) sees
 *     the foreign record but cannot discard it; the assistant discards it with a reason: the server
 *     keeps one field_discards row for it and the phone's outbox no longer holds it.
 * Screenshots: screenshots/field-visits-*.png, Chinese and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, launchBrowser, loginThroughForm, ROOT, startServer, type TestServer } from './server.ts';

const SHOTS = path.join(ROOT, 'screenshots');
const POLL = { timeout: 30_000, interval: 200 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: Database.Database;
let estateId = 0;

interface Row {
  clientUuid: string;
  kind: string;
  state: string;
  userId: number;
  duplicate?: boolean;
}

async function shot(name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `field-visits-${name}.png`), fullPage: true });
}

function readOutbox(): Promise<Row[]> {
  return page.evaluate(
    () =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('wuye-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => resolve((req.result as Row[]).map((r) => ({ clientUuid: r.clientUuid, kind: r.kind, state: r.state, userId: r.userId, duplicate: r.duplicate })));
          req.onerror = () => reject(req.error);
        };
      }),
  );
}
const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  const director = await apiLogin(server.url, 'director');
  const me = await director.get<{ estates: { id: number }[] }>('/api/v1/auth/me');
  estateId = me.estates[0]!.id;
  await director.post('/api/v1/visit-plans/generate', { estateId });
  db = new Database(path.join(server.dataDir, 'wuye.db'), { readonly: true, fileMustExist: true });
  context = await browser.newContext({ baseURL: server.url, viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 180_000);

afterAll(async () => {
  db?.close();
  await browser?.close();
  await server?.stop();
});

describe('home visits on the phone', () => {
  let items: number[] = [];

  it('downloads the pack with today\'s visit plan', async () => {
    await loginThroughForm(page, 'cs1');
    await page.goto('/field');
    await page.getByTestId('pack-fetch').click();
    await page.getByTestId('pack-saved').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.getByTestId('field-tab-visits').click();
    const todo = page.locator('[data-testid^="visit-"][data-mark="todo"]');
    await todo.first().waitFor();
    expect(await todo.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 3; i++) items.push(Number((await todo.nth(i).getAttribute('data-testid'))!.slice('visit-'.length)));
    await shot('plan-zh');
  });

  it('records two visits without signal and keeps them over a reload', async () => {
    await context.setOffline(true);
    await page.getByTestId(`visit-${items[0]}`).click();
    await page.getByTestId('field-offline').waitFor();
    // met: whom is required
    await page.getByTestId('visit-submit').click();
    await page.locator('.wd-field-error').first().waitFor();
    await page.getByTestId('visit-members').locator('input[type=checkbox]').first().check();
    await page.getByTestId('visit-opinions').fill('楼道声控灯不亮，希望尽快修');
    await page.getByTestId('visit-tags').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('visit-satisfaction').locator('li').nth(3).click();
    await page.getByTestId('visit-needs').fill('厨房水龙头漏水');
    await page.getByTestId('visit-need-type').locator('input[value=repair]').check();
    await page.getByTestId('visit-ticket').click();
    await shot('form-zh');
    await page.getByTestId('visit-submit').click();
    await page.waitForURL(/\/field\/visits$/);
    await expect.poll(() => page.getByTestId(`visit-${items[0]}`).getAttribute('data-mark'), POLL).toBe('queued');

    await page.getByTestId(`visit-${items[1]}`).click();
    await page.getByTestId('visit-outcome').locator('label:has(input[value=not_home])').click();
    await page.getByTestId('visit-submit').click();
    await page.waitForURL(/\/field\/visits$/);

    await page.reload();
    await page.getByTestId('field-offline').waitFor();
    await expect.poll(() => page.getByTestId(`visit-${items[1]}`).getAttribute('data-mark'), POLL).toBe('queued');
    await shot('plan-queued-zh');
    const rows = await readOutbox();
    expect(rows.map((r) => `${r.kind} ${r.state}`)).toEqual(['home_visit queued', 'home_visit queued']);
    expect(count('select count(*) n from home_visits where plan_item_id in (?, ?)', items[0], items[1])).toBe(0);
  });

  it('sends them exactly once when the signal returns; the staff plan shows them visited', async () => {
    await context.setOffline(false);
    await page.getByTestId('field-online').waitFor();
    await page.getByTestId('field-tab-outbox').click();
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await readOutbox()).filter((r) => r.state === 'done').length, POLL).toBe(2);
    const uuids = (await readOutbox()).map((r) => r.clientUuid);
    expect(count(`select count(*) n from field_sync_log where kind = 'home_visit' and client_uuid in (?, ?)`, ...uuids)).toBe(2);
    expect(count('select count(*) n from home_visits where plan_item_id in (?, ?)', items[0], items[1])).toBe(2);
    const met = db.prepare('select outcome, satisfaction, ticket_id from home_visits where plan_item_id = ?').get(items[0]) as { outcome: string; satisfaction: number; ticket_id: number };
    expect(met).toMatchObject({ outcome: 'met', satisfaction: 4 });
    expect((db.prepare('select channel, type from tickets where id = ?').get(met.ticket_id) as { channel: string }).channel).toBe('visit');
    expect((db.prepare('select outcome from home_visits where plan_item_id = ?').get(items[1]) as { outcome: string }).outcome).toBe('not_home');
    await shot('outbox-synced-zh');

    // Replay: every record answers duplicate and nothing is added.
    const before = count('select count(*) n from home_visits');
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('wuye-field');
          open.onsuccess = () => {
            const tx = open.result.transaction('outbox', 'readwrite');
            const store = tx.objectStore('outbox');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const r of all.result) store.put({ ...r, state: 'queued', attempts: 0, ids: undefined, duplicate: undefined });
            };
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await readOutbox()).filter((r) => r.duplicate === true).length, POLL).toBe(2);
    expect(count('select count(*) n from home_visits')).toBe(before);

    // The staff page (desktop) shows both households of the plan visited.
    const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const staff = await desk.newPage();
    await loginThroughForm(staff, 'cs1');
    await staff.goto('/relations/visits');
    await staff.getByTestId('visit-plan').first().waitFor();
    await expect.poll(() => staff.getByTestId(`record-${items[2]}`).count(), POLL).toBe(1);
    expect(await staff.getByTestId(`record-${items[0]}`).count()).toBe(0);
    expect(await staff.getByTestId(`record-${items[1]}`).count()).toBe(0);
    await desk.close();
  });

  it('a supervisor discards another user\'s unsent visit with a reason; others cannot (rule 8)', async () => {
    await context.setOffline(true);
    await page.goto(`/field/visits/${items[2]}`);
    await page.getByTestId('visit-met-other').fill('户主');
    await page.getByTestId('visit-submit').click();
    await page.waitForURL(/\/field\/visits$/);
    const third = (await readOutbox()).find((r) => r.state === 'queued')!;
    await page.getByTestId('field-logout').click();
    await page.waitForURL(/\/login/);
    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await context.setOffline(false);
    await loggedOut;

    // cs2 is a peer: he sees it waiting but has no discard.
    await loginThroughForm(page, 'cs2');
    await page.goto('/field/outbox');
    await page.getByTestId('others-pending').waitFor();
    expect(await page.getByTestId('discard-foreign').count()).toBe(0);
    await page.getByTestId('field-logout').click();
    await page.waitForURL(/\/login/);

    await loginThroughForm(page, 'assistant');
    await page.goto('/field/outbox');
    await page.getByTestId('others-owner').waitFor();
    expect(await page.getByTestId('others-owner').textContent()).toContain('1');
    await page.getByTestId('discard-reason').fill('张敏调岗，手机交回客服中心');
    await shot('discard-zh');
    await page.getByTestId('discard-foreign').click();
    await page.getByTestId('discard-confirm').click();
    await expect.poll(async () => (await readOutbox()).some((r) => r.clientUuid === third.clientUuid), POLL).toBe(false);
    const row = db.prepare('select kind, owner_id, reason from field_discards where client_uuid = ?').get(third.clientUuid) as { kind: string; owner_id: number; reason: string };
    expect(row).toEqual({ kind: 'home_visit', owner_id: (db.prepare("select id from users where username = 'cs1'").get() as { id: number }).id, reason: '张敏调岗，手机交回客服中心' });
    expect(count("select count(*) n from audit_log where entity = 'field_record' and action = 'discard'")).toBe(1);
    expect(count('select count(*) n from home_visits where plan_item_id = ?', items[2])).toBe(0);
  });

  it('shows the visit screens in English', async () => {
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Outbox', { exact: true }).first().waitFor();
    await page.getByTestId('field-logout').click();
    await page.waitForURL(/\/login/);
    await loginThroughForm(page, 'cs1');
    await page.goto('/field');
    await page.getByTestId('pack-fetch').click();
    await page.getByTestId('pack-saved').waitFor();
    await page.getByTestId('field-tab-visits').click();
    await page.getByText("Today's home visits", { exact: false }).waitFor();
    await shot('plan-en');
    await page.getByTestId(`visit-${items[2]}`).click();
    await page.getByTestId('visit-submit').waitFor();
    await shot('form-en');
  });
});
