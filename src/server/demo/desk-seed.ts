/**
 * Three months of service desk history for the demo estate, written through the services with
 * the clock moved to each moment, so timelines, due times, breaches, escalations and return
 * visits are what the system itself would have produced.
 */
import type { OffsetClock } from '../../core/clock.ts';
import type { Action, DEPARTMENTS, TicketType } from '../../core/tickets.ts';
import type { Services } from '../app.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import type { AuthContext } from '../modules/auth/auth.service.ts';
import { demoActors } from './actors.ts';
import { rng, type Rng } from './people.ts';

const HOUR = 3_600_000;

const SCRIPTS: Array<{ type: TicketType; title: string; description: string; department: string; category: [string, string, string] }> = [
  { type: 'repair', title: '厨房水管漏水', description: '水槽下方水管接口滴水，地面有积水', department: 'engineering', category: ['户内', '给排水', '漏水'] },
  { type: 'repair', title: '卫生间下水道堵塞', description: '地漏返水，疏通无效', department: 'engineering', category: ['户内', '给排水', '堵塞'] },
  { type: 'repair', title: '客厅插座没电', description: '客厅两个插座无电，空开未跳', department: 'engineering', category: ['户内', '电气', '插座故障'] },
  { type: 'repair', title: '入户门锁损坏', description: '钥匙转不动，需要更换锁芯', department: 'engineering', category: ['户内', '门窗', '门锁损坏'] },
  { type: 'report', title: '楼道灯不亮', description: '本单元 8–10 层楼道声控灯不亮', department: 'engineering', category: ['公共区域', '电气', '照明损坏'] },
  { type: 'report', title: '电梯异响', description: '2 号梯运行时有摩擦声', department: 'engineering', category: ['公共区域', '电梯', '异响'] },
  { type: 'complaint', title: '楼上装修噪音', description: '中午和晚上八点后仍在电钻施工', department: 'customer_service', category: ['户内', '噪音邻里', '装修噪音'] },
  { type: 'complaint', title: '垃圾清运不及时', description: '地下车库垃圾桶两天未清', department: 'cleaning', category: ['车库', '保洁', '垃圾未清'] },
  { type: 'complaint', title: '保安态度生硬', description: '晚归时门岗盘问态度差', department: 'security', category: ['公共区域', '服务态度', '员工态度'] },
  { type: 'report', title: '草坪枯黄', description: '中心广场东侧草坪大片枯黄', department: 'landscaping', category: ['室外', '绿化', '草木枯死'] },
  { type: 'report', title: '车位被占用', description: '私家车位被外来车辆长期占用', department: 'security', category: ['车库', '停车', '车位被占'] },
  { type: 'inquiry', title: '物业费缴费方式', description: '咨询是否可以用微信缴纳物业费', department: 'customer_service', category: ['户内', '收费', '费用疑问'] },
  { type: 'inquiry', title: '装修申请流程', description: '咨询装修需要提交哪些材料', department: 'customer_service', category: ['户内', '其他', '其他'] },
  { type: 'suggestion', title: '增加儿童游乐设施', description: '建议在 5 栋旁增加滑梯和沙池', department: 'customer_service', category: ['室外', '其他', '其他'] },
  { type: 'dispute', title: '邻居宠物扰民', description: '隔壁狗夜间吠叫，沟通无果', department: 'customer_service', category: ['户内', '宠物', '宠物扰民'] },
  { type: 'special_service', title: '家电清洗', description: '预约空调和油烟机清洗', department: 'engineering', category: ['户内', '其他', '其他'] },
  { type: 'legacy', title: '外墙渗水', description: '主卧外墙雨后渗水，交房时已存在', department: 'engineering', category: ['户内', '土建渗漏', '墙面渗水'] },
];

