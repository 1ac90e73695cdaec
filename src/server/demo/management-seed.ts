import type { OffsetClock } from '../../core/clock.ts';
import { localDate } from '../../core/clock.ts';
import type { Services } from '../app.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../modules/audit/audit.service.ts';
import { nextMonth, prevMonth } from '../modules/management/period.ts';

const SEED: Actor = { id: null, name: 'demo-seed', ip: null };

/**
 * Management demo (after the tickets and fees): last month's appraisals generated as on the 1st,
 * cs1's self-assessed, cs2's reviewed and confirmed; last month's weakness reports frozen; one
 * improvement action in progress; one training. Acts through the services, deterministically.
 */
export async function seedManagement(services: Services, clock: OffsetClock, db: Db, estateId: number) {
  const m = services.management;
  const month = prevMonth(localDate(clock.now()).slice(0, 7));
  const users = Object.fromEntries((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const auth = (username: string, role: string) => ({ user: { id: users[username]!, username, displayName: username, role: role as never, department: null }, scope: { all: true, estates: [estateId], areas: [], units: [] }, sessionId: 'demo' });
  const actor = (username: string): Actor => ({ id: users[username]!, name: username, ip: null });
  await m.performance.generateMonth(SEED, estateId, month);
  const list = await db.selectFrom('appraisals').select(['id', 'user_id']).where('period', '=', month).execute();
  const of = (u: string) => list.find((a) => a.user_id === users[u])?.id;
  const cs1 = of('cs1');
  const cs2 = of('cs2');
  const own = (u: string) => ({ ...auth(u, 'cs_admin'), scope: { all: false, estates: [], areas: [], units: [] } });
  if (cs1) await m.performance.act(actor('cs1'), own('cs1'), cs1, 'self_assess', { text: '本月东区报修响应及时，一单服务态度投诉已向业主致歉并整改。', score: 86 });
  if (cs2) {
    await m.performance.act(actor('cs2'), own('cs2'), cs2, 'self_assess', { text: '西区回访按时完成，返工两单需加强验收。', score: 80 });
    await m.performance.act(actor('assistant'), auth('assistant', 'assistant'), cs2, 'review', { text: '情况属实，业主来信表扬一次。', adjustment: 3, reason: '业主来信表扬', evidence: '表扬信（西区 3 栋）' });
    await m.performance.act(actor('director'), auth('director', 'director'), cs2, 'confirm', {});
  }
  await m.improvement.freeze(estateId, month);
  const review = nextMonth(nextMonth(localDate(clock.now()).slice(0, 7)));
  const { id } = await m.improvement.createAction(actor('assistant'), auth('assistant', 'assistant'), {
    estateId,
    areaId: null,
    source: 'weakness',
    sourceRef: month,
    type: 'corrective',
    dimension: '电梯',
    problem: '电梯报修解决不及时，回访差评集中',
    rootCause: '维保单位夜间响应慢；备件需外购，等待 2–3 天',
    metric: 'desk.resolutionTimeliness',
    target: 0.9,
    reviewMonth: review,
    rows: [
      { what: '与维保单位约定夜间 2 小时到场', ownerId: users.assistant!, dueOn: `${review}-05` },
      { what: '常用备件（门机皮带、按钮）库存各 2 件', ownerId: users.eng1!, dueOn: `${review}-10` },
    ],
  });
  await m.improvement.move(actor('director'), auth('director', 'director'), id, 'approved');
  await m.improvement.move(actor('assistant'), auth('assistant', 'assistant'), id, 'in_progress');
  await m.performance.addTraining(actor('assistant'), auth('assistant', 'assistant'), { estateId, course: '投诉处理与沟通技巧', heldOn: `${month}-15`, hours: 2, trainer: '李晓梅', attendees: [users.cs1!, users.cs2!, users.desk1!], result: '全部合格' });
}
