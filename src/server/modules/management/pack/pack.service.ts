import { sql } from 'kysely';
import type { Clock } from '../../../../core/clock.ts';
import { seesArea, seesWholeEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { type MetricContext, type MetricRegistry, type MetricResult, type MetricSource, metricContext, ratio } from '../metrics/metric.registry.ts';
import { monthsPeriod, nextMonth } from '../period.ts';
import { PACK_TARGETS } from './pack.targets.ts';

export type TargetStatus = 'green' | 'red' | 'no_data' | 'no_source';

export interface PackFigure extends MetricResult {
  status: TargetStatus;
}

const statusOf = (hasSource: boolean, r: MetricResult | null, target: number): TargetStatus => {
  if (!hasSource || !r) return 'no_source';
  if (r.value == null) return 'no_data';
  // rates are compared at 4 decimals so 0.95 computed as 0.9499999… is not red
  return Math.round(r.value * 10_000) >= Math.round(target * 10_000) ? 'green' : 'red';
};

/** The director's monthly pack: every manual target for the month and the year to date, red/green, with formulas and links. */
export class PackService {
  constructor(
    private db: Db,
    private clock: Clock,
    private metrics: MetricRegistry,
  ) {}

  now() {
    return this.clock.now();
  }

  private async estate(estateId: number) {
    const e = await this.db.selectFrom('estates').select(['id', 'name', 'time_zone']).where('id', '=', estateId).executeTakeFirst();
    if (!e) throw notFound('entity.estate');
    return e;
  }

  private context(estateId: number, first: string, last: string, tz: string) {
    return metricContext(this.db, { estateId, areaIds: null, assigneeId: null }, monthsPeriod(first, last, tz, this.clock.now().toISOString()));
  }

  async build(auth: AuthContext, estateId: number, month: string) {
    if (!seesWholeEstate(auth.scope, estateId)) throw notFound('entity.estate');
    return this.compute(estateId, month);
  }

  /** The month figures of the packs frozen for the year's earlier months (monthly_reports, area 0), by month and metric. */
  private async frozenMonths(estateId: number, month: string): Promise<Map<string, Map<string, MetricResult>>> {
    const first = `${month.slice(0, 4)}-01`;
    const rows = await this.db
      .selectFrom('monthly_reports')
      .select(['month', 'data'])
      .where('estate_id', '=', estateId)
      .where('area_key', '=', 0)
      .where('kind', '=', 'pack')
      .where('month', '>=', first)
      .where('month', '<', month)
      .execute();
    const out = new Map<string, Map<string, MetricResult>>();
    for (const r of rows) {
      const data = JSON.parse(r.data) as { rows: Array<{ metric: string; hasSource: boolean; month: MetricResult }> };
      out.set(r.month, new Map(data.rows.filter((x) => x.hasSource).map((x) => [x.metric, { numerator: Number(x.month.numerator), denominator: Number(x.month.denominator), value: x.month.value }])));
    }
    return out;
  }

  /**
   * The year to date of an additive metric: the month figures of the packs frozen on each 1st (what
   * the director was given) plus this month computed live; months without a frozen pack (before the
   * app was used, a missed run) are computed from the records, one query per run of such months.
   */
  private async summedYtd(src: MetricSource, estateId: number, month: string, tz: string, live: MetricResult, frozen: Map<string, Map<string, MetricResult>>, gaps: Map<string, MetricContext>) {
    let numerator = live.numerator;
    let denominator = live.denominator;
    const runs: string[][] = [];
    let run: string[] = [];
    for (let m = `${month.slice(0, 4)}-01`; m < month; m = nextMonth(m)) {
      const f = frozen.get(m)?.get(src.code);
      if (!f) {
        run.push(m);
        continue;
      }
      numerator += f.numerator;
      denominator += f.denominator;
      if (run.length) runs.push(run);
      run = [];
    }
    if (run.length) runs.push(run);
    for (const r of runs) {
      const key = `${r[0]}..${r.at(-1)}`;
      if (!gaps.has(key)) gaps.set(key, this.context(estateId, r[0]!, r.at(-1)!, tz));
      const x = await src.compute(gaps.get(key)!);
      numerator += x.numerator;
      denominator += x.denominator;
    }
    return ratio(numerator, denominator);
  }

  /**
   * Every target for the month and the year to date. `ytd: 'raw'` recomputes the year to date from the
   * records (the reference the tests compare the frozen-month sum with).
   */
  async compute(estateId: number, month: string, opts: { ytd?: 'frozen' | 'raw' } = {}) {
    const e = await this.estate(estateId);
    const first = `${month.slice(0, 4)}-01`;
    const ctx = { month: this.context(estateId, month, month, e.time_zone), ytd: this.context(estateId, first, month, e.time_zone) };
    const frozen = opts.ytd === 'raw' ? new Map<string, Map<string, MetricResult>>() : await this.frozenMonths(estateId, month);
    const gaps = new Map<string, MetricContext>();
    const figures = async (src: MetricSource): Promise<[MetricResult, MetricResult]> => {
      const m = await src.compute(ctx.month);
      // January's year to date is the month; so is a figure as of the period's end (both end on its last day)
      if (month === first || (src.asOfEnd && opts.ytd !== 'raw')) return [m, m];
      if (opts.ytd === 'raw' || !src.additive) return [m, await src.compute(ctx.ytd)];
      return [m, await this.summedYtd(src, estateId, month, e.time_zone, m, frozen, gaps)];
    };
    const computed = await Promise.all(PACK_TARGETS.map((t) => {
      const src = this.metrics.get(t.metric);
      return src ? figures(src) : Promise.resolve([null, null] as const);
    }));
    const rows = PACK_TARGETS.map((t, i) => {
      const src = this.metrics.get(t.metric);
      const [m, y] = computed[i]!;
      return {
        code: t.code,
        manual: t.manual,
        label: t.label,
        metric: t.metric,
        target: t.target,
        hasSource: !!src,
        formula: src?.formula ?? null,
        unit: src?.unit ?? null,
        month: { ...(m ?? { numerator: 0, denominator: 0, value: null }), status: statusOf(!!src, m, t.target) } as PackFigure,
        ytd: { ...(y ?? { numerator: 0, denominator: 0, value: null }), status: statusOf(!!src, y, t.target) } as PackFigure,
        drill: !!src?.records,
        page: src?.page?.(ctx.month) ?? null,
      };
    });
    const frozenMonths = [...frozen.keys()].sort();
    return { estateId, estateName: e.name, month, from: ctx.month.fromDate, to: ctx.month.toDate, ytdFrom: ctx.ytd.fromDate, frozenMonths, rows, special: await this.special(estateId, month, e.time_zone), computedAt: this.clock.now().toISOString() };
  }

  /** M 4.11.4: the month's special services (特约服务) by status and department, and their fees. */
  async special(estateId: number, month: string, tz: string) {
    const p = monthsPeriod(month, month, tz, this.clock.now().toISOString());
    const rows = await this.db
      .selectFrom('tickets')
      .select(['status', sql<string>`coalesce(department, '')`.as('department'), sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(price), 0)`.as('price')])
      .where('estate_id', '=', estateId)
      .where('type', '=', 'special_service')
      .where('created_at', '>=', p.from)
      .where('created_at', '<', p.to)
      .groupBy(['status', sql`coalesce(department, '')`])
      .execute();
    const byStatus: Record<string, number> = {};
    const byDepartment: Record<string, number> = {};
    let total = 0;
    let priced = 0;
    for (const r of rows) {
      const n = Number(r.n);
      total += n;
      priced += Number(r.price);
      byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
      byDepartment[r.department || 'unassigned'] = (byDepartment[r.department || 'unassigned'] ?? 0) + n;
    }
    return { total, priced, byStatus, byDepartment };
  }

  /** The records behind one figure (drill-down from a red target), failing ones first. */
  async records(auth: AuthContext, q: { estateId: number; areaId?: number; month: string; metric: string; ytd?: boolean }) {
    if (q.areaId == null ? !seesWholeEstate(auth.scope, q.estateId) : !seesArea(auth.scope, q.estateId, q.areaId)) throw notFound('entity.estate');
    const src = this.metrics.get(q.metric);
    if (!src) throw notFound('entity.metric');
    const e = await this.estate(q.estateId);
    const now = this.clock.now().toISOString();
    const first = q.ytd ? `${q.month.slice(0, 4)}-01` : q.month;
    const ctx = metricContext(this.db, { estateId: q.estateId, areaIds: q.areaId == null ? null : [q.areaId], assigneeId: null }, monthsPeriod(first, q.month, e.time_zone, now));
    const [figure, items] = await Promise.all([src.compute(ctx), src.records ? src.records(ctx, 200) : Promise.resolve([])]);
    return { metric: q.metric, label: src.label, formula: src.formula, unit: src.unit, direction: src.direction, from: ctx.fromDate, to: ctx.toDate, ...figure, items, page: src.page?.(ctx) ?? null };
  }
}

export type Pack = Awaited<ReturnType<PackService['compute']>>;
