import type { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import { ALWAYS_VISIT, CLASSIFIER, EMERGENCY_PLANS, HOLIDAYS_2026, PLACES } from '../../../core/desk-defaults.ts';
import { seesEstate, type Scope } from '../../../core/scope.ts';
import { addDuration, type WorkCalendar } from '../../../core/sla.ts';
import { DEFAULT_POLICIES, pickPolicy, type Priority, type SlaPolicy, type TicketType } from '../../../core/tickets.ts';
import { fromBool, splitList, toBool } from '../../db/codec.ts';
import type { Db, Executor } from '../../db/database.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { categoryCreate, categoryUpdate, deskSettingsUpdate, holidayInput, holidayUpdate, slaPolicyCreate, slaPolicyUpdate } from './desk.schemas.ts';

export interface DeskSettings {
  estateId: number;
  calendar: 'wall' | 'working';
  workStart: string;
  workEnd: string;
  weekdays: number[];
  warnMinutes: number;
  assistantAfterMinutes: number;
  directorAfterMinutes: number;
  autoConfirmDays: number;
  visitDueDays: number;
}

const DEFAULT_SETTINGS = {
  calendar: 'wall',
  work_start: 9 * 60,
  work_end: 18 * 60,
  weekdays: '1,2,3,4,5',
  warn_minutes: 120,
  assistant_after_minutes: 4 * 60,
  director_after_minutes: 24 * 60,
  auto_confirm_days: 3,
  visit_due_days: 3,
};

const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/**
 * An estate's desk configuration: classifier, SLA policies, working calendar and escalation
 * thresholds. New estates start from the manual's defaults.
 */
/** An edit that names no field changes nothing (and must not run an UPDATE with an empty SET). */
const nothingIn = (input: object) => Object.values(input).every((v) => v === undefined);

export class DeskConfigService {
  /**
   * Configuration changes rarely and is read on every registration and sweep: keep it for a
   * short while. Changes made here clear it at once; another instance sees them within TTL.
   */
  private cache = new Map<number, { until: number; settings?: DeskSettings; policies?: Array<SlaPolicy & { id: number }>; calendar?: WorkCalendar | null }>();
  static TTL_MS = 30_000;

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  private entry(estateId: number) {
    const now = Date.now();
    let e = this.cache.get(estateId);
    if (!e || e.until < now) {
      e = { until: now + DeskConfigService.TTL_MS };
      this.cache.set(estateId, e);
    }
    return e;
  }

  private forget(estateId: number) {
    this.cache.delete(estateId);
  }

  /** The manual's defaults for a new estate; called when an estate is created. */
  async seedDefaults(trx: Executor, estateId: number) {
    const now = this.clock.now().toISOString();
    await trx.insertInto('desk_settings').values({ estate_id: estateId, ...DEFAULT_SETTINGS, updated_at: now }).execute();
    await trx
      .insertInto('sla_policies')
      .values(
        DEFAULT_POLICIES.map((p) => ({
          estate_id: estateId,
          type: p.type,
          priority: p.priority,
          complex: p.complex == null ? null : fromBool(p.complex),
          emergency: p.emergency == null ? null : fromBool(p.emergency),
          response_minutes: p.responseMinutes,
          resolution_minutes: p.resolutionMinutes,
          created_at: now,
        })),
      )
      .execute();
    const categories = PLACES.flatMap((place) =>
      Object.entries(CLASSIFIER).flatMap(([category, problems]) =>
        problems.map((problem) => ({ estate_id: estateId, place, category, problem, visit_policy: ALWAYS_VISIT.includes(category) ? 'always' : 'unless_rated', created_at: now })),
      ),
    );
    await trx.insertInto('ticket_categories').values(categories).execute();
    await trx.insertInto('holidays').values(HOLIDAYS_2026.map((h) => ({ estate_id: estateId, ...h }))).execute();
    for (const [type, steps] of Object.entries(EMERGENCY_PLANS)) {
      const { id } = await trx.insertInto('emergency_plans').values({ estate_id: estateId, incident_type: type, name: type, created_at: now }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('emergency_plan_steps').values(steps.map((s, i) => ({ estate_id: estateId, plan_id: id, seq: i + 1, title: s.title, role: s.role }))).execute();
    }
  }

  async settings(db: Executor, estateId: number): Promise<DeskSettings> {
    const e = this.entry(estateId);
    e.settings ??= await this.loadSettings(db, estateId);
    return e.settings;
  }

  private async loadSettings(db: Executor, estateId: number): Promise<DeskSettings> {
    const row = (await db.selectFrom('desk_settings').selectAll().where('estate_id', '=', estateId).executeTakeFirst()) ?? { estate_id: estateId, ...DEFAULT_SETTINGS };
    return {
      estateId,
      calendar: row.calendar as 'wall' | 'working',
      workStart: hm(row.work_start),
      workEnd: hm(row.work_end),
      weekdays: splitList(row.weekdays).map(Number),
      warnMinutes: row.warn_minutes,
      assistantAfterMinutes: row.assistant_after_minutes,
      directorAfterMinutes: row.director_after_minutes,
      autoConfirmDays: row.auto_confirm_days,
      visitDueDays: row.visit_due_days,
    };
  }

  async calendar(db: Executor, estateId: number): Promise<WorkCalendar | null> {
    const e = this.entry(estateId);
    if (e.calendar === undefined) e.calendar = await this.loadCalendar(db, estateId);
    return e.calendar;
  }

  private async loadCalendar(db: Executor, estateId: number): Promise<WorkCalendar | null> {
    const s = await this.settings(db, estateId);
    if (s.calendar === 'wall') return null;
    const [estate, days] = await Promise.all([
      db.selectFrom('estates').select('time_zone').where('id', '=', estateId).executeTakeFirstOrThrow(),
      db.selectFrom('holidays').select(['date', 'kind']).where('estate_id', '=', estateId).where('archived_at', 'is', null).execute(),
    ]);
    return {
      timeZone: estate.time_zone,
      workStart: minutesOf(s.workStart),
      workEnd: minutesOf(s.workEnd),
      weekdays: s.weekdays,
      holidays: new Set(days.filter((d) => d.kind === 'off').map((d) => d.date)),
      workdays: new Set(days.filter((d) => d.kind === 'work').map((d) => d.date)),
    };
  }

  async policies(db: Executor, estateId: number): Promise<Array<SlaPolicy & { id: number }>> {
    const e = this.entry(estateId);
    e.policies ??= await this.loadPolicies(db, estateId);
    return e.policies;
  }

  private async loadPolicies(db: Executor, estateId: number): Promise<Array<SlaPolicy & { id: number }>> {
    const rows = await db.selectFrom('sla_policies').selectAll().where('estate_id', '=', estateId).where('archived_at', 'is', null).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      type: r.type as TicketType | null,
      priority: r.priority as Priority | null,
      complex: r.complex == null ? null : toBool(r.complex),
      emergency: r.emergency == null ? null : toBool(r.emergency),
      responseMinutes: r.response_minutes,
      resolutionMinutes: r.resolution_minutes,
    }));
  }

  /** Due times of a ticket registered at `start`, by its estate's policy and calendar. */
  async dueTimes(db: Executor, estateId: number, t: { type: TicketType; priority: Priority; complex: boolean; emergency: boolean }, start: Date) {
    const policies = await this.policies(db, estateId);
    const policy = pickPolicy(policies.length ? policies : DEFAULT_POLICIES, t);
    // Emergencies run on the wall clock whatever the calendar: a fire does not wait for Monday.
    const cal = t.emergency ? null : await this.calendar(db, estateId);
    return {
      policy,
      responseDueAt: addDuration(start, policy.responseMinutes, cal).toISOString(),
      resolutionDueAt: addDuration(start, policy.resolutionMinutes, cal).toISOString(),
    };
  }

  // ---- administration -------------------------------------------------------------------

  private requireEstate(scope: Scope, estateId: number) {
    if (!seesEstate(scope, estateId)) throw notFound('entity.estate');
  }

  async settingsOf(scope: Scope, estateId: number) {
    this.requireEstate(scope, estateId);
    return this.settings(this.db, estateId);
  }

  async categories(scope: Scope, estateId: number, includeArchived = false) {
    this.requireEstate(scope, estateId);
    let q = this.db.selectFrom('ticket_categories').selectAll().where('estate_id', '=', estateId);
    if (!includeArchived) q = q.where('archived_at', 'is', null);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, place: r.place, category: r.category, problem: r.problem, visitPolicy: r.visit_policy as 'always' | 'unless_rated' | 'never', archived: r.archived_at != null }));
  }

  async createCategory(actor: Actor, scope: Scope, input: z.infer<typeof categoryCreate>) {
    this.requireEstate(scope, input.estateId);
    return this.db.transaction().execute(async (trx) => {
      const dup = await trx.selectFrom('ticket_categories').select('id').where('estate_id', '=', input.estateId).where('place', '=', input.place).where('category', '=', input.category).where('problem', '=', input.problem).executeTakeFirst();
      if (dup) throw conflict('conflict.category');
      const { id } = await trx
        .insertInto('ticket_categories')
        .values({ estate_id: input.estateId, place: input.place, category: input.category, problem: input.problem, visit_policy: input.visitPolicy, created_at: this.clock.now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'category', entityId: id, estateId: input.estateId, summary: { key: 'audit.category.create', params: { path: `${input.place}/${input.category}/${input.problem}` } }, ref: `${input.category}/${input.problem}` });
      return id;
    });
  }

  async updateCategory(actor: Actor, scope: Scope, id: number, input: z.infer<typeof categoryUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ticket_categories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || !seesEstate(scope, row.estate_id)) throw notFound('entity.category');
      if (nothingIn(input)) return;
      await trx
        .updateTable('ticket_categories')
        .set({ visit_policy: input.visitPolicy, archived_at: input.archived === undefined ? undefined : input.archived ? (row.archived_at ?? this.clock.now().toISOString()) : null })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'category', entityId: id, estateId: row.estate_id, summary: { key: 'audit.category.update', params: { path: `${row.category}/${row.problem}` } }, ref: `${row.category}/${row.problem}`, detail: input });
    });
  }

  async listPolicies(scope: Scope, estateId: number) {
    this.requireEstate(scope, estateId);
    return this.policies(this.db, estateId);
  }

  async addPolicy(actor: Actor, scope: Scope, input: z.infer<typeof slaPolicyCreate>) {
    this.requireEstate(scope, input.estateId);
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('sla_policies')
        .values({
          estate_id: input.estateId,
          type: input.type ?? null,
          priority: input.priority ?? null,
          complex: input.complex == null ? null : fromBool(input.complex),
          emergency: input.emergency == null ? null : fromBool(input.emergency),
          response_minutes: input.responseMinutes,
          resolution_minutes: input.resolutionMinutes,
          created_at: this.clock.now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'sla_policy', entityId: id, estateId: input.estateId, summary: { key: 'audit.slaPolicy.create', params: { response: input.responseMinutes, resolution: input.resolutionMinutes } }, detail: input });
      return id;
    });
    this.forget(input.estateId);
    return id;
  }

  async updateSettings(actor: Actor, scope: Scope, estateId: number, input: z.infer<typeof deskSettingsUpdate>) {
    this.requireEstate(scope, estateId);
    await this.db.transaction().execute(async (trx) => {
      const row = {
        calendar: input.calendar,
        work_start: input.workStart ? minutesOf(input.workStart) : undefined,
        work_end: input.workEnd ? minutesOf(input.workEnd) : undefined,
        weekdays: input.weekdays ? [...new Set(input.weekdays)].sort().join(',') : undefined,
        warn_minutes: input.warnMinutes,
        assistant_after_minutes: input.assistantAfterMinutes,
        director_after_minutes: input.directorAfterMinutes,
        auto_confirm_days: input.autoConfirmDays,
        visit_due_days: input.visitDueDays,
        updated_at: this.clock.now().toISOString(),
      };
      const current = await this.settings(trx, estateId);
      const start = row.work_start ?? minutesOf(current.workStart);
      const end = row.work_end ?? minutesOf(current.workEnd);
      if (end <= start) throw conflict('conflict.workHours');
      const exists = await trx.selectFrom('desk_settings').select('estate_id').where('estate_id', '=', estateId).executeTakeFirst();
      if (exists) await trx.updateTable('desk_settings').set(row).where('estate_id', '=', estateId).execute();
      else await trx.insertInto('desk_settings').values({ estate_id: estateId, ...DEFAULT_SETTINGS, ...(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as typeof DEFAULT_SETTINGS & { updated_at: string }) }).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'desk_settings', entityId: estateId, estateId, summary: { key: 'audit.deskSettings.update' }, detail: input });
    });
    this.forget(estateId);
  }

  async holidays(scope: Scope, estateId: number) {
    this.requireEstate(scope, estateId);
    return this.db.selectFrom('holidays').select(['id', 'date', 'kind', 'name']).where('estate_id', '=', estateId).where('archived_at', 'is', null).orderBy('date').execute();
  }

  async addHoliday(actor: Actor, scope: Scope, input: z.infer<typeof holidayInput>) {
    this.requireEstate(scope, input.estateId);
    await this.db.transaction().execute(async (trx) => {
      const dup = await trx.selectFrom('holidays').select(['id', 'archived_at']).where('estate_id', '=', input.estateId).where('date', '=', input.date).executeTakeFirst();
      if (dup && !dup.archived_at) throw conflict('conflict.holiday');
      // a date taken off the calendar earlier comes back with its new meaning
      if (dup) await trx.updateTable('holidays').set({ kind: input.kind, name: input.name, archived_at: null }).where('id', '=', dup.id).execute();
      else await trx.insertInto('holidays').values({ estate_id: input.estateId, date: input.date, kind: input.kind, name: input.name }).execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'holiday', entityId: input.date, estateId: input.estateId, summary: { key: 'audit.holiday.create', params: { date: input.date, kind: input.kind === 'off' ? 'audit.holiday.off' : 'audit.holiday.workday', name: input.name } }, ref: input.date });
    });
    this.forget(input.estateId);
  }

  /** Staff of an estate a ticket can be dispatched to: department staff of that department, and the desk's own. */
  async staff(scope: Scope, estateId: number, department?: string) {
    this.requireEstate(scope, estateId);
    let q = this.db
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'u.role', 'u.department'])
      .distinct()
      .where('u.active', '=', 1)
      .where('s.estate_id', '=', estateId)
      .where('u.role', 'in', ['dept_staff', 'cs_admin', 'assistant', 'director']);
    if (department) q = q.where((eb) => eb.or([eb('u.role', '<>', 'dept_staff'), eb('u.department', '=', department)]));
    const rows = await q.orderBy('u.role').orderBy('u.id').execute();
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, department: r.department }));
  }

  async updatePolicy(actor: Actor, scope: Scope, id: number, input: z.infer<typeof slaPolicyUpdate>) {
    const estateId = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || !seesEstate(scope, row.estate_id)) throw notFound('entity.slaPolicy');
      if (nothingIn(input)) return row.estate_id;
      const now = this.clock.now().toISOString();
      await trx
        .updateTable('sla_policies')
        .set({
          response_minutes: input.responseMinutes,
          resolution_minutes: input.resolutionMinutes,
          archived_at: input.archived === undefined ? undefined : input.archived ? (row.archived_at ?? now) : null,
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'sla_policy', entityId: id, estateId: row.estate_id, summary: { key: 'audit.slaPolicy.update', params: { response: input.responseMinutes ?? row.response_minutes, resolution: input.resolutionMinutes ?? row.resolution_minutes } }, detail: input });
      return row.estate_id;
    });
    this.forget(estateId);
  }

  async updateHoliday(actor: Actor, scope: Scope, id: number, input: z.infer<typeof holidayUpdate>) {
    const estateId = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('holidays').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || !seesEstate(scope, row.estate_id)) throw notFound('entity.holiday');
      if (nothingIn(input)) return row.estate_id;
      const now = this.clock.now().toISOString();
      await trx
        .updateTable('holidays')
        .set({ kind: input.kind, name: input.name, archived_at: input.archived === undefined ? undefined : input.archived ? (row.archived_at ?? now) : null })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'holiday', entityId: row.date, estateId: row.estate_id, summary: { key: 'audit.holiday.update', params: { date: row.date } }, ref: row.date, detail: input });
      return row.estate_id;
    });
    this.forget(estateId);
  }

  async plan(db: Executor, estateId: number, incidentType: string) {
    const plan = await db.selectFrom('emergency_plans').select('id').where('estate_id', '=', estateId).where('incident_type', '=', incidentType).executeTakeFirst();
    if (!plan) return [];
    return db.selectFrom('emergency_plan_steps').select(['seq', 'title', 'role']).where('plan_id', '=', plan.id).orderBy('seq').execute();
  }

  async plans(scope: Scope, estateId: number) {
    this.requireEstate(scope, estateId);
    const plans = await this.db.selectFrom('emergency_plans').selectAll().where('estate_id', '=', estateId).orderBy('id').execute();
    const steps = await this.db.selectFrom('emergency_plan_steps').selectAll().where('estate_id', '=', estateId).orderBy('seq').execute();
    return plans.map((p) => ({ id: p.id, incidentType: p.incident_type, steps: steps.filter((s) => s.plan_id === p.id).map((s) => ({ seq: s.seq, title: s.title, role: s.role })) }));
  }
}
