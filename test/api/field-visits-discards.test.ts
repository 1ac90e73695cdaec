/**
 * The phone app's home visits and the supervisor's discard (design A.3.6 rules 8, B.3.1 offline):
 * the task pack carries the area administrator's visit plan; a home_visit sent through the outbox
 * arrives once and answers its plan item (a need becomes a desk ticket); only visit.write sends one;
 * a supervisor's discard of another user's unsent records is kept per record, audited, told to the
 * owner, and refused to everyone else.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { sync } from '../helpers/rounds.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let cs1: number;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  cs1 = (await t.db.selectFrom('users').select('id').where('username', '=', 'cs1').executeTakeFirstOrThrow()).id;
  await t.as('director', 'POST', '/api/v1/visit-plans/generate', { estateId: ids.estate });
});
afterAll(() => t.close());

const pack = async (user: string) => {
  const res = await t.as(user, 'GET', `/api/v1/field/pack?estateId=${ids.estate}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('visit plan in the task pack', () => {
  it('gives cs1 his plan with members and tags; nothing for a non-visitor', async () => {
    const p = await pack('cs1');
    expect(p.visits.items.length).toBeGreaterThan(0);
    expect(p.visits.tags).toContain('客服');
    const first = p.visits.items[0];
    expect(first).toMatchObject({ planItemId: expect.any(Number), householdId: expect.any(Number), unitLabel: expect.any(String), visited: false });
    expect(first.members.length).toBeGreaterThan(0);
    expect(JSON.stringify(p.visits)).not.toMatch(/1[3-9]\d{9}/); // no phone numbers
    expect((await pack('eng1')).visits).toBeNull();
    // every item is in his own areas
    const west = (await pack('cs2')).visits.items.map((i: any) => i.planItemId);
    expect(west.some((id: number) => p.visits.items.some((i: any) => i.planItemId === id))).toBe(false);
  });

  it('a visit sent from the phone arrives once, answers the item and turns a need into a ticket', async () => {
    const item = (await pack('cs1')).visits.items[0];
    const uuid = randomUUID();
    const payload = {
      householdId: item.householdId, planItemId: item.planItemId, purpose: item.purpose, method: 'in_home', outcome: 'met', visitedAt: new Date(t.clock.now().getTime() - 600_000).toISOString(),
      membersMet: item.members[0], opinions: '楼道灯不亮', tags: ['客服'], satisfaction: 4, needs: '厨房水龙头漏水', needType: 'repair', createTicket: true,
    };
    const first = await sync(t, 'cs1', [{ clientUuid: uuid, kind: 'home_visit', payload }]);
    expect(first.json().results[0]).toMatchObject({ status: 'accepted', ids: { visitId: expect.any(Number), ticketId: expect.any(Number) } });
    const again = await sync(t, 'cs1', [{ clientUuid: uuid, kind: 'home_visit', payload }]);
    expect(again.json().results[0]).toMatchObject({ status: 'duplicate', ids: first.json().results[0].ids });
    expect(await t.db.selectFrom('home_visits').select('id').where('household_id', '=', item.householdId).execute()).toHaveLength(1);
    const tk = await t.db.selectFrom('tickets').select(['channel', 'type']).where('id', '=', first.json().results[0].ids.ticketId).executeTakeFirstOrThrow();
    expect(tk).toEqual({ channel: 'visit', type: 'repair' });
    expect((await pack('cs1')).visits.items.find((i: any) => i.planItemId === item.planItemId).visited).toBe(true);
    const staff = (await t.as('cs1', 'GET', `/api/v1/home-visits?estateId=${ids.estate}&householdId=${item.householdId}`)).json();
    expect(staff.items[0]).toMatchObject({ opinions: '楼道灯不亮', satisfaction: 4, ticketId: first.json().results[0].ids.ticketId });
  });

  it('engineering staff work in the field but cannot send a visit', async () => {
    const res = await sync(t, 'eng1', [{ kind: 'home_visit', payload: { householdId: ids.eastUnit.householdId, purpose: 'routine', method: 'door', outcome: 'not_home', visitedAt: t.clock.now().toISOString() } }]);
    expect(res.json().results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
  });
});

describe('supervisor discard of another user\'s unsent records', () => {
  const line = (over: Record<string, unknown> = {}) => ({ clientUuid: randomUUID(), kind: 'round_result', ownerId: cs1, estateId: ids.estate, recordedAt: '2026-11-30T02:00:00Z', attempts: 2, lastError: 'HTTP 401', payload: { taskId: 1, checkpointId: 2 }, ...over });

  it('is refused to area administrators, front desk and owners', async () => {
    for (const user of ['cs2', 'eng1', 'desk1', 'owner1']) expect((await t.as(user, 'POST', '/api/v1/field/discards', { deviceId: 'p1', reason: '人员离职', items: [line()] })).statusCode, user).toBe(403);
    expect((await t.as('cs2', 'GET', `/api/v1/field/discards?estateId=${ids.estate}`)).statusCode).toBe(403);
  });

  it('keeps each record with its reason, audits it, tells the owner; a replay is a duplicate', async () => {
    const a = line();
    const photo = line({ kind: 'photo', payload: { taskId: 1, checkpointId: 2, itemId: 3, role: 'issue' } });
    const res = await t.as('assistant', 'POST', '/api/v1/field/discards', { deviceId: 'phone-7', reason: '张敏已调岗，手机交回', items: [a, photo] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual([{ clientUuid: a.clientUuid, status: 'recorded' }, { clientUuid: photo.clientUuid, status: 'recorded' }]);
    const rows = await t.db.selectFrom('field_discards').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.client_uuid, r.kind, r.owner_id, r.reason, r.attempts])).toEqual([
      [a.clientUuid, 'round_result', cs1, '张敏已调岗，手机交回', 2],
      [photo.clientUuid, 'photo', cs1, '张敏已调岗，手机交回', 2],
    ]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'field_record').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ action: 'discard', entity_ref: a.clientUuid });
    expect(JSON.stringify(audit[0])).toContain('type.fieldRecord.round_result');
    const note = await t.db.selectFrom('notifications').selectAll().where('user_id', '=', cs1).where('kind', '=', 'field_discard').execute();
    expect(note).toHaveLength(1);
    const again = await t.as('assistant', 'POST', '/api/v1/field/discards', { deviceId: 'phone-7', reason: '重报', items: [a] });
    expect(again.json().results).toEqual([{ clientUuid: a.clientUuid, status: 'duplicate' }]);
    const list = (await t.as('director', 'GET', `/api/v1/field/discards?estateId=${ids.estate}`)).json();
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ ownerName: expect.stringContaining('张敏'), reason: '张敏已调岗，手机交回', deviceId: 'phone-7' });
    // its owner sending it later from the phone is refused: discarded stays discarded
    const late = await sync(t, 'cs1', [{ clientUuid: a.clientUuid, kind: 'round_result', payload: {} }]);
    expect(late.json().results[0]).toMatchObject({ status: 'rejected', code: 'DISCARDED' });
  });

  it('answers arrived for a record the server already has', async () => {
    const sent = (await t.db.selectFrom('field_sync_log').select('client_uuid').where('kind', '=', 'home_visit').executeTakeFirstOrThrow()).client_uuid;
    const res = await t.as('director', 'POST', '/api/v1/field/discards', { deviceId: 'p', reason: '手机交回', items: [line({ clientUuid: sent, kind: 'home_visit' })] });
    expect(res.json().results).toEqual([{ clientUuid: sent, status: 'arrived' }]);
    expect(await t.db.selectFrom('field_discards').select('id').where('client_uuid', '=', sent).execute()).toHaveLength(0);
  });

  it('refuses bad reports naming the field, writing nothing', async () => {
    const before = (await t.db.selectFrom('field_discards').select('id').execute()).length;
    const me = (await t.db.selectFrom('users').select('id').where('username', '=', 'assistant').executeTakeFirstOrThrow()).id;
    const good = line();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ reason: '' }, 'reason'],
      [{ items: [] }, 'items'],
      [{ items: [good, line({ ownerId: me })] }, 'items.1.ownerId'],
      [{ items: [good, line({ ownerId: 999_999 })] }, 'items.1.ownerId'],
      [{ items: [good, line({ clientUuid: 'nope' })] }, 'items.1.clientUuid'],
      [{ items: [good, line({ recordedAt: 'yesterday' })] }, 'items.1.recordedAt'],
      [{ items: [good, line({ kind: 'Round Result' })] }, 'items.1.kind'],
      [{ items: [good, good] }, 'items.1.clientUuid'],
      [{ items: [good, line({ payload: { x: 'y'.repeat(25_000) } })] }, 'items.1.payload'],
      [{ extra: 1 }, ''],
    ];
    for (const [over, field] of cases) {
      const res = await t.as('assistant', 'POST', '/api/v1/field/discards', { deviceId: 'p', reason: '交回', items: [good], ...over });
      expect(res.statusCode, JSON.stringify(over).slice(0, 80)).toBe(400);
      if (field) expect(Object.keys(res.json().error.fields), field).toContain(field);
    }
    expect((await t.db.selectFrom('field_discards').select('id').execute()).length).toBe(before);
  });
});
