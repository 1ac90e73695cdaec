/**
 * The daily renovation inspection on the rounds engine: the permit makes the area's reno_daily
 * plan and the renovation's checkpoint (QR on the 开工证); the area administrator's task pack
 * lists it; a scanned result counts in the Saturday report's compliance; the phone records a
 * violation offline (sync kind reno_violation), once however often it is replayed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { answers, dayAfterDemo, jpeg, setChinaTime, sync, uploadPhoto } from '../helpers/rounds.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let day: string;
let renoId: number;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  day = dayAfterDemo(t);
});
afterAll(() => t.close());

describe('renovation daily inspection', () => {
  it('the permit makes the plan and the checkpoint', async () => {
    setChinaTime(t, day, '07:30');
    const r = await t.as('desk1', 'POST', '/api/v1/renovations', {
      unitId: ids.eastUnit.id, kind: 'partial', applicantKind: 'owner', applicantName: '业主', applicantPhone: '13912340000', contractor: '好家装饰', leadName: '黄工', leadPhone: '13800001111',
      scope: ['walls'], description: '墙面翻新', touchesStructure: false, plannedStart: day, plannedEnd: day, workers: [],
    });
    expect(r.statusCode, r.body).toBe(201);
    renoId = r.json().id;
    await t.as('assistant', 'POST', `/api/v1/renovations/${renoId}/approve`, {});
    await t.as('desk1', 'POST', `/api/v1/renovations/${renoId}/agreement`, {});
    await t.as('cashier1', 'POST', `/api/v1/renovations/${renoId}/fees`, {});
    expect((await t.as('cashier1', 'POST', '/api/v1/deposits', { renovationId: renoId, amount: 100000, method: 'cash', payerName: '业主', idempotencyKey: 'rounds-dep-01' })).statusCode).toBe(201);
    const p = await t.as('desk1', 'POST', `/api/v1/renovations/${renoId}/permit`, {});
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().inspection.scanPath).toMatch(/^\/field\/scan\?t=/);
    const plans = await t.db.selectFrom('round_plans').select(['area_id', 'kind', 'generator']).where('generator', '=', 'active_renovations').execute();
    expect(plans).toEqual([{ area_id: ids.east, kind: 'reno_daily', generator: 'active_renovations' }]);
    // the owner does not get the door QR
    expect((await t.as('owner1', 'GET', `/api/v1/portal/renovations/${renoId}`)).statusCode).toBe(404);
  });

  it('the east administrator inspects it from his task pack; the report counts it', async () => {
    setChinaTime(t, day, '09:00');
    const pack = (await t.as('cs1', 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).json();
    const task = pack.tasks.find((x: any) => x.kind === 'reno_daily');
    expect(task, JSON.stringify(pack.tasks.map((x: any) => x.kind))).toBeTruthy();
    const detail = (await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}`)).json();
    const cp = task.checkpoints.find((c: any) => c.id === detail.inspection.checkpointId);
    expect(cp.template.items.length).toBe(11);
    expect(cp.refKind).toBe('renovation'); // the phone shows the violation fields on this checkpoint only
    expect(task.checkpoints.every((c: any) => c.refKind === 'renovation')).toBe(true);
    const token = detail.inspection.scanPath.split('t=')[1];
    const res = await sync(t, 'cs1', [{ payload: { taskId: task.id, checkpointId: cp.id, scanMethod: 'qr', scannedToken: token, observedAt: t.clock.now().toISOString(), answers: answers(cp.template.items) } }]);
    expect(res.json().results[0].status, res.body).toBe('accepted');
    const after = (await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}`)).json();
    expect(after.inspection.results).toHaveLength(1);
    expect(after.inspection.results[0]).toMatchObject({ day, scanMethod: 'qr', counts: true });
    const report = await t.services.renovation.reports.build(ids.estate, day, day);
    expect(report.inspections).toMatchObject({ required: 1, done: 1, missed: 0, rate: 1, measured: true });
  });

  it('a violation recorded offline arrives once, with its photo', async () => {
    const photoUuid = randomUUID();
    const up = await uploadPhoto(t, 'cs1', ids.estate, photoUuid, await jpeg());
    expect(up.statusCode, up.body).toBe(201);
    const clientUuid = randomUUID();
    const item = { clientUuid, kind: 'reno_violation', payload: { renovationId: renoId, category: 'facade', severity: 'minor', description: '阳台外窗被拆除', photoIds: [up.json().photoId] } };
    const first = await sync(t, 'cs1', [item]);
    expect(first.json().results[0], first.body).toMatchObject({ status: 'accepted' });
    const again = await sync(t, 'cs1', [item]);
    expect(again.json().results[0].status).toBe('duplicate');
    const v = (await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}`)).json().violations;
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ severity: 'major', status: 'open' });
    const photo = await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}/photos/${v[0].photos[0].key}`);
    expect(photo.statusCode).toBe(200);
    // west administrator cannot record on an east renovation
    const west = await sync(t, 'cs2', [{ kind: 'reno_violation', payload: { ...item.payload, photoIds: [] } }]);
    expect(west.json().results[0].status).toBe('rejected');
  });

  it("the phone's grading of an issue (severity, category) is the violation's; art. 5 makes it major", async () => {
    setChinaTime(t, day, '10:00');
    const pack = (await t.as('cs1', 'GET', `/api/v1/field/pack?estateId=${ids.estate}`)).json();
    const task = pack.tasks.find((x: any) => x.kind === 'reno_daily');
    const detail = (await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}`)).json();
    const cp = task.checkpoints.find((c: any) => c.id === detail.inspection.checkpointId);
    const item = (label: string) => cp.template.items.find((i: any) => i.label.includes(label)).id;
    const photoId = (await uploadPhoto(t, 'cs1', ids.estate, randomUUID(), await jpeg())).json().photoId;
    const before = detail.violations.length;
    const res = await sync(t, 'cs1', [{
      payload: {
        taskId: task.id, checkpointId: cp.id, scanMethod: 'qr', scannedToken: detail.inspection.scanPath.split('t=')[1], observedAt: t.clock.now().toISOString(),
        answers: answers(cp.template.items, {
          // a minor item (水电改造, template category 其他) graded major with its own category
          [item('水电改造')]: { description: '未登记工人在改水管', photoIds: [photoId], severity: 'major', category: 'unregistered_workers' } as never,
          // an art. 5 category chosen as minor is still major
          [item('电梯保护')]: { description: '电梯井旁墙体被拆', photoIds: [photoId], severity: 'minor', category: 'structure' } as never,
        }),
      },
    }]);
    expect(res.json().results[0].status, res.body).toBe('accepted');
    const v = (await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}`)).json().violations.slice(before);
    expect(v.map((x: any) => [x.category, x.severity, x.description]).sort()).toEqual([
      ['structure', 'major', '电梯井旁墙体被拆'],
      ['unregistered_workers', 'major', '未登记工人在改水管'],
    ]);
    // a major with "fixed on the spot" is refused as a whole, nothing written
    const refused = await sync(t, 'cs1', [{
      payload: {
        taskId: task.id, checkpointId: cp.id, scanMethod: 'qr', scannedToken: detail.inspection.scanPath.split('t=')[1], observedAt: t.clock.now().toISOString(),
        answers: answers(cp.template.items, { [item('施工时间')]: { description: '午休时间施工', photoIds: [photoId], severity: 'minor', category: 'facade', fixedOnSpot: true, afterPhotoIds: [photoId] } as never }),
      },
    }]);
    expect(refused.json().results[0].status).toBe('rejected');
    expect((await t.as('cs1', 'GET', `/api/v1/renovations/${renoId}`)).json().violations).toHaveLength(before + 2);
  });
});
