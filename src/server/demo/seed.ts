/**
 * The demo estate 翠湖花园 a newcomer sees on first start: buildings in two areas, ~300 units of
 * every status, households with members, tenants, special-care residents, past ownership
 * transfers, and one account per role. Written through the services, so it obeys every rule
 * (and fills the audit log) exactly as a user's entries would.
 */
import type { OffsetClock } from '../../core/clock.ts';
import type { Services } from '../app.ts';
import { seedDesk } from './desk-seed.ts';
import { seedFees } from './fees-seed.ts';
import { seedRounds } from './rounds-seed.ts';
import { seedSignsVacant } from './signs-seed.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import { DEMO_STEPS, type Progress } from './progress.ts';
import { seedRenovations } from './renovation-seed.ts';
import { localDate } from '../../core/clock.ts';
import { seedRelations } from './relations-seed.ts';
import { seedNotices } from './notices-seed.ts';
import { seedMail } from './mail-seed.ts';
import { seedManagement } from './management-seed.ts';
import { EMPLOYERS, HOBBIES, idNumber, mobile, OCCUPATIONS, personName, rng, SPECIALTIES, type Rng } from './people.ts';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'director', displayName: '王建华（管理处主任）', role: 'director' },
  { username: 'assistant', displayName: '李晓梅（助理）', role: 'assistant' },
  { username: 'cs1', displayName: '张敏（东区片区管理员）', role: 'cs_admin' },
  { username: 'cs2', displayName: '刘洋（西区片区管理员）', role: 'cs_admin' },
  { username: 'desk1', displayName: '赵婷（前台）', role: 'front_desk' },
  { username: 'cashier1', displayName: '孙丽（收银员）', role: 'cashier' },
  { username: 'eng1', displayName: '周强（工程部）', role: 'dept_staff' },
  { username: 'owner1', displayName: '陈建国', role: 'owner' },
] as const;

/** The owner-portal demo account's home and name, used by the browser tests too. */
export const OWNER1 = { building: '1', entrance: '1', number: '1201', name: '陈建国', phone: '13912345678' };

const SEED_ACTOR: Actor = { id: null, name: 'demo-seed', ip: null };
const ALL = { all: true, estates: [], areas: [], units: [] };

interface BuildingPlan {
  code: string;
  name: string;
  kind: 'high_rise' | 'multi_storey' | 'villa' | 'commercial';
  area: 'east' | 'west';
  floors: number;
  entrances: number;
  perFloor: number;
  usage: 'residential' | 'commercial';
  builtYear: number;
}

const BUILDINGS: BuildingPlan[] = [
  { code: '1', name: '1栋', kind: 'high_rise', area: 'east', floors: 18, entrances: 2, perFloor: 2, usage: 'residential', builtYear: 2015 },
  { code: '2', name: '2栋', kind: 'high_rise', area: 'east', floors: 18, entrances: 2, perFloor: 2, usage: 'residential', builtYear: 2015 },
  { code: '3', name: '3栋', kind: 'high_rise', area: 'west', floors: 18, entrances: 2, perFloor: 2, usage: 'residential', builtYear: 2016 },
  { code: '5', name: '5栋', kind: 'multi_storey', area: 'west', floors: 6, entrances: 3, perFloor: 2, usage: 'residential', builtYear: 2016 },
  { code: '6', name: '6栋', kind: 'multi_storey', area: 'west', floors: 6, entrances: 2, perFloor: 2, usage: 'residential', builtYear: 2017 },
  { code: 'V', name: '别墅区', kind: 'villa', area: 'west', floors: 3, entrances: 1, perFloor: 8, usage: 'residential', builtYear: 2017 },
  { code: 'S', name: '沿街商铺', kind: 'commercial', area: 'east', floors: 1, entrances: 1, perFloor: 12, usage: 'commercial', builtYear: 2015 },
];

