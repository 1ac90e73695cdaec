/**
 * Mail demo: about a dozen items in every state over the last three weeks (picked up, waiting with
 * and without a portal account, on the return list, a registered letter that never goes back,
 * returned, disposed, misdelivered, an unknown recipient), newspaper subscriptions with
 * yesterday's round delivered, and an authorisation by owner1. Acts through the services with
 * the clock moved to each moment, then puts the clock back.
 */
import type { OffsetClock } from '../../core/clock.ts';
import { localDate } from '../../core/clock.ts';
import type { Services } from '../app.ts';
import type { Db } from '../db/database.ts';
import { demoActors } from './actors.ts';

const HOUR = 3_600_000;
const sig = (seed: number) => ({ strokes: [Array.from({ length: 36 }, (_, i) => [30 + i * 12, 100 + Math.round(30 * Math.sin((i + seed) / 3))] as [number, number])] });

export async function seedMail(services: Services, clock: OffsetClock, db: Db, estateId: number, owner1Unit: number) {
  const realNow = clock.now().getTime();
  const ctx = await demoActors(services);
  const desk = ctx('desk1');
  const at = (daysAgo: number, hour: number) => clock.setTo(new Date(realNow - daysAgo * 24 * HOUR - hour * HOUR));
  // Occupied units without a portal account, one in each area, for slips and other households.
  const others = await db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .innerJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
    .leftJoin('owner_units as ou', 'ou.unit_id', 'u.id')
    .select(['u.id', 'b.area_id', 'h.id as household'])
    .where('u.estate_id', '=', estateId)
    .where('ou.id', 'is', null)
    .where('u.id', '!=', owner1Unit)
    .orderBy('u.id')
    .limit(40)
    .execute();
  const pickMembers = async (unitId: number) => (await db.selectFrom('household_members as m').innerJoin('households as h', 'h.id', 'm.household_id').select('m.name').where('h.unit_id', '=', unitId).where('h.moved_out_on', 'is', null).orderBy('m.id').executeTakeFirst())?.name ?? '住户';
  const owner1Name = await pickMembers(owner1Unit);
  const [a, b, c] = [others[0]!, others[7] ?? others[1]!, others[15] ?? others[2]!];
  const reg = async (daysAgo: number, hour: number, body: Record<string, unknown>) => {
    at(daysAgo, hour);
    return services.mail.items.register(desk.actor, desk.auth, { estateId, kind: 'parcel', carrier: 'sf', trackingNo: null, addressee: owner1Name, unitId: owner1Unit, shelf: 'A-01', pieces: 1, note: null, ...body } as never);
  };
  const code = async (id: number) => (await db.selectFrom('mail_items').select('pickup_code').where('id', '=', id).executeTakeFirstOrThrow()).pickup_code;
  const take = async (ids: number[], daysAgo: number, hour: number, name: string, byCode: boolean) => {
    at(daysAgo, hour);
    await services.mail.pickups.pickup(desk.actor, desk.auth, {
      estateId, method: byCode ? 'code' : 'id', items: await Promise.all(ids.map(async (id) => (byCode ? { id, code: await code(id) } : { id }))), pickerName: name, relation: 'self',
      idType: byCode ? undefined : 'id_card', idLast4: byCode ? undefined : '0318', signature: sig(ids[0]!),
    }, 'zh-CN');
  };

  // Picked up, after a few hours to two days.
  const p1 = await reg(12, 6, { carrier: 'jd', trackingNo: 'JD0098231477', shelf: 'A-02' });
  await take([p1.id], 12, 1, owner1Name, true);
  const p2 = await reg(9, 8, { unitId: a.id, addressee: await pickMembers(a.id), carrier: 'zto', trackingNo: '75312984410022', shelf: 'B-03' });
  const p3 = await reg(9, 7, { unitId: a.id, addressee: await pickMembers(a.id), kind: 'letter', carrier: 'ems', shelf: 'L-01' });
  await take([p2.id, p3.id], 7, 3, await pickMembers(a.id), false);
  const p4 = await reg(5, 9, { unitId: b.id, addressee: await pickMembers(b.id), carrier: 'yto', trackingNo: 'YT7781234500', shelf: 'B-01', pieces: 2 });
  await take([p4.id], 5, 2, await pickMembers(b.id), false);
  // On the return list (16 days), and a registered letter as old that never goes back.
  await reg(16, 5, { unitId: c.id, addressee: '刘女士', carrier: 'yunda', trackingNo: '4312087765', shelf: 'C-05' });
  await reg(16, 4, { unitId: c.id, addressee: await pickMembers(c.id), kind: 'registered_letter', carrier: 'ems', trackingNo: 'XA20998871CN', shelf: 'L-02' });
  // Returned to the carrier after 15 days.
  const r1 = await reg(20, 6, { unitId: b.id, addressee: '张先生', carrier: 'sto', trackingNo: '7730012299', shelf: 'C-01' });
  at(5, 5);
  await services.mail.items.close(desk.actor, desk.auth, r1.id, { outcome: 'returned_to_carrier', note: '满 14 天无人领取，申通快递员取回' });
  // A newspaper nobody took, and a misdelivered parcel.
  const n1 = await reg(3, 9, { unitId: c.id, addressee: await pickMembers(c.id), kind: 'newspaper', carrier: 'ems', shelf: 'N-01' });
  at(1, 9);
  await services.mail.items.close(desk.actor, desk.auth, n1.id, { outcome: 'disposed', note: '过期报纸' });
  const m1 = await reg(2, 6, { unitId: a.id, addressee: '王建华', carrier: 'jt', trackingNo: 'JT5500123987', shelf: 'B-04', note: '非本小区地址' });
  at(2, 4);
  await services.mail.items.close(desk.actor, desk.auth, m1.id, { outcome: 'misdelivered', note: '地址为翠湖苑，已交还极兔' });
  // Waiting now: owner1 (notified in the portal), a unit without a portal account, an unknown recipient.
  await reg(4, 8, { carrier: 'sf', trackingNo: 'SF1408812345678', shelf: 'A-03', pieces: 1 });
  await reg(0, 3, { kind: 'registered_letter', carrier: 'ems', trackingNo: 'XA31022456CN', shelf: 'L-01' });
  await reg(1, 5, { unitId: a.id, addressee: await pickMembers(a.id), carrier: 'yunda', trackingNo: '4312099881', shelf: 'B-02', pieces: 3 });
  await reg(0, 2, { unitId: null, unknownRecipient: true, addressee: '李小姐（无房号）', carrier: 'zto', trackingNo: '75312984419990', shelf: 'X-01' });

  // Newspapers: three subscriptions, yesterday's round delivered.
  at(30, 6);
  const subs = [];
  for (const [unitId, publication, delivery] of [[owner1Unit, '深圳特区报', 'door'], [a.id, '南方都市报', 'mailbox'], [b.id, '读者', 'mailbox']] as const) {
    subs.push(await services.mail.household.subscribe(desk.actor, desk.auth, { unitId, publication, copies: 1, fromDate: localDate(clock.now()), toDate: `${localDate(clock.now()).slice(0, 4)}-12-31`, delivery, note: null }));
  }
  at(1, 14);
  await services.mail.household.delivered(desk.actor, desk.auth, { estateId, date: localDate(clock.now()), subscriptionIds: subs.map((s) => s.id) });

  // owner1 lets a relative pick up for him.
  const owner = ctx('owner1');
  at(6, 4);
  await services.mail.household.authorize(owner.actor, { ...owner.auth, scope: { all: false, estates: [], areas: [], units: [owner1Unit] } }, { unitId: owner1Unit, name: '陈芳', phoneLast4: '6621', fromDate: localDate(clock.now()), toDate: `${localDate(clock.now()).slice(0, 4)}-12-31` });

  clock.setOffset(0);
  // Reminders of the older waiting items (day 3 and day 7), as the scheduled job would have sent.
  await services.mail.jobs.reminders();
}