/** `progress` is told each month of history as it starts ("1/3"). */
export async function seedDesk(services: Services, clock: OffsetClock, estateId: number, progress: (part: string) => void = () => {}) {
  const r = rng(4812);
  const realNow = clock.now().getTime();
  const ctx = await demoActors(services);
  const categories = await services.deskConfig.categories({ all: true, estates: [], areas: [], units: [] }, estateId);
  const units = (await services.property.listUnits({ scope: { all: true, estates: [], areas: [], units: [] }, estateId, status: 'occupied', sort: 'address', page: 1, pageSize: 200 })).items;
  const at = (ms: number) => clock.setTo(new Date(ms));
  const step = async (who: string, id: number, action: Action, note: string | null = null, extra: Record<string, unknown> = {}) => {
    const c = ctx(who);
    await services.tickets.act(c.actor, c.auth, id, action, { note, ...extra });
  };

  for (let day = 90; day >= 0; day--) {
    if (day % 30 === 0 && day > 0) progress(`${(90 - day) / 30 + 1}/3`);
    const perDay = r.int(2, 6);
    for (let k = 0; k < perDay; k++) {
      const s = r.pick(SCRIPTS);
      const unit = r.pick(units);
      const created = realNow - day * 24 * HOUR - r.int(0, 10) * HOUR - r.int(0, 59) * 60_000;
      at(created);
      const category = categories.find((c) => c.place === s.category[0] && c.category === s.category[1] && c.problem === s.category[2]);
      const channel = r.pick(['phone', 'phone', 'visit', 'front_desk', 'patrol'] as const);
      const desk = ctx(r.pick(['desk1', 'desk1', 'cs1']));
      const id = await services.tickets.create(desk.actor, desk.auth, {
        unitId: s.category[0] === '户内' ? unit.id : null,
        estateId,
        areaId: s.category[0] === '户内' ? null : unit.areaId,
        type: s.type,
        channel,
        categoryId: category?.id ?? null,
        priority: r.chance(0.15) ? 'high' : 'normal',
        complex: s.type === 'legacy' || r.chance(0.1),
        emergency: false,
        title: s.title,
        description: s.description,
        // the desk knows at registration which department a matter belongs to
        department: s.department as (typeof DEPARTMENTS)[number],
        price: s.type === 'special_service' ? r.int(8, 30) * 1000 : null,
        // a public-area matter is reported by a resident too; a unit's reporter comes from the archive
        reporterName: s.category[0] === '户内' ? null : unit.contactName,
        reporterPhone: null,
      });
      await playOut(r, { id, type: s.type, department: s.department, created, day, at, step, ctx, services });
    }
  }

  // An emergency a fortnight ago, handled by the plan, and one in progress now.
  for (const [daysAgo, done] of [[14, true], [0, false]] as const) {
    const created = realNow - daysAgo * 24 * HOUR - 2 * HOUR;
    at(created);
    const desk = ctx('desk1');
    const id = await services.tickets.create(desk.actor, desk.auth, {
      estateId,
      areaId: units[0].areaId,
      type: 'report',
      channel: 'phone',
      emergency: true,
      incidentType: 'lift_entrapment',
      priority: 'urgent',
      complex: false,
      title: '电梯困人',
      description: '2 栋 1 单元 1 号梯停在 9–10 层之间，困 2 人',
      reporterName: '监控中心',
      reporterPhone: null,
    });
    const detail = await services.tickets.get(desk.auth, id);
    const steps = done ? detail.steps : detail.steps.slice(0, 2);
    for (const [i, st] of steps.entries()) {
      at(created + (i + 1) * 5 * 60_000);
      await services.tickets.completeStep(desk.actor, desk.auth, id, st.id, null);
    }
    at(created + 6 * 60_000);
    await step('desk1', id, 'dispatch', '维保单位与工程部到场', { department: 'engineering' });
    if (done) {
      at(created + 40 * 60_000);
      await step('eng1', id, 'accept');
      await step('eng1', id, 'resolve', '盘车放人，2 人安全离开；维保单位更换平层感应器');
    }
  }
  clock.setOffset(0);
  // Something is always waiting on a resident: one job in progress stands paused.
  const working = await services.tickets.list(ctx('director').auth, { status: 'in_progress', page: 1, pageSize: 1 });
  if (working.items[0]) await step('desk1', working.items[0].id, 'pause', '业主出差，约下周上门');
  await services.deskSweep.run();
}

