import { sql } from 'kysely';
import type { Clock } from '../../../../core/clock.ts';
import { localDate } from '../../../../core/clock.ts';
import {
  ACTION_NEXT,
  type ActionStatus,
  countRepeats,
  type DimensionCounts,
  type RankedDimension,
  rankWeaknesses,
  verifyAction,
} from '../../../../core/improvement.ts';
import { seesArea, seesEstate, seesWholeEstate } from '../../../../core/scope.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { households } from '../metrics/desk.metrics.ts';
import { type MetricRegistry, metricContext } from '../metrics/metric.registry.ts';
import { monthsPeriod, prevMonth } from '../period.ts';

/** The sign dimension (标识, M 4.3) next to the classifier's categories. */
export const SIGN_DIMENSION = '标识';
const FINISHED = ['resolved', 'confirmed', 'closed'];
const finished = sql.join(FINISHED.map((s) => sql.lit(s)));
const n = (expr: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${expr} then 1 else 0 end), 0)`;
const e4 = (x: number) => Math.round(x * 10_000);

export interface WeaknessReport {
  estateId: number;
  areaId: number | null;
  month: string;
  households: number;
  dimensions: RankedDimension[];
  top: RankedDimension[];
  computedAt: string;
}

type ActionInput = {
  estateId: number;
  areaId: number | null;
  source: string;
  sourceRef: string | null;
  type: string;
  dimension: string | null;
  problem: string;
  rootCause: string;
  metric: string;
  target: number;
  reviewMonth: string;
  rows: Array<{ what: string; ownerId: number | null; dueOn: string }>;
};

/** Continuous improvement (R-IMPROVE, M 7.1–7.2): the monthly weakness report and improvement actions verified by the data. */
export class ImprovementService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private metrics: MetricRegistry,
  ) {}

  private now() {
    return this.clock.now().toISOString();
  }

  private async tz(estateId: number) {
    const e = await this.db.selectFrom('estates').select('time_zone').where('id', '=', estateId).executeTakeFirst();
    if (!e) throw notFound('entity.estate');
    return e.time_zone;
  }

  private checkRead(auth: AuthContext, estateId: number, areaId: number | null) {
    if (areaId == null ? !seesWholeEstate(auth.scope, estateId) : !seesArea(auth.scope, estateId, areaId)) throw notFound(areaId == null ? 'entity.estate' : 'entity.area');
  }

  /** Counts per dimension for one month and scope: the ticket categories plus 标识. */
  private async counts(estateId: number, areaId: number | null, month: string, tz: string): Promise<{ counts: DimensionCounts[]; households: number }> {
    const p = monthsPeriod(month, month, tz, this.now());
    const base = () => {
      let q = this.db.selectFrom('tickets as t').leftJoin('ticket_categories as c', 'c.id', 't.category_id').where('t.estate_id', '=', estateId).where('t.created_at', '>=', p.from).where('t.created_at', '<', p.to).where('t.status', '<>', 'cancelled');
      if (areaId != null) q = q.where('t.area_id', '=', areaId);
      return q;
    };
    const dim = sql<string>`coalesce(c.category, '其他')`;
    const [rows, visits, recent, categories] = await Promise.all([
      base()
        .select([
          dim.as('dimension'),
          sql<number>`count(*)`.as('tickets'),
          n(sql`t.type = 'complaint'`).as('complaints'),
          n(sql`t.status in (${finished})`).as('resolved'),
          n(sql`t.status in (${finished}) and t.reopen_count > 0`).as('reopened'),
          n(sql`t.status in (${finished}) and t.resolved_at <= t.resolution_due_at`).as('timely_met'),
          n(sql`t.status in (${finished}) or t.resolution_due_at < ${p.now}`).as('timely_measured'),
        ])
        .groupBy(dim)
        .execute(),
      base()
        .innerJoin('return_visits as v', 'v.ticket_id', 't.id')
        .where('v.score', 'is not', null)
        .select([dim.as('dimension'), sql<number>`count(*)`.as('visits'), n(sql`v.score <= 2`).as('bad'), sql<number>`coalesce(sum(v.score), 0)`.as('score_sum')])
        .groupBy(dim)
        .execute(),
      // repeats look back 30 days before the month
      (() => {
        let q = this.db
          .selectFrom('tickets as t')
          .leftJoin('ticket_categories as c', 'c.id', 't.category_id')
          .where('t.estate_id', '=', estateId)
          .where('t.unit_id', 'is not', null)
          .where('t.created_at', '>=', new Date(Date.parse(p.from) - 30 * 86_400_000).toISOString())
          .where('t.created_at', '<', p.to)
          .where('t.status', '<>', 'cancelled');
        if (areaId != null) q = q.where('t.area_id', '=', areaId);
        return q.select(['t.unit_id', 't.created_at', dim.as('dimension')]).execute();
      })(),
      this.db.selectFrom('ticket_categories').select('category').distinct().where('estate_id', '=', estateId).execute(),
    ]);
    const start = Date.parse(p.from);
    const before = recent.filter((r) => Date.parse(r.created_at) < start);
    const inMonth = recent.filter((r) => Date.parse(r.created_at) >= start);
    // A repeat counts in the month it happened; earlier tickets only open the 30-day window.
    const all = countRepeats([...before, ...inMonth].map((r) => ({ unit: r.unit_id, dimension: r.dimension, at: Date.parse(r.created_at) })));
    const onlyBefore = countRepeats(before.map((r) => ({ unit: r.unit_id, dimension: r.dimension, at: Date.parse(r.created_at) })));
    const dims = new Set([...categories.map((c) => c.category), ...rows.map((r) => r.dimension), SIGN_DIMENSION]);
    const ctx = metricContext(this.db, { estateId, areaIds: areaId == null ? null : [areaId], assigneeId: null }, p);
    const hh = await households(ctx);
    const signFindings = this.metrics.get('field.signFindings');
    const signs = signFindings ? await signFindings.compute(ctx) : null;
    const counts = [...dims].map((d): DimensionCounts => {
      const r = rows.find((x) => x.dimension === d);
      const v = visits.find((x) => x.dimension === d);
      return {
        dimension: d,
        tickets: Number(r?.tickets ?? 0),
        complaints: Number(r?.complaints ?? 0),
        visits: Number(v?.visits ?? 0),
        badVisits: Number(v?.bad ?? 0),
        scoreSum: Number(v?.score_sum ?? 0),
        resolved: Number(r?.resolved ?? 0),
        reopened: Number(r?.reopened ?? 0),
        timelyMet: Number(r?.timely_met ?? 0),
        timelyMeasured: Number(r?.timely_measured ?? 0),
        repeats: (all[d] ?? 0) - (onlyBefore[d] ?? 0),
        findings: d === SIGN_DIMENSION && signs ? signs.numerator : 0,
        survey: null,
      };
    });
    return { counts, households: hh };
  }

  /** Weakness of each ranked dimension in a month (for change and trend): the stored report when there is one. */
  private async history(estateId: number, areaId: number | null, month: string, tz: string): Promise<Record<string, number>> {
    const stored = await this.db.selectFrom('monthly_reports').select('data').where('estate_id', '=', estateId).where('area_key', '=', areaId ?? 0).where('kind', '=', 'weakness').where('month', '=', month).executeTakeFirst();
    const dims: RankedDimension[] = stored ? (JSON.parse(stored.data) as WeaknessReport).dimensions : rankWeaknesses((await this.counts(estateId, areaId, month, tz)).counts, 1, []);
    return Object.fromEntries(dims.filter((d) => d.ranked).map((d) => [d.dimension, d.weakness]));
  }

  async compute(estateId: number, areaId: number | null, month: string): Promise<WeaknessReport> {
    const tz = await this.tz(estateId);
    const [{ counts, households: hh }, h1, h2] = await Promise.all([this.counts(estateId, areaId, month, tz), this.history(estateId, areaId, prevMonth(month), tz), this.history(estateId, areaId, prevMonth(month, 2), tz)]);
    const dimensions = rankWeaknesses(counts, hh, [h1, h2]);
    return { estateId, areaId, month, households: hh, dimensions, top: dimensions.filter((d) => d.rank != null && d.rank <= 5), computedAt: this.now() };
  }

  /** The month's report: frozen when the monthly job has stored it, else computed now. */
  async report(auth: AuthContext, estateId: number, areaId: number | null, month: string) {
    this.checkRead(auth, estateId, areaId);
    const stored = await this.db.selectFrom('monthly_reports').select(['data']).where('estate_id', '=', estateId).where('area_key', '=', areaId ?? 0).where('kind', '=', 'weakness').where('month', '=', month).executeTakeFirst();
    if (stored) return { ...(JSON.parse(stored.data) as WeaknessReport), frozen: true };
    return { ...(await this.compute(estateId, areaId, month)), frozen: false };
  }

  /** The monthly job: stores the estate's and each area's report for the month (once). */
  async freeze(estateId: number, month: string) {
    const areas = await this.db.selectFrom('areas').select('id').where('estate_id', '=', estateId).where('archived_at', 'is', null).execute();
    for (const areaId of [null, ...areas.map((a) => a.id)]) {
      const report = await this.compute(estateId, areaId, month);
      await this.db
        .insertInto('monthly_reports')
        .values({ estate_id: estateId, area_key: areaId ?? 0, kind: 'weakness', month, data: JSON.stringify(report), created_at: this.now() })
        .onConflict((oc) => oc.columns(['estate_id', 'area_key', 'kind', 'month']).doNothing())
        .execute();
    }
  }

  /** Drill-down: the dimension's tickets of the month with their return visits (score, tags, comment). */
  async tickets(auth: AuthContext, estateId: number, areaId: number | null, month: string, dimension: string) {
    this.checkRead(auth, estateId, areaId);
    const p = monthsPeriod(month, month, await this.tz(estateId), this.now());
    let q = this.db
      .selectFrom('tickets as t')
      .leftJoin('ticket_categories as c', 'c.id', 't.category_id')
      .leftJoin('return_visits as v', (j) => j.onRef('v.ticket_id', '=', 't.id').on('v.score', 'is not', null))
      .where('t.estate_id', '=', estateId)
      .where('t.created_at', '>=', p.from)
      .where('t.created_at', '<', p.to)
      .where('t.status', '<>', 'cancelled')
      .where(sql<string>`coalesce(c.category, '其他')`, '=', dimension);
    if (areaId != null) q = q.where('t.area_id', '=', areaId);
    const rows = await q
      .select(['t.id', 't.number', 't.title', 't.type', 't.status', 't.created_at', 't.reopen_count', 't.rating_comment', 'v.score', 'v.tags', 'v.comment'])
      .orderBy('v.score')
      .orderBy('t.created_at', 'desc')
      .limit(300)
      .execute();
    return {
      items: rows.map((r) => ({ id: r.id, number: r.number, title: r.title, type: r.type, status: r.status, createdAt: r.created_at, reopened: r.reopen_count > 0, score: r.score, tags: r.tags ? (JSON.parse(r.tags) as string[]) : [], comment: r.comment ?? r.rating_comment ?? null })),
    };
  }

  // ---- improvement actions ---------------------------------------------------------------------

  /** A metric code from the registry, or `weakness:<dimension>` (the dimension's weakness score, lower better). */
  private async value(estateId: number, areaId: number | null, metric: string, month: string): Promise<number | null> {
    if (metric.startsWith('weakness:')) {
      const r = await this.compute(estateId, areaId, month);
      const d = r.dimensions.find((x) => x.dimension === metric.slice(9));
      return d && d.ranked ? d.weakness : null;
    }
    const src = this.metrics.get(metric);
    if (!src) return null;
    const ctx = metricContext(this.db, { estateId, areaIds: areaId == null ? null : [areaId], assigneeId: null }, monthsPeriod(month, month, await this.tz(estateId), this.now()));
    return (await src.compute(ctx)).value;
  }

  private lowerBetter(metric: string) {
    return metric.startsWith('weakness:') || this.metrics.get(metric)?.direction === 'lower';
  }

  async createAction(actor: Actor, auth: AuthContext, input: ActionInput) {
    if (input.areaId == null ? !seesWholeEstate(auth.scope, input.estateId) : !seesArea(auth.scope, input.estateId, input.areaId)) throw forbidden();
    if (!input.metric.startsWith('weakness:') && !this.metrics.has(input.metric)) throw invalid('metric', 'improve.error.metric');
    const thisMonth = localDate(this.clock.now()).slice(0, 7);
    if (input.reviewMonth <= thisMonth) throw invalid('reviewMonth', 'improve.error.reviewMonth');
    const baseline = await this.value(input.estateId, input.areaId, input.metric, prevMonth(thisMonth));
    return this.db.transaction().execute(async (trx) => {
      if (input.areaId != null) {
        const a = await trx.selectFrom('areas').select('id').where('id', '=', input.areaId).where('estate_id', '=', input.estateId).executeTakeFirst();
        if (!a) throw invalid('areaId', 'field.notInEstate');
      }
      const owners = input.rows.map((r) => r.ownerId).filter((x): x is number => x != null);
      if (owners.length) {
        const known = await trx.selectFrom('user_scopes').select('user_id').distinct().where('estate_id', '=', input.estateId).where('user_id', 'in', owners).execute();
        if (known.length !== new Set(owners).size) throw invalid('rows', 'field.notInEstate');
      }
      const now = this.now();
      const { id } = await trx
        .insertInto('improvement_actions')
        .values({
          estate_id: input.estateId,
          area_id: input.areaId,
          source: input.source,
          source_ref: input.sourceRef,
          type: input.type,
          dimension: input.dimension,
          problem: input.problem,
          root_cause: input.rootCause,
          metric: input.metric,
          baseline_e4: baseline == null ? null : e4(baseline),
          target_e4: e4(input.target),
          review_month: input.reviewMonth,
          status: 'proposed',
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.rows.length) await trx.insertInto('improvement_action_rows').values(input.rows.map((r) => ({ estate_id: input.estateId, action_id: id, what: r.what, owner_id: r.ownerId, due_on: r.dueOn, created_at: now }))).execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'improvement_action', entityId: id, estateId: input.estateId, summary: { key: 'audit.improve.create', params: { problem: input.problem.slice(0, 60) } } });
      return { id };
    });
  }

  private async loadAction(db: Executor, id: number) {
    const a = await db.selectFrom('improvement_actions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound('entity.improvementAction');
    return a;
  }

  private presentAction(a: Awaited<ReturnType<ImprovementService['loadAction']>>, rows: Array<{ id: number; what: string; owner_id: number | null; owner: string | null; due_on: string; done_at: string | null }>) {
    return {
      id: a.id,
      estateId: a.estate_id,
      areaId: a.area_id,
      source: a.source,
      sourceRef: a.source_ref,
      type: a.type,
      dimension: a.dimension,
      problem: a.problem,
      rootCause: a.root_cause,
      metric: a.metric,
      metricLabel: a.metric.startsWith('weakness:') ? null : (this.metrics.get(a.metric)?.label ?? null),
      lowerBetter: this.lowerBetter(a.metric),
      baseline: a.baseline_e4 == null ? null : Number(a.baseline_e4) / 10_000,
      target: Number(a.target_e4) / 10_000,
      reviewMonth: a.review_month,
      status: a.status as ActionStatus,
      approvedAt: a.approved_at,
      verifiedAt: a.verified_at,
      verified: a.verified_e4 == null ? null : Number(a.verified_e4) / 10_000,
      createdAt: a.created_at,
      rows: rows.map((r) => ({ id: r.id, what: r.what, ownerId: r.owner_id, owner: r.owner, dueOn: r.due_on, doneAt: r.done_at })),
    };
  }

  private rowsOf(db: Executor, ids: number[]) {
    if (!ids.length) return Promise.resolve([]);
    return db.selectFrom('improvement_action_rows as r').leftJoin('users as u', 'u.id', 'r.owner_id').select(['r.id', 'r.action_id', 'r.what', 'r.owner_id', 'u.display_name as owner', 'r.due_on', 'r.done_at']).where('r.action_id', 'in', ids).orderBy('r.id').execute();
  }

  async actions(auth: AuthContext, estateId: number, status?: string) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    let q = this.db.selectFrom('improvement_actions').selectAll().where('estate_id', '=', estateId);
    if (status) q = q.where('status', '=', status);
    const list = (await q.orderBy('id', 'desc').limit(500).execute())// estate-wide actions concern everyone in the estate; an area's only those who see it
      .filter((a) => a.area_id == null || seesArea(auth.scope, estateId, a.area_id));
    const rows = await this.rowsOf(this.db, list.map((a) => a.id));
    return { items: list.map((a) => this.presentAction(a, rows.filter((r) => r.action_id === a.id))) };
  }

  async action(auth: AuthContext, id: number) {
    const a = await this.loadAction(this.db, id);
    if (!(a.area_id == null ? seesEstate(auth.scope, a.estate_id) : seesArea(auth.scope, a.estate_id, a.area_id))) throw notFound('entity.improvementAction');
    return this.presentAction(a, await this.rowsOf(this.db, [id]));
  }

  /** approve (director), start, submit for verification, cancel; verification itself is the data's. */
  async move(actor: Actor, auth: AuthContext, id: number, to: 'approved' | 'in_progress' | 'verifying' | 'cancelled' | 'proposed') {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.loadAction(trx, id);
      if (!(a.area_id == null ? seesWholeEstate(auth.scope, a.estate_id) : seesArea(auth.scope, a.estate_id, a.area_id))) throw notFound('entity.improvementAction');
      if (to === 'approved' && auth.user.role !== 'director') throw forbidden();
      if (!ACTION_NEXT[a.status as ActionStatus].includes(to)) throw conflict('improve.error.state', { status: `audit.improve.status.${a.status}` });
      const now = this.now();
      await trx
        .updateTable('improvement_actions')
        .set({ status: to, updated_at: now, ...(to === 'approved' ? { approved_by: actor.id, approved_at: now } : {}) })
        .where('id', '=', id)
        .where('status', '=', a.status)
        .execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'improvement_action', entityId: id, estateId: a.estate_id, summary: { key: 'audit.improve.move', params: { problem: a.problem.slice(0, 60), status: `audit.improve.status.${to}` } } });
      return { id, status: to };
    });
  }

  async rowDone(actor: Actor, auth: AuthContext, id: number, rowId: number) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.loadAction(trx, id);
      const r = await trx.selectFrom('improvement_action_rows').selectAll().where('id', '=', rowId).where('action_id', '=', id).executeTakeFirst();
      if (!r || !(a.area_id == null ? seesEstate(auth.scope, a.estate_id) : seesArea(auth.scope, a.estate_id, a.area_id))) throw notFound('entity.improvementAction');
      if (r.owner_id !== auth.user.id && !['director', 'assistant'].includes(auth.user.role)) throw forbidden();
      if (r.done_at) throw conflict('improve.error.rowDone');
      if (!['approved', 'in_progress'].includes(a.status)) throw conflict('improve.error.state', { status: `audit.improve.status.${a.status}` });
      await trx.updateTable('improvement_action_rows').set({ done_at: this.now() }).where('id', '=', rowId).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'improvement_action', entityId: id, estateId: a.estate_id, summary: { key: 'audit.improve.rowDone', params: { what: r.what.slice(0, 60) } } });
      return { id: rowId };
    });
  }

  /**
   * Verification by the data (design C.3.2): once the review month is over, the action's metric of
   * that month decides effective / not effective. The daily job calls this for every action due.
   */
  async verify(actor: Actor, id: number) {
    const a = await this.loadAction(this.db, id);
    const thisMonth = localDate(this.clock.now()).slice(0, 7);
    if (a.status !== 'verifying' && a.status !== 'in_progress') throw conflict('improve.error.state', { status: `audit.improve.status.${a.status}` });
    if (a.review_month >= thisMonth) throw conflict('improve.error.notDue', { month: a.review_month });
    const actual = await this.value(a.estate_id, a.area_id, a.metric, a.review_month);
    const result = verifyAction(a.baseline_e4 == null ? null : Number(a.baseline_e4) / 10_000, Number(a.target_e4) / 10_000, actual, this.lowerBetter(a.metric));
    if (!result) return { id, status: a.status, actual };
    return this.db.transaction().execute(async (trx) => {
      const now = this.now();
      await trx.updateTable('improvement_actions').set({ status: result, verified_at: now, verified_e4: actual == null ? null : e4(actual), updated_at: now }).where('id', '=', id).where('status', '=', a.status).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'improvement_action', entityId: id, estateId: a.estate_id, summary: { key: 'audit.improve.verified', params: { problem: a.problem.slice(0, 60), status: `audit.improve.status.${result}` } } });
      return { id, status: result, actual };
    });
  }

  async verifyDue(actor: Actor, estateId: number) {
    const thisMonth = localDate(this.clock.now()).slice(0, 7);
    const due = await this.db.selectFrom('improvement_actions').select('id').where('estate_id', '=', estateId).where('status', 'in', ['in_progress', 'verifying']).where('review_month', '<', thisMonth).execute();
    const out = [];
    for (const { id } of due) out.push(await this.verify(actor, id));
    return out;
  }
}

