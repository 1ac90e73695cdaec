/**
 * Sign groups and vacant units on the rounds engine: the setup makes a twice-daily sign-check plan
 * and a vacant-check plan; their tasks visit the sign groups and the due registrations; engine
 * results become sign-check and 5.10/5.11 records (job field-records), an issue's ticket comes from
 * the engine's finding bridge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { addDays } from '../../src/core/rounds.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { answers, dayAfterDemo, setChinaTime, sync, uploadPhoto, jpeg } from '../helpers/rounds.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let groupId: number;
let regId: number;
let day: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const today = localDate(t.clock.now());
  groupId = (await t.as('cs1', 'POST', '/api/v1/field/sign-groups', { estateId: ids.estate, areaId: ids.east, name: '东区 2 栋', location: '2 栋大堂' })).json().id;
  const req = await t.as('cs1', 'POST', '/api/v1/field/sign-requests', { estateId: ids.estate, areaId: ids.east, reason: '楼层标识', submit: true, lines: [{ category: 'floor', place: 'high_rise', signGroupId: groupId, location: '2 栋各层', content: '楼层号', quantity: 1 }] });
  const approved = await t.as('assistant', 'POST', `/api/v1/field/sign-requests/${req.json().id}/decide`, { approve: true });
  await t.as('cs1', 'POST', `/api/v1/field/signs/${approved.json().signIds[0]}/activate`, {});
  const unit = await t.db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
    .select('u.id')
    .where('u.status', '=', 'vacant')
    .where('b.area_id', '=', ids.east)
    .where('h.id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('vacant_registrations as v').select('v.id').whereRef('v.unit_id', '=', 'u.id'))))
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  regId = (await t.as('cs1', 'POST', '/api/v1/field/vacant', { unitId: unit.id, registeredOn: addDays(today, -10), reason: 'owner_away', keyHeld: true, keyNo: 'R-1', valvesClosed: true, checkIntervalDays: 7 })).json().id;
  day = dayAfterDemo(t);
});
afterAll(() => t?.close());

describe('rounds setup', () => {
  it('makes the two plans once per area; only supervisors may', async () => {
    expect((await t.as('cs1', 'POST', '/api/v1/field/rounds-setup', { estateId: ids.estate, areaId: ids.east })).statusCode).toBe(403);
    expect((await t.as('director', 'POST', '/api/v1/field/rounds-setup', { estateId: ids.estate, areaId: 'x' })).statusCode).toBe(400);
    const res = await t.as('director', 'POST', '/api/v1/field/rounds-setup', { estateId: ids.estate, areaId: ids.east });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().planIds).toHaveLength(2);
    expect((await t.as('director', 'POST', '/api/v1/field/rounds-setup', { estateId: ids.estate, areaId: ids.east })).json().planIds).toHaveLength(0);
    const plans = await t.db.selectFrom('round_plans').select(['kind', 'generator', 'slots']).where('generator', 'in', ['active_signs', 'due_vacant_units']).execute();
    expect(plans.map((p) => p.kind).sort()).toEqual(['sign_check', 'vacant_check']);
    expect(JSON.parse(plans.find((p) => p.kind === 'sign_check')!.slots)).toHaveLength(2);
  });
});

describe('engine tasks and results become records', () => {
  it('visits the sign group twice a day and the due vacant unit; results feed the records', async () => {
    setChinaTime(t, day, '09:10');
    const pack = (await t.as('cs1', 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).json();
    const signTask = pack.tasks.find((x: any) => x.kind === 'sign_check');
    const vacantTask = pack.tasks.find((x: any) => x.kind === 'vacant_check');
    const cps = await t.db.selectFrom('checkpoints').select(['id', 'qr_token', 'ref_kind', 'ref_id']).where('ref_kind', 'in', ['sign_group', 'vacant_registration']).execute();
    const signCp = cps.find((c) => c.ref_kind === 'sign_group' && c.ref_id === groupId)!;
    const vacCp = cps.find((c) => c.ref_kind === 'vacant_registration' && c.ref_id === regId)!;
    expect(signTask.checkpoints.map((c: any) => c.id)).toContain(signCp.id);
    expect(vacantTask.checkpoints.map((c: any) => c.id)).toContain(vacCp.id);
    // only east records: the plan is the east area's
    const westGroups = await t.db.selectFrom('sign_groups').select('id').where('area_id', '=', ids.west).execute();
    expect(cps.filter((c) => c.ref_kind === 'sign_group' && westGroups.some((g) => g.id === c.ref_id))).toHaveLength(0);
    const itemsOf = (task: any) => task.checkpoints[0].template.items as Array<{ id: number; label: string }>;
    const photo = await uploadPhoto(t, 'cs1', ids.estate, '11111111-1111-4111-8111-111111111111', await jpeg());
    expect(photo.statusCode, photo.body).toBeLessThan(300);
    const photoId = photo.json().photoId;
    const leak = itemsOf(vacantTask).find((i) => i.label.startsWith('渗漏'))!;
    const res = await sync(t, 'cs1', [
      { payload: { taskId: signTask.id, checkpointId: signCp.id, scanMethod: 'qr', scannedToken: signCp.qr_token, observedAt: t.clock.now().toISOString(), answers: answers(itemsOf(signTask)) } },
      { payload: { taskId: vacantTask.id, checkpointId: vacCp.id, scanMethod: 'qr', scannedToken: vacCp.qr_token, observedAt: t.clock.now().toISOString(), answers: answers(itemsOf(vacantTask), { [leak.id]: { description: '卫生间顶棚水迹', photoIds: [photoId] } }) } },
    ]);
    expect(res.json().results.map((r: any) => r.status), res.body).toEqual(['accepted', 'accepted']);
    const run = await t.as('admin', 'POST', '/api/v1/clock/jobs/field-records');
    expect(run.statusCode, run.body).toBe(200);
    const sc = await t.db.selectFrom('sign_checks').selectAll().where('sign_group_id', '=', groupId).execute();
    expect(sc).toHaveLength(1);
    expect(sc[0]).toMatchObject({ result: 'ok', slot: 0, local_date: day });
    const detail = (await t.as('cs1', 'GET', `/api/v1/field/vacant/${regId}`)).json();
    expect(detail.checks).toHaveLength(1);
    expect(detail.checks[0]).toMatchObject({ checkedOn: day, result: 'issue', items: { leaks: 'issue', windows_doors: 'ok' }, ticketNumber: expect.any(String) });
    expect(detail.nextCheckOn).toBe(addDays(day, 7));
    // idempotent
    await t.as('admin', 'POST', '/api/v1/clock/jobs/field-records');
    expect(await t.db.selectFrom('vacant_checks').select('id').where('registration_id', '=', regId).execute()).toHaveLength(1);
    // the afternoon slot makes a second sign task; the vacant unit is no longer due
    setChinaTime(t, day, '14:10');
    const pm = (await t.as('cs1', 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).json();
    expect(pm.tasks.filter((x: any) => x.kind === 'sign_check').length).toBeGreaterThanOrEqual(1);
    expect(pm.tasks.find((x: any) => x.kind === 'sign_check' && x.id !== signTask.id)).toBeTruthy();
  });
});
