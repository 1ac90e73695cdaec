/**
 * Signage (manual 4.3): settings, groups, the 《标识使用清单》 request → approval → signs, the twice-daily
 * check with defects → tickets, install / repair / removal; roles, scope and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let groupId: number;
let requestId: number;
let signs: Array<{ id: number; code: string; temporary: boolean; status: string }>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t?.close());

const line = (over: Record<string, unknown> = {}) => ({ category: 'floor', place: 'high_rise', location: '2栋1单元各层', content: '楼层号', quantity: 2, ...over });

describe('settings', () => {
  it('defaults to two slots 3 h apart; supervisors change them; bad slots name the field', async () => {
    const get = await t.as('desk1', 'GET', `/api/v1/field/settings?estateId=${ids.estate}`);
    expect(get.statusCode).toBe(200);
    expect(get.json()).toMatchObject({ signCheckSlots: [{ start: '08:00', windowMin: 180 }, { start: '14:00', windowMin: 180 }], vacantDiscountGate: true });
    const body = { signCheckSlots: [{ start: '07:30', windowMin: 240 }, { start: '13:30', windowMin: 240 }], vacantDiscountGate: true };
    const url = `/api/v1/field/settings?estateId=${ids.estate}`;
    expect((await t.as('cs1', 'PATCH', url, body)).statusCode).toBe(403);
    const gap = await t.as('director', 'PATCH', url, { ...body, signCheckSlots: [{ start: '08:00', windowMin: 60 }, { start: '09:00', windowMin: 60 }] });
    expect(gap.statusCode).toBe(400);
    expect(gap.json().error.fields).toHaveProperty('signCheckSlots.1');
    expect((await t.as('director', 'PATCH', url, { ...body, signCheckSlots: [{ start: '8:00', windowMin: 60 }, { start: '14:00', windowMin: 60 }] })).statusCode).toBe(400);
    expect((await t.as('director', 'PATCH', url, { ...body, extra: 1 })).statusCode).toBe(400);
    const ok = await t.as('director', 'PATCH', url, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().signCheckSlots[0].start).toBe('07:30');
    const log = await t.db.selectFrom('audit_log').select('entity').where('entity', '=', 'field_settings').execute();
    expect(log).toHaveLength(1);
    // back to the defaults for the checks below
    await t.as('director', 'PATCH', url, { ...body, signCheckSlots: [{ start: '08:00', windowMin: 180 }, { start: '14:00', windowMin: 180 }] });
  });
});

describe('sign groups', () => {
  it('an area administrator makes groups in his own area only; names are unique', async () => {
    const res = await t.as('cs1', 'POST', '/api/v1/field/sign-groups', { estateId: ids.estate, areaId: ids.east, name: '2栋公共区域', location: '2栋' });
    expect(res.statusCode).toBe(200);
    groupId = res.json().id;
    expect((await t.as('cs1', 'POST', '/api/v1/field/sign-groups', { estateId: ids.estate, areaId: ids.west, name: '西区' })).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sign-groups', { estateId: ids.estate, areaId: ids.east, name: '2栋公共区域' })).statusCode).toBe(409);
    expect((await t.as('desk1', 'POST', '/api/v1/field/sign-groups', { estateId: ids.estate, name: 'x' })).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sign-groups', { estateId: ids.estate, areaId: ids.east, name: '' })).statusCode).toBe(400);
    const west = await t.as('cs2', 'GET', `/api/v1/field/sign-groups?estateId=${ids.estate}`);
    expect(west.json().items.find((g: { id: number }) => g.id === groupId)).toBeUndefined();
  });
});

describe('《标识使用清单》 → signs', () => {
  it('refuses bad lines naming the field', async () => {
    const base = { estateId: ids.estate, areaId: ids.east, reason: '2栋缺楼层标识' };
    const before = (await t.db.selectFrom('sign_requests').select('id').execute()).length;
    const cases: Array<[unknown[], string]> = [
      [[line({ place: 'temporary' })], 'lines.0.temporaryUntil'],
      [[line(), line({ temporaryUntil: '2099-01-01' })], 'lines.1.temporaryUntil'],
      [[line({ quantity: 0 })], 'lines.0.quantity'],
      [[line({ category: 'poster' })], 'lines.0.category'],
      [[line({ place: 'roof' })], 'lines.0.place'],
      [[line({ signGroupId: 999999 })], 'lines.0.signGroupId'],
      [[], 'lines'],
    ];
    for (const [lines, field] of cases) {
      const res = await t.as('cs1', 'POST', '/api/v1/field/sign-requests', { ...base, lines });
      expect(res.statusCode, field).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), field).toContain(field);
    }
    expect(await t.db.selectFrom('sign_requests').select('id').execute()).toHaveLength(before);
  });

  it('a draft is submitted, then the superior approves it and only then signs exist', async () => {
    const soon = localDate(t.clock.now());
    const until = new Date(Date.parse(`${soon}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const res = await t.as('cs1', 'POST', '/api/v1/field/sign-requests', {
      estateId: ids.estate, areaId: ids.east, reason: '2栋缺楼层标识；消防通道施工需临时标识', costEstimate: 12_000,
      lines: [line({ signGroupId: groupId }), line({ category: 'safety', place: 'temporary', content: '施工中 请绕行', quantity: 1, signGroupId: groupId, temporaryUntil: until })],
    });
    expect(res.statusCode).toBe(200);
    requestId = res.json().id;
    expect(res.json().status).toBe('draft');
    expect(await t.db.selectFrom('signs').select('id').where('request_id', '=', requestId).execute()).toHaveLength(0);
    // no other way to make a sign
    expect((await t.as('cs1', 'POST', '/api/v1/field/signs', { estateId: ids.estate })).statusCode).toBe(404);
    expect((await t.as('assistant', 'POST', `/api/v1/field/sign-requests/${requestId}/decide`, { approve: true })).statusCode).toBe(409);
    expect((await t.as('cs2', 'GET', `/api/v1/field/sign-requests/${requestId}`)).statusCode).toBe(404);
    expect((await t.as('cs2', 'POST', `/api/v1/field/sign-requests/${requestId}/submit`)).statusCode).toBe(404);
    const sub = await t.as('cs1', 'POST', `/api/v1/field/sign-requests/${requestId}/submit`);
    expect(sub.json().status).toBe('submitted');
    expect((await t.as('cs1', 'POST', `/api/v1/field/sign-requests/${requestId}/submit`)).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/field/sign-requests/${requestId}/decide`, { approve: true })).statusCode).toBe(403);
    const noNote = await t.as('assistant', 'POST', `/api/v1/field/sign-requests/${requestId}/decide`, { approve: false });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields).toHaveProperty('note');
    const ok = await t.as('assistant', 'POST', `/api/v1/field/sign-requests/${requestId}/decide`, { approve: true, note: '同意' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
    expect(ok.json().signIds).toHaveLength(3);
    expect((await t.as('director', 'POST', `/api/v1/field/sign-requests/${requestId}/decide`, { approve: false, note: '改判' })).statusCode).toBe(409);
    const list = await t.as('desk1', 'GET', `/api/v1/field/signs?estateId=${ids.estate}&groupId=${groupId}`);
    signs = list.json().items;
    expect(signs.map((s) => s.code).every((c) => /^BS-\d{4}$/.test(c))).toBe(true);
    expect(new Set(signs.map((s) => s.code)).size).toBe(3);
    expect(signs.map((s) => s.status)).toEqual(['approved', 'approved', 'approved']);
    expect(signs.map((s) => s.temporary)).toEqual([false, false, true]);
    expect((await t.as('desk1', 'GET', `/api/v1/field/signs?estateId=${ids.estate}&groupId=${groupId}&temporary=1`)).json().items[0].expiresOn).toBe(until);
    expect((await t.as('desk1', 'GET', `/api/v1/field/signs?estateId=${ids.estate}&groupId=${groupId}&category=safety&place=temporary`)).json().total).toBe(1);
    expect((await t.as('desk1', 'GET', `/api/v1/field/signs?estateId=${ids.estate}&groupId=${groupId}&category=lift`)).json().total).toBe(0);
    expect((await t.as('desk1', 'GET', `/api/v1/field/signs?category=nonsense`)).statusCode).toBe(400);
    const west = (await t.as('cs2', 'GET', `/api/v1/field/signs?estateId=${ids.estate}&pageSize=200`)).json().items;
    expect(west.some((s: { groupId: number }) => s.groupId === groupId)).toBe(false);
    expect((await t.as('cs2', 'GET', `/api/v1/field/signs?estateId=${ids.estate}&groupId=${groupId}`)).json().total).toBe(0);
    expect((await t.as('cs2', 'GET', `/api/v1/field/signs/${signs[0]!.id}`)).statusCode).toBe(404);
    expect((await t.as('owner1', 'GET', `/api/v1/field/signs`)).statusCode).toBe(403);
  });

  it('a rejected request makes no signs; one cannot approve his own', async () => {
    const own = await t.as('assistant', 'POST', '/api/v1/field/sign-requests', { estateId: ids.estate, reason: '会所指示牌', lines: [line({ place: 'clubhouse', category: 'public_facility' })], submit: true });
    expect(own.json().status).toBe('submitted');
    expect((await t.as('assistant', 'POST', `/api/v1/field/sign-requests/${own.json().id}/decide`, { approve: true })).statusCode).toBe(409);
    const rej = await t.as('director', 'POST', `/api/v1/field/sign-requests/${own.json().id}/decide`, { approve: false, note: '会所另有安排' });
    expect(rej.json()).toMatchObject({ status: 'rejected', signIds: [] });
    expect((await t.as('desk1', 'GET', `/api/v1/field/sign-requests?estateId=${ids.estate}&status=rejected`)).json().total).toBe(1);
  });
});

describe('install, check twice a day, defects → tickets, removal', () => {
  it('installs the signs; a removed or uninstalled sign is not checked', async () => {
    const notYet = await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'issue', defects: [{ signId: signs[0]!.id, defect: 'dirty' }] });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().error.fields).toHaveProperty('defects.0.signId');
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${signs[0]!.id}/activate`, { installedOn: '2099-01-01' })).statusCode).toBe(400);
    for (const s of signs) expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${s.id}/activate`, {})).json().status).toBe('active');
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${signs[0]!.id}/activate`, {})).statusCode).toBe(409);
    expect((await t.as('cs2', 'POST', `/api/v1/field/signs/${signs[0]!.id}/activate`, {})).statusCode).toBe(404);
  });

  it('counts one check per slot, files one ticket per sign and notes a repeat on it', async () => {
    const ok = await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'ok' });
    expect(ok.statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'ok', defects: [{ signId: signs[0]!.id, defect: 'dirty' }] })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'issue' })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'issue', defects: [{ signId: signs[0]!.id, defect: 'burnt' }] })).statusCode).toBe(400);
    expect((await t.as('cs2', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'ok' })).statusCode).toBe(400);
    expect((await t.as('desk1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'ok' })).statusCode).toBe(403);
    const before = (await t.db.selectFrom('tickets').select('id').execute()).length;
    const bad = await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'issue', defects: [{ signId: signs[0]!.id, defect: 'damaged', note: '右下角破裂' }] });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().tickets).toBe(1);
    const tk = await t.db.selectFrom('tickets').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(tk).toMatchObject({ type: 'repair', channel: 'patrol', department: 'engineering', area_id: ids.east });
    expect(tk.title).toContain(signs[0]!.code);
    const again = await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'issue', defects: [{ signId: signs[0]!.id, defect: 'damaged' }] });
    expect(again.json().tickets).toBe(0);
    expect((await t.db.selectFrom('tickets').select('id').execute()).length).toBe(before + 1);
    const events = await t.db.selectFrom('ticket_events').select('note').where('ticket_id', '=', tk.id).where('kind', '=', 'comment').execute();
    expect(events.some((e) => e.note?.startsWith('再次发现'))).toBe(true);
    const sign = (await t.as('cs1', 'GET', `/api/v1/field/signs/${signs[0]!.id}`)).json();
    expect(sign).toMatchObject({ status: 'defective', ticketNumber: tk.number });
    // stays defective while the repair ticket is live
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${signs[0]!.id}/activate`, {})).statusCode).toBe(409);
    await t.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', tk.id).execute();
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${signs[0]!.id}/activate`, {})).json().status).toBe('active');
    const day = (await t.as('desk1', 'GET', `/api/v1/field/sign-checks?estateId=${ids.estate}`)).json();
    const g = day.groups.find((x: { id: number }) => x.id === groupId);
    expect(g.checks).toHaveLength(3);
    expect(g.checks[1].defects[0]).toMatchObject({ signCode: signs[0]!.code, defect: 'damaged', ticketNumber: tk.number });
    expect(day.compliance).toBeGreaterThanOrEqual(0);
    expect(day.compliance).toBeLessThanOrEqual(1);
  });

  it('removal needs a reason and is final', async () => {
    const id = signs[2]!.id;
    const none = await t.as('cs1', 'POST', `/api/v1/field/signs/${id}/remove`, { reason: ' ' });
    expect(none.statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${id}/remove`, { reason: '施工结束，撤除临时标识' })).json().status).toBe('removed');
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${id}/remove`, { reason: '再撤' })).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/field/signs/${id}/activate`, {})).statusCode).toBe(409);
    const chk = await t.as('cs1', 'POST', '/api/v1/field/sign-checks', { signGroupId: groupId, result: 'issue', defects: [{ signId: id, defect: 'missing' }] });
    expect(chk.statusCode).toBe(400);
    const log = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'sign').where('entity_id', '=', String(id)).execute();
    expect(log.length).toBe(2);
  });
});
