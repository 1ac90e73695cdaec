/**
 * Demo home visits and a satisfaction survey, acted through the services with the clock moved to
 * each day: a week of plans and visits in both areas (special care first, a care concern, a need
 * filed as a ticket, a drop with its reason), today's plan left to do, and a published survey with
 * answers by phone, paper and visit, a few refusals and verifications; owner1's form still pending.
 */
import { localDate, type OffsetClock } from '../../core/clock.ts';
import type { Services } from '../app.ts';
import { SYSTEM } from '../modules/desk/tickets.service.ts';
import { demoActors } from './actors.ts';
import { rng } from './people.ts';

const HOUR = 3_600_000;
const OPINIONS: Array<[string, string[]]> = [
  ['希望地下车库加装照明', ['停车']],
  ['楼道保洁很及时，表示满意', ['客服']],
  ['询问物业费明细如何公示', ['收费']],
  ['希望多组织老年人活动', ['社区文化']],
  ['电梯偶尔有异响', []],
  ['没有意见', []],
];

export async function seedRelations(services: Services, clock: OffsetClock, estateId: number, owner1Unit: number) {
  const r = rng(52021);
  const ctx = await demoActors(services);
  const realNow = clock.now().getTime();
  const dayAt = (daysAgo: number, hour: number) => Date.parse(`${localDate(new Date(realNow - daysAgo * 24 * HOUR))}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const assistant = ctx('assistant');
  await services.homeVisits.patchSettings(assistant.actor, assistant.auth, estateId, { dailyCapacity: 8 });
  const tags = new Set((await services.homeVisits.tagList(assistant.auth, estateId)).items);

  for (let day = 7; day >= 0; day--) {
    clock.setTo(new Date(dayAt(day, 7)));
    await services.homeVisits.generate(SYSTEM, estateId, localDate(clock.now()));
    if (day === 0) break; // today's plans wait for the administrators
    for (const who of ['cs1', 'cs2']) {
      const c = ctx(who);
      const [plan] = await services.homeVisits.plans(c.auth, { estateId, userId: c.actor.id! });
      if (!plan) continue;
      const todo = plan.items.filter((i) => !i.visitId && !i.droppedAt);
      for (const [k, item] of todo.slice(0, r.int(3, 5)).entries()) {
        clock.setTo(new Date(dayAt(day, 9) + k * 50 * 60_000 + r.int(0, 20) * 60_000));
        if (k === 3 && r.chance(0.5)) {
          await services.homeVisits.dropItem(c.actor, c.auth, item.id, { reason: '住户外出探亲，下周再访' });
          continue;
        }
        const outcome = r.chance(0.15) ? 'not_home' : 'met';
        const [opinion, opinionTags] = r.pick(OPINIONS);
        const care = item.specialCare && outcome === 'met' && r.chance(0.4);
        const need = outcome === 'met' && !care && r.chance(0.12);
        await services.homeVisits.record(c.actor, c.auth, {
          householdId: item.householdId,
          planItemId: item.id,
          purpose: item.purpose,
          method: item.phoneNext ? 'phone' : r.pick(['in_home', 'in_home', 'door'] as const),
          outcome,
          visitedAt: clock.now().toISOString(),
          minutes: r.int(10, 40),
          membersMet: outcome === 'met' ? r.pick(['户主', '户主及配偶', '老人本人', '保姆']) : null,
          companions: null,
          opinions: outcome === 'met' ? opinion : null,
          tags: outcome === 'met' ? opinionTags.filter((x) => tags.has(x)) : [],
          satisfaction: outcome === 'met' ? r.pick([5, 5, 4, 4, 3]) : null,
          needs: need ? '卫生间地漏返味，希望上门查看' : null,
          needType: need ? 'repair' : null,
          createTicket: need,
          careConcern: care,
          careNote: care ? '老人独居，近期腿脚不便，子女每周来一次；请助理安排志愿者帮助取送快递' : null,
          followUpOn: care ? localDate(new Date(clock.now().getTime() + 7 * 24 * HOUR)) : null,
        });
      }
    }
  }

  // The year's satisfaction survey, published two weeks ago (manual 3.4: ≥ 90 %; 4.6.2: return ≥ 70 %).
  clock.setTo(new Date(dayAt(14, 10)));
  const opens = localDate(clock.now());
  const { id } = await services.surveys.create(assistant.actor, assistant.auth, {
    estateId,
    title: '2026 年度住户满意度测评',
    kind: 'satisfaction',
    intro: '尊敬的住户：为不断改进服务，请您对我们的工作作出评价。感谢您的支持！',
    audience: { areaIds: [], buildingIds: [], unitIds: [], careFlags: [], includeVacant: false },
    channels: ['portal', 'paper', 'phone', 'visit'],
    opensOn: opens,
    closesOn: localDate(new Date(realNow + 16 * 24 * HOUR)),
    anonymous: false,
    targetReturn: 70,
    targetSatisfaction: 90,
    questions: [
      { type: 'rating5', text: '您对客服中心的接待与服务是否满意？', required: true, options: [], dimension: '客服', countsForSatisfaction: true },
      { type: 'rating5', text: '您对维修服务是否满意？', required: true, options: [], dimension: tags.has('维修') ? '维修' : '客服', countsForSatisfaction: true },
      { type: 'rating5', text: '您对收费工作是否满意？', required: true, options: [], dimension: '收费', countsForSatisfaction: true },
      { type: 'rating5', text: '您对停车管理是否满意？', required: false, options: [], dimension: '停车', countsForSatisfaction: true },
      { type: 'multi', text: '您希望我们优先改进哪些方面？', required: false, options: ['绿化', '保洁', '安保', '停车', '社区活动'], dimension: null, countsForSatisfaction: false },
      { type: 'text', text: '其他意见和建议', required: false, options: [], dimension: null, countsForSatisfaction: false },
    ],
  });
  await services.surveys.act(assistant.actor, assistant.auth, id, 'publish');
  const slots = (await services.surveys.recipients(assistant.auth, id, { page: 1, pageSize: 200 })).items.filter((s) => s.unitId !== owner1Unit);
  const q = (await services.surveys.get(assistant.auth, id)).questions;
  const rating = () => r.pick([5, 5, 5, 4, 4, 4, 4, 3, 2]);
  for (const [k, s] of slots.entries()) {
    if (k % 4 === 3) continue; // not reached yet
    clock.setTo(new Date(dayAt(13 - (k % 12), 10) + r.int(0, 8) * HOUR));
    const who = ctx(r.pick(['cs1', 'cs2', 'cashier1', 'desk1']));
    if (k % 17 === 5) {
      await services.surveys.mark(who.actor, who.auth, s.id, { status: r.chance(0.5) ? 'refused' : 'unreachable', reason: r.chance(0.5) ? '住户不愿填写' : '多次上门无人' });
      continue;
    }
    const channel = r.pick(['phone', 'paper', 'paper', 'visit'] as const);
    await services.surveys.enter(who.actor, who.auth, s.id, {
      channel,
      formNo: channel === 'paper' ? s.formNo : null,
      respondentName: null,
      answers: {
        [q[0]!.id]: rating(),
        [q[1]!.id]: rating(),
        [q[2]!.id]: rating(),
        ...(r.chance(0.7) ? { [q[3]!.id]: rating() } : {}),
        ...(r.chance(0.5) ? { [q[4]!.id]: [q[4]!.options[r.int(0, 4)]!.id] } : {}),
        ...(r.chance(0.2) ? { [q[5]!.id]: r.pick(['希望增加儿童游乐设施', '快递柜不够用', '晚上小区门口停车乱']) } : {}),
      },
    });
  }
  const sample = (await services.surveys.verifications(assistant.auth, id)).items;
  for (const v of sample.slice(0, Math.ceil(sample.length / 2))) {
    clock.setTo(new Date(dayAt(2, 15)));
    // the assistant enters none of these answers, so she may call every one back
    await services.surveys.verify(assistant.actor, assistant.auth, v.responseId, { result: r.chance(0.9) ? 'confirmed' : 'unreachable', note: null });
  }
  clock.setOffset(0);
}
