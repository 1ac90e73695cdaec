/**
 * The household archive in a real browser against the real server (demo estate 翠湖花园):
 *  1. cs1 (客服中心管理员, 东区) finds 陈建国 by name, opens 1-1-1201, sees the masked phone,
 *     reveals it, and the reveal is in the audit log;
 *  2. desk1 (前台) sees the same unit masked, without any reveal button;
 *  3. owner1 sees only his own home in the portal and is refused anyone else's unit, both in
 *     the portal and on the staff page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiLogin } from './server.ts';
import { e2eSuite } from './suite.ts';

const suite = e2eSuite({ timezoneId: null, pageTimeout: 20_000 });

const POLL = { timeout: 20_000, interval: 100 };
const OWNER = { name: '陈建国', label: '1-1-1201', masked: '139****5678', phone: '13912345678' };

interface UnitRow {
  id: number;
  label: string;
  ownerNames: string[];
  householdName: string | null;
  contactName: string | null;
}

let director: Awaited<ReturnType<typeof apiLogin>>;
let ownUnit: UnitRow;
let otherUnit: UnitRow;

beforeAll(async () => {
  director = await suite.api('director');
  const own = await director.get<{ items: UnitRow[] }>(`/api/v1/units?q=${OWNER.label}`);
  ownUnit = own.items.find((u) => u.label === OWNER.label)!;
  // Another household's unit, in the same building, with a different owner.
  const other = await director.get<{ items: UnitRow[] }>('/api/v1/units?q=1-1-1202');
  otherUnit = other.items.find((u) => u.label === '1-1-1202')!;
  expect(ownUnit).toBeTruthy();
  expect(otherUnit).toBeTruthy();
  expect(otherUnit.ownerNames.length).toBeGreaterThan(0);
  expect(otherUnit.ownerNames).not.toContain(OWNER.name);
});

describe('household archive in the browser', () => {
  it('cs1 finds 陈建国 by name, reveals his phone, and the reveal is audited', async () => {
    const page = await suite.signedIn('cs1');
    expect(new URL(page.url()).pathname).toBe('/units');

    const search = page.getByTestId('unit-search').locator('input');
    await search.fill(OWNER.name);
    await search.press('Enter');
    const table = page.getByTestId('units-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), POLL).toBe(1);
    const row = table.locator('tbody tr.ant-table-row', { hasText: OWNER.label });
    await expect.poll(() => row.textContent(), POLL).toContain(OWNER.name);
    await row.click();
    await page.waitForURL(`**/units/${ownUnit.id}`);
    await expect.poll(() => page.getByTestId('unit-title').textContent(), POLL).toBe(OWNER.label);

    await page.getByTestId('tab-household').click();
    const member = page.getByTestId('members-table').locator('tr.ant-table-row', { hasText: OWNER.name });
    await member.waitFor();
    expect(await member.textContent()).toContain(OWNER.masked);
    expect(await member.textContent()).not.toContain(OWNER.phone);
    await member.getByTestId('reveal').click();
    await expect.poll(() => member.textContent(), POLL).toContain(OWNER.phone);
    expect(await member.textContent()).not.toContain(OWNER.masked);

    const log = await director.get<{ items: Array<{ actorName: string; action: string; entity: string; summary: string; detail: { field?: string; unitId?: number } }> }>(
      '/api/v1/audit-log?action=reveal&actor=cs1',
    );
    const entry = log.items.find((e) => e.actorName === 'cs1' && e.action === 'reveal');
    expect(entry, 'a reveal entry by cs1').toBeTruthy();
    expect(entry!.entity).toBe('member');
    expect(entry!.detail.field).toBe('phone');
    expect(entry!.detail.unitId).toBe(ownUnit.id);
    expect(entry!.summary).toContain(OWNER.name);
  });

  it('desk1 sees the same unit masked, with no reveal button anywhere', async () => {
    const page = await suite.signedIn('desk1');
    await page.goto(`/units/${ownUnit.id}`);
    const member = page.getByTestId('members-table').locator('tr.ant-table-row', { hasText: OWNER.name });
    await member.waitFor();
    expect(await member.textContent()).toContain(OWNER.masked);
    expect(await page.getByTestId('reveal').count()).toBe(0);

    // Every tab that shows numbers: rendered, masked, and without a reveal button.
    for (const [tab, table] of [
      ['tab-ownership', 'owners-table'],
      ['tab-phones', 'phones-table'],
      ['tab-tenancy', 'tenancies-table'],
    ] as const) {
      await page.getByTestId(tab).click();
      const shown = page.getByTestId(table);
      await shown.waitFor();
      if (table !== 'tenancies-table') await expect.poll(() => shown.textContent(), POLL).toContain(OWNER.masked);
      expect(await page.getByTestId('reveal').count(), `reveal buttons on ${tab}`).toBe(0);
    }
    const body = await page.locator('body').textContent();
    expect(body).not.toContain(OWNER.phone);
  });

  it('owner1 sees only his own home and is refused any other unit', async () => {
    const page = await suite.signedIn('owner1');
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByTestId(`portal-unit-${ownUnit.id}`).waitFor();
    expect(await page.locator('[data-testid^="portal-unit-"]').count()).toBe(1);
    expect(await page.getByTestId('portal-address').textContent()).toBe(OWNER.label);
    const home = (await page.locator('main').textContent()) ?? '';
    expect(home).toContain(OWNER.name);
    expect(home).toContain(OWNER.masked);
    expect(home).not.toContain(OWNER.phone);

    const otherNames = [...otherUnit.ownerNames, otherUnit.contactName, otherUnit.householdName].filter((n): n is string => !!n);

    // The portal page of somebody else's unit: the API answers 404, the page refuses plainly.
    await page.goto(`/portal/units/${otherUnit.id}`);
    await page.getByTestId('refusal').waitFor();
    let text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('无权查看');
    for (const n of otherNames) expect(text).not.toContain(n);
    expect(text).not.toContain(otherUnit.label);

    // The staff page of that unit: refused without asking the server for it.
    const archiveRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes(`/api/v1/units/${otherUnit.id}`)) archiveRequests.push(r.url());
    });
    await page.goto(`/units/${otherUnit.id}`);
    await page.getByTestId('refusal').waitFor();
    text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('无权访问');
    for (const n of otherNames) expect(text).not.toContain(n);
    expect(text).not.toContain(otherUnit.label);
    expect(archiveRequests).toEqual([]);

    // And the API itself refuses him as well.
    const owner = await suite.api('owner1');
    await expect(owner.get(`/api/v1/portal/units/${otherUnit.id}`)).rejects.toThrow(/404/);
    await expect(owner.get(`/api/v1/units/${otherUnit.id}/archive`)).rejects.toThrow(/403/);
  });
});
