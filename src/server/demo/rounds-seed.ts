/**
 * Demo rounds in 翠湖花园: a checkpoint in each building's lobby and five facility rooms, the
 * daily building patrol of each area (08:30–17:30, the area's administrator) and a weekly facility
 * check by engineering; with the clock, the last three days walked through the field sync
 * (results, a manual entry, a miss, findings that became tickets and one fixed on the spot).
 */
import sharp from 'sharp';
import { addDays, zonedInstant } from '../../core/rounds.ts';
import type { OffsetClock } from '../../core/clock.ts';
import type { Services } from '../app.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import { demoActors } from './actors.ts';

const SEED_ACTOR: Actor = { id: null, name: 'demo-seed', ip: null };
const ALL = { all: true, estates: [], areas: [], units: [] };
const SEED_AUTH = { sessionId: '', user: { id: 0, username: 'demo-seed', displayName: 'demo-seed', role: 'admin' as const, department: null }, scope: ALL };

const FACILITY_POINTS = [
  ['F-WATER', '水泵房', '地下一层 B1-03'],
  ['F-POWER', '配电房', '地下一层 B1-05'],
  ['F-GAS', '燃气调压间', '2 栋北侧'],
  ['F-TEL', '弱电机房', '会所一层'],
  ['F-CATV', '有线电视分支箱', '5 栋一单元'],
] as const;

export async function seedRounds(services: Services, estateId: number, today: string, clock?: OffsetClock) {
  const cfg = services.field.config;
  const templates = await cfg.listTemplates(SEED_AUTH, estateId);
  const patrol = templates.find((t) => t.kind === 'patrol')!;
  const facility = templates.find((t) => t.kind === 'facility_check')!;
  const areas = await services.estates.listAreas(ALL, estateId);
  const areaId = (name: string) => areas.find((a) => a.name === name)!.id;
  const buildings = (await services.property.listBuildings({ scope: ALL, estateId, includeArchived: false, page: 1, pageSize: 200 })).items;

  const routeOf: Record<string, number[]> = { 东区: [], 西区: [] };
  for (const b of buildings) {
    const area = areas.find((a) => a.id === b.areaId)?.name;
    if (!area || !routeOf[area]) continue;
    const id = await cfg.createCheckpoint(SEED_ACTOR, SEED_AUTH, { estateId, areaId: b.areaId, code: `B${b.code}`, name: `${b.name}大堂`, target: 'building', buildingId: b.id, location: `${b.name}一层大堂`, nfcUid: null, templateFamilyId: patrol.familyId });
    routeOf[area]!.push(id);
  }
  const facilities: number[] = [];
  for (const [code, name, location] of FACILITY_POINTS) {
    facilities.push(await cfg.createCheckpoint(SEED_ACTOR, SEED_AUTH, { estateId, code, name, target: 'facility', location, nfcUid: null, templateFamilyId: facility.familyId }));
  }
  const startsOn = addDays(today, -3);
  const plans: number[] = [];
  for (const area of ['东区', '西区']) {
    const routeId = await cfg.createRoute(SEED_ACTOR, SEED_AUTH, { estateId, areaId: areaId(area), name: `${area}楼宇日巡路线`, ordered: true, checkpointIds: routeOf[area]! });
    plans.push(
      await cfg.createPlan(SEED_ACTOR, SEED_AUTH, {
        estateId,
        areaId: areaId(area),
        name: `${area}楼宇日巡`,
        kind: 'patrol',
        routeId,
        assigneeRule: 'area_admin',
        recurrence: 'daily',
        days: [],
        slots: [{ start: '08:30', windowMin: 540 }],
        leadMin: 30,
        graceMin: 30,
        startsOn,
        enabled: true,
      }),
    );
  }
  const users = await services.users.list({ page: 1, pageSize: 100 });
  const eng1 = users.items.find((u) => u.username === 'eng1')!.id;
  const facilityRoute = await cfg.createRoute(SEED_ACTOR, SEED_AUTH, { estateId, name: '设施巡检路线（水电气通讯有线电视）', ordered: false, checkpointIds: facilities });
  await cfg.createPlan(SEED_ACTOR, SEED_AUTH, {
    estateId,
    name: '每周设施巡检',
    kind: 'facility_check',
    routeId: facilityRoute,
    assigneeRule: 'user',
    assigneeId: eng1,
    recurrence: 'weekdays',
    days: [1, 4],
    slots: [{ start: '09:00', windowMin: 240 }],
    leadMin: 30,
    graceMin: 30,
    startsOn,
    enabled: true,
  });
  if (!clock) return;
  await walkHistory(services, clock, estateId, today, plans);
  // Today's rounds are on the board at once, not after the job's first 5-minute tick.
  await services.field.engine.generate(estateId);
}

