/**
 * Vacant units 空置房 (manual 3.2, 4.8): the register (form 5.9), checks with sign-in (5.10) and record
 * (5.11), meter readings during a check (usage while vacant is a finding), and the gate a vacancy
 * discount passes: an active registration and a passed check within 30 days.
 */
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { seesArea, type Scope } from '../../../../core/scope.ts';
import { LIVE } from '../../../../core/tickets.ts';
import { unitLabel } from '../../../../core/units.ts';
import { checkResult, discountProblem, isDue, judgeReading, nextCheckOn, VACANT_CHECK_ITEMS } from '../../../../core/vacant.ts';
import { fromBool, fromJson, toBool, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, type Msg, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import { discountsRepository } from '../../fees/items/config-discounts.repository.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { fieldSettings } from '../signs/field-settings.ts';
import type { checkInput, checksQuery, endInput, registerInput, registrationPatch, registrationQuery } from './vacant.schemas.ts';

/** Unit status once a vacancy ends, by the reason it ended ("other" leaves the archive's status alone). */
const STATUS_AFTER: Record<string, string | null> = { moved_in: 'occupied', rented: 'rented', renovation_started: 'renovating', other: null };

export class VacantService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  private base(db: Executor) {
    return db
      .selectFrom('vacant_registrations as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .selectAll('r')
      .select(['b.code', 'b.name as building_name', 'u.entrance', 'u.number', 'u.building_area'])
      .select((eb) => eb.selectFrom('vacant_checks as c').select('c.checked_on').whereRef('c.registration_id', '=', 'r.id').orderBy('c.checked_on', 'desc').orderBy('c.id', 'desc').limit(1).as('last_on'))
      .select((eb) => eb.selectFrom('vacant_checks as c').select('c.result').whereRef('c.registration_id', '=', 'r.id').orderBy('c.checked_on', 'desc').orderBy('c.id', 'desc').limit(1).as('last_result'));
  }

  private present(r: Awaited<ReturnType<ReturnType<VacantService['base']>['executeTakeFirstOrThrow']>>) {
    const today = todayOf(this.clock);
    return {
      id: r.id, estateId: r.estate_id, areaId: r.area_id, unitId: r.unit_id, unitLabel: unitLabel(r.code, r.entrance, r.number), buildingName: r.building_name ?? null,
      area: r.building_area == null ? null : Number(r.building_area) / 100, registeredOn: r.registered_on, reason: r.reason, ownerContact: r.owner_contact, keyHeld: toBool(r.key_held),
      keyNo: r.key_no, keyDepositedOn: r.key_deposited_on, keyStorage: r.key_storage, valvesClosed: toBool(r.valves_closed), checkIntervalDays: r.check_interval_days,
      nextCheckOn: r.next_check_on, due: !r.ended_on && isDue(r.next_check_on, today), lastCheckOn: r.last_on ?? null, lastResult: r.last_result ?? null, note: r.note,
      endedOn: r.ended_on, endReason: r.end_reason, createdAt: r.created_at,
    };
  }

  async list(scope: Scope, q: z.infer<typeof registrationQuery>) {
    let query = this.base(this.db).where(inScope(scope, 'r.estate_id', 'r.area_id'));
    if (q.estateId) query = query.where('r.estate_id', '=', q.estateId);
    if (q.areaId) query = query.where('r.area_id', '=', q.areaId);
    if (q.state === 'active' || q.state === 'due') query = query.where('r.ended_on', 'is', null);
    if (q.state === 'ended') query = query.where('r.ended_on', 'is not', null);
    if (q.state === 'due') query = query.where('r.next_check_on', '<=', todayOf(this.clock));
    if (q.q) query = query.where((eb) => eb.or([eb('u.number', 'like', `%${q.q!.replace(/[\\%_]/g, '')}%`), eb('b.code', '=', q.q!)]));
    const [rows, count] = await Promise.all([
      query.orderBy('r.next_check_on').orderBy('r.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.present(r)), total: Number(count.n) };
  }

  async get(scope: Scope, id: number) {
    const r = await this.require(this.db, scope, id);
    const checks = await this.checksOf(this.db, { registrationId: id });
    const meters = await this.db.selectFrom('meters').select(['id', 'kind', 'number']).where('unit_id', '=', r.unit_id).where('replaced_at', 'is', null).orderBy('kind').execute();
    const last = await this.lastValues(this.db, meters.map((m) => m.id));
    return { ...this.present(r), checks, meters: meters.map((m) => ({ id: m.id, kind: m.kind, number: m.number, last: last.get(m.id) ?? null })) };
  }

  private async require(db: Executor, scope: Scope, id: number) {
    const r = await this.base(db).where('r.id', '=', id).executeTakeFirst();
    if (!r || !seesArea(scope, r.estate_id, r.area_id)) throw notFound('entity.vacantRegistration');
    return r;
  }

  async register(actor: Actor, scope: Scope, input: z.infer<typeof registerInput>) {
    const today = todayOf(this.clock);
    if (input.registeredOn > today) throw invalid('registeredOn', 'vacant.future');
    if (input.keyHeld && !input.keyNo) throw invalid('keyNo', 'vacant.keyNoRequired');
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, scope, input.unitId);
      if (unit.household_id) throw conflict('vacant.hasHousehold', { name: unit.household_name ?? '' });
      const open = await trx.selectFrom('vacant_registrations').select('id').where('unit_id', '=', unit.id).where('ended_on', 'is', null).executeTakeFirst();
      if (open) throw conflict('vacant.alreadyRegistered');
      if (input.keyHeld) await this.uniqueKey(trx, unit.estate_id, input.keyNo!, null);
      const at = this.clock.now().toISOString();
      const { id } = await trx
        .insertInto('vacant_registrations')
        .values({
          estate_id: unit.estate_id, area_id: unit.area_id, unit_id: unit.id, registered_on: input.registeredOn, reason: input.reason, owner_contact: input.ownerContact ?? null,
          key_held: fromBool(input.keyHeld), key_no: input.keyHeld ? input.keyNo! : null, key_deposited_on: input.keyHeld ? (input.keyDepositedOn ?? input.registeredOn) : null,
          key_storage: input.keyStorage ?? null, valves_closed: fromBool(input.valvesClosed), check_interval_days: input.checkIntervalDays,
          next_check_on: nextCheckOn(null, input.registeredOn, input.checkIntervalDays), note: input.note ?? null, ended_on: null, end_reason: null, created_by: actor.id, created_at: at, updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const label = unitLabel(unit.building_code, unit.entrance, unit.number);
      // The archive's status follows the register: a registered unit is vacant.
      if (unit.status !== 'vacant') await trx.updateTable('units').set({ status: 'vacant', updated_at: at }).where('id', '=', unit.id).execute();
      await this.audit.record(trx, actor, {
        action: 'create', entity: 'vacant_registration', entityId: id, estateId: unit.estate_id, ref: label,
        summary: { key: 'audit.vacant.register', params: { unit: label, reason: `status.vacantReason.${input.reason}` } },
        detail: { status: [unit.status, 'vacant'], keyHeld: input.keyHeld, keyNo: input.keyNo ?? null },
      });
      return this.present((await this.base(trx).where('r.id', '=', id).executeTakeFirst())!);
    });
  }

  private async uniqueKey(db: Executor, estateId: number, keyNo: string, except: number | null) {
    let q = db.selectFrom('vacant_registrations').select('id').where('estate_id', '=', estateId).where('key_no', '=', keyNo).where('ended_on', 'is', null);
    if (except) q = q.where('id', '!=', except);
    if (await q.executeTakeFirst()) throw conflict('vacant.keyNoTaken', { keyNo }, { keyNo: { key: 'vacant.keyNoTaken', params: { keyNo } } });
  }

  /** Key custody, valves, interval and contact: changed, never deleted; the audit keeps the before. */
  async update(actor: Actor, scope: Scope, id: number, input: z.infer<typeof registrationPatch>) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, scope, id);
      if (r.ended_on) throw conflict('vacant.ended', { on: r.ended_on });
      const keyHeld = input.keyHeld ?? toBool(r.key_held);
      const keyNo = input.keyNo === undefined ? r.key_no : input.keyNo;
      if (keyHeld && !keyNo) throw invalid('keyNo', 'vacant.keyNoRequired');
      if (keyHeld && keyNo && keyNo !== r.key_no) await this.uniqueKey(trx, r.estate_id, keyNo, id);
      const interval = input.checkIntervalDays ?? r.check_interval_days;
      const set = {
        owner_contact: input.ownerContact === undefined ? r.owner_contact : input.ownerContact,
        key_held: fromBool(keyHeld),
        key_no: keyHeld ? keyNo : null,
        key_deposited_on: keyHeld ? (input.keyDepositedOn === undefined ? (r.key_deposited_on ?? todayOf(this.clock)) : input.keyDepositedOn) : null,
        key_storage: input.keyStorage === undefined ? r.key_storage : input.keyStorage,
        valves_closed: input.valvesClosed === undefined ? r.valves_closed : fromBool(input.valvesClosed),
        check_interval_days: interval,
        next_check_on: nextCheckOn(r.last_on ?? null, r.registered_on, interval),
        note: input.note === undefined ? r.note : input.note,
        updated_at: this.clock.now().toISOString(),
      };
      await trx.updateTable('vacant_registrations').set(set).where('id', '=', id).execute();
      const label = unitLabel(r.code, r.entrance, r.number);
      const keyChanged = keyHeld !== toBool(r.key_held) || (keyHeld && keyNo !== r.key_no);
      await this.audit.record(trx, actor, {
        action: 'update', entity: 'vacant_registration', entityId: id, estateId: r.estate_id, ref: label,
        summary: { key: keyChanged ? 'audit.vacant.keys' : 'audit.vacant.update', params: { unit: label, keyNo: keyHeld ? (keyNo ?? '') : '—' } },
        detail: { before: { keyHeld: toBool(r.key_held), keyNo: r.key_no, keyStorage: r.key_storage, valvesClosed: toBool(r.valves_closed), interval: r.check_interval_days }, input },
      });
      return this.present((await this.base(trx).where('r.id', '=', id).executeTakeFirst())!);
    });
  }

  /** The unit is lived in again: the register ends, the unit's status and an approved vacancy discount follow. */
  async end(actor: Actor, scope: Scope, id: number, input: z.infer<typeof endInput>) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, scope, id);
      if (r.ended_on) throw conflict('vacant.ended', { on: r.ended_on });
      if (input.endedOn < r.registered_on) throw invalid('endedOn', 'field.dateOrder');
      if (input.endedOn > todayOf(this.clock)) throw invalid('endedOn', 'vacant.future');
      const at = this.clock.now().toISOString();
      await trx.updateTable('vacant_registrations').set({ ended_on: input.endedOn, end_reason: input.endReason, updated_at: at }).where('id', '=', id).where('ended_on', 'is', null).execute();
      const status = STATUS_AFTER[input.endReason];
      if (status) await trx.updateTable('units').set({ status, updated_at: at }).where('id', '=', r.unit_id).execute();
      const discounts = await trx.selectFrom('fee_discounts').select(['id', 'to_date']).where('unit_id', '=', r.unit_id).where('kind', '=', 'vacant').where('status', '=', 'approved').where('to_date', '>', input.endedOn).execute();
      for (const d of discounts) await discountsRepository.end(trx, d.id, input.endedOn);
      const label = unitLabel(r.code, r.entrance, r.number);
      await this.audit.record(trx, actor, {
        action: 'end', entity: 'vacant_registration', entityId: id, estateId: r.estate_id, ref: label,
        summary: { key: 'audit.vacant.end', params: { unit: label, on: input.endedOn, reason: `status.vacantEnd.${input.endReason}` } },
        detail: { status: status ? ['vacant', status] : null, discountsEnded: discounts.map((d) => [d.id, d.to_date, input.endedOn]) },
      });
      return this.present((await this.base(trx).where('r.id', '=', id).executeTakeFirst())!);
    });
  }

  /** The last known value of each meter: its latest billing reading or vacant-check reading, whichever is later. */
  private async lastValues(db: Executor, meterIds: number[]) {
    const out = new Map<number, number>();
    if (!meterIds.length) return out;
    const billing = await db.selectFrom('meter_readings').select(['meter_id', 'value', 'created_at']).where('meter_id', 'in', meterIds).orderBy('id').execute();
    const checks = await db
      .selectFrom('vacant_check_readings as v')
      .innerJoin('vacant_checks as c', 'c.id', 'v.check_id')
      .select(['v.meter_id', 'v.value', 'c.created_at'])
      .where('v.meter_id', 'in', meterIds)
      .orderBy('v.id')
      .execute();
    const initial = await db.selectFrom('meters').select(['id', 'initial_reading']).where('id', 'in', meterIds).execute();
    for (const m of initial) out.set(m.id, Number(m.initial_reading));
    // A meter only runs forward, so the largest value seen is the last one.
    for (const r of [...billing, ...checks]) out.set(r.meter_id, Math.max(out.get(r.meter_id) ?? 0, Number(r.value)));
    return out;
  }

  /**
   * A check: sign-in (5.10: date, in/out, checker, companion, entered, key used) and record (5.11: items,
   * readings). An issue or use while vacant opens one report ticket per registration (a live one gets a note).
   */
  async check(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof checkInput>, roundResultId: number | null = null) {
    const today = todayOf(this.clock);
    if (input.checkedOn > today) throw invalid('checkedOn', 'vacant.future');
    if (input.timeOut < input.timeIn) throw invalid('timeOut', 'vacant.timeOrder');
    const issues = VACANT_CHECK_ITEMS.filter((k) => input.items[k] === 'issue');
    if (issues.length && (!input.note || input.note.length < 4)) throw invalid('note', 'vacant.issueNote');
    const delivered: Array<() => Promise<void>> = [];
    const out = await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth.scope, id);
      if (r.ended_on) throw conflict('vacant.ended', { on: r.ended_on });
      if (input.checkedOn < r.registered_on) throw invalid('checkedOn', 'field.dateOrder');
      // Nobody enters a vacant unit without the key held in custody for it.
      if (input.entered && !toBool(r.key_held)) throw invalid('entered', 'vacant.noKey');
      if (input.entered && input.keyNoUsed && input.keyNoUsed !== r.key_no) throw invalid('keyNoUsed', 'vacant.wrongKey', { keyNo: r.key_no ?? '' });
      const meters = input.readings.length ? await trx.selectFrom('meters').select(['id', 'kind', 'number', 'unit_id', 'replaced_at']).where('id', 'in', input.readings.map((x) => x.meterId)).execute() : [];
      const last = await this.lastValues(trx, meters.map((m) => m.id));
      const judged = input.readings.map((x, i) => {
        const m = meters.find((mm) => mm.id === x.meterId);
        if (!m || m.unit_id !== r.unit_id || m.replaced_at) throw invalid(`readings.${i}.meterId`, 'vacant.meterNotOfUnit');
        if (input.readings.findIndex((y) => y.meterId === x.meterId) !== i) throw invalid(`readings.${i}.meterId`, 'vacant.meterTwice');
        const previous = last.get(m.id) ?? null;
        const j = judgeReading(m.kind, previous, x.value);
        if (j.backwards) throw invalid(`readings.${i}.value`, 'vacant.readingBackwards', { previous: previous ?? 0 });
        return { meter: m, previous, value: x.value, ...j };
      });
      const used = judged.filter((j) => j.used);
      const result = checkResult(issues.length, used.length);
      const at = this.clock.now().toISOString();
      const label = unitLabel(r.code, r.entrance, r.number);
      let ticketId: number | null = null;
      if (result === 'issue') {
        const body = `${label} 空置房巡查 ${input.checkedOn}：${issues.length ? `问题 ${issues.length} 项` : ''}${used.length ? ` 空置期间有用量 ${used.map((u) => `${u.meter.number} +${u.usage}`).join('、')}` : ''}${input.note ? `。${input.note}` : ''}`;
        const prev = await trx.selectFrom('vacant_checks as c').innerJoin('tickets as t', 't.id', 'c.ticket_id').select(['t.id', 't.status']).where('c.registration_id', '=', id).orderBy('c.id', 'desc').executeTakeFirst();
        if (prev && (LIVE as string[]).includes(prev.status)) {
          ticketId = prev.id;
          await ticketRepository.insertEvent(trx, { estate_id: r.estate_id, ticket_id: prev.id, at, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'comment', from_status: null, to_status: null, note: `再次发现：${body}`, internal: 1, data: null });
        } else {
          const reg = await this.tickets.register(trx, actor, auth, {
            unitId: r.unit_id, type: 'report', channel: 'patrol', title: `[空置房] ${label} ${used.length ? '空置期间有用量' : '巡查发现问题'}`.slice(0, 100),
            description: body, department: used.length ? 'engineering' : 'customer_service', priority: used.length ? 'high' : 'normal', complex: false, emergency: false, reporterName: actor.displayName ?? actor.name,
          } as never, actor.id);
          ticketId = reg.id;
          delivered.push(() => this.notifications.deliver(reg.notified, reg.title, reg.body));
        }
        if (used.length) {
          // Use while vacant: a leak or someone living there; the area's administrator and the cashier (discount) are told.
          const who = [...(await this.tickets.areaManagers(trx, r.estate_id, r.area_id)), ...(await ticketRepository.staff(trx, r.estate_id, ['cashier']))];
          const title: Msg = { key: 'notice.vacantUsage', params: { unit: label } };
          const notified = await this.notifications.notify(trx, { userIds: who, estateId: r.estate_id, kind: 'vacant_usage', title, body, ticketId, dedupeKey: `vacant-usage:${id}:${input.checkedOn}` });
          delivered.push(() => this.notifications.deliver(notified, title, body));
        }
      }
      const { id: checkId } = await trx
        .insertInto('vacant_checks')
        .values({
          estate_id: r.estate_id, area_id: r.area_id, registration_id: id, unit_id: r.unit_id, checked_on: input.checkedOn, time_in: input.timeIn, time_out: input.timeOut,
          checker_id: actor.id, companion: input.companion ?? null, entered: fromBool(input.entered), key_no_used: input.entered ? (input.keyNoUsed ?? r.key_no) : null,
          items: fromJson(input.items)!, result, note: input.note ?? null, ticket_id: ticketId, round_result_id: roundResultId, created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (judged.length) await trx.insertInto('vacant_check_readings').values(judged.map((j) => ({ estate_id: r.estate_id, check_id: checkId, meter_id: j.meter.id, previous: j.previous, value: j.value, used: fromBool(j.used) }))).execute();
      const lastOn = r.last_on && r.last_on > input.checkedOn ? r.last_on : input.checkedOn;
      await trx.updateTable('vacant_registrations').set({ next_check_on: nextCheckOn(lastOn, r.registered_on, r.check_interval_days), updated_at: at }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, {
        action: 'create', entity: 'vacant_check', entityId: checkId, estateId: r.estate_id, ref: label,
        summary: { key: result === 'pass' ? 'audit.vacantCheck.pass' : 'audit.vacantCheck.issue', params: { unit: label, on: input.checkedOn } },
        detail: { issues, usage: used.map((u) => [u.meter.number, u.previous, u.value]) },
      });
      return (await this.checksOf(trx, { checkId }))[0]!;
    });
    for (const d of delivered) await d();
    return out;
  }

  async checks(scope: Scope, q: z.infer<typeof checksQuery>) {
    const items = await this.checksOf(this.db, { estateId: q.estateId, from: q.from, to: q.to, registrationId: q.registrationId, scope, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    let count = this.db.selectFrom('vacant_checks as c').select((eb) => eb.fn.countAll<number>().as('n')).where('c.estate_id', '=', q.estateId).where(inScope(scope, 'c.estate_id', 'c.area_id'));
    if (q.from) count = count.where('c.checked_on', '>=', q.from);
    if (q.to) count = count.where('c.checked_on', '<=', q.to);
    if (q.registrationId) count = count.where('c.registration_id', '=', q.registrationId);
    return { items, total: Number((await count.executeTakeFirstOrThrow()).n) };
  }

  private async checksOf(db: Executor, f: { checkId?: number; registrationId?: number; estateId?: number; from?: string; to?: string; scope?: Scope; unitIds?: number[]; limit?: number; offset?: number }) {
    let q = db
      .selectFrom('vacant_checks as c')
      .innerJoin('units as u', 'u.id', 'c.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('users as k', 'k.id', 'c.checker_id')
      .leftJoin('tickets as t', 't.id', 'c.ticket_id')
      .selectAll('c')
      .select(['b.code', 'u.entrance', 'u.number', 'k.display_name', 't.number as ticket_number']);
    if (f.checkId) q = q.where('c.id', '=', f.checkId);
    if (f.registrationId) q = q.where('c.registration_id', '=', f.registrationId);
    if (f.estateId) q = q.where('c.estate_id', '=', f.estateId);
    if (f.from) q = q.where('c.checked_on', '>=', f.from);
    if (f.to) q = q.where('c.checked_on', '<=', f.to);
    if (f.scope) q = q.where(inScope(f.scope, 'c.estate_id', 'c.area_id'));
    q = q.orderBy('c.checked_on', 'desc').orderBy('c.id', 'desc');
    if (f.limit) q = q.limit(f.limit).offset(f.offset ?? 0);
    const rows = await q.execute();
    const readings = rows.length
      ? await db.selectFrom('vacant_check_readings as v').innerJoin('meters as m', 'm.id', 'v.meter_id').select(['v.check_id', 'v.meter_id', 'm.kind', 'm.number', 'v.previous', 'v.value', 'v.used']).where('v.check_id', 'in', rows.map((r) => r.id)).execute()
      : [];
    return rows.map((c) => ({
      id: c.id, registrationId: c.registration_id, unitId: c.unit_id, unitLabel: unitLabel(c.code, c.entrance, c.number), checkedOn: c.checked_on, timeIn: c.time_in, timeOut: c.time_out,
      checkerName: c.display_name ?? null, companion: c.companion, entered: toBool(c.entered), keyNoUsed: c.key_no_used, items: toJson<Record<string, string>>(c.items) ?? {},
      result: c.result as 'pass' | 'issue', note: c.note, ticketNumber: c.ticket_number ?? null,
      readings: readings.filter((x) => x.check_id === c.id).map((x) => ({ meterId: x.meter_id, kind: x.kind, number: x.number, previous: x.previous == null ? null : Number(x.previous), value: Number(x.value), used: toBool(x.used) })),
    }));
  }

  /** Owner portal: his units' registrations, next check and each check's date and result (from his time there). */
  async portal(scope: Scope) {
    if (!scope.units.length) return { units: [] };
    const regs = await this.base(this.db).where('r.unit_id', 'in', scope.units).orderBy('r.registered_on', 'desc').execute();
    const units = [];
    for (const r of regs) {
      const since = scope.unitsSince?.[r.unit_id];
      if (since && r.ended_on && r.ended_on < since) continue;
      const checks = (await this.checksOf(this.db, { registrationId: r.id })).filter((c) => !since || c.checkedOn >= since);
      units.push({
        unitId: r.unit_id, unitLabel: unitLabel(r.code, r.entrance, r.number), registeredOn: r.registered_on, reason: r.reason, keyHeld: toBool(r.key_held), nextCheckOn: r.next_check_on, endedOn: r.ended_on,
        checks: checks.map((c) => ({ checkedOn: c.checkedOn, result: c.result, entered: c.entered, items: c.items, note: c.note })),
      });
    }
    return { units };
  }

  /** Why the vacancy discount of a unit cannot be approved today (the estate's gate), or null. */
  async discountGate(db: Executor, d: { estate_id: number; unit_id: number; kind: string }): Promise<string | null> {
    if (d.kind !== 'vacant') return null;
    if (!(await fieldSettings(db, d.estate_id)).vacantDiscountGate) return null;
    const reg = await db.selectFrom('vacant_registrations').select(['id', 'ended_on']).where('unit_id', '=', d.unit_id).where('ended_on', 'is', null).executeTakeFirst();
    const passed = reg
      ? await db.selectFrom('vacant_checks').select('checked_on').where('registration_id', '=', reg.id).where('result', '=', 'pass').orderBy('checked_on', 'desc').executeTakeFirst()
      : null;
    return discountProblem(reg ?? null, passed?.checked_on ?? null, todayOf(this.clock));
  }
}
