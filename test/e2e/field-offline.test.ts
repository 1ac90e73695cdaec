/**
 * The field phone app offline, in Chromium at 390 px against the real server (demo estate 翠湖花园):
 *  1. the director sets up two checkpoints on an ordered route and a plan whose slot is now, done by
 *     the east area's administrator (cs1);
 *  2. cs1 signs in on the phone, downloads today's task pack, and the service worker takes the page;
 *  3. without signal: opens the printed QR link of checkpoint 1 (/field/scan?t=…), reports an issue
 *     with a camera photo (a 2400×1800 JPEG, resized on the phone), answers the rest; records
 *     checkpoint 2 by hand with a reason; reloads the page (the app shell comes from the worker);
 *  4. signal again: 立即同步; the server has each result, photo and finding exactly once, the task
 *     is done and the finding became a ticket;
 *  5. the whole outbox is replayed once more: every record answers `duplicate`, nothing is added.
 * Screenshots of the phone pages in Chinese and English go to screenshots/field-*.png.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, loginThroughForm, ROOT } from './server.ts';
import { e2eSuite, PHONE } from './suite.ts';

const SHOTS = path.join(ROOT, 'screenshots');
const POLL = { timeout: 30_000, interval: 200 };

const suite = e2eSuite({ shotsDir: SHOTS });
let context: BrowserContext;
let page: Page;
let director: Awaited<ReturnType<typeof apiLogin>>;
let db: Database.Database;
let estateId = 0;
let cps: number[] = [];
let token = '';

interface Me {
  estates: { id: number; name: string; areas: { id: number; name: string }[] }[];
}
interface OutboxRow {
  clientUuid: string;
  kind: string;
  state: string;
  duplicate?: boolean;
  attempts?: number;
  lastError?: string;
  payload: { taskId?: number };
}

/** China wall time now, floored to 5 minutes, minus `backMin`: "HH:MM". */
function chinaSlotStart(backMin: number): string {
  const d = new Date(Date.now() + 8 * 3_600_000 - backMin * 60_000);
  const m = Math.floor(d.getUTCMinutes() / 5) * 5;
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function shot(name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `field-${name}.png`), fullPage: true });
}