export async function seedDemo(services: Services, today: string, opts: { clock?: OffsetClock; db?: Db; progress?: Progress } = {}): Promise<void> {
  const progress = opts.progress ?? (() => {});
  const r = rng(20261127);
  progress({ n: 1, of: DEMO_STEPS, zh: '小区、片区与设施', en: 'estate, areas, facilities' });
  const estateId = await services.estates.create(SEED_ACTOR, {
    code: 'CUIHU',
    name: '翠湖花园',
    address: '广东省深圳市南山区翠湖路 88 号',
    timeZone: 'Asia/Shanghai',
    phone: '0755-26881234',
    notes: '2015 年交付，住宅 + 别墅 + 沿街商铺',
  });
  const east = await services.estates.createArea(SEED_ACTOR, ALL, { estateId, name: '东区', notes: '1、2 栋及沿街商铺', managerUserId: null });
  const west = await services.estates.createArea(SEED_ACTOR, ALL, { estateId, name: '西区', notes: '3、5 栋及别墅区', managerUserId: null });

  for (const [kind, name, location] of [
    ['clubhouse', '翠湖会所', '中心湖畔'],
    ['pool', '室外恒温泳池', '会所南侧'],
    ['sports', '网球及篮球场', '3 栋北侧'],
    ['plaza', '中心广场', '小区中轴'],
    ['playground', '儿童游乐区', '2 栋与 3 栋之间'],
    ['business_center', '商务中心', '会所二层'],
    ['office', '管理处办公区', '1 栋架空层'],
  ] as const) {
    await services.property.createFacility(SEED_ACTOR, ALL, { estateId, kind, name, location, notes: null });
  }

  progress({ n: 2, of: DEMO_STEPS, zh: '账号', en: 'accounts' });
  const users: Record<string, number> = {};
  for (const a of DEMO_ACCOUNTS) {
    if (a.role === 'owner') continue;
    const scopes =
      a.role === 'admin' ? [] : a.username === 'cs1' ? [{ estateId, areaId: east }] : a.username === 'cs2' ? [{ estateId, areaId: west }] : [{ estateId }];
    users[a.username] = await services.users.create(SEED_ACTOR, {
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      password: DEMO_PASSWORD,
      phone: mobile(r),
      department: a.role === 'dept_staff' ? 'engineering' : 'customer_service',
      scopes,
      unitIds: [],
    });
  }
  await services.estates.updateArea(SEED_ACTOR, ALL, east, { managerUserId: users.cs1 });
  await services.estates.updateArea(SEED_ACTOR, ALL, west, { managerUserId: users.cs2 });

  let owner1Unit = 0;
  for (const [i, plan] of BUILDINGS.entries()) {
    progress({ n: 3, of: DEMO_STEPS, zh: '楼栋、房屋与住户', en: 'buildings, units, households', part: `${i + 1}/${BUILDINGS.length}` });
    const buildingId = await services.property.createBuilding(SEED_ACTOR, ALL, {
      estateId,
      areaId: plan.area === 'east' ? east : west,
      code: plan.code,
      name: plan.name,
      kind: plan.kind,
      floors: plan.floors,
      entrances: plan.entrances,
      builtYear: plan.builtYear,
      notes: null,
    });
    for (let e = 1; e <= plan.entrances; e++) {
      for (let f = 1; f <= plan.floors; f++) {
        for (let n = 1; n <= plan.perFloor; n++) {
          const entrance = plan.entrances > 1 ? String(e) : null;
          const number = plan.kind === 'villa' ? `${String((f - 1) * plan.perFloor + n).padStart(2, '0')}` : plan.kind === 'commercial' ? `S${String(n).padStart(2, '0')}` : `${f}${String(n).padStart(2, '0')}`;
          if (plan.kind === 'villa' && f > 1) continue; // villas: one unit per plot, floors describe the house
          const isOwner1 = plan.code === OWNER1.building && entrance === OWNER1.entrance && number === OWNER1.number;
          const unitId = await seedUnit(services, r, { plan, buildingId, entrance, floor: plan.kind === 'villa' ? 1 : f, number, today, isOwner1 });
          if (isOwner1) owner1Unit = unitId;
        }
      }
    }
  }

  await services.users.create(SEED_ACTOR, {
    username: 'owner1',
    displayName: DEMO_ACCOUNTS.find((a) => a.username === 'owner1')!.displayName,
    role: 'owner',
    password: DEMO_PASSWORD,
    phone: OWNER1.phone,
    department: null,
    scopes: [],
    unitIds: [owner1Unit],
  });
  // Ticket history moves the clock through three months; tests that do not need it skip it.
  if (opts.clock) await seedDesk(services, opts.clock, estateId, (part) => progress({ n: 4, of: DEMO_STEPS, zh: '三个月的工单', en: 'three months of tickets', part }));
  // A year of bills, readings, payments and arrears; also moves the clock.
  if (opts.clock && opts.db) await seedFees(services, opts.clock, opts.db, estateId, owner1Unit, (part) => progress({ n: 5, of: DEMO_STEPS, zh: '一年的费用', en: 'a year of fees', part }));
  // Checkpoints, routes and patrol plans; with the clock, three days of rounds walked.
  if (opts.clock) progress({ n: 6, of: DEMO_STEPS, zh: '巡检、装修、标识与空置房', en: 'rounds, renovations, signs and vacant units' });
  await seedRounds(services, estateId, today, opts.clock);
  // Three renovations in different states (only for the full demo, like the histories above).
  if (opts.clock && opts.db) await seedRenovations(services, opts.db, estateId, localDate(opts.clock.now()));
  // Signs and their checks, two vacant units with checks, a handover with legacy defects.
  await seedSignsVacant(services, estateId, today, { withClock: !!opts.clock, db: opts.db });
  // A week of home visits and this year's satisfaction survey; moves the clock too.
  if (opts.clock) progress({ n: 7, of: DEMO_STEPS, zh: '走访与满意度调查', en: 'home visits and the satisfaction survey' });
  if (opts.clock) await seedRelations(services, opts.clock, estateId, owner1Unit);
  // Resident notices and a community activity, at the present moment.
  if (opts.clock) progress({ n: 8, of: DEMO_STEPS, zh: '通知、社区活动与邮件', en: 'notices, activities and mail' });
  if (opts.clock) await seedNotices(services, opts.clock, estateId, owner1Unit);
  // A dozen mail items in every state, subscriptions and an authorisation; moves the clock too.
  if (opts.clock && opts.db) await seedMail(services, opts.clock, opts.db, estateId, owner1Unit);
  // Appraisals, weakness reports, an improvement action and a training over that history.
  if (opts.clock) progress({ n: 9, of: DEMO_STEPS, zh: '考核与改进', en: 'appraisals and improvement' });
  if (opts.clock && opts.db) await seedManagement(services, opts.clock, opts.db, estateId);
}

