/**
 * Three demo renovations in different states, made through the services as the staff would:
 * one awaiting approval (1栋), one under way with a minor violation put right on the spot and a
 * major one under a rectification notice (5栋), one accepted, refunded and closed (2栋); and the
 * last Saturday report, so the 装修 pages show something on first start.
 */
import sharp from 'sharp';
import { ACCEPTANCE_ITEMS } from '../../core/renovation.ts';
import type { Services } from '../app.ts';
import type { Db } from '../db/database.ts';
import { demoActors } from './actors.ts';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function seedRenovations(services: Services, db: Db, estateId: number, today: string) {
  const svc = services.renovation;
  const as = await demoActors(services);
  // Owned, occupied homes away from the ones the tests and the portal demo use (owner1's 1-1-1201).
  const pick = async (building: string, entrance: string) =>
    db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .innerJoin('ownerships as o', (j) => j.onRef('o.unit_id', '=', 'u.id').on('o.ended_on', 'is', null))
      .select(['u.id', 'o.owner_name', 'o.phone'])
      .where('b.estate_id', '=', estateId)
      .where('b.code', '=', building)
      .where('u.entrance', '=', entrance)
      .where('u.status', '=', 'occupied')
      .orderBy('u.floor', 'desc')
      .executeTakeFirst();
  const base = (unit: { id: number; owner_name: string; phone: string | null }, over: Record<string, unknown> = {}) => ({
    unitId: unit.id,
    kind: 'full' as const,
    applicantKind: 'owner' as const,
    applicantName: unit.owner_name,
    applicantPhone: unit.phone ?? '13700000000',
    ownerConsentBy: null,
    ownerConsentMethod: null,
    contractor: '深圳市安居装饰工程有限公司',
    licenceNo: 'D244030012',
    leadName: '黄国平',
    leadPhone: '13823456789',
    fireName: '黄国平',
    firePhone: '13823456789',
    scope: ['water_electric', 'walls', 'floors', 'ceiling'] as Array<'water_electric' | 'walls' | 'floors' | 'ceiling'>,
    description: '全屋翻新：水电改造、墙面翻新、地面铺砖、客厅吊顶',
    touchesStructure: false,
    designDoc: null,
    plannedStart: today,
    plannedEnd: addDays(today, 60),
    workers: [
      { name: '黄国平', role: 'lead' as const, idNumber: '440301198503150012', phone: '13823456789', passNo: 'ZX-P-001' },
      { name: '李志明', role: 'worker' as const, idNumber: null, phone: '13712345678', passNo: 'ZX-P-002' },
      { name: '王海', role: 'worker' as const, idNumber: null, phone: '13612345678', passNo: 'ZX-P-003' },
    ],
    submit: true,
    ...over,
  });
  const desk = as('desk1');
  const cs1 = as('cs1');
  const cs2 = as('cs2');
  const assistant = as('assistant');
  const cashier = as('cashier1');
  const eng = as('eng1');

  const toPermit = async (id: number, key: string, amount: number) => {
    await svc.renovations.step(assistant.actor, assistant.auth, id, 'approve', { note: '材料齐全，同意装修' });
    await svc.renovations.signAgreement(desk.actor, desk.auth, id);
    await svc.renovations.billFees(cashier.actor, cashier.auth, id);
    await svc.deposits.receive(cashier.actor, cashier.auth, { renovationId: id, amount, method: 'wechat', payerName: '业主', overrideReason: null, idempotencyKey: key });
    await svc.renovations.step(desk.actor, desk.auth, id, 'permit', {});
  };

  // 1) awaiting approval
  const u1 = await pick('1', '2');
  if (u1) await svc.renovations.create(desk.actor, desk.auth, base(u1, { kind: 'partial', scope: ['walls', 'wet_area_waterproofing'], description: '厨房、卫生间翻新，重做防水', plannedStart: addDays(today, 3), plannedEnd: addDays(today, 33) }));

  // 2) under way, with violations
  const u2 = await pick('5', '1');
  if (u2) {
    const r = await svc.renovations.create(cs2.actor, cs2.auth, base(u2));
    await toPermit(r.id, 'demo-reno-deposit-0002', 200_000);
    await svc.renovations.step(cs2.actor, cs2.auth, r.id, 'start', {});
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#b0a590' } }).jpeg().toBuffer();
    const before = await svc.violations.addPhoto(cs2.auth, r.id, { data: png, mime: 'image/jpeg' });
    const after = await svc.violations.addPhoto(cs2.auth, r.id, { data: png, mime: 'image/jpeg' });
    await svc.violations.create(cs2.actor, cs2.auth, r.id, { category: 'debris_public_area', severity: 'minor', description: '装修垃圾堆放在楼道', photos: [before.name], fixedOnSpot: true, afterPhotos: [after.name], clientUuid: null });
    const major = await svc.violations.create(cs2.actor, cs2.auth, r.id, { category: 'structure', severity: 'major', description: '客厅与阳台之间承重墙开凿门洞', photos: [before.name], fixedOnSpot: false, afterPhotos: [], clientUuid: null });
    await svc.violations.step(cs2.actor, cs2.auth, major.id, { action: 'issue_notice', delivery: 'in_person', rectifyBy: null, note: '立即停止开凿，三日内恢复原状', escalatedTo: null, photos: [] });
  }

  // 3) accepted, deposit refunded, closed
  const u3 = await pick('2', '2');
  if (u3) {
    const r = await svc.renovations.create(cs1.actor, cs1.auth, base(u3, { kind: 'partial', scope: ['walls', 'floors'], description: '卧室墙面翻新、更换木地板', plannedEnd: addDays(today, 20) }));
    await toPermit(r.id, 'demo-reno-deposit-0003', 100_000);
    await svc.renovations.step(cs1.actor, cs1.auth, r.id, 'start', {});
    await svc.renovations.step(desk.actor, desk.auth, r.id, 'request_completion', {});
    const signatures = { owner: { name: u3.owner_name, signed: true }, contractor: { name: '黄国平', signed: true }, csAdmin: { name: '张敏', signed: true }, engineering: { name: '周强', signed: true } };
    await svc.renovations.accept(eng.actor, eng.auth, r.id, { result: 'pass', checklist: ACCEPTANCE_ITEMS.map((item) => ({ item, ok: true })), signatures }, () => null);
    const detail = await svc.renovations.get(cs1.auth, r.id);
    const dep = await svc.deposits.request(cs1.actor, cs1.auth, detail.depositIds[0]!, { kind: 'refund', amount: 100_000, payee: '业主', method: 'transfer', reason: '验收合格，退还装修押金', violationIds: [], evidenceNote: null, idempotencyKey: 'demo-reno-refund-0003' });
    await svc.deposits.decide(assistant.actor, assistant.auth, dep.requests[0]!.id, true, '同意退还');
  }

  // The latest Saturday report, as the job would have delivered it.
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  await svc.reports.deliver(addDays(today, -((dow + 1) % 7)));
}
