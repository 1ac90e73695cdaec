/**
 * Vacant units (forms 5.9–5.11): register, key custody, checks with readings (use while vacant is a
 * finding), the vacancy discount gate, the owner's portal view, ending; handover inspection with
 * legacy defects → a `legacy` ticket, defect steps until the handover closes. Roles, scope, bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let today: string;
let unitV: number; // an east vacant unit with a pending vacancy discount (demo fees)
let discountId: number;
let regId: number;
let meterId: number;
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  today = localDate(t.clock.now());
  const free = await t.db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
    .select('u.id')
    .where('u.status', '=', 'vacant')
    .where('b.area_id', '=', ids.east)
    .where('h.id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('vacant_registrations as v').select('v.id').whereRef('v.unit_id', '=', 'u.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('fee_discounts as d').select('d.id').whereRef('d.unit_id', '=', 'u.id'))))
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  unitV = free.id;
  const d = await t.as('cs1', 'POST', '/api/v1/fees/discounts', { unitId: unitV, kind: 'vacant', percentBp: 5000, fromDate: daysAgo(30), toDate: '2030-12-31', reason: '空置，钥匙托管' });
  discountId = d.json().id;
});
afterAll(() => t?.close());

const reg = (over: Record<string, unknown> = {}) => ({ unitId: unitV, registeredOn: daysAgo(60), reason: 'delivered_not_moved_in', ownerContact: '王先生', keyHeld: true, keyNo: 'K-001', keyStorage: '客服中心钥匙柜 A1', valvesClosed: true, checkIntervalDays: 7, ...over });
const csOf = async () => 'cs1';

describe('vacant register (5.9)', () => {
  it('refuses bad input naming the field, other areas and other roles', async () => {
    const cs = await csOf();
    const other = cs === 'cs1' ? 'cs2' : 'cs1';
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ checkIntervalDays: 0 }, 'checkIntervalDays'],
      [{ checkIntervalDays: 91 }, 'checkIntervalDays'],
      [{ reason: 'haunted' }, 'reason'],
      [{ keyNo: null }, 'keyNo'],
      [{ registeredOn: '2099-01-01' }, 'registeredOn'],
      [{ registeredOn: '2026-02-30' }, 'registeredOn'],
    ];
    for (const [over, field] of cases) {
      const res = await t.as(cs, 'POST', '/api/v1/field/vacant', reg(over));
      expect(res.statusCode, field).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), field).toContain(field);
    }
    expect((await t.as(other, 'POST', '/api/v1/field/vacant', reg())).statusCode).toBe(404);
    expect((await t.as('desk1', 'POST', '/api/v1/field/vacant', reg())).statusCode).toBe(403);
    expect((await t.as('owner1', 'POST', '/api/v1/field/vacant', reg())).statusCode).toBe(403);
    const lived = await t.as('cs1', 'POST', '/api/v1/field/vacant', reg({ unitId: ids.eastUnit.id }));
    expect(lived.statusCode).toBe(409);
    expect(await t.db.selectFrom('vacant_registrations').select('id').where('unit_id', 'in', [unitV, ids.eastUnit.id]).execute()).toHaveLength(0);
  });

  it('registers once; the unit is vacant; the next check is one interval on', async () => {
    const cs = await csOf();
    const res = await t.as(cs, 'POST', '/api/v1/field/vacant', reg());
    expect(res.statusCode).toBe(200);
    regId = res.json().id;
    expect(res.json()).toMatchObject({ keyHeld: true, keyNo: 'K-001', nextCheckOn: daysAgo(53), due: true, lastCheckOn: null });
    expect((await t.as(cs, 'POST', '/api/v1/field/vacant', reg())).statusCode).toBe(409);
    expect((await t.db.selectFrom('units').select('status').where('id', '=', unitV).executeTakeFirstOrThrow()).status).toBe('vacant');
    const due = await t.as('desk1', 'GET', `/api/v1/field/vacant?estateId=${ids.estate}&state=due`);
    expect(due.json().items.map((r: { id: number }) => r.id)).toContain(regId);
  });

  it('changes key custody by PATCH, keeping what is not sent; a key number is unique', async () => {
    const cs = await csOf();
    const p = await t.as(cs, 'PATCH', `/api/v1/field/vacant/${regId}`, { keyStorage: '钥匙柜 B2' });
    expect(p.json()).toMatchObject({ keyNo: 'K-001', keyStorage: '钥匙柜 B2', valvesClosed: true, checkIntervalDays: 7 });
    expect((await t.as(cs, 'PATCH', `/api/v1/field/vacant/${regId}`, { checkIntervalDays: 100 })).statusCode).toBe(400);
    expect((await t.as(cs, 'PATCH', `/api/v1/field/vacant/${regId}`, { bogus: 1 })).statusCode).toBe(400);
    const log = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'vacant_registration').where('entity_id', '=', String(regId)).execute();
    expect(log.length).toBe(2);
  });
});

describe('vacant checks (5.10 / 5.11) and readings', () => {
  it('a meter is read during a check; use while vacant opens a ticket and tells the cashier', async () => {
    const cs = await csOf();
    const m = await t.as('director', 'POST', '/api/v1/fees/meters', { estateId: ids.estate, unitId: unitV, kind: 'water', number: 'VW-001', installedOn: daysAgo(400), initialReading: 100 });
    expect(m.statusCode).toBe(201);
    meterId = m.json().id;
    const check = (over: Record<string, unknown> = {}) => ({ checkedOn: daysAgo(40), timeIn: '09:10', timeOut: '09:25', companion: '李工', entered: true, keyNoUsed: 'K-001', items: { windows_doors: 'ok', leaks: 'ok', valves_closed: 'ok' }, readings: [{ meterId, value: 100 }], ...over });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ timeOut: '09:00' }, 'timeOut'],
      [{ timeIn: '9:10' }, 'timeIn'],
      [{ readings: [{ meterId, value: 99 }] }, 'readings.0.value'],
      [{ readings: [{ meterId: 999999, value: 1 }] }, 'readings.0.meterId'],
      [{ items: { leaks: 'issue' } }, 'note'],
      [{ items: { roof: 'ok' } }, 'items.roof'],
      [{ checkedOn: '2099-01-01' }, 'checkedOn'],
      [{ checkedOn: daysAgo(61) }, 'checkedOn'],
      [{ keyNoUsed: 'K-999' }, 'keyNoUsed'],
    ];
    for (const [over, field] of bad) {
      const res = await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, check(over));
      expect(res.statusCode, field).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}).join(), field).toContain(field.split('.')[0]);
    }
    expect((await t.as('desk1', 'POST', `/api/v1/field/vacant/${regId}/checks`, check())).statusCode).toBe(403);
    const first = await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, check());
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ result: 'pass', entered: true, readings: [{ previous: 100, value: 100, used: false }] });
    const tickets = (await t.db.selectFrom('tickets').select('id').execute()).length;
    const second = await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, check({ checkedOn: daysAgo(33), readings: [{ meterId, value: 104 }] }));
    expect(second.json()).toMatchObject({ result: 'issue', readings: [{ previous: 100, value: 104, used: true }], ticketNumber: expect.any(String) });
    expect((await t.db.selectFrom('tickets').select('id').execute()).length).toBe(tickets + 1);
    const cashier = await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('u.username').where('n.kind', '=', 'vacant_usage').execute();
    expect(cashier.map((c) => c.username)).toContain('cashier1');
    const detail = (await t.as('desk1', 'GET', `/api/v1/field/vacant/${regId}`)).json();
    expect(detail.checks).toHaveLength(2);
    expect(detail.meters).toEqual([{ id: meterId, kind: 'water', number: 'VW-001', last: 104 }]);
    expect(detail).toMatchObject({ lastCheckOn: daysAgo(33), lastResult: 'issue', nextCheckOn: daysAgo(26) });
  });

  it('nobody enters without a key in custody', async () => {
    const cs = await csOf();
    await t.as(cs, 'PATCH', `/api/v1/field/vacant/${regId}`, { keyHeld: false });
    const res = await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, { checkedOn: daysAgo(32), timeIn: '10:00', timeOut: '10:05', entered: true, items: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('entered');
    const outside = await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, { checkedOn: daysAgo(32), timeIn: '10:00', timeOut: '10:05', entered: false, items: { windows_doors: 'ok' } });
    expect(outside.statusCode).toBe(200);
    await t.as(cs, 'PATCH', `/api/v1/field/vacant/${regId}`, { keyHeld: true, keyNo: 'K-001' });
  });
});

describe('vacancy discount gate', () => {
  let unregisteredDiscount: number;
  it('is refused without a recent passed check, granted with one', async () => {
    // on by default
    expect((await t.as('desk1', 'GET', `/api/v1/field/settings?estateId=${ids.estate}`)).json().vacantDiscountGate).toBe(true);
    // the last passed check is 32 days old
    const old = await t.as('assistant', 'POST', `/api/v1/fees/discounts/${discountId}/decide`, { approve: true, note: '核实' });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.fields.unitId).toContain('30');
    const cs = await csOf();
    await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, { checkedOn: daysAgo(2), timeIn: '10:00', timeOut: '10:20', entered: true, items: { windows_doors: 'ok', leaks: 'ok' }, readings: [{ meterId, value: 104 }] });
    const ok = await t.as('assistant', 'POST', `/api/v1/fees/discounts/${discountId}/decide`, { approve: true, note: '已核实空置巡查记录' });
    expect(ok.statusCode).toBe(200);
    // a vacant unit not in the register gets none
    const unreg = await t.db
      .selectFrom('units as u')
      .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
      .select('u.id')
      .where('u.status', '=', 'vacant')
      .where('u.id', '!=', unitV)
      .where('h.id', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('vacant_registrations as v').select('v.id').whereRef('v.unit_id', '=', 'u.id'))))
      .executeTakeFirstOrThrow();
    const d = await t.as('assistant', 'POST', '/api/v1/fees/discounts', { unitId: unreg.id, kind: 'vacant', percentBp: 5000, fromDate: '2030-01-01', toDate: '2030-06-30', reason: '空置' });
    expect(d.statusCode).toBe(201);
    const refused = await t.as('director', 'POST', `/api/v1/fees/discounts/${d.json().id}/decide`, { approve: true, note: 'x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ unitId: '该房屋没有有效的空置登记，不能批准空置房优惠' });
    const en = await t.as('director', 'POST', `/api/v1/fees/discounts/${d.json().id}/decide`, { approve: true, note: 'x' }, { 'accept-language': 'en-US' });
    expect(en.json().error.fields.unitId).toContain('no active vacant-unit registration');
    expect((await t.db.selectFrom('fee_discounts').select('status').where('id', '=', d.json().id).executeTakeFirstOrThrow()).status).toBe('pending');
    unregisteredDiscount = d.json().id;
  });

  it('an estate can switch it off: then an unregistered unit\'s discount is approved', async () => {
    const url = `/api/v1/field/settings?estateId=${ids.estate}`;
    expect((await t.as('cs1', 'PATCH', url, { vacantDiscountGate: false })).statusCode).toBe(403);
    expect((await t.as('director', 'PATCH', url, { vacantDiscountGate: false })).json().vacantDiscountGate).toBe(false);
    const ok = await t.as('director', 'POST', `/api/v1/fees/discounts/${unregisteredDiscount}/decide`, { approve: true, note: '本项目未启用空置登记核验' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.as('director', 'PATCH', url, { vacantDiscountGate: true })).json().vacantDiscountGate).toBe(true);
  });
});

describe('owner portal', () => {
  it('shows the owner only his own unit\'s checks', async () => {
    const mine = await t.as('owner1', 'GET', '/api/v1/portal/vacant');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().units).toEqual([]);
    // owner1's household moves out; his unit is registered and checked
    const unit = ids.owner1Unit.id;
    await t.db.updateTable('households').set({ moved_out_on: daysAgo(10) }).where('id', '=', ids.owner1Unit.householdId!).execute();
    const area = (await t.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select('b.area_id').where('u.id', '=', unit).executeTakeFirstOrThrow()).area_id;
    const cs = area === ids.east ? await csOf() : 'assistant';
    const r = await t.as('assistant', 'POST', '/api/v1/field/vacant', reg({ unitId: unit, registeredOn: daysAgo(9), keyNo: 'K-OWN' }));
    expect(r.statusCode).toBe(200);
    await t.as('assistant', 'POST', `/api/v1/field/vacant/${r.json().id}/checks`, { checkedOn: daysAgo(2), timeIn: '15:00', timeOut: '15:10', entered: false, items: { windows_doors: 'ok' } });
    const view = (await t.as('owner1', 'GET', '/api/v1/portal/vacant')).json();
    expect(view.units).toHaveLength(1);
    expect(view.units[0]).toMatchObject({ unitId: unit, keyHeld: true, checks: [{ checkedOn: daysAgo(2), result: 'pass' }] });
    expect(JSON.stringify(view)).not.toContain('VW-001');
    expect((await t.as('owner1', 'GET', `/api/v1/field/vacant/${regId}`)).statusCode).toBe(403);
    expect((await t.as('owner1', 'GET', '/api/v1/field/vacant-checks?estateId=' + ids.estate)).statusCode).toBe(403);
    expect((await t.as('cs1', 'GET', '/api/v1/portal/vacant')).statusCode).toBe(403);
    void cs;
  });
});

describe('ending a vacancy', () => {
  it('ends the register, sets the unit status and ends the approved discount', async () => {
    const cs = await csOf();
    expect((await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/end`, { endedOn: daysAgo(61), endReason: 'moved_in' })).statusCode).toBe(400);
    expect((await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/end`, { endedOn: today, endReason: 'sold' })).statusCode).toBe(400);
    const res = await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/end`, { endedOn: today, endReason: 'moved_in' });
    expect(res.json()).toMatchObject({ endedOn: today, endReason: 'moved_in', due: false });
    expect((await t.db.selectFrom('units').select('status').where('id', '=', unitV).executeTakeFirstOrThrow()).status).toBe('occupied');
    const d = await t.db.selectFrom('fee_discounts').select('to_date').where('id', '=', discountId).executeTakeFirstOrThrow();
    expect(String(d.to_date).slice(0, 10) <= today).toBe(true);
    expect((await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/end`, { endedOn: today, endReason: 'moved_in' })).statusCode).toBe(409);
    expect((await t.as(cs, 'POST', `/api/v1/field/vacant/${regId}/checks`, { checkedOn: today, timeIn: '10:00', timeOut: '10:05', entered: false, items: {} })).statusCode).toBe(409);
  });
});

describe('handover inspection and legacy defects', () => {
  let handoverId: number;
  it('schedules, inspects with defects → one legacy ticket; roles and bad input', async () => {
    const unit = ids.eastUnit.id;
    expect((await t.as('desk1', 'POST', '/api/v1/field/handovers', { unitId: unit, type: 'resale_move_in', scheduledAt: '2026-03-02T02:00:00.000Z' })).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', '/api/v1/field/handovers', { unitId: unit, type: 'sale', scheduledAt: '2026-03-02T02:00:00.000Z' })).statusCode).toBe(400);
    expect((await t.as('cs2', 'POST', '/api/v1/field/handovers', { unitId: unit, type: 'resale_move_in', scheduledAt: '2026-03-02T02:00:00.000Z' })).statusCode).toBe(404);
    const h = await t.as('eng1', 'POST', '/api/v1/field/handovers', { unitId: unit, type: 'resale_move_in', scheduledAt: '2026-03-02T02:00:00.000Z', inspectors: '李工' });
    expect(h.statusCode).toBe(200);
    handoverId = h.json().id;
    expect((await t.as('cs1', 'POST', '/api/v1/field/handovers', { unitId: unit, type: 'tenant_move_in', scheduledAt: '2026-03-03T02:00:00.000Z' })).statusCode).toBe(409);
    const body = { inspectors: '李工、张敏', ownerPresent: '王先生', keysHanded: 3, result: 'accepted_with_defects', defects: [{ room: 'bathroom', element: 'waterproofing', description: '卫生间地面渗水至楼下', responsible: 'developer' }, { room: 'living', element: 'decoration', description: '客厅墙面裂缝', responsible: 'contractor' }] };
    expect((await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/inspect`, { ...body, defects: [] })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/inspect`, { ...body, result: 'accepted_clean' })).statusCode).toBe(400);
    const bad = await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/inspect`, { ...body, defects: [{ ...body.defects[0], room: 'attic' }] });
    expect(bad.json().error.fields).toHaveProperty('defects.0.room');
    const res = await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/inspect`, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'inspected', openDefects: 2, ticketNumber: expect.any(String) });
    const tk = await t.db.selectFrom('tickets').selectAll().where('id', '=', res.json().ticketId).executeTakeFirstOrThrow();
    expect(tk).toMatchObject({ type: 'legacy', unit_id: unit });
    expect(tk.title).toContain('交付遗留问题 2 项');
    expect((await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/inspect`, body)).statusCode).toBe(409);
  });

  it('moves defects to verified; the last one closes the handover', async () => {
    const h = (await t.as('desk1', 'GET', `/api/v1/field/handovers/${handoverId}`)).json();
    const [a, b] = h.defects;
    expect(a.warrantyEnd === null || a.warrantyEnd > b.warrantyEnd || b.warrantyEnd === null).toBe(true);
    expect((await t.as('cs1', 'POST', `/api/v1/field/handover-defects/${a.id}/move`, { to: 'verified', note: 'x' })).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/field/handover-defects/${a.id}/move`, { to: 'gone' })).statusCode).toBe(400);
    expect((await t.as('cashier1', 'POST', `/api/v1/field/handover-defects/${a.id}/move`, { to: 'fixed' })).statusCode).toBe(403);
    expect((await t.as('cs2', 'POST', `/api/v1/field/handover-defects/${a.id}/move`, { to: 'fixed' })).statusCode).toBe(404);
    for (const d of [a, b]) {
      expect((await t.as('eng1', 'POST', `/api/v1/field/handover-defects/${d.id}/move`, { to: 'fixed', note: '已维修' })).statusCode).toBe(200);
      expect((await t.as('cs1', 'POST', `/api/v1/field/handover-defects/${d.id}/move`, { to: 'verified' })).statusCode).toBe(400);
    }
    expect((await t.as('cs1', 'POST', `/api/v1/field/handover-defects/${a.id}/move`, { to: 'verified', note: '业主确认' })).json().status).toBe('inspected');
    const last = await t.as('cs1', 'POST', `/api/v1/field/handover-defects/${b.id}/move`, { to: 'verified', note: '业主确认' });
    expect(last.json()).toMatchObject({ status: 'closed', openDefects: 0 });
    expect(last.json().defects[1].events.map((e: { to: string }) => e.to)).toEqual(['open', 'fixed', 'verified']);
    const notes = await t.db.selectFrom('ticket_events').select('note').where('ticket_id', '=', last.json().ticketId).where('kind', '=', 'comment').execute();
    expect(notes.some((n) => n.note?.includes('全部遗留问题已验证'))).toBe(true);
    expect((await t.as('desk1', 'GET', `/api/v1/field/handovers?estateId=${ids.estate}&status=closed`)).json().total).toBe(1);
    const badRoom = await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/defects`, { room: 'attic', element: 'other', description: '门铃不响', responsible: 'property' });
    expect(badRoom.json().error.fields).toHaveProperty('room');
    expect((await t.as('cs1', 'POST', `/api/v1/field/handovers/${handoverId}/defects`, { room: 'entry', element: 'other', description: '门铃不响', responsible: 'property' })).statusCode).toBe(409);
    expect((await t.as('desk1', 'POST', `/api/v1/field/handovers/${handoverId}/defects`, { room: 'entry', element: 'other', description: '门铃不响', responsible: 'property' })).statusCode).toBe(403);
  });
});
