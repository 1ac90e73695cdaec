/**
 * Weekly and monthly service desk reports (manual 3.3, 3.13, 4.12). Every figure is one SQL
 * aggregate over the tickets registered in the period and scope, so the report stays fast on
 * a million tickets; each rate carries its formula so the director can check it.
 */
import { sql } from 'kysely';
import { type Clock, todayOf } from '../../../core/clock.ts';
import { MIN_RATE_BASE, rateOf, seriesEnd } from '../../../core/periods.ts';
import { seesEstate, type Scope } from '../../../core/scope.ts';
import { chinaDay } from '../../db/codec.ts';
import type { Database } from '../../db/database.ts';
import { inScope } from '../../db/scope-sql.ts';
import { notFound } from '../../http/errors.ts';
import type { Lang } from '../../i18n/messages.ts';

export interface ReportQuery {
  estateId: number;
  areaId?: number;
  /** YYYY-MM-DD, inclusive, China time */
  from: string;
  to: string;
}

const FORMULAS: Record<string, { zh: string; en: string }> = {
  responseTimeliness: { zh: '首次响应及时率 = 按时首次响应的工单 ÷（已响应的工单 + 超时仍未响应的工单）', en: 'First-response timeliness = tickets answered on time ÷ (answered tickets + tickets still unanswered past due)' },
  resolutionTimeliness: { zh: '解决及时率 = 按时解决的工单 ÷（已解决的工单 + 超时仍未解决的工单）', en: 'Resolution timeliness = tickets resolved on time ÷ (resolved tickets + tickets still unresolved past due)' },
  resolutionRate: { zh: '问题解决率 = 已解决的工单 ÷ 登记的工单（不含已取消），目标 ≥ 95%', en: 'Resolution rate = resolved tickets ÷ registered tickets (cancelled excluded), target ≥ 95%' },
  effectiveness: { zh: '有效率 = 回访满意（≥ 3 分）且未返工的已解决工单 ÷ 已回访的已解决工单', en: 'Effectiveness = resolved tickets with a satisfactory return visit (≥ 3) and no reopening ÷ resolved tickets with a return visit' },
  satisfaction: { zh: '平均满意度 = 回访评分（1–5 分）的平均值', en: 'Average satisfaction = mean return-visit score (1–5)' },
};

const FINISHED = ['resolved', 'confirmed', 'closed'];
// Under MIN_RATE_BASE cases a rate is null and the page says "not enough data" (2 tickets are no 0.0 %).
const rate = (num: number, den: number) => rateOf(num, den);

export class DeskReportService {
  constructor(
    private database: Database,
    private clock: Clock,
  ) {}

