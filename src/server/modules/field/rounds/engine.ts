/**
 * The rounds engine (design A.3.0 X1): plans make tasks, tasks list checkpoints, the sweep marks
 * what was missed. Other modules plug in here with generators (which checkpoints a plan visits
 * today: active renovations, active signs, vacant units due) — see README.md.
 */
import { type Clock, localDate } from '../../../../core/clock.ts';
import { CHECKPOINT_TARGETS, dueSlots, type PlanRule, type Slot, taskStatus, zonedInstant } from '../../../../core/rounds.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { SYSTEM } from '../../desk/tickets.service.ts';
import { splitList, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import { newToken } from './tokens.ts';

export interface GeneratorContext {
  estateId: number;
  areaId: number | null;
  planId: number;
  kind: string;
  /** the slot's calendar date in the estate's zone */
  date: string;
  slotStart: string;
}
/** Returns the checkpoint ids (rows of `checkpoints`, see `ensureCheckpoint`) the plan's task visits, in order. */
export type RoundGenerator = (trx: Executor, ctx: GeneratorContext) => Promise<number[]>;

export interface EnsureCheckpoint {
  estateId: number;
  areaId?: number | null;
  /** the outside record's kind and id, e.g. 'renovation', 12 */
  refKind: string;
  refId: number;
  name: string;
  target: (typeof CHECKPOINT_TARGETS)[number];
  buildingId?: number | null;
  unitId?: number | null;
  facilityId?: number | null;
  location?: string | null;
  /** the template family its results are answered on (else the plan's) */
  templateFamilyId?: number | null;
}

/**
 * An "issue" answer on a checkpoint standing for an outside record (`ref_kind`) goes to the module
 * that registered a handler for that kind instead of becoming a desk ticket. The handler runs in
 * the sync item's transaction and answers what it made (`kind`, `id`), or null to fall back to a ticket.
 */
export interface FindingContext {
  actor: import('../../audit/audit.service.ts').Actor;
  auth: import('../../auth/auth.service.ts').AuthContext;
  findingId: number;
  checkpoint: { id: number; estate_id: number; area_id: number | null; ref_kind: string | null; ref_id: number | null; name: string };
  item: { id: number; label: string; severity: string };
  issue: { description: string; photoIds: number[]; afterPhotoIds: number[]; fixedOnSpot: boolean; severity?: 'minor' | 'major'; category?: string; rectifyDays?: number };
  resultId: number;
  observedAt: string;
}
export type FindingHandler = (trx: Executor, ctx: FindingContext) => Promise<{ kind: string; id: number } | null>;

type PlanRow = Awaited<ReturnType<RoundsEngine['enabledPlans']>>[number];

export class RoundsEngine {
  private generators = new Map<string, RoundGenerator>();
  private findingHandlers = new Map<string, FindingHandler>();

  constructor(
    private db: Db,
    private clock: Clock,
    private tickets: TicketService,
    private notifications: NotificationService,
    private audit: AuditService,
  ) {}

  /**
   * The checkpoint standing for an outside record (a renovating unit, a sign group, a vacant
   * unit), made on first use with its own QR token: generators return these ids. Found again by
   * (estate, refKind, refId), so a generator may call it on every slot.
   */
  async ensureCheckpoint(trx: Executor, c: EnsureCheckpoint): Promise<number> {
    const found = await trx.selectFrom('checkpoints').select('id').where('estate_id', '=', c.estateId).where('ref_kind', '=', c.refKind).where('ref_id', '=', c.refId).executeTakeFirst();
    if (found) return found.id;
    const at = this.clock.now().toISOString();
    const code = `${c.refKind.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12)}-${c.refId}`;
    const { id } = await trx
      .insertInto('checkpoints')
      .values({
        estate_id: c.estateId,
        area_id: c.areaId ?? null,
        code,
        name: c.name.slice(0, 100),
        target: c.target,
        building_id: c.buildingId ?? null,
        unit_id: c.unitId ?? null,
        facility_id: c.facilityId ?? null,
        ref_kind: c.refKind,
        ref_id: c.refId,
        location: c.location ?? null,
        lat: null,
        lng: null,
        qr_token: newToken(),
        nfc_uid: null,
        template_family_id: c.templateFamilyId ?? null,
        active: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit.record(trx, SYSTEM, { action: 'create', entity: 'checkpoint', entityId: id, estateId: c.estateId, summary: { key: 'audit.rounds.checkpoint.create', params: { code, name: c.name } }, ref: code });
    return id;
  }

  /** Extension point: a plan whose `generator` is `kind` visits what `fn` returns on each slot. */
  registerRoundGenerator(kind: string, fn: RoundGenerator) {
    if (!/^[a-z][a-z0-9_]{1,31}$/.test(kind)) throw new Error(`bad generator kind ${kind}`);
    this.generators.set(kind, fn);
  }

  /** Extension point: issues found on checkpoints with this `ref_kind` go to `fn`, not to the desk (README). */
  registerFindingHandler(refKind: string, fn: FindingHandler) {
    if (this.findingHandlers.has(refKind)) throw new Error(`finding handler ${refKind} registered twice`);
    this.findingHandlers.set(refKind, fn);
  }

  findingHandler(refKind: string | null): FindingHandler | undefined {
    return refKind ? this.findingHandlers.get(refKind) : undefined;
  }

  /** A handled finding closes when the record it became is closed (the module calls this). */
  async handledFinal(trx: Executor, kind: string, id: number) {
    await trx.updateTable('round_findings').set({ status: 'closed', closed_at: this.clock.now().toISOString() }).where('handled_kind', '=', kind).where('handled_id', '=', id).where('status', '=', 'referred').execute();
  }

  generatorKinds(): string[] {
    return [...this.generators.keys()].sort();
  }

  private enabledPlans(db: Executor, estateId?: number) {
    let q = db
      .selectFrom('round_plans as p')
      .innerJoin('estates as e', 'e.id', 'p.estate_id')
      .selectAll('p')
      .select('e.time_zone')
      .where('p.enabled', '=', 1)
      .where('e.archived_at', 'is', null);
    if (estateId) q = q.where('p.estate_id', '=', estateId);
    return q.orderBy('p.id').execute();
  }

  static ruleOf(p: { recurrence: string; days: string; every_n: number | null; starts_on: string; ends_on: string | null; slots: string }): PlanRule {
    return {
      recurrence: p.recurrence as PlanRule['recurrence'],
      days: splitList(p.days).map(Number),
      everyN: p.every_n,
      startsOn: String(p.starts_on),
      endsOn: p.ends_on ? String(p.ends_on) : null,
      slots: toJson<Slot[]>(p.slots) ?? [],
    };
  }

  /** Creates every task due by now (slot start − lead ≤ now < end + grace); idempotent per plan and slot. */
  async generate(estateId?: number): Promise<number> {
    const now = this.clock.now();
    let created = 0;
    for (const plan of await this.enabledPlans(this.db, estateId)) {
      for (const slot of dueSlots(RoundsEngine.ruleOf(plan), now, plan.lead_min, plan.grace_min, plan.time_zone)) {
        const key = slot.start.toISOString();
        const exists = await this.db.selectFrom('round_tasks').select('id').where('plan_id', '=', plan.id).where('task_key', '=', key).executeTakeFirst();
        if (exists) continue;
        const made = await this.db.transaction().execute((trx) => this.makeTask(trx, plan, slot.start, slot.end, key, null));
        if (made) created++;
      }
    }
    return created;
  }

  /** The checkpoints of a plan's task: its route's, or its generator's. */
  async checkpointsOf(trx: Executor, plan: PlanRow | (Omit<PlanRow, 'time_zone'> & { time_zone?: string }), slotStart: Date): Promise<number[]> {
    if (plan.generator) {
      const gen = this.generators.get(plan.generator);
      if (!gen) return [];
      const date = localDate(slotStart, plan.time_zone ?? 'Asia/Shanghai');
      return gen(trx, { estateId: plan.estate_id, areaId: plan.area_id, planId: plan.id, kind: plan.kind, date, slotStart: slotStart.toISOString() });
    }
    if (!plan.route_id) return [];
    const rows = await trx
      .selectFrom('round_route_points as rp')
      .innerJoin('checkpoints as c', 'c.id', 'rp.checkpoint_id')
      .select('rp.checkpoint_id')
      .where('rp.route_id', '=', plan.route_id)
      .where('c.active', '=', 1)
      .orderBy('rp.seq')
      .execute();
    return rows.map((r) => r.checkpoint_id);
  }

  /** The newest published version of a template family. */
  async publishedVersion(db: Executor, familyId: number | null): Promise<number | null> {
    if (!familyId) return null;
    const row = await db.selectFrom('check_templates').select('id').where('family_id', '=', familyId).where('status', '=', 'published').orderBy('version', 'desc').executeTakeFirst();
    return row?.id ?? null;
  }

  /** Who does the plan's task: its named user, else the area's administrator (tickets.areaManagers). */
  async assigneeOf(trx: Executor, plan: { assignee_rule: string; assignee_id: number | null; estate_id: number; area_id: number | null }): Promise<number | null> {
    if (plan.assignee_rule === 'user' && plan.assignee_id) return plan.assignee_id;
    const managers = await this.tickets.areaManagers(trx, plan.estate_id, plan.area_id);
    return managers[0] ?? null;
  }

  /** One task with its checkpoints frozen (template version included); null when the plan has none. */
  async makeTask(trx: Executor, plan: Omit<PlanRow, 'time_zone'> & { time_zone?: string }, start: Date, end: Date, key: string, makeupOf: number | null, only?: number[]): Promise<number | null> {
    // A make-up visits exactly the checkpoints it names, whatever the route holds today.
    const points = [...new Set(only ?? (await this.checkpointsOf(trx, plan, start)))];
    if (!points.length) return null; // a plan with nothing to visit makes no task (HC does the same)
    const at = this.clock.now().toISOString();
    const ordered = plan.route_id ? ((await trx.selectFrom('round_routes').select('ordered').where('id', '=', plan.route_id).executeTakeFirst())?.ordered ?? 0) : 0;
    const res = await trx
      .insertInto('round_tasks')
      .values({
        estate_id: plan.estate_id,
        area_id: plan.area_id,
        plan_id: plan.id,
        task_key: key,
        kind: plan.kind,
        slot_start: start.toISOString(),
        slot_end: end.toISOString(),
        lead_min: plan.lead_min,
        grace_min: plan.grace_min,
        ordered,
        assignee_id: await this.assigneeOf(trx, plan),
        status: 'pending',
        makeup_of: makeupOf,
        started_at: null,
        finished_at: null,
        swept_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(['plan_id', 'task_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!res) return null; // another instance made it first
    const cps = await trx.selectFrom('checkpoints').select(['id', 'template_family_id']).where('id', 'in', points).where('estate_id', '=', plan.estate_id).execute();
    const family = new Map(cps.map((c) => [c.id, c.template_family_id]));
    let seq = 0;
    for (const cp of points) {
      if (!family.has(cp)) continue;
      const templateId = await this.publishedVersion(trx, family.get(cp) ?? plan.template_family_id);
      await trx.insertInto('round_task_points').values({ estate_id: plan.estate_id, task_id: res.id, checkpoint_id: cp, seq: ++seq, template_id: templateId, status: 'pending', result_id: null }).execute();
    }
    return res.id;
  }

  /** Recomputes a task's status from its checkpoints. */
  async refreshTask(trx: Executor, taskId: number) {
    const task = await trx.selectFrom('round_tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    if (task.status === 'cancelled') return task.status;
    const rows = await trx.selectFrom('round_task_points').select('status').where('task_id', '=', taskId).execute();
    const done = rows.filter((r) => r.status === 'done').length;
    const status = taskStatus(rows.length, done, task.swept_at != null);
    const at = this.clock.now().toISOString();
    if (status !== task.status) {
      await trx
        .updateTable('round_tasks')
        .set({ status, updated_at: at, finished_at: status === 'done' ? (task.finished_at ?? at) : task.finished_at, started_at: task.started_at ?? (done > 0 ? at : null) })
        .where('id', '=', taskId)
        .execute();
    }
    return status;
  }

  /**
   * The miss sweep (rule 4): tasks whose end + grace has passed get their open checkpoints
   * marked missed and their final status; the assignee's area administrator and the assistant
   * get one notification per task that is not done (dedupe key per task).
   */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const due = await this.db.selectFrom('round_tasks').selectAll().where('swept_at', 'is', null).where('status', 'in', ['pending', 'in_progress']).where('slot_end', '<', now.toISOString()).execute();
    let swept = 0;
    for (const task of due) {
      if (new Date(task.slot_end).getTime() + task.grace_min * 60_000 > now.getTime()) continue;
      const notified = await this.db.transaction().execute(async (trx) => {
        const took = await trx.updateTable('round_tasks').set({ swept_at: now.toISOString() }).where('id', '=', task.id).where('swept_at', 'is', null).executeTakeFirst();
        if (Number(took.numUpdatedRows) !== 1) return null;
        await trx.updateTable('round_task_points').set({ status: 'missed' }).where('task_id', '=', task.id).where('status', '=', 'pending').execute();
        const status = await this.refreshTask(trx, task.id);
        swept++;
        if (status === 'done') return null;
        const plan = await trx.selectFrom('round_plans').select('name').where('id', '=', task.plan_id).executeTakeFirstOrThrow();
        const users = [...(await this.tickets.areaManagers(trx, task.estate_id, task.area_id)), ...(await ticketRepository.staff(trx, task.estate_id, ['assistant']))];
        const title = { key: status === 'missed' ? 'notice.rounds.missed' : 'notice.rounds.partial', params: { plan: plan.name, slot: slotLabel(task.slot_start) } };
        const body = { key: 'notice.rounds.missedBody', params: { plan: plan.name, slot: slotLabel(task.slot_start) } };
        const ids = await this.notifications.notify(trx, { userIds: users, estateId: task.estate_id, kind: 'rounds.missed', title, body, dedupeKey: `rounds-missed:${task.id}` });
        return { ids, title, body };
      });
      if (notified) await this.notifications.deliver(notified.ids, notified.title, notified.body);
    }
    return swept;
  }

  /**
   * The daily summary at 18:00 on the estate's clock (HC 今日巡检报告): today's tasks by status,
   * unverified scans and findings, to the director, assistant and area administrators, once a day.
   */
  async dailySummary(): Promise<number> {
    const now = this.clock.now();
    const estates = await this.db.selectFrom('estates').select(['id', 'time_zone']).where('archived_at', 'is', null).execute();
    let sent = 0;
    for (const e of estates) {
      const date = localDate(now, e.time_zone);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: e.time_zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
      if (hour < 18) continue;
      const from = zonedInstant(date, '00:00', e.time_zone).toISOString();
      const to = new Date(Date.parse(from) + 86_400_000).toISOString();
      const tasks = await this.db.selectFrom('round_tasks').select(['status']).where('estate_id', '=', e.id).where('slot_start', '>=', from).where('slot_start', '<', to).execute();
      if (!tasks.length) continue;
      const count = (s: string) => tasks.filter((t) => t.status === s).length;
      const findings = await this.db.selectFrom('round_findings').select((eb) => eb.fn.countAll<number>().as('n')).where('estate_id', '=', e.id).where('created_at', '>=', from).where('created_at', '<', to).executeTakeFirstOrThrow();
      const params = { date, total: tasks.length, done: count('done'), partial: count('partial'), missed: count('missed'), open: count('pending') + count('in_progress'), findings: Number(findings.n) };
      const out = await this.db.transaction().execute(async (trx) => {
        const users = await ticketRepository.staff(trx, e.id, ['director', 'assistant', 'cs_admin']);
        const title = { key: 'notice.rounds.summary', params: { date } };
        const body = { key: 'notice.rounds.summaryBody', params };
        return { ids: await this.notifications.notify(trx, { userIds: users, estateId: e.id, kind: 'rounds.summary', title, body, dedupeKey: `rounds-summary:${e.id}:${date}` }), title, body };
      });
      if (out.ids.length) sent++;
      await this.notifications.deliver(out.ids, out.title, out.body);
    }
    return sent;
  }

  /** Closing or cancelling a ticket closes the findings it was opened for (X2). */
  async ticketFinal(trx: Executor, ticketId: number) {
    await trx.updateTable('round_findings').set({ status: 'closed', closed_at: this.clock.now().toISOString() }).where('ticket_id', '=', ticketId).where('status', '=', 'ticketed').execute();
  }
}

/** "12-01 08:30" in China time, for notification texts. */
export function slotLabel(iso: string, timeZone = 'Asia/Shanghai') {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

