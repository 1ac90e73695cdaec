/**
 * Renovation 装修 and its held deposit (design A.3.1, X4) through the API: every state of the main
 * flow, the roles at each step, the rules that refuse (one live renovation per unit, structure
 * needs the director, no permit before agreement + deposit + fees, open majors block acceptance
 * and refund, a refund never twice) and what an owner sees.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { ACCEPTANCE_ITEMS } from '../../src/core/renovation.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let today: string;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  today = localDate(t.clock.now());
});
afterAll(() => t.close());

const application = (unitId: number, over: Record<string, unknown> = {}) => ({
  unitId,
  kind: 'full',
  applicantKind: 'owner',
  applicantName: '陈建国',
  applicantPhone: '13912345678',
  contractor: '深圳市好家装饰工程有限公司',
  licenceNo: 'SZ-2026-0101',
  leadName: '黄工',
  leadPhone: '13800001111',
  scope: ['water_electric', 'walls', 'floors'],
  description: '全屋翻新：水电改造、墙面、地面',
  touchesStructure: false,
  plannedStart: today,
  plannedEnd: addDays(today, 45),
  workers: [
    { name: '黄工', role: 'lead', idNumber: '11010519491231002X', phone: '13800001111', passNo: 'P-001' },
    { name: '刘师傅', role: 'worker', phone: '13800002222', passNo: 'P-002' },
  ],
  ...over,
});
const signatures = { owner: { name: '陈建国', signed: true }, contractor: { name: '黄工', signed: true }, csAdmin: { name: '张敏', signed: true }, engineering: { name: '周强', signed: true } };
const allOk = ACCEPTANCE_ITEMS.map((item) => ({ item, ok: true }));

async function uploadPhoto(user: string, url: string) {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c33' } }).png().toBuffer();
  const boundary = '----reno';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), png, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: await t.login(user) } });
}

describe('main flow: apply → approve → permit → works → acceptance → refund → closed', () => {
  let id: number;
  let depositId: number;
  let violationId: number;

  it('the desk registers an application; the unit cannot get a second one', async () => {
    const res = await t.as('desk1', 'POST', '/api/v1/renovations', application(ids.owner1Unit.id));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    id = r.id;
    expect(r.status).toBe('submitted');
    expect(r.number).toMatch(/^ZX-\d{4}-0001$/);
    // the desk has no pii.reveal: phones and ID numbers masked
    expect(r.applicantPhone).not.toBe('13912345678');
    expect(r.workers[0].idNumber).not.toBe('11010519491231002X');
    expect(r.workers).toHaveLength(2);
    const again = await t.as('desk1', 'POST', '/api/v1/renovations', application(ids.owner1Unit.id));
    expect(again.statusCode).toBe(409);
    // the assistant has pii.reveal
    expect((await t.as('assistant', 'GET', `/api/v1/renovations/${id}`)).json().applicantPhone).toBe('13912345678');
  });

  it('only approvers approve; a permit waits for agreement, deposit and fees', async () => {
    expect((await t.as('desk1', 'POST', `/api/v1/renovations/${id}/approve`, {})).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', `/api/v1/renovations/${id}/approve`, {})).statusCode).toBe(403);
    const ok = await t.as('assistant', 'POST', `/api/v1/renovations/${id}/approve`, { note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('approved');
    const early = await t.as('desk1', 'POST', `/api/v1/renovations/${id}/permit`, {});
    expect(early.statusCode).toBe(409);
    expect(Object.keys(early.json().error.fields).sort()).toEqual(['agreement', 'deposit', 'fees']);
    expect((await t.as('desk1', 'POST', `/api/v1/renovations/${id}/agreement`, {})).statusCode).toBe(200);
    expect((await t.as('desk1', 'POST', `/api/v1/renovations/${id}/agreement`, {})).statusCode).toBe(409);
    const stillNo = await t.as('desk1', 'POST', `/api/v1/renovations/${id}/permit`, {});
    expect(Object.keys(stillNo.json().error.fields).sort()).toEqual(['deposit', 'fees']);
  });

  it('fees are billed once as one-off lines of the fee ledger', async () => {
    expect((await t.as('desk1', 'POST', `/api/v1/renovations/${id}/fees`, {})).statusCode).toBe(403);
    const billed = await t.as('cashier1', 'POST', `/api/v1/renovations/${id}/fees`, {});
    expect(billed.statusCode, billed.body).toBe(200);
    expect(billed.json().feeLines).toHaveLength(1);
    const twice = await t.as('cashier1', 'POST', `/api/v1/renovations/${id}/fees`, {});
    expect(twice.json().feeLines).toHaveLength(1);
    const lines = await t.db.selectFrom('bill_lines').select(['charge_key', 'amount', 'kind']).where('charge_key', 'like', `reno:${id}:%`).execute();
    expect(lines).toEqual([{ charge_key: `reno:${id}:RENO_WASTE`, amount: 30000, kind: 'one_off' }]);
  });

  it('the cashier takes the deposit once, whatever the retries; it is not a bill line', async () => {
    const body = { renovationId: id, amount: 200000, method: 'wechat', payerName: '陈建国', idempotencyKey: 'dep-main-0001' };
    expect((await t.as('assistant', 'POST', '/api/v1/deposits', body)).statusCode).toBe(403);
    expect((await t.as('cashier1', 'POST', '/api/v1/deposits', { ...body, amount: 150000, idempotencyKey: 'dep-main-0000' })).statusCode).toBe(400);
    const first = await t.as('cashier1', 'POST', '/api/v1/deposits', body);
    expect(first.statusCode, first.body).toBe(201);
    depositId = first.json().id;
    expect(first.json()).toMatchObject({ status: 'held', balance: 200000, receiptNo: expect.stringMatching(/^YJ-/) });
    const replay = await t.as('cashier1', 'POST', '/api/v1/deposits', body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ id: depositId, duplicate: true });
    const other = await t.as('cashier1', 'POST', '/api/v1/deposits', { ...body, idempotencyKey: 'dep-main-0002' });
    expect(other.statusCode).toBe(409);
    const lines = await t.db.selectFrom('bill_lines').select('id').where('unit_id', '=', ids.owner1Unit.id).where('amount', '=', 200000).execute();
    expect(lines).toHaveLength(0);
    expect((await t.as('cashier1', 'GET', `/api/v1/deposits/summary?estateId=${ids.estate}`)).json()).toMatchObject({ received: 200000, held: 200000 });
  });

  it('permit, then start: the unit shows renovating', async () => {
    const p = await t.as('desk1', 'POST', `/api/v1/renovations/${id}/permit`, {});
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'permitted', permitNo: expect.stringMatching(/^KG-/) });
    expect((await t.as('desk1', 'POST', `/api/v1/renovations/${id}/start`, {})).statusCode).toBe(403);
    const s = await t.as('cs1', 'POST', `/api/v1/renovations/${id}/start`, {});
    expect(s.json()).toMatchObject({ status: 'in_progress', actualStart: today });
    const unit = await t.db.selectFrom('units').select('status').where('id', '=', ids.owner1Unit.id).executeTakeFirstOrThrow();
    expect(unit.status).toBe('renovating');
  });

  it('a major violation needs a photo, gets a notice the owner signs for, and blocks acceptance', async () => {
    const noPhoto = await t.as('cs1', 'POST', `/api/v1/renovations/${id}/violations`, { category: 'waterproofing', severity: 'minor', description: '卫生间防水层被凿开' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.fields.photos).toBeTruthy();
    const up = await uploadPhoto('cs1', `/api/v1/renovations/${id}/photos`);
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json().name;
    const v = await t.as('cs1', 'POST', `/api/v1/renovations/${id}/violations`, { category: 'waterproofing', severity: 'minor', description: '卫生间防水层被凿开', photos: [photo] });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json()).toMatchObject({ severity: 'major', status: 'open' });
    violationId = v.json().id;
    const notice = await t.as('cs1', 'POST', `/api/v1/renovation-violations/${violationId}/steps`, { action: 'issue_notice', delivery: 'in_person' });
    expect(notice.json()).toMatchObject({ status: 'notice_issued', noticeNo: expect.stringMatching(/^ZG-/), rectifyBy: addDays(today, 3) });
    // cs_admin cannot escalate; the assistant can (tested on another renovation below)
    expect((await t.as('cs1', 'POST', `/api/v1/renovation-violations/${violationId}/steps`, { action: 'escalate', escalatedTo: '主任' })).statusCode).toBe(403);
    const ack = await t.as('owner1', 'POST', `/api/v1/portal/renovation-violations/${violationId}/ack`, { name: '陈建国' });
    expect(ack.json()).toMatchObject({ acknowledgedBy: '陈建国' });
    expect((await t.as('owner1', 'POST', `/api/v1/portal/renovation-violations/${violationId}/ack`, { name: '陈建国' })).statusCode).toBe(409);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/renovations/${id}/request-completion`, {})).json().status).toBe('completion_requested');
    expect((await t.as('cs1', 'POST', `/api/v1/renovations/${id}/acceptance`, { result: 'pass', checklist: allOk, signatures })).statusCode).toBe(409);
    const fail = await t.as('eng1', 'POST', `/api/v1/renovations/${id}/acceptance`, { result: 'fail', checklist: allOk, signatures: {}, reasons: '防水未恢复' });
    expect(fail.json().status).toBe('in_progress');
  });

  it('a minor not put right on the spot is due in the days the inspector gives: 1 by default, at most 7', async () => {
    const url = `/api/v1/renovations/${id}/violations`;
    const photo = (await uploadPhoto('cs1', `/api/v1/renovations/${id}/photos`)).json().name;
    const minor = { category: 'hours_noise', severity: 'minor', description: '午休时间电钻施工' };
    const byDefault = await t.as('cs1', 'POST', url, minor);
    expect(byDefault.json(), byDefault.body).toMatchObject({ severity: 'minor', status: 'open', rectifyBy: addDays(today, 1) });
    const three = await t.as('cs1', 'POST', url, { ...minor, rectifyDays: 3 });
    expect(three.json(), three.body).toMatchObject({ severity: 'minor', status: 'open', rectifyBy: addDays(today, 3) });
    for (const body of [
      { ...minor, rectifyDays: 8 },
      { ...minor, rectifyDays: 0 },
      { ...minor, rectifyDays: 1.5 },
      // put right on the spot: no deadline to give
      { ...minor, rectifyDays: 2, fixedOnSpot: true, afterPhotos: [photo] },
      // a major's deadline is the notice's
      { ...minor, severity: 'major', photos: [photo], rectifyDays: 2 },
    ]) {
      const res = await t.as('cs1', 'POST', url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['rectifyDays']);
    }
    // Both put right, so the rest of this renovation's story is the major's.
    for (const v of [byDefault.json().id, three.json().id]) {
      const done = await t.as('cs1', 'POST', `/api/v1/renovation-violations/${v}/steps`, { action: 'reinspect_ok', note: '已整改' });
      expect(done.json(), done.body).toMatchObject({ status: 'closed' });
    }
  });

  it('no refund while a major is open', async () => {
    const res = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { kind: 'refund', amount: 200000, payee: '陈建国', method: 'transfer', reason: '验收合格退押金', idempotencyKey: 'ref-early-0001' });
    expect(res.statusCode).toBe(409);
  });

  it('the owner reports it put right; re-inspection closes it; acceptance passes with four signatures', async () => {
    const up = await uploadPhoto('owner1', `/api/v1/portal/renovations/${id}/photos`);
    expect(up.statusCode, up.body).toBe(201);
    const rep = await t.as('owner1', 'POST', `/api/v1/portal/renovation-violations/${violationId}/rectified`, { photos: [up.json().name] });
    expect(rep.json().status).toBe('rectifying');
    const ok = await t.as('cs1', 'POST', `/api/v1/renovation-violations/${violationId}/steps`, { action: 'reinspect_ok', note: '已重做防水并闭水试验' });
    expect(ok.json().status).toBe('closed');
    await t.as('desk1', 'POST', `/api/v1/renovations/${id}/request-completion`, {});
    const noSign = await t.as('eng1', 'POST', `/api/v1/renovations/${id}/acceptance`, { result: 'pass', checklist: allOk, signatures: { ...signatures, owner: undefined } });
    expect(noSign.statusCode).toBe(400);
    expect(noSign.json().error.fields.signatures).toBeTruthy();
    const missing = await t.as('eng1', 'POST', `/api/v1/renovations/${id}/acceptance`, { result: 'pass', checklist: allOk.slice(1), signatures });
    expect(missing.json().error.fields.checklist).toBeTruthy();
    expect((await t.as('desk1', 'POST', `/api/v1/renovations/${id}/acceptance`, { result: 'pass', checklist: allOk, signatures })).statusCode).toBe(403);
    const pass = await t.as('eng1', 'POST', `/api/v1/renovations/${id}/acceptance`, { result: 'pass', checklist: allOk, signatures });
    expect(pass.statusCode, pass.body).toBe(200);
    expect(pass.json()).toMatchObject({ status: 'accepted', actualEnd: today });
    const unit = await t.db.selectFrom('units').select('status').where('id', '=', ids.owner1Unit.id).executeTakeFirstOrThrow();
    expect(unit.status).toBe('occupied');
  });

  it('refund: asked once (retries answer the same), approved once, never twice; the renovation closes', async () => {
    const body = { kind: 'refund', amount: 200000, payee: '陈建国', method: 'transfer', reason: '验收合格退押金', idempotencyKey: 'ref-main-0001' };
    expect((await t.as('desk1', 'POST', `/api/v1/deposits/${depositId}/requests`, body)).statusCode).toBe(403);
    const req = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, body);
    expect(req.statusCode, req.body).toBe(201);
    const again = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, body);
    expect(again.json().requests).toHaveLength(1);
    const more = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { ...body, amount: 1, idempotencyKey: 'ref-main-0002' });
    expect(more.statusCode).toBe(400);
    expect((await t.as('assistant', 'GET', `/api/v1/renovations/${id}`)).json().status).toBe('refund_pending');
    const requestId = req.json().requests[0].id;
    expect((await t.as('cs1', 'POST', `/api/v1/deposit-requests/${requestId}/decide`, { approve: true })).statusCode).toBe(403);
    const ok = await t.as('assistant', 'POST', `/api/v1/deposit-requests/${requestId}/decide`, { approve: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'settled', balance: 0 });
    expect((await t.as('director', 'POST', `/api/v1/deposit-requests/${requestId}/decide`, { approve: true })).statusCode).toBe(409);
    const twice = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { ...body, idempotencyKey: 'ref-main-0003' });
    expect(twice.statusCode).toBe(409);
    const entries = await t.db.selectFrom('deposit_entries').select(['kind', 'amount']).where('deposit_id', '=', depositId).orderBy('id').execute();
    expect(entries).toEqual([{ kind: 'receive', amount: 200000 }, { kind: 'refund', amount: 200000 }]);
    const r = (await t.as('assistant', 'GET', `/api/v1/renovations/${id}`)).json();
    expect(r.status).toBe('closed');
    expect(r.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'approve', 'agreement', 'fees', 'deposit_held', 'permit', 'start', 'violation_major', 'request_completion', 'fail', 'accept', 'request_refund', 'settle']),
    );
    // now the unit may have another renovation
    expect((await t.as('desk1', 'POST', '/api/v1/renovations', application(ids.owner1Unit.id, { submit: false }))).statusCode).toBe(201);
  });

  it('owner sees his own renovation (without internal notes), staff of another area do not', async () => {
    const mine = await t.as('owner1', 'GET', '/api/v1/portal/renovations');
    expect(mine.json().items.map((r: { id: number }) => r.id)).toContain(id);
    const detail = (await t.as('owner1', 'GET', `/api/v1/portal/renovations/${id}`)).json();
    expect(detail.timeline.every((e: { note: string | null }) => e.note === null)).toBe(true);
    expect((await t.as('cs2', 'GET', `/api/v1/renovations/${id}`)).statusCode).toBe(404);
    expect((await t.as('owner1', 'GET', `/api/v1/renovations/${id}`)).statusCode).toBe(403);
    expect((await t.as('owner1', 'GET', `/api/v1/portal/deposits/${depositId}`)).json().entries).toHaveLength(2);
  });
});

describe('rules and bad input', () => {
  it('structure: a design is required and only the director approves, with engineering opinion', async () => {
    const noDesign = await t.as('cs1', 'POST', '/api/v1/renovations', application(ids.eastUnit.id, { touchesStructure: true }));
    expect(noDesign.statusCode).toBe(400);
    expect(noDesign.json().error.fields.designDoc).toBeTruthy();
    const r = await t.as('cs1', 'POST', '/api/v1/renovations', application(ids.eastUnit.id, { touchesStructure: true, designDoc: '某设计院 结构加固方案 2026-118', scope: ['non_bearing_wall'] }));
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect((await t.as('assistant', 'POST', `/api/v1/renovations/${id}/approve`, { engineeringOpinion: '可行' })).statusCode).toBe(403);
    const noOpinion = await t.as('director', 'POST', `/api/v1/renovations/${id}/approve`, {});
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.json().error.fields.engineeringOpinion).toBeTruthy();
    expect((await t.as('director', 'POST', `/api/v1/renovations/${id}/approve`, { engineeringOpinion: '工程部复核可行' })).json().status).toBe('approved');
    // cancelled before the permit; reason required
    expect((await t.as('cs1', 'POST', `/api/v1/renovations/${id}/cancel`, {})).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', `/api/v1/renovations/${id}/cancel`, { reason: '业主改期' })).json().status).toBe('cancelled');
  });

  it('dates, consent, unknown fields, phone, enumerations', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await t.as('cs2', 'POST', '/api/v1/renovations', application(ids.westUnit.id, over));
      expect(res.statusCode, `${field} ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), res.body).toContain(field);
    };
    await bad({ plannedStart: addDays(today, -1) }, 'plannedStart');
    await bad({ plannedEnd: addDays(today, -1), plannedStart: today }, 'plannedEnd');
    await bad({ plannedEnd: addDays(today, 120) }, 'plannedEnd');
    await bad({ applicantKind: 'tenant' }, 'ownerConsentBy');
    await bad({ extra: 1 }, 'extra');
    await bad({ applicantPhone: '123' }, 'applicantPhone');
    await bad({ scope: ['roof'] }, 'scope.0');
    await bad({ scope: [] }, 'scope');
    await bad({ workers: [{ name: 'a', role: 'lead', idNumber: '123' }] }, 'workers.0.idNumber');
    const counts = await t.db.selectFrom('renovations').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', ids.westUnit.id).executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(0);
  });

  it('a tenant with the owner named; area scope on writes; steps out of order', async () => {
    expect((await t.as('cs1', 'POST', '/api/v1/renovations', application(ids.westUnit.id))).statusCode).toBe(404);
    const r = await t.as('cs2', 'POST', '/api/v1/renovations', application(ids.westRented.id, { applicantKind: 'tenant', ownerConsentBy: '业主本人书面同意' }));
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json().ownerConsentMethod).toBe('paper');
    expect((await t.as('cs2', 'POST', `/api/v1/renovations/${id}/start`, {})).statusCode).toBe(409);
    expect((await t.as('assistant', 'POST', `/api/v1/renovations/${id}/reject`, {})).statusCode).toBe(400);
    expect((await t.as('assistant', 'POST', `/api/v1/renovations/${id}/return`, { reason: '施工方资质证明不全' })).json().status).toBe('draft');
    expect((await t.as('cs2', 'POST', `/api/v1/renovations/${id}/submit`, {})).json().status).toBe('submitted');
    expect((await t.as('assistant', 'POST', `/api/v1/renovations/${id}/reject`, { reason: '施工时间与相邻单元冲突' })).json().status).toBe('rejected');
    expect((await t.as('assistant', 'POST', `/api/v1/renovations/${id}/approve`, {})).statusCode).toBe(409);
    expect((await t.as('cs2', 'GET', '/api/v1/renovations?status=rejected')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await t.as('cs1', 'GET', '/api/v1/renovations?status=rejected')).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
  });

  it('a deduction needs evidence and the director; payout stays within what is held', async () => {
    const r = (await t.as('cs1', 'POST', '/api/v1/renovations', application(ids.eastUnit.id, { kind: 'partial' }))).json();
    await t.as('assistant', 'POST', `/api/v1/renovations/${r.id}/approve`, {});
    const dep = await t.as('cashier1', 'POST', '/api/v1/deposits', { renovationId: r.id, amount: 100000, method: 'cash', payerName: '业主', idempotencyKey: 'dep-deduct-0001' });
    expect(dep.statusCode, dep.body).toBe(201);
    const depositId = dep.json().id;
    const base = { kind: 'deduct', amount: 30000, payee: '管理处', method: 'retained', reason: '损坏电梯轿厢壁板修复费' };
    const noEvidence = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { ...base, idempotencyKey: 'ded-0001' });
    expect(noEvidence.json().error.fields.violationIds).toBeTruthy();
    const over = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { ...base, amount: 100001, evidenceNote: '维修单', idempotencyKey: 'ded-0002' });
    expect(over.statusCode).toBe(400);
    const ok = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { ...base, evidenceNote: '电梯维保单位维修单 No.889', idempotencyKey: 'ded-0003' });
    expect(ok.statusCode, ok.body).toBe(201);
    const requestId = ok.json().requests[0].id;
    expect((await t.as('assistant', 'POST', `/api/v1/deposit-requests/${requestId}/decide`, { approve: true })).statusCode).toBe(403);
    const done = await t.as('director', 'POST', `/api/v1/deposit-requests/${requestId}/decide`, { approve: true });
    expect(done.json()).toMatchObject({ balance: 70000, status: 'held' });
    // refund before acceptance: refused
    const early = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { kind: 'refund', amount: 70000, payee: '业主', method: 'cash', reason: '退押金', idempotencyKey: 'ref-0009' });
    expect(early.statusCode).toBe(409);
    // a key used for another deposit or amount
    const clash = await t.as('cs1', 'POST', `/api/v1/deposits/${depositId}/requests`, { ...base, amount: 100, evidenceNote: 'x', idempotencyKey: 'ded-0003' });
    expect(clash.statusCode).toBe(409);
  });
});

describe('Saturday report', () => {
  it('is delivered once on Saturday from 08:00, frozen, with an xlsx', async () => {
    // move to the next Saturday 08:30 China time
    const now = t.clock.now();
    const local = localDate(now);
    const dow = new Date(`${local}T00:00:00Z`).getUTCDay();
    const saturday = addDays(local, ((6 - dow + 7) % 7) || 7);
    const target = new Date(`${saturday}T08:30:00+08:00`).getTime();
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: Math.ceil((target - now.getTime()) / 60_000) });
    const run = await t.as('admin', 'POST', '/api/v1/clock/jobs/reno-weekly');
    expect(run.statusCode, run.body).toBe(200);
    const list = await t.as('assistant', 'GET', `/api/v1/renovation-reports?estateId=${ids.estate}`);
    expect(list.json().items).toHaveLength(1);
    const reportId = list.json().items[0].id;
    const rep = (await t.as('assistant', 'GET', `/api/v1/renovation-reports/${reportId}`)).json();
    expect(rep.report.from).toBe(addDays(saturday, -7));
    expect(rep.report.applications.received).toBeGreaterThanOrEqual(4);
    expect(rep.report.deposits).toMatchObject({ received: 300000, refunded: 200000, deducted: 30000, heldAtEnd: 70000 });
    expect(rep.report.violations.major).toBe(1);
    expect(rep.report.acceptances).toMatchObject({ passed: 1, failed: 1 });
    const notes = await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('u.username').where('n.kind', '=', 'renovation_report').execute();
    expect(notes.map((n) => n.username)).toEqual(['assistant']);
    // a second run delivers nothing new; a later change does not alter the snapshot
    await t.as('admin', 'POST', '/api/v1/clock/jobs/reno-weekly');
    expect((await t.as('assistant', 'GET', '/api/v1/renovation-reports')).json().items).toHaveLength(1);
    await t.db.updateTable('renovations').set({ contractor: '改了' }).execute();
    expect((await t.as('assistant', 'GET', `/api/v1/renovation-reports/${reportId}`)).json()).toEqual(rep);
    const x = await t.as('assistant', 'GET', `/api/v1/renovation-reports/${reportId}/xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toMatch(/spreadsheet/);
    expect((await t.as('desk1', 'GET', '/api/v1/renovation-reports')).statusCode).toBe(403);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });
});
