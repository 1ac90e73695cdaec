/**
 * Demo signage, vacant units and a handover in 翠湖花园: sign groups per area and the clubhouse, an
 * approved 《标识使用清单》 with its signs installed, one list awaiting approval, this morning's
 * checks; two vacant units (east, west) with key custody and weekly checks with water readings; a
 * handover with legacy defects. With the clock (npm start), also the sign-check and vacant-check
 * plans on the rounds engine and a check that found a problem (a ticket). Deterministic.
 */
import { addDays } from '../../core/signs.ts';
import type { Services } from '../app.ts';
import { ensureFieldPlans } from '../modules/field/signs/field-rounds.ts';
import type { Db } from '../db/database.ts';
import { demoActors } from './actors.ts';

const ALL = { all: true, estates: [], areas: [], units: [] };

export async function seedSignsVacant(services: Services, estateId: number, today: string, opts: { withClock: boolean; db?: Db }) {
  const as = await demoActors(services);
  const cs1 = as('cs1');
  const cs2 = as('cs2');
  const assistant = as('assistant');
  const director = as('director');
  const areas = await services.estates.listAreas(ALL, estateId);
  const east = areas.find((a) => a.name === '东区')!.id;
  const west = areas.find((a) => a.name === '西区')!.id;
  const buildings = (await services.property.listBuildings({ scope: ALL, estateId, includeArchived: false, page: 1, pageSize: 200 })).items;
  const firstIn = (areaId: number) => buildings.find((b) => b.areaId === areaId)!;

  // ---- signs --------------------------------------------------------------------------------
  const e = firstIn(east);
  const w = firstIn(west);
  const ge = await services.signs.createGroup(cs1.actor, ALL, { estateId, areaId: east, buildingId: e.id, name: `${e.name}楼内标识`, location: `${e.name}大堂及各层` });
  const gw = await services.signs.createGroup(cs2.actor, ALL, { estateId, areaId: west, buildingId: w.id, name: `${w.name}楼内标识`, location: `${w.name}大堂及各层` });
  const gc = await services.signs.createGroup(assistant.actor, ALL, { estateId, name: '会所及中心广场', location: '会所一层、中心广场' });
  const lines = (g: number, where: string) => [
    { category: 'building_no' as const, place: 'high_rise' as const, signGroupId: g, location: `${where}外墙`, content: `${where}楼栋号`, size: '60×40cm', material: '铝板', quantity: 1 },
    { category: 'floor' as const, place: 'high_rise' as const, signGroupId: g, location: `${where}楼梯间`, content: '楼层号', size: '30×20cm', material: '亚克力', quantity: 3 },
    { category: 'lift' as const, place: 'high_rise' as const, signGroupId: g, location: `${where}电梯厅`, content: '电梯乘坐须知', size: 'A3', material: '亚克力', quantity: 1 },
    { category: 'safety' as const, place: 'high_rise' as const, signGroupId: g, location: `${where}消防通道`, content: '安全出口', size: '36×14cm', material: '自发光', quantity: 2 },
  ];
  const approveAll = async (id: number) => {
    const r = await services.signs.decide(assistant.actor, { ...assistant.auth }, id, { approve: true, note: '同意设置' });
    for (const signId of r.signIds) await services.signs.activate(cs1.actor, ALL, signId, { installedOn: addDays(today, -20) });
  };
  await approveAll((await services.signs.createRequest(cs1.actor, ALL, { estateId, areaId: east, reason: `${e.name}标识统一更换`, costEstimate: 86_000, lines: lines(ge.id, e.name), submit: true })).id);
  await approveAll((await services.signs.createRequest(cs2.actor, ALL, { estateId, areaId: west, reason: `${w.name}标识统一更换`, costEstimate: 86_000, lines: lines(gw.id, w.name), submit: true })).id);
  await approveAll(
    (
      await services.signs.createRequest(director.actor, ALL, {
        estateId,
        reason: '会所、泳池与广场公共设施标识',
        costEstimate: 45_000,
        submit: true,
        lines: [
          { category: 'public_facility', place: 'clubhouse', signGroupId: gc.id, location: '泳池入口', content: '游泳池开放时间及须知', size: '80×60cm', material: '不锈钢', quantity: 1 },
          { category: 'public_facility', place: 'public_area', signGroupId: gc.id, location: '中心广场', content: '游乐设施使用须知', size: '60×40cm', material: '铝板', quantity: 1 },
          { category: 'road', place: 'public_area', signGroupId: gc.id, location: '主干道', content: '限速 5 km/h', size: 'Φ60cm', material: '反光膜', quantity: 2 },
          { category: 'office', place: 'office', signGroupId: gc.id, location: '客服中心', content: '客服中心 办公时间', size: '40×30cm', material: '亚克力', quantity: 1 },
        ],
      })
    ).id,
  );
  // A temporary sign found needed on a round (4.3.2.6), awaiting the assistant's approval.
  await services.signs.createRequest(cs1.actor, ALL, {
    estateId, areaId: east, reason: '楼前路面维修，需设临时警示', submit: true,
    lines: [{ category: 'safety', place: 'temporary', signGroupId: ge.id, location: `${e.name}楼前路面`, content: '路面维修 小心慢行', size: 'A2', material: '塑料立牌', quantity: 2, temporaryUntil: addDays(today, 7) }],
  });
  if (opts.withClock) {
    // This morning's checks: two groups in order, a damaged safety sign in the east (a repair ticket).
    const eastSigns = await services.signs.list(ALL, { estateId, groupId: ge.id, category: 'safety', page: 1, pageSize: 5 });
    await services.signs.check(cs1.actor, cs1.auth, { signGroupId: ge.id, result: 'issue', defects: [{ signId: eastSigns.items[0]!.id, defect: 'damaged', note: '灯箱面板破裂' }], note: null });
    await services.signs.check(cs2.actor, cs2.auth, { signGroupId: gw.id, result: 'ok', defects: [], note: null });
  }

  // ---- vacant units -------------------------------------------------------------------------
  const vacantIn = async (areaId: number) => {
    for (const b of buildings.filter((x) => x.areaId === areaId)) {
      const units = await services.property.listUnits({ scope: ALL, estateId, buildingId: b.id, status: 'vacant', page: 1, pageSize: 50 } as never);
      const free = units.items.find((u) => !u.householdId);
      if (free) return free.id;
    }
    return null;
  };
  const plan = [
    { areaId: east, who: cs1, reason: 'delivered_not_moved_in' as const, key: 'K-E-01', interval: 7, since: 42, checks: [35, 28, 21, 14, 7] },
    { areaId: west, who: cs2, reason: 'owner_away' as const, key: 'K-W-01', interval: 10, since: 40, checks: [30, 20, 10] },
  ];
  for (const p of plan) {
    const unitId = await vacantIn(p.areaId);
    if (!unitId) continue;
    // The full demo's fees year registered every vacant unit before its discount: go on with that one.
    const open = await opts.db?.selectFrom('vacant_registrations').select('id').where('unit_id', '=', unitId).where('ended_on', 'is', null).executeTakeFirst();
    const reg = open ? await services.vacant.get(ALL, open.id) : (await services.vacant.register(p.who.actor, ALL, { unitId, registeredOn: addDays(today, -p.since), reason: p.reason, ownerContact: '业主本人（电话见档案）', keyHeld: true, keyNo: p.key, keyDepositedOn: addDays(today, -p.since), keyStorage: '客服中心钥匙柜', valvesClosed: true, checkIntervalDays: p.interval, note: null }));
    const key = reg.keyNo ?? p.key;
    // The unit's own water meter (the fees demo fits most units with one), else a new one; the small
    // demo of the tests gets no new meter (the fees tests count the meters they made).
    const known = (await services.vacant.get(ALL, reg.id)).meters.find((m) => m.kind === 'water');
    const meter = known ?? (!opts.withClock ? null : await services.fees.meters.create(director.actor, ALL, { estateId, unitId, kind: 'water', number: `VW-${unitId}`, installedOn: addDays(today, -400), initialReading: 236 }));
    const base = known?.last ?? 236;
    for (const [i, ago] of p.checks.entries()) {
      await services.vacant.check(p.who.actor, p.who.auth, reg.id, {
        checkedOn: addDays(today, -ago), timeIn: '10:05', timeOut: '10:20', companion: '工程部 李工', entered: true, keyNoUsed: key,
        items: { windows_doors: 'ok', entry_lock_seal: 'ok', leaks: 'ok', valves_closed: 'ok', odour_pests: 'ok', cleanliness: 'ok', mailbox: 'ok' },
        readings: !meter ? [] : [{ meterId: meter.id, value: base + (i === p.checks.length - 1 && opts.withClock && p.areaId === west ? 4 : 0) }], note: i === p.checks.length - 1 && opts.withClock && p.areaId === west ? '水表走字 4 吨，疑似卫生间漏水' : null,
      });
    }
  }

  // ---- handover ----------------------------------------------------------------------------
  const owned = await services.property.listUnits({ scope: ALL, estateId, buildingId: e.id, status: 'occupied', page: 1, pageSize: 1 } as never);
  const target = owned.items[0];
  if (target && opts.withClock) {
    const h = await services.handovers.create(cs1.actor, ALL, { unitId: target.id, type: 'resale_move_in', scheduledAt: new Date(Date.parse(`${addDays(today, -6)}T02:00:00Z`)).toISOString(), inspectors: '工程部 李工、客服 张敏' });
    await services.handovers.inspect(cs1.actor, cs1.auth, h.id, {
      inspectors: '工程部 李工、客服 张敏', ownerPresent: '业主本人', keysHanded: 3, result: 'accepted_with_defects',
      defects: [
        { room: 'bathroom', element: 'waterproofing', description: '主卫地面闭水试验渗水', responsible: 'developer' },
        { room: 'bedroom', element: 'decoration', description: '次卧墙面空鼓约 0.5 m²', responsible: 'contractor' },
        { room: 'kitchen', element: 'plumbing', description: '厨房下水管接口渗漏', responsible: 'property' },
      ],
    });
  }
  if (opts.withClock && opts.db) {
    await opts.db.transaction().execute(async (trx) => {
      for (const a of [east, west]) await ensureFieldPlans(services.field, trx, director.actor, director.auth, estateId, a, today);
    });
  }
}
