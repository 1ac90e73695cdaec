/**
 * The field app's contract (FIELD-CONTRACT.md): task pack, photo upload, sync of round results.
 * Idempotent replays, refusals per item, clock skew, finding → ticket with dedupe and closure,
 * and the late sync that un-misses a checkpoint after the sweep.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/core/rounds.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { answers, dayAfterDemo, jpeg, patrolSetup, setChinaTime, sync, uploadPhoto } from '../helpers/rounds.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let setup: Awaited<ReturnType<typeof patrolSetup>>;
let day: string;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  setup = await patrolSetup(t, ids.estate, ids.east, 'FS');
  day = dayAfterDemo(t);
});
afterAll(() => t.close());

const taskOf = async (user: string) => {
  const pack = await t.as(user, 'GET', `/api/v1/field/pack?estateId=${ids.estate}`);
  expect(pack.statusCode, pack.body).toBe(200);
  return pack.json();
};

describe('task pack', () => {
  it('gives the area administrator his task within the lead time, with hashed tokens and the template', async () => {
    setChinaTime(t, day, '08:20');
    expect((await taskOf('cs1')).tasks.filter((x: any) => x.planId === setup.planId)).toHaveLength(0); // 40 min before: outside the 30-min lead
    setChinaTime(t, day, '08:40');
    const pack = await taskOf('cs1');
    const task = pack.tasks.find((x: any) => x.planId === setup.planId);
    expect(task).toMatchObject({ status: 'pending', ordered: true, graceMin: 30, kind: 'patrol' });
    expect(task.checkpoints.map((c: any) => c.id)).toEqual(setup.cps);
    const cp = task.checkpoints[0];
    expect(cp.qrHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(pack)).not.toContain(setup.token(setup.cps[0]!));
    expect(cp.template.items.length).toBe(12);
    expect(cp.template.items[0]).toMatchObject({ answer: 'ok_issue', photoOnIssue: true, severity: 'minor' });
    expect(pack.date).toBe(day);
    // Pack again: the same single task (generation is idempotent per plan and slot).
    const again = await taskOf('cs1');
    expect(again.tasks.filter((x: any) => x.planId === setup.planId)).toHaveLength(1);
  });

  it('is refused to roles without field.work and outside the scope', async () => {
    expect((await t.as('owner1', 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).statusCode).toBe(403);
    expect((await t.as('cashier1', 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).statusCode).toBe(403);
    expect((await t.as(null, 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).statusCode).toBe(401);
    expect((await t.as('cs1', 'GET', '/api/v1/field/pack?estateId=9999')).statusCode).toBe(403);
    expect((await t.as('cs1', 'GET', '/api/v1/field/pack?estateId=abc')).statusCode).toBe(400);
  });
});

describe('photos', () => {
  it('stores a re-encoded JPEG once per client UUID', async () => {
    const uuid = randomUUID();
    const first = await uploadPhoto(t, 'cs1', ids.estate, uuid, await jpeg());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ clientUuid: uuid, duplicate: false });
    const again = await uploadPhoto(t, 'cs1', ids.estate, uuid, await jpeg());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ photoId: first.json().photoId, clientUuid: uuid, duplicate: true });
    const got = await t.as('director', 'GET', `/api/v1/field/photos/${first.json().photoId}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
  });

  it('refuses a bad upload with the field named', async () => {
    const noUuid = await uploadPhoto(t, 'cs1', ids.estate, 'not-a-uuid', await jpeg());
    expect(noUuid.statusCode).toBe(400);
    expect(noUuid.json().error.fields).toHaveProperty('clientUuid');
    const noFile = await uploadPhoto(t, 'cs1', ids.estate, randomUUID());
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.fields).toHaveProperty('file');
    const notImage = await uploadPhoto(t, 'cs1', ids.estate, randomUUID(), Buffer.from('<svg></svg>'), 'image/svg+xml');
    expect(notImage.statusCode).toBe(400);
    const otherEstate = await uploadPhoto(t, 'cs1', 9999, randomUUID(), await jpeg());
    expect(otherEstate.statusCode).toBe(403);
    expect((await uploadPhoto(t, 'owner1', ids.estate, randomUUID(), await jpeg())).statusCode).toBe(403);
    // A UUID another user used is not his photo.
    const uuid = randomUUID();
    expect((await uploadPhoto(t, 'cs1', ids.estate, uuid, await jpeg())).statusCode).toBe(201);
    expect((await uploadPhoto(t, 'director', ids.estate, uuid, await jpeg())).statusCode).toBe(409);
  });
});

describe('sync', () => {
  it('accepts a QR result once; a replay answers duplicate with the same ids', async () => {
    setChinaTime(t, day, '09:05');
    const task = (await taskOf('cs1')).tasks.find((x: any) => x.planId === setup.planId);
    const uuid = randomUUID();
    const payload = { taskId: task.id, checkpointId: setup.cps[0], scanMethod: 'qr', scannedToken: setup.token(setup.cps[0]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items) };
    const first = await sync(t, 'cs1', [{ clientUuid: uuid, payload }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results[0]).toMatchObject({ clientUuid: uuid, status: 'accepted', ids: { findingIds: [], ticketIds: [] } });
    const again = await sync(t, 'cs1', [{ clientUuid: uuid, payload }]);
    expect(again.json().results[0]).toEqual({ clientUuid: uuid, status: 'duplicate', ids: first.json().results[0].ids });
    expect(await t.db.selectFrom('round_results').select('id').where('client_uuid', '=', uuid).execute()).toHaveLength(1);
    const board = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${task.id}`)).json();
    expect(board).toMatchObject({ status: 'in_progress', done: 1, total: 2 });
    expect(board.points[0].result).toMatchObject({ timing: 'on_time', scanMethod: 'qr' });
  });

  it('refuses per item with a localized reason and keeps the rest of the batch', async () => {
    const task = (await taskOf('cs1')).tasks.find((x: any) => x.planId === setup.planId);
    const base = { taskId: task.id, checkpointId: setup.cps[1], observedAt: t.clock.now().toISOString(), answers: answers(setup.items) };
    const res = await sync(t, 'cs1', [
      { payload: { ...base, scanMethod: 'qr', scannedToken: 'wrong-token' } },
      { payload: { ...base, scanMethod: 'manual' } },
      { payload: { ...base, scanMethod: 'qr', scannedToken: setup.token(setup.cps[1]!), observedAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() } },
      { kind: 'no_such_kind', payload: {} },
      { payload: { ...base, scanMethod: 'qr', scannedToken: setup.token(setup.cps[1]!), answers: answers(setup.items.slice(1)) } },
      { payload: { ...base, scanMethod: 'qr', scannedToken: setup.token(setup.cps[1]!), answers: answers(setup.items, { [setup.items[0]!.id]: { description: '灯不亮了', photoIds: [] } }) } },
      { payload: { checkpointId: 'x' } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json().results;
    expect(r.map((x: any) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(r.map((x: any) => x.code)).toEqual(['TOKEN_MISMATCH', 'MANUAL_REASON', 'FUTURE', 'UNKNOWN_KIND', 'BAD_ANSWER', 'ISSUE_PHOTO', 'VALIDATION']);
    expect(r[1].reason).toContain('原因');
    const en = await t.as('cs1', 'POST', '/api/v1/field/sync', { deviceId: 'p', deviceNow: t.clock.now().toISOString(), items: [{ clientUuid: randomUUID(), kind: 'round_result', payload: { ...base, scanMethod: 'manual' } }] }, { 'accept-language': 'en-US' });
    expect(en.json().results[0].reason).toContain('reason');
  });

  it('rejects a malformed batch as a whole with 400', async () => {
    expect((await t.as('cs1', 'POST', '/api/v1/field/sync', { deviceId: 'p', items: [] })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sync', { deviceId: 'p', deviceNow: 'yesterday', items: [] })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', '/api/v1/field/sync', { deviceId: 'p', deviceNow: t.clock.now().toISOString(), items: [{ clientUuid: 'x', kind: 'round_result', payload: {} }] })).statusCode).toBe(400);
    expect((await t.as('owner1', 'POST', '/api/v1/field/sync', { deviceId: 'p', deviceNow: t.clock.now().toISOString(), items: [] })).statusCode).toBe(403);
  });

  it('corrects a device clock that runs ahead and flags it', async () => {
    const task = (await taskOf('cs1')).tasks.find((x: any) => x.planId === setup.planId);
    const ahead = 10 * 60_000; // the phone runs 10 minutes fast
    const deviceNow = new Date(t.clock.now().getTime() + ahead);
    const observed = new Date(deviceNow.getTime() - 60_000); // "a minute ago" on the phone
    const res = await sync(t, 'cs1', [{ payload: { taskId: task.id, checkpointId: setup.cps[1], scanMethod: 'manual', manualReason: '标签被遮挡', observedAt: observed.toISOString(), answers: answers(setup.items) } }], deviceNow.toISOString());
    expect(res.json().skewMs).toBeGreaterThan(ahead - 5_000);
    const out = res.json().results[0];
    expect(out.status, out.reason).toBe('accepted');
    const row = await t.db.selectFrom('round_results').selectAll().where('id', '=', out.ids.resultId).executeTakeFirstOrThrow();
    expect(Math.abs(Date.parse(row.observed_at) - (t.clock.now().getTime() - 60_000))).toBeLessThan(5_000);
    expect(row.device_observed_at).toBe(observed.toISOString());
    expect(row.skew_flag).toBe(1);
    const board = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${task.id}`)).json();
    expect(board).toMatchObject({ status: 'done', done: 2, unverified: 1 });
  });
});

describe('finding → ticket', () => {
  let photoId: number;
  let ticketId: number;
  it('opens a patrol ticket from an issue, with the item\'s department and the photo copied', async () => {
    photoId = (await uploadPhoto(t, 'cs1', ids.estate, randomUUID(), await jpeg())).json().photoId;
    const elevator = setup.items.find((i) => i.label === '电梯运行')!;
    const res = await sync(t, 'cs1', [{ payload: { checkpointId: setup.cps[0], scanMethod: 'qr', scannedToken: setup.token(setup.cps[0]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items, { [elevator.id]: { description: '电梯异响，运行抖动', photoIds: [photoId] } }) } }]);
    const out = res.json().results[0];
    expect(out.status, out.reason).toBe('accepted');
    expect(out.ids.ticketIds).toHaveLength(1);
    ticketId = out.ids.ticketIds[0];
    const tk = (await t.as('director', 'GET', `/api/v1/tickets/${ticketId}`)).json();
    expect(tk).toMatchObject({ channel: 'patrol', type: 'repair', department: 'engineering', priority: 'high', title: '[巡检] FS 检查点 1 · 电梯运行' });
    const photos = await t.db.selectFrom('ticket_photos').select('id').where('ticket_id', '=', ticketId).execute();
    expect(photos).toHaveLength(1);
    // An ad-hoc observation (no task) does not count for any task.
    const row = await t.db.selectFrom('round_results').select(['counts', 'task_id']).where('id', '=', out.ids.resultId).executeTakeFirstOrThrow();
    expect(row).toEqual({ counts: 0, task_id: null });
  });

  it('comments 再次发现 on the live ticket instead of opening another', async () => {
    const elevator = setup.items.find((i) => i.label === '电梯运行')!;
    const res = await sync(t, 'cs2', [{ payload: { checkpointId: setup.cps[0], scanMethod: 'qr', scannedToken: setup.token(setup.cps[0]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items, { [elevator.id]: { description: '电梯仍有异响', photoIds: [photoId] } }) } }]);
    // cs2 covers the west area only: the east checkpoint is not his.
    expect(res.json().results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    const again = await sync(t, 'director', [{ payload: { checkpointId: setup.cps[0], scanMethod: 'qr', scannedToken: setup.token(setup.cps[0]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items, { [elevator.id]: { description: '电梯仍有异响', photoIds: [photoId] } }) } }]);
    const out = again.json().results[0];
    expect(out.status, out.reason).toBe('accepted');
    expect(out.ids.ticketIds).toEqual([ticketId]);
    const events = await t.db.selectFrom('ticket_events').select('note').where('ticket_id', '=', ticketId).execute();
    expect(events.some((e) => e.note?.startsWith('再次发现'))).toBe(true);
    expect(await t.db.selectFrom('tickets').select('id').where('title', '=', '[巡检] FS 检查点 1 · 电梯运行').execute()).toHaveLength(1);
    const pack = await taskOf('cs1');
    expect(pack.openFindings).toContainEqual(expect.objectContaining({ checkpointId: setup.cps[0], itemId: elevator.id }));
  });

  it('a finding fixed on the spot closes without a ticket', async () => {
    const light = setup.items.find((i) => i.label === '楼道照明')!;
    const res = await sync(t, 'cs1', [{ payload: { checkpointId: setup.cps[1], scanMethod: 'qr', scannedToken: setup.token(setup.cps[1]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items, { [light.id]: { description: '灯泡松动已拧紧', photoIds: [photoId], fixedOnSpot: true, afterPhotoIds: [photoId] } }) } }]);
    const out = res.json().results[0];
    expect(out.status, out.reason).toBe('accepted');
    expect(out.ids.ticketIds).toEqual([]);
    const f = await t.db.selectFrom('round_findings').select('status').where('id', '=', out.ids.findingIds[0]).executeTakeFirstOrThrow();
    expect(f.status).toBe('fixed_on_spot');
  });

  it('closing the ticket closes its findings', async () => {
    await t.db.updateTable('tickets').set({ status: 'confirmed' }).where('id', '=', ticketId).execute();
    const closed = await t.as('director', 'POST', `/api/v1/tickets/${ticketId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    const rows = await t.db.selectFrom('round_findings').select('status').where('ticket_id', '=', ticketId).execute();
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.status === 'closed')).toBe(true);
    const list = (await t.as('desk1', 'GET', `/api/v1/rounds/findings?estateId=${ids.estate}&status=closed`)).json();
    expect(list.items.length).toBe(2);
  });
});

describe('sweep and late sync', () => {
  it('misses the unchecked checkpoints at end + grace, tells the area administrator once, and a late in-window result un-misses', async () => {
    const day2 = dayAfterDemo(t, 4);
    setChinaTime(t, day2, '08:45');
    const task = (await taskOf('cs1')).tasks.find((x: any) => x.planId === setup.planId && x.slotStart === zonedInstant(day2, '09:00').toISOString());
    expect(task).toBeTruthy();
    // The phone records checkpoint 1 at 09:20 but stays offline.
    const observed = new Date(Date.parse(task.slotStart) + 20 * 60_000).toISOString();
    setChinaTime(t, day2, '10:31'); // 09:00 + 60 + 30 grace has passed
    const run = await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    expect(run.statusCode, run.body).toBe(200);
    let board = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${task.id}`)).json();
    expect(board.status).toBe('missed');
    const notes = await t.db.selectFrom('notifications').select(['user_id', 'kind']).where('dedupe_key', '=', `rounds-missed:${task.id}`).execute();
    expect(notes.map((n) => n.user_id)).toContain(ids.users.cs1);
    await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    expect(await t.db.selectFrom('notifications').select('id').where('dedupe_key', '=', `rounds-missed:${task.id}`).execute()).toHaveLength(notes.length);

    const res = await sync(t, 'cs1', [{ payload: { taskId: task.id, checkpointId: setup.cps[0], scanMethod: 'qr', scannedToken: setup.token(setup.cps[0]!), observedAt: observed, answers: answers(setup.items) } }]);
    expect(res.json().results[0].status).toBe('accepted');
    board = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${task.id}`)).json();
    expect(board).toMatchObject({ status: 'partial', done: 1, missed: 1 });
    expect(board.points[0].result).toMatchObject({ lateSync: true, timing: 'on_time' });
    expect(await t.db.selectFrom('notifications').select('id').where('dedupe_key', '=', `rounds-resolved:${task.id}:partial`).execute()).not.toHaveLength(0);

    // Outside the window (+grace) a late result is stored but does not count.
    const outside = new Date(Date.parse(task.slotEnd) + 31 * 60_000).toISOString();
    const late = await sync(t, 'cs1', [{ payload: { taskId: task.id, checkpointId: setup.cps[1], scanMethod: 'qr', scannedToken: setup.token(setup.cps[1]!), observedAt: outside, answers: answers(setup.items) } }]);
    expect(late.json().results[0].status).toBe('accepted');
    board = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${task.id}`)).json();
    expect(board).toMatchObject({ status: 'partial', done: 1, extraResults: 1 });

    // Make-up within 24 h: a task for the missed checkpoint; its result counts as late.
    const mk = await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${task.id}/makeup`, {});
    expect(mk.statusCode, mk.body).toBe(201);
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${task.id}/makeup`, {})).statusCode).toBe(409);
    const mkRes = await sync(t, 'cs1', [{ payload: { taskId: mk.json().id, checkpointId: setup.cps[1], scanMethod: 'qr', scannedToken: setup.token(setup.cps[1]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items) } }]);
    expect(mkRes.json().results[0].status).toBe('accepted');
    const mkBoard = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${mk.json().id}`)).json();
    expect(mkBoard).toMatchObject({ status: 'done', makeupOf: task.id });
    expect(mkBoard.points[0].result.timing).toBe('late');
    const rep = (await t.as('director', 'GET', `/api/v1/rounds/reports?estateId=${ids.estate}&from=${day2}&to=${day2}`)).json();
    const plan = rep.byPlan.find((p: any) => p.planId === setup.planId);
    expect(plan).toMatchObject({ scheduled: 2, done: 2, late: 1, missed: 0 });
  });
});
