import { sql } from 'kysely';
import type { Clock } from '../../../../core/clock.ts';
import { seesArea, seesWholeEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { type MetricContext, type MetricRegistry, type MetricResult, metricContext } from '../metrics/metric.registry.ts';
import { monthsPeriod } from '../period.ts';
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

  private contexts(estateId: number, month: string, tz: string): { month: MetricContext; ytd: MetricContext } {
    const now = this.clock.now().toISOString();
    const subject = { estateId, areaIds: null, assigneeId: null };
    return {
      month: metricContext(this.db, subject, monthsPeriod(month, month, tz, now)),
      ytd: metricContext(this.db, subject, monthsPeriod(`${month.slice(0, 4)}-01`, month, tz, now)),
    };
  }

  async build(auth: AuthContext, estateId: number, month: string) {
    if (!seesWholeEstate(auth.scope, estateId)) throw notFound('entity.estate');
    return this.compute(estateId, month);
  }

  async compute(estateId: number, month: string) {
    const e = await this.estate(estateId);
    const ctx = this.contexts(estateId, month, e.time_zone);
    const rows = [];
    for (const t of PACK_TARGETS) {
      const src = this.metrics.get(t.metric);
      const [m, y] = src ? await Promise.all([src.compute(ctx.month), src.compute(ctx.ytd)]) : [null, null];
      rows.push({
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
      });
    }
    return { estateId, estateName: e.name, month, from: ctx.month.fromDate, to: ctx.month.toDate, ytdFrom: ctx.ytd.fromDate, rows, special: await this.special(estateId, month, e.time_zone), computedAt: this.clock.now().toISOString() };
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
