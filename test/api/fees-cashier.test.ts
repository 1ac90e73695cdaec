/**
 * The charging center: finding a unit, its account with late fees to date, payments allocated
 * oldest first and late fee before principal, partial and over-payments, prepaid, receipt numbers,
 * exactly-once payments (repeats and two cashiers at once), and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eastUnits, insertFeeItem, insertLine, paymentKey } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let item: number;
let spare: number[];
let today: string;
const key = paymentKey;

/** A unit of the east area nobody else in this file uses. */
const unit = () => spare.shift()!;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.setTo(new Date('2026-12-10T02:00:00Z'));
  today = localDate(t.clock.now());
  ids = await demoIds(t);
  item = await insertFeeItem(t, ids.estate);
  spare = await eastUnits(t, [ids.owner1Unit.id]);
  const res = await t.as('admin', 'POST', '/api/v1/users', { username: 'cashier2', displayName: '周敏（收银员）', role: 'cashier', password: 'Counter2026pw', scopes: [{ estateId: ids.estate }] });
  expect(res.statusCode, res.body).toBe(201);
  await t.login('cashier2', 'Counter2026pw');
});
afterAll(() => t.close());

const pay = (body: Record<string, unknown>, user = 'cashier1') => t.as(user, 'POST', '/api/v1/fees/payments', { method: 'cash', idempotencyKey: key(), ...body });
const account = async (unitId: number, user = 'cashier1') => {
  const res = await t.as(user, 'GET', `/api/v1/fees/units/${unitId}/account`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const lineRow = (id: number) => t.db.selectFrom('bill_lines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('finding a unit and its account', () => {
  it('finds owner1’s unit by room label, owner name and phone end, with phones masked', async () => {
    const u = await t.db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['b.code', 'u.entrance', 'u.number'])
      .where('u.id', '=', ids.owner1Unit.id)
      .executeTakeFirstOrThrow();
    const label = [u.code, u.entrance, u.number].filter(Boolean).join('-');
    expect(label).toBe('1-1-1201');
    const owner = await t.db.selectFrom('ownerships').select(['owner_name', 'phone']).where('unit_id', '=', ids.owner1Unit.id).where('ended_on', 'is', null).executeTakeFirstOrThrow();
    const member = await t.db
      .selectFrom('household_members')
      .select(['phone'])
      .where('household_id', '=', ids.owner1Unit.householdId!)
      .where('phone', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const search = async (q: string) => {
      const res = await t.as('cashier1', 'GET', `/api/v1/fees/units/search?estateId=${ids.estate}&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Array<{ unitId: number; unitLabel: string; ownerName: string; phoneMasked: string | null }>;
    };
    const byLabel = await search('1-1-1201');
    expect(byLabel.map((i) => i.unitId)).toEqual([ids.owner1Unit.id]);
    expect(byLabel[0]!.unitLabel).toBe('1-1-1201');
    expect(byLabel[0]!.ownerName).toContain(owner.owner_name);
    expect((await search(owner.owner_name)).map((i) => i.unitId)).toContain(ids.owner1Unit.id);
    const byPhone = await search(member.phone!.slice(-4));
    const hit = byPhone.find((i) => i.unitId === ids.owner1Unit.id)!;
    expect(hit).toBeDefined();
    expect(hit.phoneMasked).toMatch(/\*{4}/);
    const all = JSON.stringify(byPhone);
    expect(all).not.toContain(member.phone!);
    if (owner.phone) expect(all).not.toContain(owner.phone);
  });

  it('shows open lines with late fees to date, total due, prepaid and the current arrears step', async () => {
    const u = unit();
    const old = await insertLine(t, u, item, { amount: 10_000, period: '2026-09', due_on: '2026-09-15', late_from: '2026-11-03' }); // 37 days to 12-10
    const recent = await insertLine(t, u, item, { amount: 8_000, period: '2026-11', due_on: '2026-11-15' });
    await insertLine(t, u, item, { amount: 5_000, period: '2026-08', due_on: '2026-08-15', paid: 5_000, open: 0 });
    const step = (s: number, on: string) =>
      t.db.insertInto('arrears_steps').values({ estate_id: ids.estate, area_id: ids.east, unit_id: u, step: s, on_date: on, channel: 'notice', outstanding: 1, actor_name: 'x', created_at: '2026-01-01T00:00:00Z' }).execute();
    await step(5, '2025-03-01'); // an earlier episode, settled long ago
    await step(1, '2026-10-01');
    await step(2, '2026-11-03');
    const a = await account(u);
    expect(a.openLines.map((l: any) => l.id)).toEqual([old, recent]);
    const first = a.openLines[0];
    expect(first.lateFee).toBe(185); // 10000 × 37 × 0.05 %
    expect(first.lateDue).toBe(185);
    expect(first.totalDue).toBe(10_185);
    expect(a.totalDue).toBe(18_185);
    expect(a.prepaidBalance).toBe(0);
    expect(a.arrearsStep).toBe(2);
    expect(a.unitLabel).toMatch(/^\d+-/);
  });

  it('names a unit the same way everywhere: both current owners, largest share first, on the search, account, receipt, notice and arrears board', async () => {
    const u = unit();
    const own = (name: string, share: number) =>
      t.db.insertInto('ownerships').values({ estate_id: ids.estate, unit_id: u, owner_name: name, phone: null, id_number: null, share_percent: share, acquired_on: '2020-01-01', acquired_how: 'purchase', certificate_no: null, ended_on: null, end_reason: null, notes: null, created_at: '2026-01-01T00:00:00Z' }).execute();
    await t.db.updateTable('ownerships').set({ ended_on: '2025-12-31' }).where('unit_id', '=', u).where('ended_on', 'is', null).execute(); // sold to these two
    await own('乙业主', 30);
    await own('甲业主', 70);
    const line = await insertLine(t, u, item, { amount: 4_000, period: '2026-10', due_on: '2026-10-15' });
    await insertLine(t, u, item, { amount: 4_000, period: '2026-11', due_on: '2026-11-15' });
    const names = '甲业主、乙业主';
    const a = await account(u);
    expect(a.ownerName).toBe(names);
    const hits = (await t.as('cashier1', 'GET', `/api/v1/fees/units/search?estateId=${ids.estate}&q=${encodeURIComponent('乙业主')}`)).json().items;
    expect(hits.find((h: any) => h.unitId === u).ownerName).toBe(names);
    const notice = (await t.as('cashier1', 'GET', `/api/v1/fees/notices?estateId=${ids.estate}&period=2026-11`)).json().items.find((n: any) => n.unitId === u);
    expect(notice.ownerName).toBe(names);
    const board = (await t.as('cs1', 'GET', `/api/v1/fees/arrears?estateId=${ids.estate}&q=${encodeURIComponent('甲业主')}`)).json().items;
    expect(board.map((r: any) => [r.unitId, r.ownerName])).toEqual([[u, names]]);
    expect((await t.as('cs1', 'GET', `/api/v1/fees/arrears/${u}`)).json().ownerName).toBe(names);
    const paid = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId: u, lineIds: [line], amount: 4_000, expectedDue: 4_000, method: 'cash', idempotencyKey: key() });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().ownerName).toBe(names);
  });
});

describe('payments', () => {
  it('allocates oldest first, late fee before principal; partial payments; receipt with allocations', async () => {
    const u = unit();
    const l1 = await insertLine(t, u, item, { amount: 10_000, period: '2026-09', due_on: '2026-09-15', late_from: '2026-11-03' });
    const l2 = await insertLine(t, u, item, { amount: 8_000, period: '2026-10', due_on: '2026-10-15' });
    const l3 = await insertLine(t, u, item, { amount: 6_000, period: '2026-11', due_on: '2026-11-15' });

    const res = await pay({ unitId: u, amount: 12_000, expectedDue: 24_185, payerName: '王先生' });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.receiptNo).toMatch(/^CUIHU-2026-\d{6}$/);
    expect(p.allocations).toEqual([
      { lineId: l1, itemName: '物业管理费', period: '2026-09', principal: 10_000, lateFee: 185 },
      { lineId: l2, itemName: '物业管理费', period: '2026-10', principal: 1_815, lateFee: 0 },
    ]);
    expect(p).toMatchObject({ amount: 12_000, toPrepaid: 0, status: 'valid', businessDate: today, cashierName: '孙丽（收银员）', payerName: '王先生', unitId: u });
    expect((await lineRow(l1)).open).toBe(0);
    expect(await lineRow(l2)).toMatchObject({ paid: 1_815, open: 1 });
    const audit = await t.db.selectFrom('audit_log').select(['summary']).where('entity', '=', 'payment').where('entity_id', '=', String(p.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain(p.receiptNo);

    const receipt = await t.as('assistant', 'GET', `/api/v1/fees/payments/${p.id}`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ estateName: '翠湖花园', receiptNo: p.receiptNo, allocations: p.allocations, reversal: null });

    // The rest, choosing only the newest line: the older one stays open.
    const only3 = await pay({ unitId: u, lineIds: [l3], amount: 6_000, expectedDue: 6_000 });
    expect(only3.statusCode, only3.body).toBe(201);
    expect(only3.json().allocations).toEqual([{ lineId: l3, itemName: '物业管理费', period: '2026-11', principal: 6_000, lateFee: 0 }]);
    const a = await account(u);
    expect(a.openLines.map((l: any) => [l.id, l.totalDue])).toEqual([[l2, 6_185]]);
    expect(a.payments.map((x: any) => x.id)).toEqual([only3.json().id, p.id]);

    const list = await t.as('cashier1', 'GET', `/api/v1/fees/payments?estateId=${ids.estate}&unitId=${u}&method=cash`);
    expect(list.json().total).toBe(2);
  });

  it('refuses more than the chosen lines owe unless the rest goes to prepaid; pays from prepaid', async () => {
    const u = unit();
    const l1 = await insertLine(t, u, item, { amount: 3_000, period: '2026-10', due_on: '2026-10-15' });
    const over = await pay({ unitId: u, amount: 5_000, expectedDue: 3_000 });
    expect(over.statusCode).toBe(400);
    expect(Object.keys(over.json().error.fields)).toEqual(['amount']);
    expect(await t.db.selectFrom('payments').select('id').where('unit_id', '=', u).execute()).toHaveLength(0);

    const ok = await pay({ unitId: u, amount: 5_000, expectedDue: 3_000, toPrepaid: true, method: 'wechat' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ amount: 5_000, toPrepaid: 2_000, method: 'wechat' });
    expect((await account(u)).prepaidBalance).toBe(2_000);
    expect((await lineRow(l1)).open).toBe(0);

    // A deposit by itself.
    const dep = await t.as('cashier1', 'POST', '/api/v1/fees/prepaid', { unitId: u, amount: 1_000, method: 'cash', idempotencyKey: key() });
    expect(dep.statusCode, dep.body).toBe(201);
    expect(dep.json()).toMatchObject({ amount: 1_000, toPrepaid: 1_000, allocations: [] });
    expect((await account(u)).prepaidBalance).toBe(3_000);

    const l2 = await insertLine(t, u, item, { amount: 2_500, period: '2026-11', due_on: '2026-11-15' });
    const short = await pay({ unitId: u, amount: 3_500, expectedDue: 2_500, method: 'prepaid' });
    expect(short.statusCode).toBe(409); // more than the balance holds
    const tooMuch = await pay({ unitId: u, amount: 2_500, expectedDue: 2_500, method: 'prepaid', toPrepaid: true });
    expect(tooMuch.statusCode).toBe(400);
    expect(Object.keys(tooMuch.json().error.fields)).toEqual(['toPrepaid']);
    const fromPrepaid = await pay({ unitId: u, amount: 2_500, expectedDue: 2_500, method: 'prepaid' });
    expect(fromPrepaid.statusCode, fromPrepaid.body).toBe(201);
    expect((await lineRow(l2)).open).toBe(0);
    expect((await account(u)).prepaidBalance).toBe(500);
    const entries = await t.db.selectFrom('prepaid_entries').select(['kind', 'amount']).where('unit_id', '=', u).orderBy('id').execute();
    expect(entries).toEqual([
      { kind: 'deposit', amount: 2_000 },
      { kind: 'deposit', amount: 1_000 },
      { kind: 'use', amount: -2_500 },
    ]);

    await insertLine(t, u, item, { amount: 900, period: '2026-12', due_on: '2026-12-15' });
    const noCover = await pay({ unitId: u, amount: 900, expectedDue: 900, method: 'prepaid' });
    expect(noCover.statusCode).toBe(409);
    expect(noCover.json().error.message).toContain('预存余额不足');
  });

  it('a transfer needs its reference number', async () => {
    const u = unit();
    await insertLine(t, u, item, { amount: 1_000, period: '2026-10', due_on: '2026-10-15' });
    const res = await pay({ unitId: u, amount: 1_000, expectedDue: 1_000, method: 'transfer' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['reference']);
    const ok = await pay({ unitId: u, amount: 1_000, expectedDue: 1_000, method: 'transfer', reference: 'ICBC20261210001' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().reference).toBe('ICBC20261210001');
  });

  it('answers 409 when the due the cashier saw has changed, and charges nothing', async () => {
    const u = unit();
    await insertLine(t, u, item, { amount: 4_000, period: '2026-10', due_on: '2026-10-15' });
    const res = await pay({ unitId: u, amount: 4_000, expectedDue: 3_900 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('39.00');
    expect(res.json().error.message).toContain('40.00');
    expect(await t.db.selectFrom('payments').select('id').where('unit_id', '=', u).execute()).toHaveLength(0);
  });

  it('numbers receipts without gaps per estate and year, a failed payment taking no number', async () => {
    const u = unit();
    await insertLine(t, u, item, { amount: 1_000, period: '2026-10', due_on: '2026-10-15' });
    await insertLine(t, u, item, { amount: 1_000, period: '2026-11', due_on: '2026-11-15' });
    const a = (await pay({ unitId: u, lineIds: [], amount: 1_000, expectedDue: 1_000 })).statusCode;
    expect(a).toBe(400);
    const first = await pay({ unitId: u, amount: 1_000, expectedDue: 2_000 });
    const failed = await pay({ unitId: u, amount: 1_000, expectedDue: 5 });
    expect(failed.statusCode).toBe(409);
    const second = await pay({ unitId: u, amount: 1_000, expectedDue: 1_000 });
    const seq = (r: typeof first) => Number(r.json().receiptNo.slice(-6));
    expect(seq(second)).toBe(seq(first) + 1);

    // Another estate counts from 1.
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'JINXIU', name: '锦绣园' })).json().id;
    const b = (await t.as('admin', 'POST', '/api/v1/buildings', { estateId: other, code: 'A', name: 'A栋', kind: 'multi_storey', floors: 6, entrances: 1 })).json().id;
    const otherUnit = (await t.as('admin', 'POST', '/api/v1/units', { buildingId: b, floor: 1, number: '101', buildingArea: 80 })).json().id;
    expect((await t.as('admin', 'POST', '/api/v1/users', { username: 'cashier9', displayName: '锦绣收银', role: 'cashier', password: 'Counter2026pw', scopes: [{ estateId: other }] })).statusCode).toBe(201);
    await t.login('cashier9', 'Counter2026pw');
    await insertLine(t, otherUnit, await insertFeeItem(t, other), { amount: 700, period: '2026-11', due_on: '2026-11-15' });
    const there = await t.as('cashier9', 'POST', '/api/v1/fees/payments', { unitId: otherUnit, amount: 700, expectedDue: 700, method: 'cash', idempotencyKey: key() });
    expect(there.statusCode, there.body).toBe(201);
    expect(there.json().receiptNo).toBe('JINXIU-2026-000001');
    // cashier1 does not see that estate's unit at all
    const foreign = await pay({ unitId: otherUnit, amount: 700, expectedDue: 0 });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('exactly once', () => {
  it('a repeated submission with the same key answers the first payment and charges nothing', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 3_000, period: '2026-10', due_on: '2026-10-15' });
    const body = { unitId: u, amount: 3_000, expectedDue: 3_000, method: 'cash', idempotencyKey: key() };
    const first = await t.as('cashier1', 'POST', '/api/v1/fees/payments', body);
    const again = await t.as('cashier1', 'POST', '/api/v1/fees/payments', body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().receiptNo).toBe(first.json().receiptNo);
    expect(await lineRow(l)).toMatchObject({ paid: 3_000, open: 0 });
    expect(await t.db.selectFrom('payments').select('id').where('unit_id', '=', u).execute()).toHaveLength(1);
    // the same key for another unit is a mistake, not a repeat
    const elsewhere = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { ...body, unitId: unit() });
    expect(elsewhere.statusCode).toBe(409);
  });

  it('the same key twice at the same time: one payment, both answered with it', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 3_000, period: '2026-10', due_on: '2026-10-15' });
    await t.login('cashier1');
    const body = { unitId: u, amount: 3_000, expectedDue: 3_000, method: 'cash', idempotencyKey: key() };
    const res = await Promise.all([1, 2, 3].map(() => t.as('cashier1', 'POST', '/api/v1/fees/payments', body)));
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(res.map((r) => r.json().id)).size).toBe(1);
    expect(await lineRow(l)).toMatchObject({ paid: 3_000, open: 0 });
    expect(await t.db.selectFrom('payments').select('id').where('unit_id', '=', u).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('payment_allocations').select('id').where('line_id', '=', l).execute()).toHaveLength(1);
  });

  it('two cashiers paying the same line at once: exactly one 201, the other 409, the line paid once', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 5_000, period: '2026-10', due_on: '2026-10-15', late_from: '2026-11-30' });
    const due = (await account(u)).totalDue;
    expect(due).toBe(5_000 + 25); // 10 days at 0.05 %
    await Promise.all([t.login('cashier1'), t.login('cashier2')]);
    const res = await Promise.all(['cashier1', 'cashier2'].map((user) => pay({ unitId: u, lineIds: [l], amount: due, expectedDue: due }, user)));
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(res.find((r) => r.statusCode === 409)!.json().error.code).toBe('CONFLICT');
    expect(await lineRow(l)).toMatchObject({ paid: 5_000, late_paid: 25, open: 0 });
    expect(await t.db.selectFrom('payments').select('id').where('unit_id', '=', u).execute()).toHaveLength(1);
  });
});

describe('who may', () => {
  it('owners get 403; a unit outside the caller’s areas is 404; only cashiers take money', async () => {
    const west = ids.westUnit.id;
    await insertLine(t, west, item, { amount: 1_000, period: '2026-10', due_on: '2026-10-15' });
    expect((await t.as('owner1', 'GET', `/api/v1/fees/units/${ids.owner1Unit.id}/account`)).statusCode).toBe(403);
    expect((await t.as('owner1', 'POST', '/api/v1/fees/payments', { unitId: ids.owner1Unit.id, amount: 1, expectedDue: 1, method: 'cash', idempotencyKey: key() })).statusCode).toBe(403);
    expect((await t.as('cs1', 'GET', `/api/v1/fees/units/${west}/account`)).statusCode).toBe(404);
    expect((await t.as('cs2', 'GET', `/api/v1/fees/units/${west}/account`)).statusCode).toBe(200);
    const westHits = await t.as('cs1', 'GET', `/api/v1/fees/units/search?estateId=${ids.estate}&q=${encodeURIComponent('3-')}`);
    expect(westHits.statusCode).toBe(200);
    expect((await t.as('assistant', 'POST', '/api/v1/fees/payments', { unitId: west, amount: 1_000, expectedDue: 1_000, method: 'cash', idempotencyKey: key() })).statusCode).toBe(403);
    // cashier1 covers the whole estate
    expect((await pay({ unitId: west, amount: 1_000, expectedDue: 1_000 })).statusCode).toBe(201);
    const p = (await t.as('cashier1', 'GET', `/api/v1/fees/payments?unitId=${west}`)).json().items[0];
    expect((await t.as('cs1', 'GET', `/api/v1/fees/payments/${p.id}`)).statusCode).toBe(404);
    expect((await t.as('cs1', 'GET', `/api/v1/fees/payments?unitId=${west}`)).json().total).toBe(0);
  });
});