  async build(scope: Scope, q: ReportQuery, lang: Lang) {
    if (!seesEstate(scope, q.estateId)) throw notFound('entity.estate');
    const { db, dialect } = this.database;
    const from = new Date(`${q.from}T00:00:00+08:00`).toISOString();
    const to = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000).toISOString();
    const now = this.clock.now().toISOString();
    const base = () => {
      let b = db
        .selectFrom('tickets as t')
        .where('t.estate_id', '=', q.estateId)
        .where('t.created_at', '>=', from)
        .where('t.created_at', '<', to)
        .where(inScope(scope, 't.estate_id', 't.area_id'));
      if (q.areaId) b = b.where('t.area_id', '=', q.areaId);
      return b;
    };
    const none = lang === 'en-US' ? { building: 'Public areas', category: 'Unclassified' } : { building: '公共区域', category: '未分类' };
    const n = (expr: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${expr} then 1 else 0 end), 0)`;
    const finished = sql.join(FINISHED.map((s) => sql.lit(s)));
    // One pass over the period's tickets, grouped finely enough for every breakdown; the sums
    // and counts are then added up here (a few thousand groups, not tens of thousands of rows).
    const [groups, visits, resolvedByDay, categories, buildings] = await Promise.all([
      base()
        .leftJoin('units as u', 'u.id', 't.unit_id')
        .select([
          sql<string>`coalesce(t.type, '')`.as('type'),
          sql<string>`coalesce(t.department, 'unassigned')`.as('department'),
          't.category_id',
          'u.building_id',
          chinaDay(dialect, 't.created_at').as('day'),
          sql<number>`count(*)`.as('registered'),
          n(sql`t.status = 'cancelled'`).as('cancelled'),
          n(sql`t.status in (${finished})`).as('resolved'),
          n(sql`t.responded_at is not null and t.responded_at <= t.response_due_at`).as('response_met'),
          n(sql`t.status <> 'cancelled' and (t.responded_at is not null or t.response_due_at < ${now})`).as('response_measured'),
          n(sql`t.status in (${finished}) and t.resolved_at <= t.resolution_due_at`).as('resolution_met'),
          n(sql`t.status in (${finished}) or (t.status not in ('cancelled') and t.resolution_due_at < ${now})`).as('resolution_measured'),
          n(sql`t.emergency = 1`).as('emergencies'),
          n(sql`t.escalation_level > 0`).as('escalated'),
          n(sql`t.reopen_count > 0`).as('reopened'),
          sql<number>`coalesce(sum(t.rating), 0)`.as('rating_sum'),
          sql<number>`count(t.rating)`.as('rated'),
        ])
        .groupBy([sql`coalesce(t.type, '')`, sql`coalesce(t.department, 'unassigned')`, 't.category_id', 'u.building_id', chinaDay(dialect, 't.created_at')])
        .execute(),
      base()
        .innerJoin('return_visits as v', 'v.ticket_id', 't.id')
        .where('v.done_at', 'is not', null)
        .select([
          sql<number>`count(distinct t.id)`.as('visited'),
          sql<number>`count(distinct case when t.status in (${finished}) and t.reopen_count = 0 and v.score >= 3 then t.id end)`.as('effective'),
          sql<number | null>`avg(v.score)`.as('avg_score'),
        ])
        .executeTakeFirstOrThrow(),
      // resolved per day counts what was resolved that day, whenever it was registered
      db
        .selectFrom('tickets as t')
        .where('t.estate_id', '=', q.estateId)
        .where('t.resolved_at', '>=', from)
        .where('t.resolved_at', '<', to)
        .where('t.status', 'in', FINISHED)
        .where(inScope(scope, 't.estate_id', 't.area_id'))
        .$if(q.areaId != null, (b) => b.where('t.area_id', '=', q.areaId!))
        .select([chinaDay(dialect, 't.resolved_at').as('day'), sql<number>`count(*)`.as('n')])
        .groupBy(chinaDay(dialect, 't.resolved_at'))
        .execute(),
      db.selectFrom('ticket_categories').select(['id', 'category']).where('estate_id', '=', q.estateId).execute(),
      db.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', q.estateId).execute(),
    ]);
    const sum = (key: keyof (typeof groups)[number]) => groups.reduce((acc, g) => acc + Number(g[key] ?? 0), 0);
    const tally = (keyOf: (g: (typeof groups)[number]) => string) => {
      const m = new Map<string, number>();
      for (const g of groups) m.set(keyOf(g), (m.get(keyOf(g)) ?? 0) + Number(g.registered));
      return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
    };
    const categoryName = new Map(categories.map((c) => [c.id, c.category]));
    const buildingName = new Map(buildings.map((b) => [b.id, b.name]));
    const registeredByDay = tally((g) => g.day).map((x) => ({ day: x.key, n: x.count }));
    const rated = sum('rated');
    const totals = {
      registered: sum('registered'),
      cancelled: sum('cancelled'),
      resolved: sum('resolved'),
      response_met: sum('response_met'),
      response_measured: sum('response_measured'),
      resolution_met: sum('resolution_met'),
      resolution_measured: sum('resolution_measured'),
      emergencies: sum('emergencies'),
      escalated: sum('escalated'),
      reopened: sum('reopened'),
      avg_rating: rated ? sum('rating_sum') / rated : null,
    };
    const byType = tally((g) => g.type);
    const byDepartment = tally((g) => g.department);
    const byCategory = tally((g) => (g.category_id != null ? (categoryName.get(g.category_id) ?? none.category) : none.category));
    const byBuilding = tally((g) => (g.building_id != null ? (buildingName.get(g.building_id) ?? none.building) : none.building));
    const num = (v: unknown) => Number(v ?? 0);
    const registered = num(totals.registered) - num(totals.cancelled);
    const effectiveDen = num(visits.visited);
    return {
      estateId: q.estateId,
      areaId: q.areaId ?? null,
      from: q.from,
      to: q.to,
      totals: {
        registered: num(totals.registered),
        cancelled: num(totals.cancelled),
        resolved: num(totals.resolved),
        emergencies: num(totals.emergencies),
        escalated: num(totals.escalated),
        reopened: num(totals.reopened),
        responseMet: num(totals.response_met),
        responseMeasured: num(totals.response_measured),
        resolutionMet: num(totals.resolution_met),
        resolutionMeasured: num(totals.resolution_measured),
        visited: effectiveDen,
        effective: num(visits.effective),
      },
      rates: {
        responseTimeliness: rate(num(totals.response_met), num(totals.response_measured)),
        resolutionTimeliness: rate(num(totals.resolution_met), num(totals.resolution_measured)),
        resolutionRate: rate(num(totals.resolved), registered),
        effectiveness: rate(num(visits.effective), effectiveDen),
        satisfaction: visits.avg_score == null || effectiveDen < MIN_RATE_BASE ? null : Math.round(Number(visits.avg_score) * 100) / 100,
        residentRating: totals.avg_rating == null || rated < MIN_RATE_BASE ? null : Math.round(Number(totals.avg_rating) * 100) / 100,
      },
      targets: { resolutionRate: 0.95 },
      minRateBase: MIN_RATE_BASE,
      formulas: Object.fromEntries(Object.entries(FORMULAS).map(([k, v]) => [k, lang === 'en-US' ? v.en : v.zh])),
      byType,
      byCategory,
      byBuilding,
      byDepartment,
      // The future is not drawn: days after today are left out, not shown as zeros.
      daily: days(q.from, seriesEnd(q.to, todayOf(this.clock))).map((day) => ({
        day,
        registered: num(registeredByDay.find((d) => d.day === day)?.n),
        resolved: num(resolvedByDay.find((d) => d.day === day)?.n),
      })),
    };
  }
}

/** Every calendar day of the period, so a chart has no gaps on quiet days. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export type DeskReport = Awaited<ReturnType<DeskReportService['build']>>;