/** Three past days through the field sync, as the phones would have sent them. */
async function walkHistory(services: Services, clock: OffsetClock, estateId: number, today: string, plans: number[]) {
  const realNow = clock.now().getTime();
  const ctx = await demoActors(services);
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a8f99' } }).jpeg().toBuffer();
  // The printed labels carry the tokens the phones scan.
  const labels = await services.field.config.labels(SEED_AUTH, estateId, null);
  const tokenOf = (id: number) => new URL(labels.find((l) => l.id === id)!.url, 'http://x').searchParams.get('t')!;
  let n = 0;
  const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  try {
    for (const back of [3, 2, 1]) {
      const day = addDays(today, -back);
      for (const name of ['cs1', 'cs2'] as const) {
        const who = ctx(name);
        const east = name === 'cs1';
        clock.setTo(zonedInstant(day, '08:40'));
        const pack = await services.field.pack.pack(who.auth, estateId);
        // Day −1 in the east: the round was not walked (a miss for the board and the report).
        if (east && back === 1) continue;
        for (const task of pack.tasks.filter((x) => plans.includes(x.planId))) {
          for (const [i, cp] of task.checkpoints.entries()) {
            // Day −3 in the west: the last lobby was skipped (partial).
            if (!east && back === 3 && i === task.checkpoints.length - 1) continue;
            clock.setTo(new Date(zonedInstant(day, '09:00').getTime() + (i + 1) * 12 * 60_000));
            const its = cp.template!.items;
            const issue = async (label: string, description: string, fixed = false) => {
              const pid = (await services.field.photos.add(who.actor, who.auth, estateId, uuid(), { data: photo, mime: 'image/jpeg' })).photoId;
              return { [its.find((x) => x.label === label)!.id]: { description, photoIds: [pid], ...(fixed ? { fixedOnSpot: true, afterPhotoIds: [pid] } : {}) } };
            };
            let issues: Record<number, unknown> = {};
            if (back === 3 && east && i === 1) issues = await issue('楼道照明', '8–10 层楼道声控灯不亮');
            if (back === 2 && !east && i === 0) issues = await issue('保洁质量', '大堂地面有污渍，已通知保洁当场清理', true);
            if (back === 1 && !east && i === 1) issues = await issue('消防通道畅通', '消防通道堆放杂物（纸箱、旧家具）');
            const manual = back === 2 && east && i === 0;
            const payload = {
              taskId: task.id,
              checkpointId: cp.id,
              scanMethod: manual ? 'manual' : 'qr',
              ...(manual ? { manualReason: '二维码标签被广告遮挡' } : { scannedToken: tokenOf(cp.id) }),
              observedAt: clock.now().toISOString(),
              answers: its.map((it) => (issues[it.id] ? { itemId: it.id, value: 'issue', issue: issues[it.id] } : { itemId: it.id, value: 'ok' })),
            };
            await services.field.sync.sync(who.actor, who.auth, { deviceId: `demo-${name}`, deviceNow: clock.now().toISOString(), items: [{ clientUuid: uuid(), kind: 'round_result', payload }] }, 'zh-CN');
          }
        }
      }
      clock.setTo(zonedInstant(day, '18:30'));
      await services.field.engine.sweep();
      await services.field.engine.dailySummary();
    }
  } finally {
    clock.setTo(new Date(realNow));
  }
}