interface Play {
  id: number;
  type: TicketType;
  department: string;
  created: number;
  day: number;
  at: (ms: number) => void;
  step: (who: string, id: number, action: Action, note?: string | null, extra?: Record<string, unknown>) => Promise<void>;
  ctx: (username: string) => { actor: Actor; auth: AuthContext };
  services: Services;
}

/** One ticket's life: mostly on time and satisfied; some late, some reopened, some cancelled, recent ones still open. */
async function playOut(r: Rng, p: Play) {
  const { id, created, at, step } = p;
  let t = created;
  const later = (minH: number, maxH: number) => {
    t += r.int(minH * 60, maxH * 60) * 60_000;
    at(t);
  };
  const recent = p.day <= 5;
  if (r.chance(0.05)) {
    later(0, 3);
    return step('desk1', id, 'cancel', '业主表示已自行解决');
  }
  if (p.type === 'inquiry') {
    later(0, 1);
    await step('desk1', id, 'resolve', '电话答复业主');
  } else {
    await work(r, p, recent, later);
  }
  if (recent || (await p.services.tickets.get(p.ctx('desk1').auth, id)).status !== 'resolved') return; // still open, or resolved and awaiting the resident
  later(2, 30);
  await step('desk1', id, 'confirm', '业主电话确认已解决');
  const visit = await p.services.visits.list(p.ctx('cs1').auth, { done: false, page: 1, pageSize: 200 });
  const task = visit.items.find((v) => v.ticketId === id);
  if (!task) return;
  later(2, 48);
  const score = r.chance(0.06) ? r.int(1, 2) : r.pick([3, 4, 4, 5, 5, 5]);
  const cs = p.ctx('cs1');
  await p.services.visits.record(cs.actor, cs.auth, task.id, { score, comment: score <= 2 ? '问题反复出现，业主不满意' : '业主表示满意', tags: score <= 2 ? ['quality'] : [] });
  if (score <= 2 && p.day > 10) {
    later(1, 4);
    await step('cs1', id, 'dispatch', '返工', { department: p.department === 'customer_service' ? 'engineering' : p.department });
    later(4, 20);
    await step('cs1', id, 'resolve', '返工完成');
    later(2, 20);
    await step('desk1', id, 'confirm');
  }
}

/** From first response to resolution; returns early for recent tickets still being worked. */
async function work(r: Rng, p: Play, recent: boolean, later: (minH: number, maxH: number) => void) {
  const { id, step } = p;
  const late = r.chance(0.1);
  if (recent && r.chance(0.35)) return; // still waiting for a first response
  later(late ? 25 : 0, late ? 30 : 5);
  await step('desk1', id, 'respond', '已受理，已联系业主');
  if (p.department === 'customer_service') {
    if (recent && r.chance(0.4)) return;
    later(2, late ? 40 : 20);
    await step('cs1', id, 'resolve', '已上门沟通协调，双方达成一致');
  } else {
    later(0, 2);
    await step('desk1', id, 'dispatch', null, { department: p.department, assigneeId: p.department === 'engineering' ? p.ctx('eng1').actor.id : null });
    if (recent && r.chance(0.3)) return;
    if (p.department === 'engineering') {
      later(0, 2);
      await step('eng1', id, 'accept');
      if (recent && r.chance(0.4)) return;
      if (r.chance(0.1)) {
        later(1, 3);
        await step('desk1', id, 'pause', '等待配件到货');
        if (recent) return;
        later(24, 48);
        await step('desk1', id, 'resume', '配件已到');
      }
      if (recent && r.chance(0.3)) return;
      later(1, late ? 40 : 18);
      await step('eng1', id, 'resolve', '已维修完毕，现场测试正常');
    } else {
      later(1, late ? 40 : 18);
      await step('cs1', id, 'resolve', '相关部门已处理完毕');
    }
  }
}
