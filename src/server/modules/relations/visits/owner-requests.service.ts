/**
 * 请管家上门: an owner asks from the portal for a home visit to one of his units. The area's
 * steward (cs_admin of the area) is notified; he or the assistant schedules it onto the visit plan
 * of a day (source `owner_request`, ranked right after special care) or declines it with a reason
 * the owner reads. The visit itself is the ordinary home visit record of that plan item.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { seesArea } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import { ownerVisitStatus } from '../../../../core/visits.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { splitList } from '../../../db/codec.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, type Msg, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { unitRef } from '../../audit/audit.refs.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { declineInput, ownerVisitInput, scheduleInput } from './owner-requests.schemas.ts';
import type { HomeVisitService } from './visits.service.ts';
import { visitsRepository as repo } from './visits.repository.ts';

type Delivery = { userIds: number[]; title: Msg; body: Msg };

export class OwnerVisitRequests {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
    private visits: HomeVisitService,
  ) {}

  private base(db: Executor) {
    return db
      .selectFrom('owner_visit_requests as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .leftJoin('areas as a', 'a.id', 'r.area_id')
      .leftJoin('visit_plan_items as i', 'i.id', 'r.plan_item_id')
      .leftJoin('home_visits as v', 'v.id', 'i.visit_id')
      .select(['r.id', 'r.estate_id', 'r.area_id', 'r.unit_id', 'r.household_id', 'r.requested_by', 'r.preferred_dates', 'r.time_band', 'r.topic', 'r.note', 'r.status', 'r.scheduled_on', 'r.decline_reason', 'r.created_at', 'r.decided_at', 'b.code', 'u.entrance', 'u.number', 'h.name as household_name', 'a.name as area_name', 'i.visit_id', 'i.dropped_at', 'v.visitor_name', 'r.plan_item_id']);
  }

  private present(r: any, forOwner: boolean) {
    const status = ownerVisitStatus(r.status, r.plan_item_id ? { visitId: r.visit_id ?? null, droppedAt: r.dropped_at ?? null } : null);
    return {
      id: r.id,
      estateId: r.estate_id,
      unitId: r.unit_id,
      unitLabel: unitLabel(r.code, r.entrance, r.number),
      // the owner knows his own household; staff see its name as the archive has it
      householdName: forOwner ? null : r.household_name,
      areaName: r.area_name,
      preferredDates: splitList(r.preferred_dates),
      timeBand: r.time_band,
      topic: r.topic,
      note: r.note,
      status,
      scheduledOn: status === 'scheduled' || status === 'visited' ? r.scheduled_on : null,
      visitorName: status === 'visited' ? r.visitor_name : null,
      declineReason: r.decline_reason,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    };
  }

  // ---- the owner -------------------------------------------------------------------------

  async portalList(auth: AuthContext) {
    if (!auth.scope.units.length) return { items: [], total: 0 };
    const rows = await this.base(this.db).where('r.unit_id', 'in', auth.scope.units).where('r.requested_by', '=', auth.user.id).orderBy('r.id', 'desc').limit(50).execute();
    return { items: rows.map((r) => this.present(r, true)), total: rows.length };
  }

  async request(actor: Actor, auth: AuthContext, input: z.infer<typeof ownerVisitInput>) {
    // another's unit is not revealed
    if (!auth.scope.units.includes(input.unitId)) throw notFound('entity.unit');
    const today = localDate(this.clock.now());
    input.preferredDates.forEach((d, i) => {
      if (d < today) throw invalid(`preferredDates.${i}`, 'field.ownerVisitPast');
    });
    const dates = [...new Set(input.preferredDates)].sort();
    const at = this.clock.now().toISOString();
    const done = await this.db.transaction().execute(async (trx) => {
      const u = await trx
        .selectFrom('units as u')
        .innerJoin('buildings as b', 'b.id', 'u.building_id')
        .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
        .select(['u.id', 'u.estate_id', 'b.area_id', 'h.id as household_id'])
        .where('u.id', '=', input.unitId)
        .orderBy('h.id')
        .executeTakeFirst();
      if (!u) throw notFound('entity.unit');
      if (u.household_id == null) throw conflict('conflict.ownerVisitNoHousehold');
      const open = await trx.selectFrom('owner_visit_requests').select('id').where('unit_id', '=', u.id).where('status', '=', 'pending').executeTakeFirst();
      if (open) throw conflict('conflict.ownerVisitOpen');
      const row = await trx
        .insertInto('owner_visit_requests')
        .values({ estate_id: u.estate_id, area_id: u.area_id, unit_id: u.id, household_id: u.household_id, requested_by: actor.id!, preferred_dates: dates.join(','), time_band: input.timeBand, topic: input.topic, note: input.note, status: 'pending', plan_item_id: null, scheduled_on: null, decline_reason: null, decided_by: null, decided_at: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ref = await unitRef(trx, u.id);
      await this.audit.record(trx, actor, { action: 'create', entity: 'owner_visit_request', entityId: row.id, estateId: u.estate_id, summary: { key: 'audit.ownerVisitRequest', params: { unit: ref, dates: dates.join('、') } }, ref, detail: input });
      // the area's steward(s); the estate's assistants when the area has none
      const admins = (await repo.areaAdmins(trx, u.estate_id)).filter((a) => a.areaId === u.area_id).map((a) => a.userId);
      const to = admins.length ? admins : (await trx.selectFrom('user_scopes as s').innerJoin('users as x', 'x.id', 's.user_id').select('x.id').where('s.estate_id', '=', u.estate_id).where('x.role', '=', 'assistant').where('x.active', '=', 1).execute()).map((x) => x.id);
      const d: Delivery = { userIds: to, title: { key: 'notify.ownerVisit.title', params: { unit: ref } }, body: { key: 'notify.ownerVisit.body', params: { unit: ref, dates: dates.join('、') } } };
      const fresh = await this.notifications.notify(trx, { userIds: d.userIds, estateId: u.estate_id, kind: 'owner_visit', title: d.title, body: d.body });
      return { id: row.id, delivery: { ...d, userIds: fresh } };
    });
    await this.notifications.deliver(done.delivery.userIds, done.delivery.title, done.delivery.body);
    return { id: done.id };
  }

  // ---- the steward -----------------------------------------------------------------------

  async list(auth: AuthContext, f: { estateId: number; status?: string; page: number; pageSize: number }) {
    const rows = await this.base(this.db).where('r.estate_id', '=', f.estateId).where(inScope(auth.scope, 'r.estate_id', 'r.area_id')).orderBy('r.id', 'desc').limit(500).execute();
    const all = rows.map((r) => this.present(r, false)).filter((r) => !f.status || r.status === f.status);
    return { items: all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: all.length };
  }

  private async require(trx: Executor, auth: AuthContext, id: number) {
    const r = await this.base(trx).where('r.id', '=', id).executeTakeFirst();
    if (!r || !seesArea(auth.scope, r.estate_id, r.area_id)) throw notFound('entity.ownerVisit');
    if (this.present(r, false).status !== 'pending') throw conflict('conflict.ownerVisitDecided');
    return r;
  }

  /** Onto the visit plan of `date` of the unit's area (made now when that day has none yet). */
  async schedule(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof scheduleInput>) {
    const today = localDate(this.clock.now());
    if (input.date < today) throw invalid('date', 'field.ownerVisitPast');
    const first = await this.require(this.db, auth, id);
    if (first.area_id == null) throw conflict('conflict.ownerVisitNoPlan');
    const hasPlan = await this.db.selectFrom('visit_plans').select('id').where('area_id', '=', first.area_id).where('plan_date', '=', input.date).executeTakeFirst();
    if (!hasPlan) await this.visits.generate(actor, first.estate_id, input.date);
    const done = await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      const plans = await trx.selectFrom('visit_plans').select(['id', 'user_id', 'status']).where('area_id', '=', r.area_id!).where('plan_date', '=', input.date).where('status', '<>', 'closed').orderBy('user_id').execute();
      if (!plans.length) throw conflict('conflict.ownerVisitNoPlan');
      // the area's stewards split it by household (as the daily plan does); else the first plan
      const plan = plans[r.household_id % plans.length]!;
      const existing = await trx.selectFrom('visit_plan_items').select(['id', 'dropped_at', 'visit_id']).where('plan_id', '=', plan.id).where('household_id', '=', r.household_id).executeTakeFirst();
      let itemId: number;
      const note = r.note ? `${r.note}`.slice(0, 200) : null;
      if (existing && !existing.dropped_at && !existing.visit_id) {
        itemId = existing.id;
        await trx.updateTable('visit_plan_items').set({ source: 'owner_request', note }).where('id', '=', itemId).execute();
      } else if (existing) {
        throw conflict('conflict.visitItemExists');
      } else {
        const max = await trx.selectFrom('visit_plan_items').select((eb) => eb.fn.max('seq').as('m')).where('plan_id', '=', plan.id).executeTakeFirst();
        const at = this.clock.now().toISOString();
        itemId = (
          await trx
            .insertInto('visit_plan_items')
            .values({ estate_id: r.estate_id, plan_id: plan.id, household_id: r.household_id, unit_id: r.unit_id, seq: Number(max?.m ?? 0) + 1, source: 'owner_request', note, carried_over: 0, added_by: actor.id, dropped_at: null, dropped_by: null, drop_reason: null, visit_id: null, created_at: at })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      const at = this.clock.now().toISOString();
      await trx.updateTable('owner_visit_requests').set({ status: 'scheduled', plan_item_id: itemId, scheduled_on: input.date, decline_reason: null, decided_by: actor.id, decided_at: at }).where('id', '=', id).execute();
      const ref = await unitRef(trx, r.unit_id);
      await this.audit.record(trx, actor, { action: 'update', entity: 'owner_visit_request', entityId: id, estateId: r.estate_id, summary: { key: 'audit.ownerVisitSchedule', params: { unit: ref, date: input.date } }, ref });
      const d: Delivery = { userIds: [r.requested_by, plan.user_id], title: { key: 'notify.ownerVisitScheduled.title', params: { unit: ref } }, body: { key: 'notify.ownerVisitScheduled.body', params: { unit: ref, date: input.date } } };
      const fresh = await this.notifications.notify(trx, { userIds: d.userIds.filter((u) => u !== actor.id), estateId: r.estate_id, kind: 'owner_visit', title: d.title, body: d.body });
      return { planItemId: itemId, planId: plan.id, delivery: { ...d, userIds: fresh } };
    });
    await this.notifications.deliver(done.delivery.userIds, done.delivery.title, done.delivery.body);
    return { id, status: 'scheduled' as const, planId: done.planId, planItemId: done.planItemId };
  }

  async decline(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof declineInput>) {
    const done = await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      const at = this.clock.now().toISOString();
      await trx.updateTable('owner_visit_requests').set({ status: 'declined', decline_reason: input.reason, decided_by: actor.id, decided_at: at }).where('id', '=', id).execute();
      const ref = await unitRef(trx, r.unit_id);
      await this.audit.record(trx, actor, { action: 'update', entity: 'owner_visit_request', entityId: id, estateId: r.estate_id, summary: { key: 'audit.ownerVisitDecline', params: { unit: ref, reason: input.reason } }, ref });
      const d: Delivery = { userIds: [r.requested_by], title: { key: 'notify.ownerVisitDeclined.title', params: { unit: ref } }, body: { key: 'notify.ownerVisitDeclined.body', params: { unit: ref, reason: input.reason } } };
      const fresh = await this.notifications.notify(trx, { userIds: d.userIds, estateId: r.estate_id, kind: 'owner_visit', title: d.title, body: d.body });
      return { ...d, userIds: fresh };
    });
    await this.notifications.deliver(done.userIds, done.title, done.body);
    return { id, status: 'declined' as const };
  }
}
