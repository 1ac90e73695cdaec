import type { Clock } from '../../../../core/clock.ts';
import { localDate } from '../../../../core/clock.ts';
import {
  ACTOR_OF,
  annualScore,
  type AppraisalAction,
  type AppraisalStatus,
  APPRAISED_ROLES,
  type AppraisedRole,
  checkKpiSet,
  DEFAULT_SETS,
  finalScore,
  gradeOf,
  type KpiDef,
  type KpiGroup,
  MAX_ADJUSTMENT,
  nextStatus,
  round2,
  scoreSheet,
  SELF_ASSESS_DAYS,
} from '../../../../core/performance.ts';
import { seesWholeEstate } from '../../../../core/scope.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { type MetricRegistry, type MetricSubject, metricContext } from '../metrics/metric.registry.ts';
import { monthsPeriod } from '../period.ts';

const e4 = (x: number) => Math.round(x * 10_000);
const e2 = (x: number) => Math.round(x * 100);

export interface SheetLine extends KpiDef {
  label: { zh: string; en: string } | null;
  formula: { zh: string; en: string } | null;
  unit: string | null;
  /** false: no module provides the metric yet (dropped like missing data, said so on the sheet). */
  hasSource: boolean;
  numerator: number;
  denominator: number;
  value: number | null;
  score: number | null;
  effectiveWeight: number;
  dropped: boolean;
}

export interface Sheet {
  setId: number | null;
  version: number;
  role: string;
  subject: MetricSubject;
  from: string;
  to: string;
  lines: SheetLine[];
  score: number | null;
  droppedWeight: number;
  byGroup: Record<KpiGroup, number | null>;
  computedAt: string;
}

type Step = { text?: string | null; score?: number | null; adjustment?: number | null; reason?: string | null; evidence?: string | null };

