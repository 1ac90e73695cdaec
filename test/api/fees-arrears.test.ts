/**
 * The arrears ladder under the controllable clock (manual 4.1.3): a bill falls due → the board
 * shows it → reminder batch (step 1, once per episode) → deadline notice (step 2) starts the late
 * fee → it grows day by day, exactly in fen → a partial payment lowers the daily accrual → the cap
 * → home visit with a complaint → assistant → director; step order, roles and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine, payLines } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let owner: number;
let east: number;
let west: number;
const L: Record<string, number> = {};
const at = (date: string) => t.clock.setTo(new Date(`${date}T04:00:00.000Z`)); // noon in China

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  owner = ids.owner1Unit.id;
  east = ids.eastUnit.id;
  west = ids.westUnit.id;
  const mgmt = await insertFeeItem(t, ids.estate, { name: '物业管理费', late_start: 'deadline_notice' });
  const water = await insertFeeItem(t, ids.estate, { name: '水费', kind: 'metered', late_start: 'due', late_grace_days: 5, target_rate: 10_000 });
  L.o1 = await insertLine(t, owner, mgmt, { period: '2026-01', amount: 20_000, due_on: '2026-01-15' });
  L.o2 = await insertLine(t, owner, mgmt, { period: '2026-02', amount: 20_000, due_on: '2026-02-15' });
  L.o3 = await insertLine(t, owner, mgmt, { period: '2026-03', amount: 20_000, due_on: '2026-03-15' });
  L.e1 = await insertLine(t, east, mgmt, { period: '2026-02', amount: 15_000, due_on: '2026-02-25' });
  L.ew = await insertLine(t, east, water, { period: '2026-02', amount: 3_000, due_on: '2026-02-20' });
  L.w1 = await insertLine(t, west, mgmt, { period: '2026-02', amount: 10_000, due_on: '2026-02-15' });
  at('2026-03-01');
});
afterAll(() => t.close());

const board = async (user: string, query = '') => {
  const res = await t.as(user, 'GET', `/api/v1/fees/arrears?estateId=${ids.estate}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: Array<Record<string, any>> };
};
const rowOf = async (unitId: number, user = 'director') => (await board(user, '&pageSize=200')).items.find((r) => r.unitId === unitId);
const step = (user: string, unitId: number, body: Record<string, unknown>) => t.as(user, 'POST', `/api/v1/fees/arrears/${unitId}/steps`, body);
const lineFee = async (lineId: number, unitId = owner) => {
  const d = (await t.as('director', 'GET', `/api/v1/fees/arrears/${unitId}`)).json();
  return d.lines.find((l: any) => l.id === lineId);
};

describe('the arrears board', () => {
  it('lists every unit with open lines past due: principal, oldest due date, days, lines, step', async () => {
    const b = await board('director');
    expect(b.items.map((r) => r.unitId)).toEqual([owner, west, east]); // days overdue, most first
    expect(b.items[0]).toMatchObject({ unitLabel: '1-1-1201', outstanding: 40_000, lateFee: 0, oldestDueOn: '2026-01-15', days: 45, lines: 2, step: 0, lastStepOn: null, areaName: '东区' });
    expect(b.items[0]!.ownerName).toBeTruthy();
    expect(b.items[0]!.phoneMasked ?? '').not.toMatch(/^\d{11}$/);
    // the water line's late fee starts by itself the day after its due date plus 5 grace days: 3 days × 0.05 % × 30.00 元 = 4.5 fen → 5
    expect(b.items[2]).toMatchObject({ outstanding: 18_000, oldestDueOn: '2026-02-20', days: 9, lines: 2, lateFee: 5 });
  });

  it('is scoped, filtered and paged', async () => {
    expect((await board('cs1')).items.map((r) => r.unitId)).toEqual([owner, east]);
    expect((await board('cs2')).items.map((r) => r.unitId)).toEqual([west]);
    expect((await board('director', '&minDays=10')).items.map((r) => r.unitId)).toEqual([owner, west]);
    expect((await board('director', `&areaId=${ids.west}`)).items.map((r) => r.unitId)).toEqual([west]);
    expect((await board('director', `&buildingId=${ids.eastUnit.buildingId}`)).items.map((r) => r.unitId)).toEqual([east]);
    expect((await board('director', '&q=1-1-1201')).items.map((r) => r.unitId)).toEqual([owner]);
    const page2 = await board('director', '&pageSize=2&page=2');
    expect(page2.total).toBe(3);
    expect(page2.items.map((r) => r.unitId)).toEqual([east]);
    expect((await t.as('cashier1', 'GET', `/api/v1/fees/arrears?estateId=${ids.estate}`)).statusCode).toBe(200);
    expect((await t.as('eng1', 'GET', `/api/v1/fees/arrears?estateId=${ids.estate}`)).statusCode).toBe(403);
    expect((await t.as('director', 'GET', `/api/v1/fees/arrears?estateId=${ids.estate}&minDays=-1`)).statusCode).toBe(400);
  });
});

describe('the ladder', () => {
  it('step 1: reminder notices in batch, once per episode, only in the caller\'s areas', async () => {
    const r = await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 3 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().batch).toMatch(/^20260301-/);
    expect(r.json().units.map((u: any) => u.unitId)).toEqual([owner, east]);
    const again = await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 3 });
    expect(again.json()).toMatchObject({ batch: null, units: [] });
    expect((await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 3, areaId: ids.west })).statusCode).toBe(403);
    const d = await t.as('director', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 3 });
    expect(d.json().units.map((u: any) => u.unitId)).toEqual([west]);
    const steps = await t.db.selectFrom('arrears_steps').selectAll().where('step', '=', 1).orderBy('id').execute();
    expect(steps.map((s) => [s.unit_id, s.on_date, s.channel, s.outstanding])).toEqual([
      [owner, '2026-03-01', 'notice', 40_000],
      [east, '2026-03-01', 'notice', 18_005],
      [west, '2026-03-01', 'notice', 10_000],
    ]);
    expect((await rowOf(owner))).toMatchObject({ step: 1, lastStepOn: '2026-03-01' });
    expect((await board('director', '&step=1')).total).toBe(3);
  });

  it('a step cannot skip the one before (409), nor be taken where nothing is overdue', async () => {
    const skip = await step('cs1', east, { step: 3, reason: '不在家' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toContain('限期缴费通知');
    expect((await step('director', east, { step: 5, resolution: 'legal' })).statusCode).toBe(409);
    const en = await t.as('cs1', 'POST', `/api/v1/fees/arrears/${east}/steps`, { step: 3 }, { 'accept-language': 'en' });
    expect(en.json().error.message).toContain('No deadline notice');
    const vacant = await t.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select('u.id').where('b.area_id', '=', ids.east).where('u.id', 'not in', [owner, east]).executeTakeFirstOrThrow();
    const none = await step('cs1', vacant.id, { step: 2, deadline: '2026-03-10' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('没有逾期');
    expect((await step('cs1', west, { step: 2, deadline: '2026-03-10' })).statusCode).toBe(404);
  });

  it('step 2: the deadline notice starts the late fee on lines that wait for it', async () => {
    expect((await step('cs1', owner, { step: 2 })).json().error.fields).toHaveProperty('deadline');
    expect((await step('cs1', owner, { step: 2, deadline: '2026-03-01' })).json().error.fields).toHaveProperty('deadline');
    expect((await step('cs1', owner, { step: 2, deadline: '2026-03-11', onDate: '2026-03-02' })).json().error.fields).toHaveProperty('onDate');
    expect((await step('cs1', owner, { step: 2, deadline: '2026-03-11', resolution: 'paid' })).json().error.fields).toHaveProperty('resolution');
    const res = await step('cs1', owner, { step: 2, deadline: '2026-03-11', outcome: '已送达，业主签收' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ step: 2, onDate: '2026-03-01', channel: 'notice', deadline: '2026-03-11', outstanding: 40_000, actorName: expect.stringContaining('张敏') });
    const lines = await t.db.selectFrom('bill_lines').select(['id', 'late_from']).where('unit_id', '=', owner).orderBy('id').execute();
    expect(lines).toEqual([
      { id: L.o1, late_from: '2026-03-01' },
      { id: L.o2, late_from: '2026-03-01' },
      { id: L.o3, late_from: null }, // not due yet
    ]);
    const audit = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'arrears_step').execute();
    expect(audit.map((a) => a.summary)).toEqual([expect.stringContaining('2 项开始计滞纳金')]);
  });

  it('the late fee grows by 0.05 % of the principal a day, exactly in fen', async () => {
    at('2026-03-02');
    expect((await lineFee(L.o1)).lateFee).toBe(10); // 20000 × 1 × 0.0005
    expect((await rowOf(owner))!.lateFee).toBe(20);
    at('2026-03-03');
    expect((await rowOf(owner))!.lateFee).toBe(40);
    at('2026-03-11');
    expect(await lineFee(L.o1)).toMatchObject({ lateFee: 100, lateDue: 100, principalDue: 20_000, totalDue: 20_100 });
    expect((await rowOf(owner))).toMatchObject({ lateFee: 200, outstanding: 40_000 });
    // the water line (rule "due", grace 5): late from 26 Feb; 13 days × 30.00 元 × 0.05 % = 19.5 fen → 20
    expect((await lineFee(L.ew, east)).lateFee).toBe(20);
  });

  it('a partial payment lowers the daily accrual', async () => {
    await payLines(t, owner, '2026-03-11', [{ lineId: L.o1, principal: 10_000, late: 100 }]);
    expect((await rowOf(owner))).toMatchObject({ outstanding: 30_000, lateFee: 100 });
    at('2026-03-12');
    // line 1: 100 fixed on 11 March + 10000 × 1 × 0.0005 = 105, of which 100 paid; line 2: 20000 × 11 × 0.0005 = 110
    expect(await lineFee(L.o1)).toMatchObject({ lateFee: 105, latePaid: 100, lateDue: 5, principalDue: 10_000 });
    expect((await lineFee(L.o2)).lateFee).toBe(110);
    expect((await rowOf(owner))!.lateFee).toBe(115);
  });

  it('step 3: the administrator\'s visit files the owner\'s dissatisfaction as a complaint ticket', async () => {
    expect((await step('cs1', owner, { step: 3, complaint: true })).json().error.fields).toHaveProperty('dissatisfaction');
    const before = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await step('cs1', owner, { step: 3, reason: '认为保洁不到位所以不交', dissatisfaction: '楼道保洁一周只做一次', outcome: '已道歉并解释', complaint: true });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ step: 3, channel: 'visit', reason: '认为保洁不到位所以不交', dissatisfaction: '楼道保洁一周只做一次', outstanding: 30_115 });
    expect(s.ticketId).toBeGreaterThan(0);
    const ticket = await t.db.selectFrom('tickets').selectAll().where('id', '=', s.ticketId).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ type: 'complaint', channel: 'visit', unit_id: owner, status: 'registered', area_id: ids.east });
    expect(ticket.description).toContain('楼道保洁一周只做一次');
    expect(ticket.reporter_name).toBe((await rowOf(owner))!.ownerName);
    const after = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    expect((await t.as('cs1', 'GET', `/api/v1/tickets/${s.ticketId}`)).statusCode).toBe(200);
  });

  it('step 4 is the assistant\'s, step 5 the director\'s (or the assistant\'s for him), with a resolution', async () => {
    expect((await step('cs1', owner, { step: 4 })).statusCode).toBe(403);
    const four = await step('assistant', owner, { step: 4, reason: '资金周转困难', outcome: '讲明利害，业主承诺分期' });
    expect(four.statusCode, four.body).toBe(201);
    expect((await step('cs1', owner, { step: 5, resolution: 'instalments' })).statusCode).toBe(403);
    expect((await step('assistant', owner, { step: 5 })).json().error.fields).toHaveProperty('resolution');
    expect((await step('director', owner, { step: 5, resolution: 'cut_water' })).statusCode).toBe(400);
    const five = await step('director', owner, { step: 5, resolution: 'instalments', outcome: '分三期于 6 月前缴清' });
    expect(five.statusCode, five.body).toBe(201);
    expect(five.json()).toMatchObject({ step: 5, channel: 'meeting', resolution: 'instalments' });
    expect((await rowOf(owner))).toMatchObject({ step: 5, lastStepOn: '2026-03-12' });
  });

  it('the unit\'s page: open lines with late fees to date, every step, the steps the caller may take', async () => {
    const d = (await t.as('cs1', 'GET', `/api/v1/fees/arrears/${owner}`)).json();
    expect(d).toMatchObject({ unitId: owner, unitLabel: '1-1-1201', outstanding: 30_000, lateFee: 115, step: 5 });
    expect(d.lines.map((l: any) => l.id)).toEqual([L.o1, L.o2, L.o3]);
    expect(d.steps.map((s: any) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(d.allowedSteps).toEqual([2, 3]);
    expect((await t.as('assistant', 'GET', `/api/v1/fees/arrears/${owner}`)).json().allowedSteps).toEqual([2, 3, 4, 5]);
    expect((await t.as('cs2', 'GET', `/api/v1/fees/arrears/${owner}`)).statusCode).toBe(404);
    expect((await t.as('owner1', 'GET', `/api/v1/fees/arrears/${owner}`)).statusCode).toBe(403);
  });

  it('the late fee never exceeds the cap (the principal by default)', async () => {
    at('2031-12-31'); // about 2,100 days on
    expect((await lineFee(L.o2)).lateFee).toBe(20_000);
    expect((await lineFee(L.ew, east)).lateFee).toBe(3_000);
    at('2026-03-12');
  });

  it('paying up ends the episode: the next arrears start at step 0 and get a new reminder', async () => {
    await payLines(t, owner, '2026-03-12', [
      { lineId: L.o1, principal: 10_000, late: 5 },
      { lineId: L.o2, principal: 20_000, late: 110 },
      { lineId: L.o3, principal: 20_000 },
    ]);
    expect(await rowOf(owner)).toBeUndefined();
    await insertLine(t, owner, (await t.db.selectFrom('bill_lines').select('fee_item_id').where('id', '=', L.o1).executeTakeFirstOrThrow()).fee_item_id, { period: '2026-04', amount: 20_000, due_on: '2026-04-15' });
    at('2026-04-20');
    expect(await rowOf(owner)).toMatchObject({ step: 0, days: 5, lastStepOn: null, outstanding: 20_000, lateFee: 0 });
    expect((await step('cs1', owner, { step: 2, deadline: '2026-04-30' })).statusCode).toBe(409);
    const r = await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 5 });
    expect(r.json().units.map((u: any) => u.unitId)).toEqual([owner]);
  });
});
