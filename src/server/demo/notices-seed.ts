/**
 * Demo notices and a community activity for 翠湖花园, through the services: a live power-outage
 * emergency (the front desk's script), an estate announcement asking for 签收, a propaganda notice,
 * a scheduled one, one awaiting approval; and a published Double Ninth tea party with registrations.
 */
import type { OffsetClock } from '../../core/clock.ts';
import type { Services } from '../app.ts';
import { demoActors } from './actors.ts';

export async function seedNotices(services: Services, clock: OffsetClock, estateId: number, owner1Unit: number) {
  const as = await demoActors(services);
  const assistant = as('assistant');
  const director = as('director');
  const cs1 = as('cs1');
  const owner = as('owner1');
  owner.auth.scope = { all: false, estates: [], areas: [], units: [owner1Unit] };
  const now = clock.now().getTime();
  const iso = (h: number) => new Date(now + h * 3600_000).toISOString();
  const buildings = (await services.property.listBuildings({ scope: assistant.auth.scope, estateId, includeArchived: false, page: 1, pageSize: 50 })).items as Array<{ id: number; code: string; areaId: number | null }>;
  const b = (code: string) => buildings.find((x) => x.code === code)!;
  const east = b('1').areaId!;

  const publish = async (who: typeof assistant, input: Record<string, unknown>) => {
    const { id } = await services.notices.create(who.actor, who.auth, { estateId, audienceIds: [], audiencePeople: 'residents', requireAck: false, pinned: false, publishAt: null, expiresAt: null, ...input } as never);
    await services.notices.submit(who.actor, who.auth, id);
    return id;
  };
  await publish(director, {
    category: 'announcement',
    title: '关于开展消防安全检查的通告',
    body: '各位业主、住户：\n为保障小区消防安全，管理处将于本月下旬对各楼栋消防通道、楼道堆放物进行全面检查。请各户自行清理楼道内堆放的杂物，保持消防通道畅通。\n感谢您的理解与配合！',
    audienceKind: 'estate',
    requireAck: true,
    pinned: true,
    expiresAt: iso(24 * 20),
  });
  await publish(assistant, {
    category: 'propaganda',
    title: '垃圾分类，从我做起',
    body: '可回收物、有害垃圾、厨余垃圾、其他垃圾请分类投放。每晚 19:00—21:00 各楼栋定时定点投放，志愿者现场指导。',
    audienceKind: 'estate',
    expiresAt: iso(24 * 60),
  });
  await publish(assistant, {
    category: 'emergency',
    title: '停电通知',
    body: '尊敬的住户：因 2 栋配电房设备故障，2 栋今日临时停电，工程部正在全力抢修，预计 4 小时内恢复。电梯暂停使用，请注意安全。如有疑问请致电客服中心 0755-26881234。',
    audienceKind: 'buildings',
    audienceIds: [b('2').id],
    pinned: true,
    expiresAt: iso(6),
  });
  await publish(assistant, {
    category: 'notice',
    title: '二次供水水箱清洗通知',
    body: '管理处将于下周二 9:00—15:00 清洗 3 栋、5 栋二次供水水箱，期间停水，请提前储水。',
    audienceKind: 'buildings',
    audienceIds: [b('3').id, b('5').id],
    requireAck: true,
    publishAt: iso(20),
    expiresAt: iso(24 * 8),
  });
  await publish(cs1, {
    category: 'announcement',
    title: '1 栋电梯更换工程公告',
    body: '1 栋 1 单元电梯将于下月进行整体更换，工期约 30 天，期间请使用 2 单元电梯。',
    audienceKind: 'buildings',
    audienceIds: [b('1').id],
    expiresAt: iso(24 * 40),
  });

  // The activity: plan → approval → publication (its notice) → registrations
  const facilities = (await services.property.listFacilities(assistant.auth.scope, { estateId, page: 1, pageSize: 20 })).items as Array<{ id: number; kind: string }>;
  const club = facilities.find((f) => f.kind === 'clubhouse')!.id;
  const { id } = await services.activities.create(cs1.actor, cs1.auth, {
    estateId,
    title: '重阳敬老茶话会',
    type: 'elderly',
    goals: '关爱小区长者，增进邻里感情',
    agenda: '15:00 签到入场\n15:15 主任致辞\n15:30 茶点与戏曲表演\n16:30 义诊（血压、血糖）\n17:00 合影散场',
    budget: [{ item: '茶点水果', amount: 120000 }, { item: '慰问品', amount: 200000 }, { item: '横幅布置', amount: 30000 }],
    staffing: [{ role: '总协调', name: '李娜' }, { role: '接待签到', name: '前台 王芳' }, { role: '秩序维护', name: '秩序维护员 2 名' }],
    facilityId: club,
    venue: null,
    startsAt: iso(24 * 5 + 2),
    endsAt: iso(24 * 5 + 4),
    opensAt: iso(-1),
    closesAt: iso(24 * 4),
    capacity: 40,
    perUnitLimit: 3,
    audienceKind: 'areas',
    audienceIds: [east],
  });
  await services.activities.step(assistant.actor, assistant.auth, id, 'approve');
  await services.activities.step(cs1.actor, cs1.auth, id, 'publish');
  await services.activities.register(owner.actor, owner.auth, id, { unitId: owner1Unit, names: '陈建国、王秀兰', adults: 2, children: 0, phone: '13912345678' }, { portal: true });
  const units = (await services.property.listUnits({ scope: assistant.auth.scope, estateId, buildingId: b('2').id, status: 'occupied', sort: 'address', page: 1, pageSize: 12 })).items as Array<{ id: number }>;
  const names = ['刘桂芳', '张德明', '黄淑珍', '周秀英', '吴国华', '郑玉兰', '孙志强', '马桂兰'];
  for (const [i, u] of units.slice(0, names.length).entries()) {
    await services.activities.register(cs1.actor, cs1.auth, id, { unitId: u.id, names: names[i]!, adults: 1 + (i % 2), children: 0 }, { portal: false });
  }
}