/** The outbox records in this browser's IndexedDB, read the way the app stores them. */
function readOutbox(): Promise<OutboxRow[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('wuye-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => resolve((req.result as OutboxRow[]).map((r) => ({ clientUuid: r.clientUuid, kind: r.kind, state: r.state, duplicate: r.duplicate, attempts: r.attempts, lastError: r.lastError, payload: { taskId: r.payload.taskId } })));
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Answers every item of the open checkpoint form "ok" (or in range), except those already answered. */
async function answerRest() {
  const items = page.locator('[data-testid^="item-"].wd-field-item');
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    const ok = item.locator('label:has(input[value="ok"])');
    if (await ok.count()) {
      if (!(await item.locator('.ant-radio-button-wrapper-checked').count())) await ok.click();
      continue;
    }
    const num = item.locator('input.ant-input-number-input');
    if (await num.count()) {
      if (!(await num.inputValue())) await num.fill('1');
      continue;
    }
    const select = item.locator('.ant-select');
    if (await select.count()) {
      await select.click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
      continue;
    }
    const text = item.locator('input');
    if (await text.count()) await text.first().fill('正常');
  }
}

beforeAll(async () => {
  director = await suite.api('director');
  const me = await director.get<Me>('/api/v1/auth/me');
  const estate = me.estates[0]!;
  estateId = estate.id;
  const east = estate.areas.find((a) => a.name.includes('东'))!;
  const templates = await director.get<{ items: { id: number; familyId: number; kind: string; status: string }[] }>(`/api/v1/rounds/templates?estateId=${estateId}`);
  const tpl = templates.items.find((x) => x.kind === 'patrol' && x.status === 'published')!;
  for (const n of [1, 2]) {
    const cp = await director.post<{ id: number }>('/api/v1/rounds/checkpoints', { estateId, areaId: east.id, code: `PWA-${n}`, name: `${n} 号楼地下车库`, target: 'building', location: `B${n} 东侧`, templateFamilyId: tpl.familyId });
    cps.push(cp.id);
  }
  const route = await director.post<{ id: number }>('/api/v1/rounds/routes', { estateId, areaId: east.id, name: '离线巡检路线', ordered: true, checkpointIds: cps });
  await director.post('/api/v1/rounds/plans', { estateId, areaId: east.id, name: '东区地库巡检', kind: 'patrol', routeId: route.id, recurrence: 'daily', slots: [{ start: chinaSlotStart(10), windowMin: 180 }], startsOn: chinaToday() });
  db = new Database(path.join(suite.server.dataDir, 'wuye.db'), { readonly: true, fileMustExist: true });
  token = (db.prepare('select qr_token from checkpoints where id = ?').get(cps[0]) as { qr_token: string }).qr_token;

  context = await suite.newContext({ viewport: PHONE, context: { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 180_000);

afterAll(async () => {
  db?.close();
});

describe('field app offline', () => {
  let taskId = 0;
  const jpegPromise = sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#888888', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .toBuffer();

  it('signs in on the phone, downloads the task pack and is taken by the service worker', async () => {
    await loginThroughForm(page, 'cs1');
    await page.goto('/field');
    await page.getByTestId('pack-fetch').click();
    await page.getByTestId('pack-saved').waitFor();
    const task = page.locator('[data-testid^="task-"]', { hasText: '东区地库巡检' });
    await task.waitFor();
    taskId = Number((await task.getAttribute('data-testid'))!.slice('task-'.length));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    // The worker holds the page shell and the field pages' code.
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
    expect(cached).toContain('/index.html');
    expect(cached.some((p) => /\/assets\/CheckpointPage-.*\.js$/.test(p))).toBe(true);
    // Installable: Chromium reads the manifest without errors (name, icons, start URL in scope).
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toMatch(/\/field\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data!).name).toBe('物业客服中心 · 巡检');
    const install = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // Playwright's contexts are incognito, where Chromium never offers installing; nothing else may be missing.
    expect(install.installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await cdp.detach();
    await shot('today-zh');
  });

  it('completes the round without signal: QR link, an issue with a photo, a hand record', async () => {
    await context.setOffline(true);
    await page.getByTestId(`task-${taskId}`).click();
    await page.getByTestId('field-offline').waitFor();
    await shot('task-zh');

    // The printed QR code opens this link in the phone's camera app; offline, the worker answers.
    await page.goto(`/field/scan?t=${token}`);
    await page.getByTestId('cp-verified').waitFor();
    const first = page.locator('[data-testid^="item-"].wd-field-item').first();
    const itemId = (await first.getAttribute('data-testid'))!.slice('item-'.length);
    await first.locator('label:has(input[value="issue"])').click();
    // Submitting without the description and photo names both.
    await page.getByTestId('cp-submit').click();
    await expect.poll(() => first.locator('.wd-field-error').count(), POLL).toBeGreaterThanOrEqual(2);
    await page.getByTestId(`item-desc-${itemId}`).fill('消防通道堆放纸箱，无法通行');
    await page.getByTestId(`item-photo-${itemId}`).setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await jpegPromise });
    await first.locator('.wd-field-photos img').waitFor();
    await answerRest();
    await shot('checkpoint-zh');
    await page.getByTestId('cp-submit').click();
    await page.waitForURL(new RegExp(`/field/tasks/${taskId}$`));
    await expect.poll(() => page.getByTestId(`cp-${cps[0]}`).getAttribute('data-mark'), POLL).toBe('queued');

    // Checkpoint 2: the label is unreadable; recorded by hand with a reason (unverified).
    await page.getByTestId(`cp-manual-${cps[1]}`).click();
    await page.getByTestId('cp-unverified').waitFor();
    await page.getByTestId('cp-all-ok').click();
    await answerRest();
    await page.getByTestId('cp-submit').click();
    await expect.poll(() => page.locator('.wd-field-error').count(), POLL).toBe(1); // the reason is required
    await page.getByTestId('cp-reason').fill('二维码标签被油漆覆盖');
    await page.getByTestId('cp-submit').click();
    await page.waitForURL(new RegExp(`/field/tasks/${taskId}$`));

    // Reload without signal: the shell comes from the service worker, the marks from IndexedDB.
    await page.reload();
    await page.getByTestId('field-offline').waitFor();
    await expect.poll(() => page.getByTestId(`cp-${cps[1]}`).getAttribute('data-mark'), POLL).toBe('queued');
    await shot('task-queued-zh');
    await page.getByTestId('field-tab-outbox').click();
    await expect.poll(() => page.locator('[data-testid=outbox-item][data-state=queued]').count(), POLL).toBe(3);
    await shot('outbox-offline-zh');
    const rows = await readOutbox();
    expect(rows.map((r) => r.kind).sort()).toEqual(['photo', 'round_result', 'round_result']);
    // Nothing reached the server.
    expect((db.prepare('select count(*) n from round_results where task_id = ?').get(taskId) as { n: number }).n).toBe(0);
  });

  it('sends everything exactly once when the signal returns', async () => {
    await context.setOffline(false);
    await page.getByTestId('field-online').waitFor();
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await readOutbox()).filter((r) => r.state === 'done').length, POLL).toBe(3);
    const rows = await readOutbox();
    const results = rows.filter((r) => r.kind === 'round_result').map((r) => r.clientUuid);
    const photos = rows.filter((r) => r.kind === 'photo').map((r) => r.clientUuid);
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    expect(count(`select count(*) n from round_results where client_uuid in (?, ?)`, ...results)).toBe(2);
    expect(count('select count(*) n from round_results where task_id = ?', taskId)).toBe(2);
    expect(count('select count(*) n from field_photos where client_uuid = ?', photos[0])).toBe(1);
    expect(count('select count(*) n from round_findings where task_id = ?', taskId)).toBe(1);
    const finding = db.prepare('select photo_ids, ticket_id, status from round_findings where task_id = ?').get(taskId) as { photo_ids: string; ticket_id: number | null; status: string };
    const photoId = (db.prepare('select id from field_photos where client_uuid = ?').get(photos[0]) as { id: number }).id;
    expect(JSON.parse(finding.photo_ids)).toEqual([photoId]);
    expect(finding.status).toBe('ticketed');
    expect(finding.ticket_id).not.toBeNull();
    const methods = db.prepare('select scan_method m from round_results where task_id = ? order by checkpoint_id').all(taskId) as { m: string }[];
    expect(methods.map((x) => x.m)).toEqual(['qr', 'manual']);
    // Resized on the phone: long edge 1600 px.
    const res = await fetch(`${suite.server.url}/api/v1/field/photos/${photoId}`, { headers: { cookie: await cookieOf('director') } });
    expect(res.status).toBe(200);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(1600);
    const task = await director.get<{ status: string }>(`/api/v1/rounds/tasks/${taskId}`);
    expect(task.status).toBe('done');
    await expect.poll(() => page.locator('[data-testid=outbox-item][data-state=done]').count(), POLL).toBe(3);
    await shot('outbox-synced-zh');
  });

  it('replays the outbox once more: every record is a duplicate, nothing is added', async () => {
    const before = ['round_results', 'field_photos', 'round_findings', 'tickets'].map((t) => (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('wuye-field');
          open.onsuccess = () => {
            const tx = open.result.transaction('outbox', 'readwrite');
            const store = tx.objectStore('outbox');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const r of all.result) store.put({ ...r, state: 'queued', attempts: 0, photoId: undefined, ids: undefined, duplicate: undefined });
            };
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await readOutbox()).filter((r) => r.state === 'done' && r.duplicate === true).length, POLL).toBe(3);
    const after = ['round_results', 'field_photos', 'round_findings', 'tickets'].map((t) => (db.prepare(`select count(*) n from ${t}`).get() as { n: number }).n);
    expect(after).toEqual(before);
  });

  it('shows the phone pages in English', async () => {
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Outbox', { exact: true }).first().waitFor();
    await shot('outbox-en');
    await page.goto('/field');
    await page.getByText('Download', { exact: false }).or(page.getByText('Update task pack')).first().waitFor();
    await shot('today-en');
    await page.getByTestId(`task-${taskId}`).click();
    await shot('task-en');
    await page.getByTestId(`cp-manual-${cps[0]}`).click();
    await page.getByTestId('cp-unverified').waitFor();
    await shot('checkpoint-en');
  });

  it('keeps one user’s unsent records from the next user of the phone until he returns (rule 8)', async () => {
    const count = () => (db.prepare('select count(*) n from round_results where task_id = ?').get(taskId) as { n: number }).n;
    await context.setOffline(true);
    // A second look at checkpoint 1 (an extra observation), recorded offline, then signing out.
    await page.goto(`/field/tasks/${taskId}/cp/${cps[0]}?method=manual`);
    await page.getByTestId('cp-reason').fill('复查：纸箱是否已清走');
    await answerRest();
    await page.getByTestId('cp-submit').click();
    await page.waitForURL(new RegExp(`/field/tasks/${taskId}$`));
    const extra = (await readOutbox()).find((r) => r.state === 'queued')!;
    expect(extra.kind).toBe('round_result');
    await page.getByTestId('field-logout').click();
    await page.waitForURL(/\/login/);
    // Sent records are cleared at logout; the unsent one stays.
    expect((await readOutbox()).map((r) => r.clientUuid)).toEqual([extra.clientUuid]);

    // The server session could not be ended offline: the app ends it when the signal returns.
    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await context.setOffline(false);
    expect((await loggedOut).status()).toBe(200);
    await loginThroughForm(page, 'cs2');
    await page.goto('/field/outbox');
    await page.getByTestId('sync-now').click();
    await page.getByText(/另一用户|another user/).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=sync-now] .anticon-spin'));
    // Still waiting for cs1: queued, or 'sending' if cs1's own attempt when the signal came back was cut
    // off by the page change to the login form (a leftover 'sending' counts as queued, core/outbox.ts).
    await expect
      .poll(async () => {
        const state = (await readOutbox()).find((r) => r.clientUuid === extra.clientUuid)?.state;
        return state === 'queued' || state === 'sending' ? 'waiting' : state;
      }, POLL)
      .toBe('waiting');
    expect(count()).toBe(2);
    await page.getByTestId('field-logout').click();
    await page.waitForURL(/\/login/);

    // cs1 back: the app sends it at start.
    await loginThroughForm(page, 'cs1');
    await page.goto('/field');
    await expect
      .poll(async () => {
        const r = (await readOutbox()).find((x) => x.clientUuid === extra.clientUuid);
        return `${r?.state} ${r?.lastError ?? ''}`.trim();
      }, POLL)
      .toBe('done');
    expect(count()).toBe(3);
    expect((db.prepare('select by_user_id u from round_results where client_uuid = ?').get(extra.clientUuid) as { u: number }).u).toBe(
      (db.prepare("select id from users where username = 'cs1'").get() as { id: number }).id,
    );
  });
});

async function cookieOf(username: string): Promise<string> {
  const res = await fetch(`${suite.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