/** Staff performance (R-PERF, M 6.1–6.2): KPI sets, live sheets, monthly and annual appraisals. */
export class PerformanceService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
    private metrics: MetricRegistry,
  ) {}

  private now() {
    return this.clock.now().toISOString();
  }

  private async timeZone(db: Executor, estateId: number) {
    const e = await db.selectFrom('estates').select('time_zone').where('id', '=', estateId).executeTakeFirst();
    if (!e) throw notFound('entity.estate');
    return e.time_zone;
  }

  // ---- KPI sets ------------------------------------------------------------------------------

  /** The set in force for a role in a month: the newest version effective by then, else the default. */
  async kpiSet(db: Executor, estateId: number, role: AppraisedRole, month: string) {
    const set = await db
      .selectFrom('kpi_sets')
      .selectAll()
      .where('estate_id', '=', estateId)
      .where('role', '=', role)
      .where('effective_from', '<=', month)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!set) return { id: null, version: 0, effectiveFrom: null, note: null, items: DEFAULT_SETS[role] };
    const items = await db.selectFrom('kpi_items').selectAll().where('set_id', '=', set.id).orderBy('sort').execute();
    return {
      id: set.id,
      version: set.version,
      effectiveFrom: set.effective_from,
      note: set.note,
      items: items.map((i): KpiDef => ({ code: i.code, metric: i.metric, group: i.group_key as KpiGroup, weight: i.weight, direction: i.direction as 'higher' | 'lower', floor: Number(i.floor_e4) / 10_000, target: Number(i.target_e4) / 10_000 })),
    };
  }

  async kpiSets(auth: AuthContext, estateId: number, role: AppraisedRole) {
    if (!seesWholeEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const month = localDate(this.clock.now()).slice(0, 7);
    const current = await this.kpiSet(this.db, estateId, role, month);
    const versions = await this.db.selectFrom('kpi_sets').select(['id', 'version', 'effective_from', 'note', 'created_at']).where('estate_id', '=', estateId).where('role', '=', role).orderBy('version', 'desc').execute();
    return { current: { ...current, items: current.items.map((i) => ({ ...i, hasSource: this.metrics.has(i.metric) })) }, versions: versions.map((v) => ({ id: v.id, version: v.version, effectiveFrom: v.effective_from, note: v.note, createdAt: v.created_at })) };
  }

  async saveKpiSet(actor: Actor, auth: AuthContext, input: { estateId: number; role: AppraisedRole; effectiveFrom: string; note: string | null; items: KpiDef[] }) {
    if (!seesWholeEstate(auth.scope, input.estateId)) throw forbidden();
    const problems = checkKpiSet(input.items);
    if (Object.keys(problems).length) throw new AppError('VALIDATION', { key: 'error.validation' }, Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, { key: v }])));
    return this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('kpi_sets').select('version').where('estate_id', '=', input.estateId).where('role', '=', input.role).orderBy('version', 'desc').executeTakeFirst();
      const version = (last?.version ?? 0) + 1;
      const { id } = await trx
        .insertInto('kpi_sets')
        .values({ estate_id: input.estateId, role: input.role, version, effective_from: input.effectiveFrom, note: input.note, created_by: actor.id, created_at: this.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('kpi_items')
        .values(input.items.map((i, sort) => ({ estate_id: input.estateId, set_id: id, code: i.code, metric: i.metric, group_key: i.group, weight: i.weight, direction: i.direction, floor_e4: e4(i.floor), target_e4: e4(i.target), sort })))
        .execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'kpi_set', entityId: id, estateId: input.estateId, summary: { key: 'audit.perf.kpiSet', params: { role: `audit.role.${input.role}`, version, from: input.effectiveFrom } } });
      return { id, version };
    });
  }

  // ---- who is measured on what ---------------------------------------------------------------

  private async staff(db: Executor, userId: number, estateId: number) {
    const u = await db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).where('id', '=', userId).executeTakeFirst();
    if (!u || !(APPRAISED_ROLES as readonly string[]).includes(u.role)) throw notFound('entity.user');
    const scopes = await db.selectFrom('user_scopes').select(['area_id']).where('user_id', '=', userId).where('estate_id', '=', estateId).execute();
    if (!scopes.length) throw notFound('entity.user');
    const areas = scopes.some((s) => s.area_id == null) ? null : scopes.map((s) => s.area_id!);
    const role = u.role as AppraisedRole;
    const subject: MetricSubject = role === 'dept_staff' ? { estateId, areaIds: null, assigneeId: u.id } : { estateId, areaIds: areas, assigneeId: null };
    return { id: u.id, name: u.display_name, role, areas, subject };
  }

  /** Staff see themselves; an assistant his areas' staff; the director and a whole-estate assistant everyone. */
  private canSee(auth: AuthContext, estateId: number, userId: number, areas: number[] | null) {
    if (auth.user.id === userId) return true;
    if (!['director', 'assistant', 'admin'].includes(auth.user.role)) return false;
    if (seesWholeEstate(auth.scope, estateId)) return true;
    return areas != null && areas.some((a) => auth.scope.areas.some((s) => s.estateId === estateId && s.areaId === a));
  }

  /** Computes a sheet for the months first…last (a live view, or the frozen appraisal snapshot). */
  async computeSheet(db: Executor, estateId: number, role: AppraisedRole, subject: MetricSubject, first: string, last: string): Promise<Sheet> {
    const set = await this.kpiSet(db, estateId, role, last);
    const tz = await this.timeZone(db, estateId);
    const period = monthsPeriod(first, last, tz, this.now());
    const ctx = metricContext(this.db, subject, period);
    const actuals: Record<string, { numerator: number; denominator: number; value: number | null }> = {};
    for (const k of set.items) {
      const src = this.metrics.get(k.metric);
      actuals[k.code] = src ? await src.compute(ctx) : { numerator: 0, denominator: 0, value: null };
    }
    const s = scoreSheet(set.items, actuals);
    return {
      setId: set.id,
      version: set.version,
      role,
      subject,
      from: period.fromDate,
      to: period.toDate,
      lines: s.lines.map((l) => {
        const src = this.metrics.get(l.metric);
        return { ...l, label: src?.label ?? null, formula: src?.formula ?? null, unit: src?.unit ?? null, hasSource: !!src };
      }),
      score: s.score == null ? null : round2(s.score),
      droppedWeight: s.droppedWeight,
      byGroup: s.byGroup,
      computedAt: this.now(),
    };
  }

  async live(auth: AuthContext, estateId: number, userId: number, month: string) {
    const st = await this.staff(this.db, userId, estateId);
    if (!this.canSee(auth, estateId, userId, st.areas)) throw notFound('entity.user');
    const sheet = await this.computeSheet(this.db, estateId, st.role, st.subject, month, month);
    return { user: { id: st.id, name: st.name, role: st.role }, month, sheet, grade: sheet.score == null ? null : gradeOf(sheet.score) };
  }

  /** The staff a viewer may look at in an estate (for the live board). */
  async staffList(auth: AuthContext, estateId: number) {
    const rows = await this.db
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'u.role', 's.area_id'])
      .where('s.estate_id', '=', estateId)
      .where('u.role', 'in', [...APPRAISED_ROLES])
      .where('u.active', '=', 1)
      .orderBy('u.id')
      .execute();
    const byUser = new Map<number, { id: number; name: string; role: string; areas: number[] | null }>();
    for (const r of rows) {
      const cur = byUser.get(r.id) ?? { id: r.id, name: r.display_name, role: r.role, areas: [] as number[] | null };
      cur.areas = r.area_id == null || cur.areas == null ? null : [...cur.areas, r.area_id];
      byUser.set(r.id, cur);
    }
    return [...byUser.values()].filter((u) => this.canSee(auth, estateId, u.id, u.areas));
  }

  // ---- appraisals ----------------------------------------------------------------------------

  /** A director generating a month now (the job does it on the 1st). */
  async generate(actor: Actor, auth: AuthContext, estateId: number, month: string) {
    if (!seesWholeEstate(auth.scope, estateId)) throw forbidden();
    return this.generateMonth(actor, estateId, month);
  }

  /** The monthly job (1st of the month): one frozen appraisal per appraised staff member for `month`. */
  async generateMonth(actor: Actor, estateId: number, month: string) {
    const users = await this.db
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select('u.id')
      .distinct()
      .where('s.estate_id', '=', estateId)
      .where('u.role', 'in', [...APPRAISED_ROLES])
      .where('u.active', '=', 1)
      .execute();
    const created: number[] = [];
    for (const { id: userId } of users) {
      const exists = await this.db.selectFrom('appraisals').select('id').where('user_id', '=', userId).where('period', '=', month).executeTakeFirst();
      if (exists) continue;
      const st = await this.staff(this.db, userId, estateId);
      const sheet = await this.computeSheet(this.db, estateId, st.role, st.subject, month, month);
      const today = localDate(this.clock.now());
      const due = new Date(Date.parse(`${today}T00:00:00Z`) + SELF_ASSESS_DAYS * 86_400_000).toISOString().slice(0, 10);
      const id = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('appraisals')
          .values({
            estate_id: estateId,
            user_id: userId,
            role: st.role,
            period: month,
            kind: 'month',
            set_id: sheet.setId,
            area_ids: st.areas ? JSON.stringify(st.areas) : null,
            snapshot: JSON.stringify(sheet),
            computed_e2: sheet.score == null ? null : e2(sheet.score),
            adjustment_e2: 0,
            final_e2: sheet.score == null ? null : e2(sheet.score),
            grade: sheet.score == null ? null : gradeOf(sheet.score),
            status: 'draft',
            self_due_on: due,
            created_at: this.now(),
            updated_at: this.now(),
          })
          .onConflict((oc) => oc.columns(['user_id', 'period']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return null;
        await this.audit.record(trx, actor, { action: 'create', entity: 'appraisal', entityId: row.id, estateId, ref: month, summary: { key: 'audit.perf.generated', params: { name: st.name, month } } });
        await this.notifications.notify(trx, { userIds: [userId], estateId, kind: 'appraisal', title: { key: 'notify.perf.generated.title', params: { month } }, body: { key: 'notify.perf.generated.body', params: { month, due } }, dedupeKey: `appraisal:${row.id}` });
        return row.id;
      });
      if (id) created.push(id);
    }
    return created;
  }

  private async load(db: Executor, id: number) {
    const a = await db.selectFrom('appraisals as a').innerJoin('users as u', 'u.id', 'a.user_id').selectAll('a').select(['u.display_name as name']).where('a.id', '=', id).executeTakeFirst();
    if (!a) throw notFound('entity.appraisal');
    return a;
  }

  private present(a: Awaited<ReturnType<PerformanceService['load']>>) {
    return {
      id: a.id,
      estateId: a.estate_id,
      userId: a.user_id,
      name: a.name,
      role: a.role,
      period: a.period,
      kind: a.kind,
      status: a.status as AppraisalStatus,
      sheet: JSON.parse(a.snapshot) as Sheet | { annual: unknown },
      computed: a.computed_e2 == null ? null : a.computed_e2 / 100,
      adjustment: a.adjustment_e2 / 100,
      adjustmentReason: a.adjustment_reason,
      adjustmentEvidence: a.adjustment_evidence,
      final: a.final_e2 == null ? null : a.final_e2 / 100,
      grade: a.grade,
      selfDueOn: a.self_due_on,
      selfText: a.self_text,
      selfScore: a.self_score,
      selfAt: a.self_at,
      reviewText: a.review_text,
      reviewedAt: a.reviewed_at,
      confirmedAt: a.confirmed_at,
      acknowledgedAt: a.acknowledged_at,
      appealText: a.appeal_text,
      appealedAt: a.appealed_at,
      createdAt: a.created_at,
    };
  }

  async get(auth: AuthContext, id: number) {
    const a = await this.load(this.db, id);
    if (!this.canSee(auth, a.estate_id, a.user_id, a.area_ids ? JSON.parse(a.area_ids) : null)) throw notFound('entity.appraisal');
    const plans = await this.db.selectFrom('development_plans').selectAll().where('appraisal_id', '=', id).orderBy('id').execute();
    const recognitions = await this.db.selectFrom('recognitions').selectAll().where('appraisal_id', '=', id).orderBy('id').execute();
    return {
      ...this.present(a),
      plans: plans.map((p) => ({ id: p.id, weakness: p.weakness, action: p.action, dueOn: p.due_on, status: p.status, doneAt: p.done_at })),
      recognitions: recognitions.map((r) => ({ id: r.id, text: r.text, createdAt: r.created_at })),
    };
  }

  async list(auth: AuthContext, f: { estateId: number; period?: string; userId?: number; status?: string }) {
    let q = this.db.selectFrom('appraisals as a').innerJoin('users as u', 'u.id', 'a.user_id').selectAll('a').select(['u.display_name as name']).where('a.estate_id', '=', f.estateId);
    if (f.period) q = q.where('a.period', '=', f.period);
    if (f.userId) q = q.where('a.user_id', '=', f.userId);
    if (f.status) q = q.where('a.status', '=', f.status);
    const rows = await q.orderBy('a.period', 'desc').orderBy('a.user_id').limit(500).execute();
    const items = rows.filter((a) => this.canSee(auth, a.estate_id, a.user_id, a.area_ids ? JSON.parse(a.area_ids) : null)).map((a) => {
      const { sheet: _sheet, ...rest } = this.present(a);
      return rest;
    });
    return { items, total: items.length };
  }

  /** One step of the appraisal's life; supervisors' steps may carry the adjustment (±10, reason and evidence). */
  async act(actor: Actor, auth: AuthContext, id: number, action: AppraisalAction, step: Step) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, id);
      const areas = a.area_ids ? (JSON.parse(a.area_ids) as number[]) : null;
      if (!this.canSee(auth, a.estate_id, a.user_id, areas)) throw notFound('entity.appraisal');
      const who = ACTOR_OF[action];
      if (who === 'self' && auth.user.id !== a.user_id) throw forbidden();
      if (who !== 'self' && auth.user.id === a.user_id) throw forbidden();
      const today = localDate(this.clock.now());
      const next = nextStatus(a.status as AppraisalStatus, action, today > a.self_due_on);
      if (!next) throw conflict('perf.error.state', { status: `audit.perf.status.${a.status}` });
      const now = this.now();
      const set: Record<string, unknown> = { status: next, updated_at: now };
      if (action === 'self_assess') Object.assign(set, { self_text: step.text ?? null, self_score: step.score ?? null, self_at: now });
      if (action === 'appeal') Object.assign(set, { appeal_text: step.text, appealed_at: now });
      if (action === 'acknowledge') set.acknowledged_at = now;
      if (action === 'review') Object.assign(set, { review_text: step.text ?? null, reviewed_by: actor.id, reviewed_at: now });
      if (action === 'confirm') Object.assign(set, { confirmed_by: actor.id, confirmed_at: now });
      if ((action === 'review' || action === 'confirm') && step.adjustment != null) {
        if (Math.abs(step.adjustment) > MAX_ADJUSTMENT) throw invalid('adjustment', 'perf.error.adjustment', { max: MAX_ADJUSTMENT });
        if (step.adjustment !== 0 && (!step.reason || !step.evidence)) throw invalid(step.reason ? 'evidence' : 'reason', 'field.required');
        const computed = a.computed_e2 == null ? null : a.computed_e2 / 100;
        const final = computed == null ? null : round2(finalScore(computed, step.adjustment));
        Object.assign(set, { adjustment_e2: e2(step.adjustment), adjustment_reason: step.adjustment ? step.reason : null, adjustment_evidence: step.adjustment ? step.evidence : null, final_e2: final == null ? null : e2(final), grade: final == null ? null : gradeOf(final) });
      }
      await trx.updateTable('appraisals').set(set).where('id', '=', id).where('status', '=', a.status).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'appraisal', entityId: id, estateId: a.estate_id, ref: a.period, summary: { key: `audit.perf.${action}`, params: { name: a.name, period: a.period } }, detail: step });
      if (action === 'confirm') await this.afterConfirm(trx, actor, { ...a, ...(set as object) } as typeof a);
      if (action === 'confirm' || action === 'review')
        await this.notifications.notify(trx, { userIds: [a.user_id], estateId: a.estate_id, kind: 'appraisal', title: { key: `notify.perf.${action}.title`, params: { period: a.period } }, body: { key: `notify.perf.${action}.body`, params: { period: a.period, grade: String(set.grade ?? a.grade ?? '—') } }, dedupeKey: `appraisal:${id}:${action}:${now}` });
      return { id, status: next };
    });
  }

  /** M 6.2: a development plan for weak results, a recognition for strong ones. */
  private async afterConfirm(trx: Executor, actor: Actor, a: { id: number; estate_id: number; user_id: number; grade: string | null; snapshot: string; kind: string }) {
    const today = localDate(this.clock.now());
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    if (a.grade === 'A') {
      await trx.insertInto('recognitions').values({ estate_id: a.estate_id, user_id: a.user_id, appraisal_id: a.id, text: '月度绩效 A 级，予以表扬，建议纳入评优', created_by: actor.id, created_at: this.now() }).execute();
      return;
    }
    if (a.kind !== 'month') return;
    const sheet = JSON.parse(a.snapshot) as Sheet;
    const weak = sheet.lines.filter((l) => !l.dropped && l.score != null && (a.grade === 'C' || a.grade === 'D' ? l.score < 100 : l.score < 50));
    for (const l of weak) {
      await trx
        .insertInto('development_plans')
        .values({ estate_id: a.estate_id, user_id: a.user_id, appraisal_id: a.id, weakness: `${l.label?.zh ?? l.metric}：得分 ${round2(l.score!)}`, action: '制定改进措施，安排针对性培训或带教，下月复核', due_on: due, status: 'open', created_by: actor.id, created_at: this.now() })
        .execute();
    }
  }

  /** Annual appraisal (M 6.1): the confirmed months plus the director's annual review (0–100). */
  async annual(actor: Actor, auth: AuthContext, input: { estateId: number; userId: number; year: string; review: number; note: string | null }) {
    if (!seesWholeEstate(auth.scope, input.estateId)) throw forbidden();
    const st = await this.staff(this.db, input.userId, input.estateId);
    const months = await this.db
      .selectFrom('appraisals')
      .select(['period', 'final_e2'])
      .where('user_id', '=', input.userId)
      .where('kind', '=', 'month')
      .where('period', 'like', `${input.year}-%`)
      .where('status', 'in', ['confirmed', 'acknowledged'])
      .execute();
    const scores = months.filter((m) => m.final_e2 != null).map((m) => m.final_e2! / 100);
    const score = annualScore(scores, input.review);
    if (score == null) throw conflict('perf.error.noMonths', { year: input.year });
    return this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('appraisals').select('id').where('user_id', '=', input.userId).where('period', '=', input.year).executeTakeFirst();
      if (exists) throw conflict('perf.error.annualExists', { year: input.year });
      const snapshot = { annual: { months: months.map((m) => ({ period: m.period, score: m.final_e2 == null ? null : m.final_e2 / 100 })), review: input.review, formula: '年度得分 = 70% × 已确认月度得分平均 + 30% × 年度评审得分', note: input.note } };
      const { id } = await trx
        .insertInto('appraisals')
        .values({
          estate_id: input.estateId,
          user_id: input.userId,
          role: st.role,
          period: input.year,
          kind: 'year',
          set_id: null,
          area_ids: st.areas ? JSON.stringify(st.areas) : null,
          snapshot: JSON.stringify(snapshot),
          computed_e2: e2(round2(score)),
          adjustment_e2: 0,
          final_e2: e2(round2(score)),
          grade: gradeOf(score),
          status: 'reviewed',
          self_due_on: localDate(this.clock.now()),
          review_text: input.note,
          reviewed_by: actor.id,
          reviewed_at: this.now(),
          annual_review_e2: e2(input.review),
          created_at: this.now(),
          updated_at: this.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'appraisal', entityId: id, estateId: input.estateId, ref: input.year, summary: { key: 'audit.perf.annual', params: { name: st.name, year: input.year } } });
      return { id };
    });
  }

  // ---- development plans, recognitions, training (M 2.5, 6.2) ---------------------------------

  async plans(auth: AuthContext, estateId: number, userId?: number) {
    // As trainings(): an estate one has nothing of is not there (a director elsewhere saw every plan).
    if (!seesWholeEstate(auth.scope, estateId) && !auth.scope.areas.some((a) => a.estateId === estateId)) throw notFound('entity.estate');
    let q = this.db.selectFrom('development_plans as p').innerJoin('users as u', 'u.id', 'p.user_id').selectAll('p').select('u.display_name as name').where('p.estate_id', '=', estateId);
    if (userId) q = q.where('p.user_id', '=', userId);
    if (!seesWholeEstate(auth.scope, estateId) && !['director', 'assistant'].includes(auth.user.role)) q = q.where('p.user_id', '=', auth.user.id);
    const rows = await q.orderBy('p.id', 'desc').limit(500).execute();
    return { items: rows.map((p) => ({ id: p.id, userId: p.user_id, name: p.name, appraisalId: p.appraisal_id, weakness: p.weakness, action: p.action, dueOn: p.due_on, status: p.status, doneAt: p.done_at })) };
  }

  async planDone(actor: Actor, auth: AuthContext, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('development_plans').selectAll().where('id', '=', id).executeTakeFirst();
      // The same rule as the list (plans()): one's own plan, or the plans of the estate one sees whole
      // or supervises; an area administrator does not see, so cannot close, a colleague's plan.
      const supervises = ['director', 'assistant'].includes(auth.user.role) && auth.scope.areas.some((a) => a.estateId === p?.estate_id);
      if (!p || !(p.user_id === auth.user.id || seesWholeEstate(auth.scope, p.estate_id) || supervises)) throw notFound('entity.plan');
      if (p.status !== 'open') throw conflict('perf.error.planDone');
      await trx.updateTable('development_plans').set({ status: 'done', done_at: this.now() }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'development_plan', entityId: id, estateId: p.estate_id, summary: { key: 'audit.perf.planDone', params: { weakness: p.weakness } } });
      return { id, status: 'done' };
    });
  }

  async trainings(auth: AuthContext, estateId: number) {
    if (!seesWholeEstate(auth.scope, estateId) && !auth.scope.areas.some((a) => a.estateId === estateId)) throw notFound('entity.estate');
    const rows = await this.db.selectFrom('training_records').selectAll().where('estate_id', '=', estateId).orderBy('held_on', 'desc').limit(500).execute();
    return { items: rows.map((r) => ({ id: r.id, course: r.course, heldOn: r.held_on, hours: r.hours_e1 / 10, trainer: r.trainer, attendees: JSON.parse(r.attendees) as number[], result: r.result, createdAt: r.created_at })) };
  }

  async addTraining(actor: Actor, auth: AuthContext, input: { estateId: number; course: string; heldOn: string; hours: number; trainer: string; attendees: number[]; result: string | null }) {
    if (!seesWholeEstate(auth.scope, input.estateId)) throw forbidden();
    return this.db.transaction().execute(async (trx) => {
      const known = await trx.selectFrom('user_scopes').select('user_id').distinct().where('estate_id', '=', input.estateId).where('user_id', 'in', input.attendees).execute();
      if (known.length !== new Set(input.attendees).size) throw invalid('attendees', 'field.notInEstate');
      const { id } = await trx
        .insertInto('training_records')
        .values({ estate_id: input.estateId, course: input.course, held_on: input.heldOn, hours_e1: Math.round(input.hours * 10), trainer: input.trainer, attendees: JSON.stringify([...new Set(input.attendees)]), result: input.result, created_by: actor.id, created_at: this.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'training_record', entityId: id, estateId: input.estateId, summary: { key: 'audit.perf.training', params: { course: input.course, n: input.attendees.length } } });
      return { id };
    });
  }
}
