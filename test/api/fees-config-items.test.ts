/** Fee items and prices: defaults of a new estate, validation, versioned prices, archive, audit, roles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { addDays, addMonths, areaCharge, meteredCharge } from '../../src/core/fees.ts';
import { loadFeeItems, priceOnDate } from '../../src/server/modules/fees/items/items.repository.ts';
import { itemAppliesTo, priceOn } from '../../src/server/modules/fees/items/items.model.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertLine } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let today: string;
let period: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  today = localDate(t.clock.now());
  period = today.slice(0, 7);
});
afterAll(() => t.close());

const items = async (estateId = ids.estate, user = 'director') => {
  const res = await t.as(user, 'GET', `/api/v1/fees/items?estateId=${estateId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as any[];
};
const byCode = async (code: string, estateId = ids.estate) => (await items(estateId)).find((i) => i.code === code);
const audits = (entity: string, entityId: number | string) =>
  t.db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', String(entityId)).orderBy('id').execute();

const base = () => ({
  estateId: ids.estate,
  code: 'TEST_PMF',
  name: '物业管理费（别墅）',
  kind: 'area',
  cycleMonths: 3,
  billDay: 1,
  dueDay: 15,
  usages: ['residential'],
  price: { effectiveFrom: '2026-01-01', price: 38000 },
});

describe('default fee items', () => {
  it('the demo estate 翠湖花园 starts with the usual items in Chinese, with prices in force today', async () => {
    const list = await items();
    const names = list.map((i) => i.name);
    for (const n of ['物业管理费（住宅）', '物业管理费（商铺、写字楼）', '水费', '电费', '燃气费', '公摊电费', '车位管理费', '特约服务费']) expect(names).toContain(n);
    const pmf = list.find((i) => i.code === 'PMF');
    expect(pmf).toMatchObject({ kind: 'area', usages: ['residential'], cycleMonths: 1, targetRate: 9500, lateRatePpm: 500, lateStart: 'deadline_notice', lateCapBp: 10_000, archivedAt: null });
    expect(pmf.currentPrice.price).toBe(25000);
    const power = list.find((i) => i.code === 'POWER');
    expect(power).toMatchObject({ kind: 'metered', meterKind: 'electricity', targetRate: 10_000 });
    expect(power.currentPrice.tiers).toEqual([{ upTo: 260, price: 5283 }, { upTo: 600, price: 5783 }, { upTo: null, price: 8283 }]);
    // 300 度: 260 × 0.5283 + 40 × 0.5783 = 137.358 + 23.132 = 160.49 元
    expect(meteredCharge(300, power.currentPrice.price, power.currentPrice.tiers)).toBe(16049);
    expect(list.find((i) => i.code === 'WATER').currentPrice.price).toBe(34500);
    expect(list.find((i) => i.code === 'SHARED_POWER')).toMatchObject({ kind: 'shared', meterKind: 'electricity' });
    expect(list.find((i) => i.code === 'PARKING')).toMatchObject({ kind: 'fixed', usages: ['parking'] });
    expect(list.find((i) => i.code === 'PARKING').currentPrice.amount).toBe(15000);
    expect(list.find((i) => i.code === 'SERVICE')).toMatchObject({ kind: 'service', targetRate: 10_000 });
    // 89.50 m² × 2.50 元 = 223.75 元 a month
    expect(areaCharge(8950, pmf.currentPrice.price, 1)).toBe(22375);
  });

  it('a new estate gets its own set', async () => {
    const res = await t.as('admin', 'POST', '/api/v1/estates', { code: 'JINXIU', name: '锦绣园' });
    expect(res.statusCode).toBe(201);
    const list = await items(res.json().id, 'admin');
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list.every((i) => i.estateId === res.json().id && i.currentPrice)).toBe(true);
    // the director is not assigned to it
    expect((await t.as('director', 'GET', `/api/v1/fees/items?estateId=${res.json().id}`)).statusCode).toBe(404);
  });
});

describe('creating and changing items', () => {
  it('creates an item with its first price, recorded in the audit log', async () => {
    const res = await t.as('assistant', 'POST', '/api/v1/fees/items', base());
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ code: 'TEST_PMF', kind: 'area', cycleMonths: 3, targetRate: 9500, lateRatePpm: 500, lateGraceDays: 0, lateStart: 'deadline_notice', lateCapBp: 10_000, meterKind: null, buildingIds: [] });
    expect(item.prices).toHaveLength(1);
    expect(item.currentPrice).toMatchObject({ effectiveFrom: '2026-01-01', price: 38000, tiers: null, amount: null });
    const log = await audits('fee_item', item.id);
    expect(log.map((l) => l.action)).toEqual(['create']);
    expect(log[0]!.actor_name).toBe('assistant');
  });

  it('refuses a second item with the same code (409 naming code)', async () => {
    const res = await t.as('assistant', 'POST', '/api/v1/fees/items', base());
    expect(res.statusCode).toBe(409);
    expect(Object.keys(res.json().error.fields)).toEqual(['code']);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['metered without meter kind', { kind: 'metered', price: { effectiveFrom: '2026-01-01', price: 300 } }, 'meterKind'],
    ['a meter kind on an area item', { meterKind: 'water' }, 'meterKind'],
    ['tiers that do not rise', { kind: 'metered', meterKind: 'electricity', price: { effectiveFrom: '2026-01-01', price: 5283, tiers: [{ upTo: 260, price: 5283 }, { upTo: 200, price: 5783 }, { upTo: null, price: 8283 }] } }, 'price.tiers.1'],
    ['tiers without an open last tier', { kind: 'metered', meterKind: 'electricity', price: { effectiveFrom: '2026-01-01', price: 5283, tiers: [{ upTo: 260, price: 5283 }] } }, 'price.tiers.0'],
    ['tiers on an area item', { price: { effectiveFrom: '2026-01-01', price: 25000, tiers: [{ upTo: null, price: 25000 }] } }, 'price.tiers'],
    ['a fixed charge without amount', { kind: 'fixed', usages: ['parking'], price: { effectiveFrom: '2026-01-01', price: 0 } }, 'price.amount'],
    ['a fixed charge with a unit price', { kind: 'fixed', price: { effectiveFrom: '2026-01-01', price: 100, amount: 15000 } }, 'price.price'],
    ['an area item at price 0', { price: { effectiveFrom: '2026-01-01', price: 0 } }, 'price.price'],
    ['an amount on an area item', { price: { effectiveFrom: '2026-01-01', price: 25000, amount: 100 } }, 'price.amount'],
    ['a cycle of 2 months', { cycleMonths: 2 }, 'cycleMonths'],
    ['a bill day of 31', { billDay: 31 }, 'billDay'],
    ['a due day of 0', { dueDay: 0 }, 'dueDay'],
    ['an unknown usage', { usages: ['garden'] }, 'usages.0'],
    ['a building of another estate', { buildingIds: [999999] }, 'buildingIds.0'],
    ['a late rate above 1 % a day', { lateRatePpm: 20_000 }, 'lateRatePpm'],
    ['a cap above the principal', { lateCapBp: 12_000 }, 'lateCapBp'],
    ['an unknown late start', { lateStart: 'never' }, 'lateStart'],
    ['a code with spaces', { code: 'A B' }, 'code'],
    ['a price with a fraction', { price: { effectiveFrom: '2026-01-01', price: 2.5 } }, 'price.price'],
    ['a bad date', { price: { effectiveFrom: '2026-02-30', price: 25000 } }, 'price.effectiveFrom'],
    ['an unknown kind', { kind: 'donation' }, 'kind'],
  ];
  for (const [label, over, field] of bad) {
    it(`400 for ${label}, naming ${field}`, async () => {
      const before = (await items()).length;
      const res = await t.as('director', 'POST', '/api/v1/fees/items', { ...base(), code: 'BAD1', ...over });
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
      expect((await items()).length).toBe(before);
    });
  }

  it('accepts every kind with its own rules', async () => {
    const ok = [
      { code: 'K_WATER2', kind: 'metered', meterKind: 'water', price: { effectiveFrom: '2026-01-01', price: 41000 } },
      { code: 'K_SHARED_W', kind: 'shared', meterKind: 'water', price: { effectiveFrom: '2026-01-01', price: 34500 } },
      { code: 'K_FIXED', kind: 'fixed', usages: ['parking'], price: { effectiveFrom: '2026-01-01', price: 0, amount: 8000 } },
      { code: 'K_ONEOFF', kind: 'one_off', usages: [], price: { effectiveFrom: '2026-01-01', price: 0 } },
      { code: 'K_SERVICE', kind: 'service', price: { effectiveFrom: '2026-01-01', price: 0, amount: 5000 } },
      { code: 'K_BUILDING', kind: 'area', buildingIds: [ids.eastUnit.buildingId], cycleMonths: 12, price: { effectiveFrom: '2026-01-01', price: 30000 } },
    ];
    for (const o of ok) {
      const res = await t.as('director', 'POST', '/api/v1/fees/items', { ...base(), ...o });
      expect(res.statusCode, `${o.code} ${res.body}`).toBe(201);
    }
    expect(await byCode('K_SHARED_W')).toMatchObject({ targetRate: 10_000, meterKind: 'water' });
    expect(await byCode('K_BUILDING')).toMatchObject({ buildingIds: [ids.eastUnit.buildingId], cycleMonths: 12 });
  });

  it('PATCH changes the item, not its kind or estate, and audits the difference', async () => {
    const item = await byCode('TEST_PMF');
    const res = await t.as('director', 'PATCH', `/api/v1/fees/items/${item.id}`, { name: '物业管理费（别墅区）', dueDay: 20, lateGraceDays: 5, lateStart: 'due', lateCapBp: 5000, usages: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '物业管理费（别墅区）', dueDay: 20, lateGraceDays: 5, lateStart: 'due', lateCapBp: 5000, usages: [], kind: 'area' });
    expect((await t.as('director', 'PATCH', `/api/v1/fees/items/${item.id}`, { kind: 'fixed' })).statusCode).toBe(400);
    expect((await t.as('director', 'PATCH', `/api/v1/fees/items/${item.id}`, { estateId: 2 })).statusCode).toBe(400);
    const metered = await byCode('WATER');
    const noKind = await t.as('director', 'PATCH', `/api/v1/fees/items/${metered.id}`, { meterKind: null });
    expect(noKind.statusCode).toBe(400);
    expect(Object.keys(noKind.json().error.fields)).toEqual(['meterKind']);
    const clash = await t.as('director', 'PATCH', `/api/v1/fees/items/${item.id}`, { code: 'WATER' });
    expect(clash.statusCode).toBe(409);
    const log = await audits('fee_item', item.id);
    expect(log.at(-1)!.action).toBe('update');
    expect(JSON.parse(log.at(-1)!.detail!)).toMatchObject({ name: ['物业管理费（别墅）', '物业管理费（别墅区）'], due_day: [15, 20] });
  });
});

describe('prices by effective date', () => {
  it('adds a price version; the old one stays; priceOn picks the one in force on a day', async () => {
    const item = await byCode('TEST_PMF');
    const next = `${addMonths(period, 2)}-01`;
    const res = await t.as('assistant', 'POST', `/api/v1/fees/items/${item.id}/prices`, { effectiveFrom: next, price: 42000, note: '业主大会通过调价' });
    expect(res.statusCode, res.body).toBe(201);
    const after = res.json();
    expect(after.prices.map((p: any) => [p.effectiveFrom, p.price])).toEqual([
      ['2026-01-01', 38000],
      [next, 42000],
    ]);
    // still the old price today; the new one from its date
    expect(after.currentPrice.price).toBe(38000);
    const loaded = (await loadFeeItems(t.db, ids.estate)).find((i) => i.id === item.id)!;
    expect(priceOn(loaded, today)!.price).toBe(38000);
    expect(priceOn(loaded, next)!.price).toBe(42000);
    expect(priceOn(loaded, addDays(next, -1))!.price).toBe(38000);
    expect(priceOn(loaded, '2025-12-31')).toBeNull();
    expect((await priceOnDate(t.db, item.id, next))!.price).toBe(42000);
    expect((await priceOnDate(t.db, item.id, today))!.price).toBe(38000);
    expect(await priceOnDate(t.db, item.id, '2025-06-01')).toBeNull();
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'fee_price').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.summary).toContain(next);
  });

  it('never changes a price: the same date again is 409', async () => {
    const item = await byCode('TEST_PMF');
    const res = await t.as('assistant', 'POST', `/api/v1/fees/items/${item.id}/prices`, { effectiveFrom: '2026-01-01', price: 1 });
    expect(res.statusCode).toBe(409);
    expect(Object.keys(res.json().error.fields)).toEqual(['effectiveFrom']);
    const rows = await t.db.selectFrom('fee_prices').select(['price']).where('fee_item_id', '=', item.id).where('effective_from', '=', '2026-01-01').execute();
    expect(rows).toEqual([{ price: 38000 }]);
  });

  it('a new price cannot reach back over a period already billed', async () => {
    const item = await byCode('PMF');
    await insertLine(t, ids.eastUnit.id, item.id, { amount: 22375, period, due_on: `${period}-20` });
    const res = await t.as('director', 'POST', `/api/v1/fees/items/${item.id}/prices`, { effectiveFrom: `${period}-01`, price: 28000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(period);
    const later = await t.as('director', 'POST', `/api/v1/fees/items/${item.id}/prices`, { effectiveFrom: `${addMonths(period, 1)}-01`, price: 28000 });
    expect(later.statusCode, later.body).toBe(201);
  });

  it('checks a new price against the item kind', async () => {
    const power = await byCode('POWER');
    const bad = await t.as('director', 'POST', `/api/v1/fees/items/${power.id}/prices`, { effectiveFrom: '2027-06-01', price: 5283, tiers: [{ upTo: 600, price: 5283 }, { upTo: 260, price: 5783 }, { upTo: null, price: 8283 }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['tiers.1']);
    const parking = await byCode('PARKING');
    const noAmount = await t.as('director', 'POST', `/api/v1/fees/items/${parking.id}/prices`, { effectiveFrom: '2027-06-01', price: 0 });
    expect(noAmount.statusCode).toBe(400);
    expect(Object.keys(noAmount.json().error.fields)).toEqual(['amount']);
    const ok = await t.as('director', 'POST', `/api/v1/fees/items/${parking.id}/prices`, { effectiveFrom: '2027-06-01', price: 0, amount: 18000 });
    expect(ok.statusCode).toBe(201);
  });
});

describe('archive', () => {
  it('archives instead of deleting; an archived item is listed with archivedAt and cannot be changed', async () => {
    const item = await byCode('K_ONEOFF');
    const res = await t.as('director', 'POST', `/api/v1/fees/items/${item.id}/archive`, { reason: '不再收取' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().archivedAt).toBeTruthy();
    expect((await byCode('K_ONEOFF')).archivedAt).toBeTruthy();
    expect((await t.as('director', 'POST', `/api/v1/fees/items/${item.id}/archive`, {})).statusCode).toBe(409);
    expect((await t.as('director', 'PATCH', `/api/v1/fees/items/${item.id}`, { name: 'x' })).statusCode).toBe(409);
    expect((await t.as('director', 'POST', `/api/v1/fees/items/${item.id}/prices`, { effectiveFrom: '2027-01-01', price: 0 })).statusCode).toBe(409);
    // the billing run's loader leaves archived items out unless asked
    expect((await loadFeeItems(t.db, ids.estate)).some((i) => i.id === item.id)).toBe(false);
    const all = await loadFeeItems(t.db, ids.estate, { includeArchived: true });
    const archived = all.find((i) => i.id === item.id)!;
    expect(itemAppliesTo(archived, { usage: 'residential', buildingId: ids.eastUnit.buildingId })).toBe(false);
    expect((await audits('fee_item', item.id)).map((l) => l.action)).toEqual(['create', 'archive']);
  });

  it('itemAppliesTo follows usages and buildings', async () => {
    const all = await loadFeeItems(t.db, ids.estate);
    const pmf = all.find((i) => i.code === 'PMF')!;
    const parking = all.find((i) => i.code === 'PARKING')!;
    const inBuilding = all.find((i) => i.code === 'K_BUILDING')!;
    expect(itemAppliesTo(pmf, { usage: 'residential', buildingId: 1 })).toBe(true);
    expect(itemAppliesTo(pmf, { usage: 'commercial', buildingId: 1 })).toBe(false);
    expect(itemAppliesTo(parking, { usage: 'parking', buildingId: 1 })).toBe(true);
    expect(itemAppliesTo(inBuilding, { usage: 'residential', buildingId: ids.eastUnit.buildingId })).toBe(true);
    expect(itemAppliesTo(inBuilding, { usage: 'residential', buildingId: ids.westUnit.buildingId })).toBe(false);
  });
});

describe('roles and scope', () => {
  it('only fee.config roles change items; fee.read roles read them', async () => {
    for (const user of ['cashier1', 'cs1', 'desk1']) {
      expect((await t.as(user, 'POST', '/api/v1/fees/items', { ...base(), code: 'NOPE' })).statusCode, user).toBe(403);
      expect((await t.as(user, 'GET', `/api/v1/fees/items?estateId=${ids.estate}`)).statusCode, user).toBe(200);
    }
    expect((await t.as('eng1', 'GET', `/api/v1/fees/items?estateId=${ids.estate}`)).statusCode).toBe(403);
    expect((await t.as('owner1', 'GET', `/api/v1/fees/items?estateId=${ids.estate}`)).statusCode).toBe(403);
  });

  it('an estate outside the caller\'s scope: 403 on create, 404 on its items', async () => {
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'LVYUAN', name: '绿苑' })).json().id;
    expect((await t.as('director', 'POST', '/api/v1/fees/items', { ...base(), estateId: other })).statusCode).toBe(403);
    const otherItem = (await items(other, 'admin'))[0];
    expect((await t.as('director', 'GET', `/api/v1/fees/items/${otherItem.id}`)).statusCode).toBe(404);
    expect((await t.as('director', 'PATCH', `/api/v1/fees/items/${otherItem.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await t.as('director', 'POST', `/api/v1/fees/items/${otherItem.id}/prices`, { effectiveFrom: '2027-01-01', price: 1 })).statusCode).toBe(404);
    expect((await t.as('admin', 'GET', `/api/v1/fees/items/${otherItem.id}`)).statusCode).toBe(200);
  });
});
