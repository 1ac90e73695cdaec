import { type Expression, type SqlBool, sql } from 'kysely';
import type { MetricContext, MetricRecord, MetricRegistry, MetricResult } from './metric.registry.ts';
import { ratio } from './metric.registry.ts';

const FINISHED = ['resolved', 'confirmed', 'closed'];
const finished = sql.join(FINISHED.map((s) => sql.lit(s)));
/** The classifier category of complaints about staff (服务态度). */
export const ATTITUDE_CATEGORY = '服务态度';

const n = (expr: Expression<SqlBool> | ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${expr} then 1 else 0 end), 0)`;

function tickets(ctx: MetricContext) {
  let q = ctx.db.selectFrom('tickets as t').where('t.estate_id', '=', ctx.estateId).where('t.created_at', '>=', ctx.from).where('t.created_at', '<', ctx.to);
  if (ctx.areaIds) q = q.where('t.area_id', 'in', ctx.areaIds.length ? ctx.areaIds : [-1]);
  if (ctx.assigneeId != null) q = q.where('t.assignee_id', '=', ctx.assigneeId);
  return q;
}

async function attitudeIds(ctx: MetricContext): Promise<number[]> {
  return ctx.memo('desk.attitudeIds', async () => {
    const rows = await ctx.db.selectFrom('ticket_categories').select('id').where('estate_id', '=', ctx.estateId).where('category', '=', ATTITUDE_CATEGORY).execute();
    return rows.map((r) => r.id);
  });
}

/** One pass over the period's tickets gives every desk figure. */
async function ticketTotals(ctx: MetricContext) {
  return ctx.memo('desk.tickets', async () => {
    const attitude = await attitudeIds(ctx);
    const attitudeIn = attitude.length ? sql`t.category_id in (${sql.join(attitude)})` : sql`1 = 0`;
    const r = await tickets(ctx)
      .select([
        sql<number>`count(*)`.as('registered'),
        n(sql`t.status = 'cancelled'`).as('cancelled'),
        n(sql`t.status in (${finished})`).as('resolved'),
        n(sql`t.responded_at is not null and t.responded_at <= t.response_due_at`).as('response_met'),
        n(sql`t.status <> 'cancelled' and (t.responded_at is not null or t.response_due_at < ${ctx.now})`).as('response_measured'),
        n(sql`t.status in (${finished}) and t.resolved_at <= t.resolution_due_at`).as('resolution_met'),
        n(sql`t.status in (${finished}) or (t.status <> 'cancelled' and t.resolution_due_at < ${ctx.now})`).as('resolution_measured'),
        n(sql`t.complex = 1 and t.status in (${finished}) and t.resolved_at <= t.resolution_due_at`).as('complex_met'),
        n(sql`t.complex = 1 and (t.status in (${finished}) or (t.status <> 'cancelled' and t.resolution_due_at < ${ctx.now}))`).as('complex_measured'),
        n(sql`t.status in (${finished}) and t.reopen_count > 0`).as('reopened'),
        n(sql`t.type = 'complaint' and t.status <> 'cancelled' and ${attitudeIn}`).as('attitude'),
        n(sql`t.type = 'special_service' and t.status <> 'cancelled'`).as('special'),
        n(sql`t.type = 'special_service' and t.status in (${finished})`).as('special_done'),
      ])
      .executeTakeFirstOrThrow();
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])) as Record<keyof typeof r, number>;
  });
}

/** Return visits due in the period (of the subject's tickets). */
async function visitTotals(ctx: MetricContext) {
  return ctx.memo('desk.visits', async () => {
    let q = ctx.db
      .selectFrom('return_visits as v')
      .innerJoin('tickets as t', 't.id', 'v.ticket_id')
      .where('v.estate_id', '=', ctx.estateId)
      .where('v.due_at', '>=', ctx.from)
      .where('v.due_at', '<', ctx.to);
    if (ctx.areaIds) q = q.where('t.area_id', 'in', ctx.areaIds.length ? ctx.areaIds : [-1]);
    if (ctx.assigneeId != null) q = q.where('t.assignee_id', '=', ctx.assigneeId);
    const r = await q
      .select([
        sql<number>`count(*)`.as('due'),
        n(sql`v.done_at is not null and v.done_at <= v.due_at`).as('on_time'),
        sql<number>`count(v.score)`.as('scored'),
        sql<number>`coalesce(sum(v.score), 0)`.as('score_sum'),
        n(sql`v.score <= 2`).as('bad'),
        n(sql`v.score >= 4`).as('satisfied'),
      ])
      .executeTakeFirstOrThrow();
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])) as Record<keyof typeof r, number>;
  });
}

/** Households living in the subject's area (per-100 rates keep large and small areas comparable). */
export async function households(ctx: MetricContext): Promise<number> {
  return ctx.memo('households', async () => {
    let q = ctx.db
      .selectFrom('households as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .where('h.estate_id', '=', ctx.estateId)
      .where('h.moved_out_on', 'is', null);
    if (ctx.areaIds) q = q.where('b.area_id', 'in', ctx.areaIds.length ? ctx.areaIds : [-1]);
    const r = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  });
}

/** The period's tickets behind a desk figure: those in its denominator, failing ones first. */
function ticketRecords(inDenominator: ReturnType<typeof sql>, ok: ReturnType<typeof sql>) {
  return async (ctx: MetricContext, limit: number): Promise<MetricRecord[]> => {
    const rows = await tickets(ctx)
      .where(sql<SqlBool>`${inDenominator}`)
      .select(['t.id', 't.number', 't.title', 't.created_at', sql<number>`case when ${ok} then 1 else 0 end`.as('ok')])
      .orderBy(sql`case when ${ok} then 1 else 0 end`)
      .orderBy('t.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ kind: 'ticket', id: r.id, ref: r.number, title: r.title, at: r.created_at, ok: Number(r.ok) === 1, link: `/desk/tickets/${r.id}` }));
  };
}

export function registerDeskMetrics(registry: MetricRegistry) {
  const reg = (code: string, zh: string, en: string, fzh: string, fen: string, unit: 'rate' | 'per100', direction: 'higher' | 'lower', compute: (ctx: MetricContext) => Promise<MetricResult>, records?: (ctx: MetricContext, limit: number) => Promise<MetricRecord[]>) =>
    // per-100 figures divide by today's households, so they do not add up over months
    registry.register({ code, label: { zh, en }, formula: { zh: fzh, en: fen }, unit, direction, additive: unit !== 'per100', compute, ...(records ? { records } : {}) });

  // `now` differs per context, so the drill-down expressions take it from the context.
  const withNow = (build: (now: string) => [ReturnType<typeof sql>, ReturnType<typeof sql>]) => (ctx: MetricContext, limit: number) => {
    const [den, ok] = build(ctx.now);
    return ticketRecords(den, ok)(ctx, limit);
  };

  reg(
    'desk.responseTimeliness',
    '首次响应及时率（24 小时）',
    'First response on time (24 h)',
    '按时首次响应的工单 ÷（已响应的工单 + 超时仍未响应的工单），时限按服务协议（≤ 24 小时）',
    'Tickets first answered by their due time ÷ (answered tickets + tickets still unanswered past due); due times per service agreement (≤ 24 h)',
    'rate',
    'higher',
    async (ctx) => {
      const x = await ticketTotals(ctx);
      return ratio(x.response_met, x.response_measured);
    },
    withNow((now) => [sql`t.status <> 'cancelled' and (t.responded_at is not null or t.response_due_at < ${now})`, sql`t.responded_at is not null and t.responded_at <= t.response_due_at`]),
  );
  reg(
    'desk.resolutionTimeliness',
    '解决及时率',
    'Resolved on time',
    '按时解决的工单 ÷（已解决的工单 + 超时仍未解决的工单）',
    'Tickets resolved by their due time ÷ (resolved tickets + tickets still unresolved past due)',
    'rate',
    'higher',
    async (ctx) => {
      const x = await ticketTotals(ctx);
      return ratio(x.resolution_met, x.resolution_measured);
    },
    withNow((now) => [sql`t.status in (${finished}) or (t.status <> 'cancelled' and t.resolution_due_at < ${now})`, sql`t.status in (${finished}) and t.resolved_at <= t.resolution_due_at`]),
  );
  reg(
    'desk.complexSolution48h',
    '复杂问题 48 小时内提供解决方案',
    'Complex issues solved within 48 h',
    '按时解决的复杂工单 ÷（已解决的复杂工单 + 超时仍未解决的复杂工单），复杂工单时限 48 小时',
    'Complex tickets resolved by their due time (48 h) ÷ (resolved complex tickets + complex tickets unresolved past due)',
    'rate',
    'higher',
    async (ctx) => {
      const x = await ticketTotals(ctx);
      return ratio(x.complex_met, x.complex_measured);
    },
    withNow((now) => [sql`t.complex = 1 and (t.status in (${finished}) or (t.status <> 'cancelled' and t.resolution_due_at < ${now}))`, sql`t.status in (${finished}) and t.resolved_at <= t.resolution_due_at`]),
  );
  reg(
    'desk.resolutionRate',
    '问题解决率',
    'Resolution rate',
    '已解决的工单 ÷ 登记的工单（不含已取消）',
    'Resolved tickets ÷ registered tickets (cancelled excluded)',
    'rate',
    'higher',
    async (ctx) => {
      const x = await ticketTotals(ctx);
      return ratio(x.resolved, x.registered - x.cancelled);
    },
    ticketRecords(sql`t.status <> 'cancelled'`, sql`t.status in (${finished})`),
  );
  reg(
    'desk.reopenRate',
    '返工率',
    'Reopen rate',
    '解决后又被重新打开的工单 ÷ 已解决的工单',
    'Resolved tickets that were reopened ÷ resolved tickets',
    'rate',
    'lower',
    async (ctx) => {
      const x = await ticketTotals(ctx);
      return ratio(x.reopened, x.resolved);
    },
    ticketRecords(sql`t.status in (${finished})`, sql`t.reopen_count = 0`),
  );
  reg(
    'desk.attitudeComplaintsPer100',
    '服务态度投诉（每百户）',
    'Attitude complaints per 100 households',
    '服务态度类投诉（未取消）× 100 ÷ 在住户数',
    'Complaints classified 服务态度 (not cancelled) × 100 ÷ households living in the area',
    'per100',
    'lower',
    async (ctx) => {
      const [x, hh] = await Promise.all([ticketTotals(ctx), households(ctx)]);
      return { numerator: x.attitude, denominator: hh, value: hh > 0 ? (x.attitude * 100) / hh : null };
    },
    async (ctx, limit) => {
      const ids = await attitudeIds(ctx);
      return ticketRecords(ids.length ? sql`t.type = 'complaint' and t.status <> 'cancelled' and t.category_id in (${sql.join(ids)})` : sql`1 = 0`, sql`1 = 0`)(ctx, limit);
    },
  );
  reg(
    'desk.specialServiceDone',
    '特约服务完成率',
    'Special services completed',
    '已完成的特约服务工单 ÷ 受理的特约服务工单（不含已取消）',
    'Special-service tickets completed ÷ special-service tickets accepted (cancelled excluded)',
    'rate',
    'higher',
    async (ctx) => {
      const x = await ticketTotals(ctx);
      return ratio(x.special_done, x.special);
    },
    ticketRecords(sql`t.type = 'special_service' and t.status <> 'cancelled'`, sql`t.status in (${finished})`),
  );

  const visitRecords = (ok: ReturnType<typeof sql>, only: ReturnType<typeof sql> = sql`1 = 1`) => async (ctx: MetricContext, limit: number): Promise<MetricRecord[]> => {
    let q = ctx.db
      .selectFrom('return_visits as v')
      .innerJoin('tickets as t', 't.id', 'v.ticket_id')
      .where('v.estate_id', '=', ctx.estateId)
      .where('v.due_at', '>=', ctx.from)
      .where('v.due_at', '<', ctx.to)
      .where(sql<SqlBool>`${only}`);
    if (ctx.areaIds) q = q.where('t.area_id', 'in', ctx.areaIds.length ? ctx.areaIds : [-1]);
    if (ctx.assigneeId != null) q = q.where('t.assignee_id', '=', ctx.assigneeId);
    const rows = await q
      .select(['t.id', 't.number', 't.title', 'v.due_at', sql<number>`case when ${ok} then 1 else 0 end`.as('ok')])
      .orderBy(sql`case when ${ok} then 1 else 0 end`)
      .orderBy('v.due_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ kind: 'visit', id: r.id, ref: r.number, title: r.title, at: r.due_at, ok: Number(r.ok) === 1, link: `/desk/tickets/${r.id}` }));
  };
  reg(
    'desk.visitsOnTime',
    '按时回访率',
    'Return visits on time',
    '在到期前完成的回访 ÷ 本期到期的回访',
    'Return visits done by their due time ÷ return visits due in the period',
    'rate',
    'higher',
    async (ctx) => {
      const x = await visitTotals(ctx);
      return ratio(x.on_time, x.due);
    },
    visitRecords(sql`v.done_at is not null and v.done_at <= v.due_at`),
  );
  reg(
    'desk.visitScore',
    '回访平均分（折算百分比）',
    'Mean return-visit score (as %)',
    '（回访评分平均值 − 1）÷ 4，即 Σ(分 − 1) ÷ (4 × 已评分回访数)',
    '(mean return-visit score − 1) ÷ 4, i.e. Σ(score − 1) ÷ (4 × scored visits)',
    'rate',
    'higher',
    async (ctx) => {
      const x = await visitTotals(ctx);
      return ratio(x.score_sum - x.scored, 4 * x.scored);
    },
    visitRecords(sql`v.score >= 3`, sql`v.score is not null`),
  );
  reg(
    'desk.visitSatisfaction',
    '回访满意率（4–5 分）',
    'Return-visit satisfaction (4–5 of 5)',
    '评 4 或 5 分的回访 ÷ 已评分的回访',
    'Return visits scored 4 or 5 ÷ scored return visits',
    'rate',
    'higher',
    async (ctx) => {
      const x = await visitTotals(ctx);
      return ratio(x.satisfied, x.scored);
    },
    visitRecords(sql`v.score >= 4`, sql`v.score is not null`),
  );
}
