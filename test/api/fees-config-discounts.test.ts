/** 空置房优惠: request, approval by the assistant or director, records kept, what billing reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedDiscounts } from '../../src/server/modules/fees/items/config-discounts.repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { registerVacant } from '../helpers/vacant.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let waterId: number;
let pmfId: number;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const items = (await t.as('director', 'GET', `/api/v1/fees/items?estateId=${ids.estate}`)).json().items as any[];
  waterId = items.find((i) => i.code === 'WATER').id;
  pmfId = items.find((i) => i.code === 'PMF').id;
  // Their households move out and the two are registered as vacant with a recent passed check: the
  // request checks the archive's status, the approval the register (the gate is on by default).
  await t.db.updateTable('households').set({ moved_out_on: '2025-12-31' }).where('unit_id', 'in', [ids.eastUnit.id, ids.westUnit.id]).execute();
  for (const unit of [ids.eastUnit.id, ids.westUnit.id]) await registerVacant(t, unit);
});
afterAll(() => t.close());

const request = (user: string, over: Record<string, unknown> = {}) =>
  t.as(user, 'POST', '/api/v1/fees/discounts', { unitId: ids.eastUnit.id, feeItemId: pmfId, kind: 'vacant', percentBp: 5000, fromDate: '2026-01-01', toDate: '2026-06-30', reason: '业主长期在外，房屋空置，已登记空置房屋登记表', ...over });
const list = async (user: string, query = '') => {
  const res = await t.as(user, 'GET', `/api/v1/fees/discounts?estateId=${ids.estate}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('vacant-unit discount', () => {
  let first: number;

  it('cs1 requests one for a unit in his area: pending, audited', async () => {
    const res = await request('cs1');
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ unitId: ids.eastUnit.id, feeItemId: pmfId, feeItemName: '物业管理费（住宅）', kind: 'vacant', percentBp: 5000, status: 'pending', requestedByName: '张敏（东区片区管理员）', decidedByName: null });
    expect(d.unitLabel).toMatch(/^2-/);
    first = d.id;
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'fee_discount').where('entity_id', '=', String(first)).execute();
    expect(log.map((l) => [l.action, l.actor_name])).toEqual([['create', 'cs1']]);
  });

  it('a pending request does not count for billing', async () => {
    expect(await approvedDiscounts(t.db, ids.estate, '2026-03-01', '2026-03-31')).toEqual([]);
  });

  it('an overlapping request for the same unit and item is 409; one for another item is fine', async () => {
    const clash = await request('cs1', { fromDate: '2026-06-01', toDate: '2026-08-31' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toContain('待审批');
    const all = await request('cs1', { feeItemId: null, fromDate: '2026-05-01', toDate: '2026-05-31' });
    expect(all.statusCode).toBe(409);
    const water = await request('cs1', { feeItemId: waterId, percentBp: 10_000 });
    expect(water.statusCode, water.body).toBe(201);
  });

  it('rejects bad input naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ toDate: '2025-12-31' }, 'toDate'],
      [{ percentBp: 0 }, 'percentBp'],
      [{ percentBp: 10_001 }, 'percentBp'],
      [{ kind: 'staff' }, 'kind'],
      [{ reason: '' }, 'reason'],
      [{ fromDate: '2026-13-01' }, 'fromDate'],
      [{ feeItemId: 999999 }, 'feeItemId'],
    ];
    for (const [over, field] of cases) {
      const res = await request('cs1', { fromDate: '2027-01-01', toDate: '2027-03-31', ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
  });

  it('scope: cs1 cannot request for a west unit and does not see west requests', async () => {
    expect((await request('cs1', { unitId: ids.westUnit.id })).statusCode).toBe(404);
    const west = await request('cs2', { unitId: ids.westUnit.id });
    expect(west.statusCode, west.body).toBe(201);
    const mine = await list('cs1');
    expect(mine.items.every((d: any) => d.unitId !== ids.westUnit.id)).toBe(true);
    expect((await list('director')).items.some((d: any) => d.unitId === ids.westUnit.id)).toBe(true);
    expect((await list('cs2')).items.map((d: any) => d.unitId)).toEqual([ids.westUnit.id]);
  });

  it('only the assistant or director decides; cs_admin and cashier get 403', async () => {
    for (const user of ['cs1', 'cashier1', 'desk1']) expect((await t.as(user, 'POST', `/api/v1/fees/discounts/${first}/decide`, { approve: true })).statusCode, user).toBe(403);
    expect((await t.as('desk1', 'POST', '/api/v1/fees/discounts', {})).statusCode).toBe(403);
    expect((await list('director', '&status=pending')).items.find((d: any) => d.id === first).status).toBe('pending');
  });

  it('a rejection needs a reason', async () => {
    const res = await t.as('assistant', 'POST', `/api/v1/fees/discounts/${first}/decide`, { approve: false });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['note']);
  });

  it('the assistant approves with a note; it then counts for billing; deciding twice is 409', async () => {
    const res = await t.as('assistant', 'POST', `/api/v1/fees/discounts/${first}/decide`, { approve: true, note: '已核实水电表读数，确认空置' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedByName: '李晓梅（助理）', decisionNote: '已核实水电表读数，确认空置' });
    expect(res.json().decidedAt).toBeTruthy();
    const again = await t.as('director', 'POST', `/api/v1/fees/discounts/${first}/decide`, { approve: false, note: '改判' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已批准');

    const march = await approvedDiscounts(t.db, ids.estate, '2026-03-01', '2026-03-31');
    expect(march).toEqual([{ id: first, unitId: ids.eastUnit.id, feeItemId: pmfId, kind: 'vacant', percentBp: 5000, fromDate: '2026-01-01', toDate: '2026-06-30' }]);
    // overlap at the edges counts; a period after the range does not
    expect((await approvedDiscounts(t.db, ids.estate, '2026-06-30', '2026-07-31')).map((d) => d.id)).toEqual([first]);
    expect(await approvedDiscounts(t.db, ids.estate, '2026-07-01', '2026-07-31')).toEqual([]);
    expect(await approvedDiscounts(t.db, ids.estate, '2025-12-01', '2025-12-31')).toEqual([]);
    const log = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'fee_discount').where('entity_id', '=', String(first)).orderBy('id').execute();
    expect(log.map((l) => [l.action, l.actor_name])).toEqual([['create', 'cs1'], ['approve', 'assistant']]);
  });

  it('the director rejects; the rejected request stays on record and never counts', async () => {
    const pending = (await list('director', '&status=pending')).items as any[];
    const water = pending.find((d) => d.feeItemId === waterId)!;
    const res = await t.as('director', 'POST', `/api/v1/fees/discounts/${water.id}/decide`, { approve: false, note: '水表有读数变化，不属空置' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', decidedByName: '王建华（管理处主任）' });
    expect((await list('director', '&status=rejected')).items.map((d: any) => d.id)).toEqual([water.id]);
    expect((await approvedDiscounts(t.db, ids.estate, '2026-03-01', '2026-03-31')).map((d) => d.id)).toEqual([first]);
    // after a rejection the unit may ask again for those dates
    expect((await request('cs1', { feeItemId: waterId, percentBp: 3000 })).statusCode).toBe(201);
    const rows = await t.db.selectFrom('fee_discounts').select(['id', 'status']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['approved', 'rejected', 'pending', 'pending']);
  });

  it('lists filter by unit; an unknown request is 404', async () => {
    const west = (await list('director', `&unitId=${ids.westUnit.id}`)).items;
    expect(west.map((d: any) => d.unitId)).toEqual([ids.westUnit.id]);
    expect((await t.as('assistant', 'POST', '/api/v1/fees/discounts/999999/decide', { approve: true })).statusCode).toBe(404);
  });

  it('is only for a unit the archive shows as vacant', async () => {
    const res = await request('cs1', { unitId: ids.owner1Unit.id });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['unitId']);
  });

  it('ends early when the owner moves in: later periods lose it, earlier keep it; only the approver roles, only once', async () => {
    expect((await t.as('cs1', 'POST', `/api/v1/fees/discounts/${first}/end`, { lastDay: '2026-04-30', reason: '业主已入住' })).statusCode).toBe(403);
    const res = await t.as('assistant', 'POST', `/api/v1/fees/discounts/${first}/end`, { lastDay: '2026-04-30', reason: '业主已入住' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', toDate: '2026-04-30' });
    expect((await approvedDiscounts(t.db, ids.estate, '2026-04-01', '2026-04-30')).map((d) => d.id)).toContain(first);
    expect((await approvedDiscounts(t.db, ids.estate, '2026-05-01', '2026-05-31')).map((d) => d.id)).not.toContain(first);
    // a later last day than it has, or ending a rejected one, is refused
    expect((await t.as('assistant', 'POST', `/api/v1/fees/discounts/${first}/end`, { lastDay: '2026-05-31', reason: 'x' })).statusCode).toBe(409);
    const log = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'fee_discount').where('entity_id', '=', String(first)).orderBy('id').execute();
    expect(log.map((l) => l.action)).toContain('end');
  });
});
