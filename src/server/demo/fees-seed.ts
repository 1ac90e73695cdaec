/**
 * A year of fees for the demo estate, written through the services with the clock moved to each
 * day: meter readings, the monthly billing run, notices delivered, payments by owners who pay
 * monthly, quarterly or half-yearly, prepaid balances, late payers, and owners in arrears at every
 * step of the ladder, so the cashier's screens, the arrears board and the statistics show a real
 * office on first start.
 */
import { localDate, type OffsetClock } from '../../core/clock.ts';
import { addMonths } from '../../core/fees.ts';
import type { Services } from '../app.ts';
import type { Db } from '../db/database.ts';
import { seedDemoMeters } from '../modules/fees/items/meters.demo.ts';
import { demoActors } from './actors.ts';
import { rng } from './people.ts';

const HOUR = 3_600_000;
const MONTHS = 12;

type Habit = 'monthly' | 'quarterly' | 'half' | 'prepaid' | 'late' | 'arrears';

/** China wall time of a day at an hour, as an instant. */
function at(day: string, hour: number) {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + hour * HOUR);
}

/** `progress` is told each month as it is billed and paid ("1/12"). */
export async function seedFees(services: Services, clock: OffsetClock, db: Db, estateId: number, owner1Unit: number, progress: (part: string) => void = () => {}) {
  const r = rng(9071);
  const realNow = clock.now();
  const today = localDate(realNow);
  const thisPeriod = today.slice(0, 7);
  // Meters are read on the 3rd; the run bills on the 5th, so this month is billed once the 5th has passed.
  const lastPeriod = Number(today.slice(8)) >= 5 ? thisPeriod : addMonths(thisPeriod, -1);
  const periods = Array.from({ length: MONTHS }, (_, i) => addMonths(lastPeriod, i + 1 - MONTHS));
  await seedDemoMeters(db, estateId, today, MONTHS, { through: lastPeriod, readDay: 3 });

  const ctx = await demoActors(services);
  const cashier = ctx('cashier1');
  const units = await db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.status', 'u.usage', 'b.area_id'])
    .where('u.estate_id', '=', estateId)
    .where('u.archived_at', 'is', null)
    .orderBy('u.id')
    .execute();
  const areas = [...new Set(units.map((u) => u.area_id).filter((a): a is number => a != null))];
  const adminOf = (areaId: number | null) => ctx(areaId === areas[0] ? 'cs1' : 'cs2');

  const habits = new Map<number, Habit>();
  for (const u of units) {
    const x = r.next();
    const habit: Habit = u.id === owner1Unit ? 'monthly' : x < 0.6 ? 'monthly' : x < 0.74 ? 'quarterly' : x < 0.78 ? 'half' : x < 0.88 ? 'prepaid' : x < 0.94 ? 'late' : 'arrears';
    habits.set(u.id, habit);
  }

  // Vacant units: 50 % off the management fee, approved by the assistant; one request still waiting.
  // The gate (on by default) wants each in the vacant-unit register with a passed check first, as
  // the office does it: the area administrator registers the unit and checks it, then asks.
  const items = await services.fees.items.list(cashier.auth.scope, estateId);
  // Each vacant unit's own management fee: residential, or the shops' and offices' rate.
  const pmfOf = (usage: string) => items.find((i) => i.code === (usage === 'residential' ? 'PMF' : usage === 'commercial' || usage === 'office' ? 'PMF_COM' : '-'));
  const vacant = units.filter((u) => u.status === 'vacant' && pmfOf(u.usage));
  clock.setTo(at(`${periods[0]}-01`, 10));
  const registered: Array<{ id: number; areaId: number | null }> = [];
  for (const [k, u] of vacant.entries()) {
    const admin = adminOf(u.area_id);
    const reg = await services.vacant.register(admin.actor, ALL, { unitId: u.id, registeredOn: `${periods[0]}-01`, reason: k % 3 ? 'owner_away' : 'delivered_not_moved_in', ownerContact: '业主本人（电话见档案）', keyHeld: true, keyNo: `K-${u.id}`, keyDepositedOn: `${periods[0]}-01`, keyStorage: '客服中心钥匙柜', valvesClosed: true, checkIntervalDays: 30, note: null });
    await services.vacant.check(admin.actor, admin.auth, reg.id, { checkedOn: `${periods[0]}-01`, timeIn: '09:00', timeOut: '09:15', companion: null, entered: true, keyNoUsed: `K-${u.id}`, items: VACANT_OK, readings: [], note: null });
    registered.push({ id: reg.id, areaId: u.area_id });
    const req = await services.fees.discounts.request(adminOf(u.area_id).actor, ALL, { unitId: u.id, feeItemId: pmfOf(u.usage)!.id, kind: 'vacant', percentBp: 5000, fromDate: `${periods[0]}-01`, toDate: `${addMonths(lastPeriod, 12)}-01`, reason: '空置房，业主提交空置申请及钥匙托管' });
    if (k < vacant.length - 1) await services.fees.discounts.decide(ctx('assistant').actor, ALL, req.id, { approve: true, note: '已现场核实空置' });
  }

  const paid = new Map<number, number>();
  let serial = 0;
  const pay = async (unitId: number, day: string, method?: string) => {
    clock.setTo(at(day, r.int(9, 17)));
    const account = await services.fees.cashier.account(cashier.auth, unitId);
    const due = account.totalDue;
    if (due <= 0) return null;
    serial += 1;
    const res = await services.fees.payments.pay(cashier.actor, cashier.auth, {
      unitId,
      amount: due,
      expectedDue: due,
      method: (method ?? r.pick(['wechat', 'wechat', 'alipay', 'cash', 'card', 'transfer'])) as 'cash',
      reference: method === 'cash' ? null : `DEMO${String(serial).padStart(6, '0')}`,
      payerName: null,
      toPrepaid: false,
      idempotencyKey: `demo-payment-${serial}`,
    });
    paid.set(unitId, (paid.get(unitId) ?? 0) + 1);
    return res.payment;
  };
  const cashDays = new Set<string>();

  for (const [i, period] of periods.entries()) {
    progress(`${i + 1}/${MONTHS}`);
    const recent = i >= MONTHS - 1;
    // Prepaid owners top up before the year starts and again at mid-year.
    if (i === 0 || i === 6) {
      for (const u of units.filter((x) => habits.get(x.id) === 'prepaid')) {
        clock.setTo(at(`${period}-02`, 10));
        serial += 1;
        await services.fees.payments.deposit(cashier.actor, cashier.auth, { unitId: u.id, amount: r.int(30, 60) * 10_000, method: 'transfer', reference: `DEMO${String(serial).padStart(6, '0')}`, payerName: null, idempotencyKey: `demo-deposit-${serial}` });
        cashDays.add(`${period}-02`);
      }
    }
    // Reminder notices for everything 30 days overdue, on the 1st of the month.
    clock.setTo(at(`${period}-01`, 10));
    for (const areaId of areas) {
      const who = adminOf(areaId);
      await services.fees.arrears.reminders(who.actor, who.auth, { estateId, minDays: 30, areaId });
    }
    clock.setTo(at(`${period}-05`, 9));
    const run = await services.fees.billing.start(cashier.actor, cashier.auth, { estateId, period });
    await run.done;
    // Administrators put the notices in the letterboxes within a few days (the last month: not all yet).
    clock.setTo(at(`${period}-07`, 15));
    for (const areaId of areas) {
      const mine = units.filter((u) => u.area_id === areaId && (!recent || r.chance(0.6))).map((u) => u.id);
      const who = adminOf(areaId);
      await services.fees.notices.delivered(who.actor, who.auth, { period, unitIds: mine, note: null });
    }
    const month = Number(period.slice(5));
    for (const u of units) {
      const habit = habits.get(u.id)!;
      const day = `${period}-${String(r.int(8, 20)).padStart(2, '0')}`;
      // This month only the monthly payers have come, and only on days already past.
      if (recent && (habit !== 'monthly' || day >= today || u.id === owner1Unit)) continue;
      const due =
        habit === 'monthly' ? true
        : habit === 'quarterly' ? month % 3 === 0
        : habit === 'half' ? month % 6 === 0
        : habit === 'late' ? i % 2 === 1 && i < MONTHS - 3
        : false;
      if (due && (await pay(u.id, day))) cashDays.add(day);
    }
  }

  // The arrears ladder: owners who stopped paying, at every step of manual 4.1.3.
  const debtors = units.filter((u) => habits.get(u.id) === 'arrears' || habits.get(u.id) === 'late');
  const ladderDay = (back: number) => localDate(new Date(realNow.getTime() - back * 24 * HOUR));
  const plan = [2, 3, 3, 4, 5, 2, 3, 4, 2, 5];
  for (const [k, u] of debtors.slice(0, plan.length).entries()) {
    const top = plan[k]!;
    const admin = adminOf(u.area_id);
    clock.setTo(at(ladderDay(60), 10));
    await services.fees.arrearsSteps.record(admin.actor, admin.auth, u.id, { step: 2, deadline: ladderDay(45), channel: 'notice', outcome: '限期缴费通知已送达，业主签收', reason: null, dissatisfaction: null });
    if (top >= 3) {
      clock.setTo(at(ladderDay(40), 19));
      const unhappy = k % 3 === 1;
      await services.fees.arrearsSteps.record(admin.actor, admin.auth, u.id, {
        step: 3,
        channel: 'visit',
        reason: unhappy ? '认为电梯经常故障、维修不及时，拒绝缴费' : '生意周转困难，希望缓交',
        dissatisfaction: unhappy ? '电梯故障多，报修后两天才来人' : null,
        outcome: unhappy ? '已向业主道歉，转投诉跟进电梯维保' : '已解释滞纳金规定，业主表示月底前缴纳',
        complaint: unhappy,
      });
    }
    if (top >= 4) {
      const assistant = ctx('assistant');
      clock.setTo(at(ladderDay(25), 15));
      await services.fees.arrearsSteps.record(assistant.actor, assistant.auth, u.id, { step: 4, channel: 'visit', reason: '对物业服务有意见', dissatisfaction: null, outcome: '说明拒缴的利害关系，业主同意再考虑' });
    }
    if (top >= 5) {
      const director = ctx('director');
      clock.setTo(at(ladderDay(10), 16));
      await services.fees.arrearsSteps.record(director.actor, director.auth, u.id, { step: 5, channel: 'meeting', reason: null, dissatisfaction: null, resolution: k % 2 ? 'instalments' : 'legal', outcome: k % 2 ? '同意分三期缴清，每月 20 日前缴纳' : '协商无果，准备发律师函' });
    }
  }

  // A reversal approved (wrong unit at the counter), one waiting, and a late-fee waiver waiting.
  const recentPayments = await services.fees.payments.list(cashier.auth, { estateId, page: 1, pageSize: 3 });
  const [p1, p2] = recentPayments.items;
  if (p1) {
    clock.setTo(at(ladderDay(3), 11));
    const rev = await services.fees.reversals.request(cashier.actor, cashier.auth, p1.id, '收错房号，退回后按正确房号重收');
    await services.fees.reversals.decide(ctx('assistant').actor, ctx('assistant').auth, rev.id, true, '核实无误，同意冲正');
  }
  if (p2) await services.fees.reversals.request(cashier.actor, cashier.auth, p2.id, '业主重复扫码支付，申请退款冲正');
  const instalments = debtors[4];
  if (instalments) {
    const line = (await services.fees.cashier.account(cashier.auth, instalments.id)).openLines.find((l) => l.lateDue > 0);
    if (line) await services.fees.waivers.request(ctx('cs1').actor, ctx('cs1').auth, { lineId: line.id, principal: 0, lateFee: line.lateDue, reason: '主任协商同意分期缴清，申请减免滞纳金' });
  }

  // Every day with money taken is closed by the cashier (日结), except today.
  for (const day of [...cashDays].sort()) {
    if (day >= ladderDay(2)) continue;
    clock.setTo(at(day, 18));
    await services.fees.close.close(cashier.actor, cashier.auth, estateId, day);
  }
  clock.setOffset(0);
  // This month's check of every registered unit, so the register shows them checked on time.
  for (const [k, reg] of registered.entries()) {
    const admin = adminOf(reg.areaId);
    const on = localDate(new Date(clock.now().getTime() - ((k % 20) + 1) * 24 * HOUR));
    await services.vacant.check(admin.actor, admin.auth, reg.id, { checkedOn: on, timeIn: '14:00', timeOut: '14:10', companion: null, entered: false, keyNoUsed: null, items: { windows_doors: 'ok', entry_lock_seal: 'ok', mailbox: 'ok' }, readings: [], note: null });
  }
}

const VACANT_OK = { windows_doors: 'ok', entry_lock_seal: 'ok', leaks: 'ok', valves_closed: 'ok', odour_pests: 'ok', cleanliness: 'ok', mailbox: 'ok' } as const;

const ALL = { all: true, estates: [], areas: [], units: [] };