interface UnitSeed {
  plan: BuildingPlan;
  buildingId: number;
  entrance: string | null;
  floor: number;
  number: string;
  today: string;
  isOwner1: boolean;
}

async function seedUnit(services: Services, r: Rng, u: UnitSeed): Promise<number> {
  const { plan } = u;
  const area = plan.kind === 'villa' ? r.int(220, 320) + r.int(0, 99) / 100 : plan.kind === 'commercial' ? r.int(45, 160) + r.int(0, 99) / 100 : r.pick([68.35, 89.52, 89.52, 112.8, 128.66, 143.2]);
  const roll = r.next();
  const status = u.isOwner1 ? 'occupied' : plan.usage === 'commercial' ? (roll < 0.75 ? 'rented' : 'vacant') : roll < 0.68 ? 'occupied' : roll < 0.82 ? 'rented' : roll < 0.94 ? 'vacant' : 'renovating';
  const unitId = await services.property.createUnit(SEED_ACTOR, ALL, {
    buildingId: u.buildingId,
    entrance: u.entrance,
    floor: u.floor,
    number: u.number,
    buildingArea: area,
    usage: plan.usage,
    status,
    structure: plan.kind === 'multi_storey' ? '砖混结构' : plan.kind === 'villa' ? '框架结构' : '剪力墙结构',
    qualityNotes: r.chance(0.06) ? r.pick(['主卧外墙渗水，2023 年已修复', '卫生间防水层交付时有瑕疵，已维修', '客厅地面轻微空鼓', '北向窗户密封条老化']) : null,
    deliveredOn: `${plan.builtYear + 1}-06-30`,
  });

  // Every sold unit has an owner; a few changed hands, with the first owner kept as history.
  const yearIn = r.int(plan.builtYear + 1, 2025);
  const movedInOn = `${yearIn}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const ownerGender: 'M' | 'F' = u.isOwner1 ? 'M' : r.chance(0.55) ? 'M' : 'F';
  const ownerName = u.isOwner1 ? OWNER1.name : personName(r, undefined, ownerGender);
  const ownerBirth = r.int(1950, 1992);
  const ownerPhone = u.isOwner1 ? OWNER1.phone : mobile(r);
  const ownerId = idNumber(r, ownerBirth, ownerGender);
  const transferred = !u.isOwner1 && r.chance(0.05) && yearIn >= plan.builtYear + 3;
  if (transferred) {
    await services.households.transferOwnership(SEED_ACTOR, ALL, unitId, {
      date: `${plan.builtYear + 1}-07-15`,
      how: 'purchase',
      reason: null,
      owners: [{ ownerName: personName(r), phone: mobile(r), idNumber: null, sharePercent: 100, certificateNo: `粤(${plan.builtYear + 1})深圳市不动产权第${r.int(1000000, 9999999)}号`, notes: null }],
    });
  }
  const spouseGender: 'M' | 'F' = ownerGender === 'M' ? 'F' : 'M';
  const spouseName = personName(r, undefined, spouseGender);
  const jointly = r.chance(0.35) && plan.usage === 'residential';
  await services.households.transferOwnership(SEED_ACTOR, ALL, unitId, {
    date: transferred ? movedInOn : `${Math.min(yearIn, plan.builtYear + 1)}-07-15`,
    how: transferred ? r.pick(['transfer', 'transfer', 'inheritance', 'gift'] as const) : 'purchase',
    reason: transferred ? '二手房交易过户' : null,
    owners: [
      { ownerName, phone: ownerPhone, idNumber: ownerId, sharePercent: jointly ? 50 : 100, certificateNo: `粤(${yearIn})深圳市不动产权第${r.int(1000000, 9999999)}号`, notes: null },
      ...(jointly ? [{ ownerName: spouseName, phone: mobile(r), idNumber: null, sharePercent: 50, certificateNo: null, notes: null }] : []),
    ],
  });

  if (status === 'occupied') {
    const elderlyAlone = !u.isOwner1 && r.chance(0.05);
    const members: Parameters<Services['households']['create']>[2]['members'] = [
      {
        name: ownerName,
        relation: 'head',
        isHead: true,
        isOwner: true,
        gender: ownerGender,
        birthYear: elderlyAlone ? r.int(1936, 1950) : ownerBirth,
        phone: ownerPhone,
        idNumber: ownerId,
        occupation: elderlyAlone ? '退休' : r.pick(OCCUPATIONS),
        employer: elderlyAlone ? null : r.pick(EMPLOYERS),
        specialties: r.pick(SPECIALTIES) || null,
        hobbies: r.pick(HOBBIES),
        careFlags: elderlyAlone ? ['elderly_alone'] : r.chance(0.03) ? ['sick'] : [],
        notes: elderlyAlone ? '子女在外地，每周巡访一次，留有紧急联系人电话' : null,
      },
    ];
    if (!elderlyAlone) {
      members.push({
        name: spouseName,
        relation: 'spouse',
        isHead: false,
        isOwner: jointly,
        gender: spouseGender,
        birthYear: ownerBirth + r.int(-3, 3),
        phone: mobile(r),
        idNumber: null,
        occupation: r.pick(OCCUPATIONS),
        employer: r.pick(EMPLOYERS),
        specialties: null,
        hobbies: r.pick(HOBBIES),
        careFlags: r.chance(0.02) ? ['disabled'] : [],
        notes: null,
      });
      const kids = ownerBirth > 1965 ? r.int(0, 2) : 0;
      const surname = ownerName[0];
      for (let k = 0; k < kids; k++) {
        const g: 'M' | 'F' = r.chance(0.5) ? 'M' : 'F';
        const born = Math.min(2022, ownerBirth + r.int(24, 36));
        members.push({
          name: personName(r, surname, g),
          relation: 'child',
          isHead: false,
          isOwner: false,
          gender: g,
          birthYear: born,
          phone: born < 2006 ? mobile(r) : null,
          idNumber: null,
          occupation: born > 2004 ? '学生' : r.pick(OCCUPATIONS),
          employer: null,
          specialties: r.chance(0.3) ? r.pick(['钢琴', '围棋', '游泳', '绘画']) : null,
          hobbies: r.pick(HOBBIES),
          careFlags: born > 2012 && r.chance(0.08) ? ['child'] : [],
          notes: null,
        });
      }
      if (r.chance(0.15)) {
        const g: 'M' | 'F' = r.chance(0.5) ? 'M' : 'F';
        members.push({
          name: personName(r, ownerName[0], g),
          relation: 'parent',
          isHead: false,
          isOwner: false,
          gender: g,
          birthYear: ownerBirth - r.int(24, 32),
          phone: mobile(r),
          idNumber: null,
          occupation: '退休',
          employer: null,
          specialties: null,
          hobbies: r.pick(['太极拳', '广场舞', '下象棋', '养花']),
          careFlags: r.chance(0.3) ? ['sick'] : [],
          notes: null,
        });
      }
    }
    await services.households.create(SEED_ACTOR, ALL, { unitId, name: `${ownerName}家`, movedInOn, notes: null, members });
  } else if (status === 'rented') {
    const tenantGender: 'M' | 'F' = r.chance(0.5) ? 'M' : 'F';
    const tenant = personName(r, undefined, tenantGender);
    const tenantPhone = mobile(r);
    const householdId = await services.households.create(SEED_ACTOR, ALL, {
      unitId,
      name: plan.usage === 'commercial' ? r.pick(['便利店', '药房', '咖啡馆', '洗衣店', '水果店', '房产中介', '美发店']) : `${tenant}（租户）`,
      movedInOn: `${r.int(2023, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-01`,
      notes: null,
      members: [
        {
          name: tenant,
          relation: 'tenant',
          isHead: true,
          isOwner: false,
          gender: tenantGender,
          birthYear: r.int(1980, 2000),
          phone: tenantPhone,
          idNumber: idNumber(r, r.int(1980, 2000), tenantGender),
          occupation: r.pick(OCCUPATIONS),
          employer: r.pick(EMPLOYERS),
          specialties: null,
          hobbies: r.pick(HOBBIES),
          careFlags: [],
          notes: null,
        },
      ],
    });
    const startYear = Number(u.today.slice(0, 4)) - r.int(0, 1);
    const start = `${startYear}-${String(r.int(1, 12)).padStart(2, '0')}-01`;
    const end = `${Number(start.slice(0, 4)) + 1}-${start.slice(5, 7)}-${start.slice(8, 10) === '01' ? '01' : '28'}`;
    const rent = plan.usage === 'commercial' ? r.int(80, 200) * 10_000 : r.int(28, 65) * 10_000;
    await services.households.createTenancy(SEED_ACTOR, ALL, {
      unitId,
      householdId,
      tenantName: tenant,
      phone: tenantPhone,
      idNumber: null,
      startOn: start,
      endOn: end,
      monthlyRent: rent,
      deposit: rent * 2,
      agent: r.chance(0.6) ? r.pick(['链家地产', '中原地产', '我爱我家', '业主自租']) : null,
      notes: null,
    });
  }
  return unitId;
}
