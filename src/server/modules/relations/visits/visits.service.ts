/**
 * Home visits 走访/巡访 (manual 3.4, 4.5, 4.6.1; form 5.2; design B.3.1): estate settings, the area
 * administrator's daily plan, visit records, and the coverage report. Care notes (health, family)
 * leave the server only through careNote(), which is audited like a phone reveal.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { can } from '../../../../core/roles.ts';
import { seesArea, seesWholeEstate } from '../../../../core/scope.ts';
import { EXTRA_DIMENSIONS } from '../../../../core/surveys.ts';
import { unitLabel } from '../../../../core/units.ts';
import { addDays, type Candidate, coverage, planFor, SOURCE_PURPOSE, SOURCE_RANK, switchToPhone, type PlanSource, type VisitOutcome, visitProblems } from '../../../../core/visits.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { fromBool, splitList, toBool } from '../../../db/codec.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { AppError, conflict, invalid, type Msg, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { unitRef } from '../../audit/audit.refs.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { SYSTEM, type TicketService } from '../../desk/tickets.service.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { OwnerVisitRequests } from './owner-requests.service.ts';
import { visitsRepository as repo } from './visits.repository.ts';
import type { addItemInput, dropInput, settingsPatch, visitInput } from './visits.schemas.ts';

type VisitIn = z.infer<typeof visitInput>;

export class HomeVisitService {
  /** 请管家上门: the owners' own requests (owner-requests.service.ts). */
  readonly owner: OwnerVisitRequests;

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {
    this.owner = new OwnerVisitRequests(db, clock, audit, notifications, this);
  }

  today() {
    return localDate(this.clock.now());
  }

  // ---- settings --------------------------------------------------------------------------

  async getSettings(auth: AuthContext, estateId: number) {
    if (!seesWholeEstate(auth.scope, estateId) && !auth.scope.areas.some((a) => a.estateId === estateId)) throw notFound('entity.estate');
    const s = await repo.settings(this.db, estateId);
    return { estateId, ...s };
  }

  async patchSettings(actor: Actor, auth: AuthContext, estateId: number, input: z.infer<typeof settingsPatch>) {
    if (!seesWholeEstate(auth.scope, estateId)) {
      if (auth.scope.areas.some((a) => a.estateId === estateId)) throw outOfScope();
      throw notFound('entity.estate');
    }
    const exists = await this.db.selectFrom('estates').select('id').where('id', '=', estateId).executeTakeFirst();
    if (!exists) throw notFound('entity.estate');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const { updatedAt: _, ...before } = await repo.settings(trx, estateId);
      const next = { ...before, ...input };
      if (next.specialDays > next.regularDays) throw invalid('specialDays', 'field.visitSpecialCycle');
      const row = { regular_days: next.regularDays, special_days: next.specialDays, move_in_days: next.moveInDays, daily_capacity: next.dailyCapacity, not_home_attempts: next.notHomeAttempts, updated_at: at };
      await trx.insertInto('visit_settings').values({ estate_id: estateId, ...row }).onConflict((oc) => oc.column('estate_id').doUpdateSet(row)).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'visit_settings', entityId: estateId, estateId, summary: { key: 'audit.visitSettings', params: { regular: next.regularDays, special: next.specialDays } }, detail: input });
    });
    return this.getSettings(auth, estateId);
  }

  // ---- the daily plan --------------------------------------------------------------------

  /**
   * Plans for every area administrator of the estate for `date` (once: a second run leaves existing
   * plans as they are), closing earlier plans still open. The 06:00 job and the page's button call it.
   */
  async generate(actor: Actor, estateId: number, date: string) {
    return this.db.transaction().execute(async (trx) => {
      // days gone by are over (making a later day's plan in advance leaves today's open)
      const today = localDate(this.clock.now());
      await trx.updateTable('visit_plans').set({ status: 'closed' }).where('estate_id', '=', estateId).where('plan_date', '<', date < today ? date : today).where('status', '<>', 'closed').execute();
      const settings = await repo.settings(trx, estateId);
      const admins = await repo.areaAdmins(trx, estateId);
      if (!admins.length) return { created: 0 };
      const all = await repo.households(trx, estateId, null);
      const last = await repo.lastMet(trx, all.map((h) => h.id));
      const followUps = await repo.followUpUnits(trx, estateId, new Date(Date.parse(`${addDays(date, -30)}T00:00:00+08:00`)).toISOString());
      const requests = await repo.openRequests(trx, estateId);
      const surveys = await repo.pendingSurveyUnits(trx, estateId);
      const at = this.clock.now().toISOString();
      let created = 0;
      // Two administrators of one area split it: each household goes to one of them (by id).
      const byArea = new Map<number, number[]>();
      for (const a of admins) byArea.set(a.areaId, [...(byArea.get(a.areaId) ?? []), a.userId]);
      for (const a of admins) {
        const exists = await trx.selectFrom('visit_plans').select('id').where('user_id', '=', a.userId).where('area_id', '=', a.areaId).where('plan_date', '=', date).executeTakeFirst();
        if (exists) continue;
        const mates = byArea.get(a.areaId)!;
        const carried = await repo.unvisitedBefore(trx, a.userId, a.areaId, date);
        const mine = all.filter((h) => h.area_id === a.areaId && mates[h.id % mates.length] === a.userId);
        const candidates: Candidate[] = mine.map((h) => {
          const lastVisitOn = last.get(h.id) ?? null;
          const fu = followUps.get(h.unit_id);
          return {
            householdId: h.id,
            unitId: h.unit_id,
            specialCare: h.special,
            lastVisitOn,
            movedInOn: h.moved_in_on,
            followUp: fu != null && (lastVisitOn == null || localDate(new Date(fu)) > lastVisitOn),
            notice: requests.has(h.id),
            surveyPending: surveys.has(h.unit_id),
            carriedOver: carried.has(h.id),
          };
        });
        const items = planFor(candidates, settings, date);
        const plan = await trx.insertInto('visit_plans').values({ estate_id: estateId, area_id: a.areaId, user_id: a.userId, plan_date: date, status: 'draft', created_at: at }).returning('id').executeTakeFirstOrThrow();
        let seq = 0;
        for (const it of items) {
          await trx
            .insertInto('visit_plan_items')
            .values({ estate_id: estateId, plan_id: plan.id, household_id: it.householdId, unit_id: it.unitId, seq: ++seq, source: it.source, note: null, carried_over: fromBool(it.carriedOver), added_by: null, dropped_at: null, dropped_by: null, drop_reason: null, visit_id: null, created_at: at })
            .execute();
        }
        await this.audit.record(trx, actor, { action: 'create', entity: 'visit_plan', entityId: plan.id, estateId, summary: { key: 'audit.visitPlan', params: { date, items: items.length } }, ref: date });
        created++;
      }
      return { created };
    });
  }

  /** The scheduled run: every estate's plans for its local today, from 06:00 on. */
  async generateDue() {
    const now = this.clock.now();
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (hour < 6) return { created: 0 };
    const estates = await this.db.selectFrom('estates').select('id').where('archived_at', 'is', null).execute();
    let created = 0;
    for (const e of estates) created += (await this.generate(SYSTEM, e.id, localDate(now))).created;
    return { created };
  }

  async plans(auth: AuthContext, f: { estateId: number; date?: string; userId?: number; areaId?: number; mine?: boolean }) {
    const date = f.date ?? localDate(this.clock.now());
    let q = this.db
      .selectFrom('visit_plans as p')
      .innerJoin('areas as a', 'a.id', 'p.area_id')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.estate_id', 'p.area_id', 'a.name as area_name', 'p.user_id', 'u.display_name', 'p.plan_date', 'p.status'])
      .where('p.estate_id', '=', f.estateId)
      .where('p.plan_date', '=', date)
      .where(inScope(auth.scope, 'p.estate_id', 'p.area_id'));
    if (f.userId) q = q.where('p.user_id', '=', f.userId);
    if (f.areaId) q = q.where('p.area_id', '=', f.areaId);
    const plans = await q.orderBy('p.area_id').orderBy('p.user_id').execute();
    const out = [];
    for (const p of plans) out.push({ id: p.id, estateId: p.estate_id, areaId: p.area_id, areaName: p.area_name, userId: p.user_id, userName: p.display_name, date: p.plan_date, status: p.status, items: await this.items(this.db, p.id) });
    return out;
  }

  /**
   * Today's plan of the signed-in user for the phone's task pack (field/sync): his undropped items in
   * every area he visits, present members' names to tick, and the opinion tags, so the visit form
   * works without signal. Null for a user who does not record visits.
   */
  async packPlan(auth: AuthContext, estateId: number) {
    if (!can(auth.user.role, 'visit.write')) return null;
    const date = localDate(this.clock.now());
    const plans = await this.plans(auth, { estateId, date, userId: auth.user.id });
    const items = plans.flatMap((p) => p.items.filter((i) => !i.droppedAt).map((i) => ({ ...i, areaName: p.areaName })));
    const ids = [...new Set(items.map((i) => i.householdId))];
    const members = ids.length
      ? await this.db.selectFrom('household_members').select(['household_id', 'name']).where('household_id', 'in', ids).where('moved_out_on', 'is', null).orderBy('household_id').orderBy('id').execute()
      : [];
    return {
      date,
      tags: await this.tags(this.db, estateId),
      items: items.map((i) => ({
        planItemId: i.id,
        householdId: i.householdId,
        householdName: i.householdName,
        unitLabel: i.unitLabel,
        areaName: i.areaName,
        purpose: i.purpose,
        source: i.source,
        specialCare: i.specialCare,
        carriedOver: i.carriedOver,
        note: i.note,
        lastVisitOn: i.lastVisitOn,
        phoneNext: i.phoneNext,
        visited: i.visitId != null,
        members: members.filter((m) => m.household_id === i.householdId).map((m) => m.name),
      })),
    };
  }

  private async items(db: Executor, planId: number) {
    const rows = await db
      .selectFrom('visit_plan_items as i')
      .innerJoin('households as h', 'h.id', 'i.household_id')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .selectAll('i')
      .select(['h.name as household_name', 'b.code', 'u.entrance', 'u.number'])
      .select((eb) => eb.exists(eb.selectFrom('household_members as m').select('m.id').whereRef('m.household_id', '=', 'h.id').where('m.moved_out_on', 'is', null).where('m.care_flags', '<>', '')).as('special'))
      .where('i.plan_id', '=', planId)
      .orderBy('i.seq')
      .execute();
    const ids = rows.map((r) => r.household_id);
    const last = await repo.lastMet(db, ids);
    const recent = await repo.recentOutcomes(db, ids);
    const s = rows.length ? await repo.settings(db, rows[0]!.estate_id) : null;
    return rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      householdName: r.household_name,
      unitId: r.unit_id,
      unitLabel: unitLabel(r.code, r.entrance, r.number),
      seq: r.seq,
      source: r.source as PlanSource,
      purpose: SOURCE_PURPOSE[r.source as PlanSource],
      note: r.note,
      carriedOver: toBool(r.carried_over),
      specialCare: Boolean(Number(r.special)),
      lastVisitOn: last.get(r.household_id) ?? null,
      phoneNext: s ? switchToPhone((recent.get(r.household_id) ?? []) as VisitOutcome[], s) : false,
      droppedAt: r.dropped_at,
      dropReason: r.drop_reason,
      visitId: r.visit_id,
    }));
  }

  private async requirePlan(db: Executor, auth: AuthContext, planId: number) {
    const p = await db.selectFrom('visit_plans').selectAll().where('id', '=', planId).executeTakeFirst();
    if (!p || !seesArea(auth.scope, p.estate_id, p.area_id)) throw notFound('entity.visitPlan');
    return p;
  }

  async confirm(actor: Actor, auth: AuthContext, planId: number) {
    await this.db.transaction().execute(async (trx) => {
      const p = await this.requirePlan(trx, auth, planId);
      if (p.status !== 'draft') throw conflict('conflict.visitPlanStatus');
      await trx.updateTable('visit_plans').set({ status: 'confirmed' }).where('id', '=', planId).where('status', '=', 'draft').execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'visit_plan', entityId: planId, estateId: p.estate_id, summary: { key: 'audit.visitPlanConfirm', params: { date: p.plan_date } }, ref: p.plan_date });
    });
    return { id: planId, status: 'confirmed' };
  }

  async addItem(actor: Actor, auth: AuthContext, planId: number, input: z.infer<typeof addItemInput>) {
    return this.db.transaction().execute(async (trx) => {
      const p = await this.requirePlan(trx, auth, planId);
      if (p.status === 'closed') throw conflict('conflict.visitPlanStatus');
      const h = await this.requireHousehold(trx, auth, input.householdId, 'householdId');
      if (h.area_id !== p.area_id) throw invalid('householdId', 'field.visitOtherArea');
      const dup = await trx.selectFrom('visit_plan_items').select('id').where('plan_id', '=', planId).where('household_id', '=', h.id).executeTakeFirst();
      if (dup) throw conflict('conflict.visitItemExists');
      const max = await trx.selectFrom('visit_plan_items').select((eb) => eb.fn.max('seq').as('m')).where('plan_id', '=', planId).executeTakeFirst();
      const at = this.clock.now().toISOString();
      const row = await trx
        .insertInto('visit_plan_items')
        .values({ estate_id: p.estate_id, plan_id: planId, household_id: h.id, unit_id: h.unit_id, seq: Number(max?.m ?? 0) + 1, source: 'added', note: input.note, carried_over: 0, added_by: actor.id, dropped_at: null, dropped_by: null, drop_reason: null, visit_id: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ref = await unitRef(trx, h.unit_id);
      await this.audit.record(trx, actor, { action: 'create', entity: 'visit_plan_item', entityId: row.id, estateId: p.estate_id, summary: { key: 'audit.visitItemAdd', params: { unit: ref, date: p.plan_date, reason: input.note } }, ref });
      return { id: row.id };
    });
  }

  async dropItem(actor: Actor, auth: AuthContext, itemId: number, input: z.infer<typeof dropInput>) {
    return this.db.transaction().execute(async (trx) => {
      const it = await trx.selectFrom('visit_plan_items').selectAll().where('id', '=', itemId).executeTakeFirst();
      if (!it) throw notFound('entity.visitPlanItem');
      const p = await this.requirePlan(trx, auth, it.plan_id).catch(() => {
        throw notFound('entity.visitPlanItem');
      });
      if (it.dropped_at) throw conflict('conflict.visitItemDropped');
      if (it.visit_id) throw conflict('conflict.visitItemVisited');
      if (p.status === 'closed') throw conflict('conflict.visitPlanStatus');
      const at = this.clock.now().toISOString();
      await trx.updateTable('visit_plan_items').set({ dropped_at: at, dropped_by: actor.id, drop_reason: input.reason }).where('id', '=', itemId).where('dropped_at', 'is', null).execute();
      const ref = await unitRef(trx, it.unit_id);
      await this.audit.record(trx, actor, { action: 'update', entity: 'visit_plan_item', entityId: itemId, estateId: it.estate_id, summary: { key: 'audit.visitItemDrop', params: { unit: ref, date: p.plan_date, reason: input.reason } }, ref });
      return { id: itemId, droppedAt: at };
    });
  }

  // ---- visit records ---------------------------------------------------------------------

  private async requireHousehold(db: Executor, auth: AuthContext, householdId: number, _field: string) {
    const h = await db
      .selectFrom('households as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['h.id', 'h.estate_id', 'h.unit_id', 'h.name', 'h.moved_out_on', 'b.area_id'])
      .where('h.id', '=', householdId)
      .executeTakeFirst();
    // like a ticket's unit: a household outside the caller's areas is not revealed (404)
    if (!h || !seesArea(auth.scope, h.estate_id, h.area_id)) throw notFound('entity.household');
    return h;
  }

  /** Opinion tags: the estate's ticket categories and the manual's 客服/收费/社区文化/停车. */
  async tags(db: Executor, estateId: number): Promise<string[]> {
    const cats = await db.selectFrom('ticket_categories').select('category').distinct().where('estate_id', '=', estateId).where('archived_at', 'is', null).orderBy('category').execute();
    return [...new Set([...cats.map((c) => c.category), ...EXTRA_DIMENSIONS])];
  }

  async tagList(auth: AuthContext, estateId: number) {
    if (!seesWholeEstate(auth.scope, estateId) && !auth.scope.areas.some((a) => a.estateId === estateId)) throw notFound('entity.estate');
    return { items: await this.tags(this.db, estateId) };
  }

  async record(actor: Actor, auth: AuthContext, input: VisitIn) {
    const done = await this.db.transaction().execute((trx) => this.recordIn(trx, actor, auth, input));
    for (const d of done.deliveries) await this.notifications.deliver(d.userIds, d.title, d.body);
    return { id: done.id, ticketId: done.ticketId };
  }

  /** Outside delivery of what recordIn notified, after its transaction committed. */
  async deliver(d: { userIds: number[]; title: Msg; body: Msg | string }) {
    await this.notifications.deliver(d.userIds, d.title, d.body);
  }

  /** Inside the caller's transaction (the offline sync handler and the tests use it too). */
  async recordIn(trx: Executor, actor: Actor, auth: AuthContext, input: VisitIn) {
    const now = this.clock.now();
    const h = await this.requireHousehold(trx, auth, input.householdId, 'householdId');
    if (h.moved_out_on) throw conflict('conflict.visitMovedOut');
    const recent = await trx
      .selectFrom('home_visits')
      .select('visited_at')
      .where('household_id', '=', h.id)
      .where('visitor_id', '=', actor.id!)
      .where('visited_at', '>=', new Date(Date.parse(input.visitedAt) - 600_000).toISOString())
      .where('visited_at', '<=', new Date(Date.parse(input.visitedAt) + 600_000).toISOString())
      .execute();
    const problems = visitProblems({ visitedAt: input.visitedAt, outcome: input.outcome, membersMet: input.membersMet ?? null, careConcern: input.careConcern, careNote: input.careNote ?? null }, now, recent.map((r) => r.visited_at));
    if (input.createTicket && (!input.needs || !input.needType)) problems[input.needs ? 'needType' : 'needs'] = 'field.required';
    const tags = [...new Set(input.tags)];
    if (tags.length) {
      const known = new Set(await this.tags(trx, h.estate_id));
      const bad = tags.findIndex((t) => !known.has(t));
      if (bad >= 0) problems[`tags.${bad}`] = 'field.visitTag';
    }
    if (Object.keys(problems).length) throw new AppError('VALIDATION', { key: 'error.validation' }, Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, { key: v }])));
    let planItemId: number | null = null;
    if (input.planItemId) {
      const it = await trx.selectFrom('visit_plan_items').select(['id', 'household_id', 'visit_id', 'dropped_at']).where('id', '=', input.planItemId).executeTakeFirst();
      if (!it || it.household_id !== h.id) throw invalid('planItemId', 'field.visitPlanItem');
      if (it.visit_id) throw conflict('conflict.visitItemVisited');
      planItemId = it.id;
    }
    const at = now.toISOString();
    const ref = await unitRef(trx, h.unit_id);
    const deliveries: Array<{ userIds: number[]; title: Msg; body: Msg | string }> = [];
    let ticketId: number | null = null;
    if (input.createTicket && input.needs && input.needType) {
      const r = await this.tickets.register(trx, actor, auth, {
        unitId: h.unit_id,
        type: input.needType,
        channel: 'visit',
        reporterName: input.membersMet ?? null,
        reporterPhone: null,
        priority: 'normal',
        complex: false,
        emergency: false,
        title: `走访时住户提出：${input.needs}`.slice(0, 100),
        description: input.needs,
      });
      ticketId = r.id;
      deliveries.push({ userIds: r.notified, title: r.title, body: r.body });
    }
    const v = await trx
      .insertInto('home_visits')
      .values({
        estate_id: h.estate_id,
        area_id: h.area_id,
        household_id: h.id,
        unit_id: h.unit_id,
        plan_item_id: planItemId,
        visitor_id: actor.id!,
        visitor_name: actor.displayName ?? actor.name,
        companions: input.companions ?? null,
        purpose: input.purpose,
        method: input.method,
        outcome: input.outcome,
        visited_at: new Date(input.visitedAt).toISOString(),
        visited_on: localDate(new Date(input.visitedAt)),
        minutes: input.minutes ?? null,
        members_met: input.membersMet ?? null,
        opinions: input.opinions ?? null,
        tags: tags.join(','),
        satisfaction: input.satisfaction ?? null,
        needs: input.needs ?? null,
        need_type: input.needType ?? null,
        ticket_id: ticketId,
        care_concern: fromBool(input.careConcern),
        care_note: input.careNote ?? null,
        follow_up_on: input.followUpOn ?? null,
        arrears_step_id: null,
        survey_recipient_id: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The visit answers every open plan item of this household (today's and carried ones) and every open request.
    if (planItemId) await trx.updateTable('visit_plan_items').set({ visit_id: v.id }).where('id', '=', planItemId).execute();
    await trx
      .updateTable('visit_plan_items')
      .set({ visit_id: v.id })
      .where('household_id', '=', h.id)
      .where('visit_id', 'is', null)
      .where('dropped_at', 'is', null)
      .where('plan_id', 'in', (eb) => eb.selectFrom('visit_plans').select('id').where('user_id', '=', actor.id!).where('plan_date', '<=', localDate(now)).where('status', '<>', 'closed'))
      .execute();
    if (input.outcome === 'met') await trx.updateTable('visit_requests').set({ done_visit_id: v.id }).where('household_id', '=', h.id).where('done_visit_id', 'is', null).execute();
    if (input.careConcern) {
      const assistants = await ticketRepository.staff(trx, h.estate_id, ['assistant']);
      const title: Msg = { key: 'notify.careConcern.title', params: { unit: ref } };
      const body: Msg = { key: 'notify.careConcern.body', params: { unit: ref, name: actor.displayName ?? actor.name } };
      const userIds = await this.notifications.notify(trx, { userIds: assistants, estateId: h.estate_id, kind: 'care_concern', title, body, dedupeKey: `care-${v.id}` });
      deliveries.push({ userIds, title, body });
    }
    await this.audit.record(trx, actor, {
      action: 'create',
      entity: 'home_visit',
      entityId: v.id,
      estateId: h.estate_id,
      summary: { key: 'audit.homeVisit', params: { unit: ref, purpose: `audit.visit.purpose.${input.purpose}`, outcome: `audit.visit.outcome.${input.outcome}` } },
      ref,
      // the care note stays out of the audit detail: the log is read more widely than visits
      detail: { householdId: h.id, purpose: input.purpose, method: input.method, outcome: input.outcome, visitedAt: input.visitedAt, ticketId, careConcern: input.careConcern },
    });
    return { id: v.id, ticketId, deliveries };
  }

  /**
   * The arrears ladder's visits (steps 3–4) are home visits too: one record, two views. Called by
   * fees/arrears inside its transaction; does nothing for a unit nobody lives in.
   */
  static async fromArrearsStep(trx: Executor, s: { estateId: number; areaId: number | null; unitId: number; stepId: number; at: string; onDate: string; channel: string; actorId: number | null; actorName: string; reason: string | null; dissatisfaction: string | null; ticketId: number | null }) {
    const h = await trx.selectFrom('households').select('id').where('unit_id', '=', s.unitId).where('moved_out_on', 'is', null).orderBy('id').executeTakeFirst();
    if (!h || s.actorId == null) return;
    await trx
      .insertInto('home_visits')
      .values({
        estate_id: s.estateId,
        area_id: s.areaId,
        household_id: h.id,
        unit_id: s.unitId,
        plan_item_id: null,
        visitor_id: s.actorId,
        visitor_name: s.actorName,
        companions: null,
        purpose: 'collection',
        method: s.channel === 'phone' ? 'phone' : 'in_home',
        outcome: 'met',
        visited_at: s.onDate === localDate(new Date(s.at)) ? s.at : new Date(`${s.onDate}T12:00:00+08:00`).toISOString(),
        visited_on: s.onDate,
        minutes: null,
        members_met: null,
        opinions: [s.reason, s.dissatisfaction].filter(Boolean).join('\n') || null,
        tags: '',
        satisfaction: null,
        needs: null,
        need_type: null,
        ticket_id: s.ticketId,
        care_concern: 0,
        care_note: null,
        follow_up_on: null,
        arrears_step_id: s.stepId,
        survey_recipient_id: null,
        created_at: s.at,
      })
      .execute();
  }

  /**
   * The hook other modules feed (notices that could not reach a household, …): the household goes on
   * its administrator's next plan with rank 3 until a visit meets someone. Same (source, ref) once.
   */
  static async requestVisit(trx: Executor, r: { estateId: number; householdId: number; source: string; ref: string; note?: string | null; at: string }) {
    await trx
      .insertInto('visit_requests')
      .values({ estate_id: r.estateId, household_id: r.householdId, source: r.source, ref: r.ref, note: r.note ?? null, created_at: r.at, done_visit_id: null })
      .onConflict((oc) => oc.columns(['household_id', 'source', 'ref']).doNothing())
      .execute();
  }

  private base(auth: AuthContext) {
    return this.db
      .selectFrom('home_visits as v')
      .innerJoin('households as h', 'h.id', 'v.household_id')
      .innerJoin('units as u', 'u.id', 'v.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .where(inScope(auth.scope, 'v.estate_id', 'v.area_id'));
  }

  private present(v: any) {
    return {
      id: v.id,
      estateId: v.estate_id,
      householdId: v.household_id,
      householdName: v.household_name,
      unitId: v.unit_id,
      unitLabel: unitLabel(v.code, v.entrance, v.number),
      visitorName: v.visitor_name,
      companions: v.companions,
      purpose: v.purpose,
      method: v.method,
      outcome: v.outcome,
      visitedAt: v.visited_at,
      minutes: v.minutes,
      membersMet: v.members_met,
      opinions: v.opinions,
      tags: splitList(v.tags),
      satisfaction: v.satisfaction,
      needs: v.needs,
      needType: v.need_type,
      ticketId: v.ticket_id,
      careConcern: toBool(v.care_concern),
      hasCareNote: v.care_note != null,
      followUpOn: v.follow_up_on,
      arrearsStepId: v.arrears_step_id,
    };
  }

  async list(auth: AuthContext, f: { estateId?: number; areaId?: number; householdId?: number; purpose?: string; from?: string; to?: string; page: number; pageSize: number }) {
    let q = this.base(auth);
    if (f.estateId) q = q.where('v.estate_id', '=', f.estateId);
    if (f.areaId) q = q.where('v.area_id', '=', f.areaId);
    if (f.householdId) q = q.where('v.household_id', '=', f.householdId);
    if (f.purpose) q = q.where('v.purpose', '=', f.purpose);
    if (f.from) q = q.where('v.visited_on', '>=', f.from);
    if (f.to) q = q.where('v.visited_on', '<=', f.to);
    const [rows, count] = await Promise.all([
      q.selectAll('v').select(['h.name as household_name', 'b.code', 'u.entrance', 'u.number']).orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), items: rows.map((r) => this.present(r)) };
  }

  async get(auth: AuthContext, id: number) {
    const v = await this.base(auth).selectAll('v').select(['h.name as household_name', 'b.code', 'u.entrance', 'u.number']).where('v.id', '=', id).executeTakeFirst();
    if (!v) throw notFound('entity.homeVisit');
    return this.present(v);
  }

  /** The care note of one visit; every read is in the audit log (design B.3.1 privacy). */
  async careNote(actor: Actor, auth: AuthContext, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const v = await trx.selectFrom('home_visits').select(['id', 'estate_id', 'area_id', 'unit_id', 'care_note']).where('id', '=', id).executeTakeFirst();
      if (!v || !seesArea(auth.scope, v.estate_id, v.area_id)) throw notFound('entity.homeVisit');
      const ref = await unitRef(trx, v.unit_id);
      await this.audit.record(trx, actor, { action: 'reveal', entity: 'home_visit', entityId: id, estateId: v.estate_id, summary: { key: 'audit.careNoteReveal', params: { unit: ref } }, ref });
      return { id, careNote: v.care_note };
    });
  }

  // ---- report ----------------------------------------------------------------------------

  async coverageReport(auth: AuthContext, f: { estateId: number; areaId?: number; from?: string; to?: string }) {
    if (f.areaId ? !seesArea(auth.scope, f.estateId, f.areaId) : !seesWholeEstate(auth.scope, f.estateId) && !auth.scope.areas.some((a) => a.estateId === f.estateId)) throw notFound('entity.estate');
    const today = localDate(this.clock.now());
    const to = f.to ?? today;
    const from = f.from ?? addDays(to, -29);
    const settings = await repo.settings(this.db, f.estateId);
    let hh = await repo.households(this.db, f.estateId, f.areaId ?? null);
    if (!f.areaId && !seesWholeEstate(auth.scope, f.estateId)) hh = hh.filter((h) => seesArea(auth.scope, f.estateId, h.area_id));
    const last = await repo.lastMet(this.db, hh.map((h) => h.id));
    const cov = coverage(hh.map((h) => ({ specialCare: h.special, lastVisitOn: last.get(h.id) ?? null })), settings, to);
    let q = this.base(auth).where('v.estate_id', '=', f.estateId).where('v.visited_on', '>=', from).where('v.visited_on', '<=', to);
    if (f.areaId) q = q.where('v.area_id', '=', f.areaId);
    const rows = await q.select(['v.purpose', 'v.outcome', 'v.visitor_name', 'v.tags']).execute();
    const count = (keys: string[]) => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return [...m].map(([key, c]) => ({ key, count: c })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    return {
      date: to,
      from,
      to,
      regularDays: settings.regularDays,
      specialDays: settings.specialDays,
      ...cov,
      byPurpose: count(rows.map((r) => r.purpose)),
      byOutcome: count(rows.map((r) => r.outcome)),
      byStaff: count(rows.map((r) => r.visitor_name)),
      byTag: count(rows.flatMap((r) => splitList(r.tags))),
      formulas: ['report.visitCoverageFormula', 'report.visitSpecialFormula'],
    };
  }
}

export { SOURCE_RANK };
