/**
 * Collection statistics (manual 4.1.4–4.1.5) for a month, quarter, half-year or year, by fee item,
 * area or building, against the targets. Two grouped queries whatever the estate's size:
 * - billed and collected: the lines whose period is in the range, grouped by (row, item, period);
 *   billed = Σ amount, collected = Σ principal paid on them (as of now);
 * - recovered: principal allocated during the range (net of reversals, which are negative
 *   allocations dated the day of the reversal) to lines of periods before the range.
 * Every figure of the answer is summed here from those few groups. By default both are read from
 * the summary tables (stats.summary.ts: a few thousand rows for a year of 100,000 units); the same
 * queries over bill_lines and payment_allocations (`source: 'lines'`) are the reference the
 * property test (test/api/fees-summary.test.ts) compares them with.
 */
import { sql } from 'kysely';
import { rateBp, statsRange, weightedTarget } from '../../../../core/fees.ts';
import { seesEstate, type Scope } from '../../../../core/scope.ts';
import type { Database } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { invalid, notFound } from '../../../http/errors.ts';
import type { Lang } from '../../../i18n/messages.ts';

export const STATS_GROUPS = ['item', 'area', 'building'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];
export interface StatsQuery {
  estateId: number;
  period: string;
  groupBy: StatsGroup;
}

const COLUMN: Record<StatsGroup, 'l.fee_item_id' | 'l.area_id' | 'l.building_id'> = { item: 'l.fee_item_id', area: 'l.area_id', building: 'l.building_id' };
const SUMMARY_COLUMN: Record<StatsGroup, 'fee_item_id' | 'area_key' | 'building_key'> = { item: 'fee_item_id', area: 'area_key', building: 'building_key' };

/** Where the sums come from: the maintained summary, or the lines themselves (the reference). */
export type StatsSource = 'summary' | 'lines';
type Range = NonNullable<ReturnType<typeof statsRange>>;
interface BilledRow { k: number | null; item: number; period: string; billed: number | string; collected: number | string }
interface RecoveredRow { k: number | null; item: number; month: string; recovered: number | string }

interface Sums {
  billed: number;
  collected: number;
  recovered: number;
  /** billed per fee item, for the weighted target */
  byItem: Map<number, number>;
}
const empty = (): Sums => ({ billed: 0, collected: 0, recovered: 0, byItem: new Map() });

export class StatsService {
  constructor(private database: Database) {}

  async build(scope: Scope, q: StatsQuery, lang: Lang = 'zh-CN', source: StatsSource = 'summary') {
    if (!seesEstate(scope, q.estateId)) throw notFound('entity.estate');
    const range = statsRange(q.period);
    if (!range) throw invalid('period', 'field.statsPeriod');
    const [[billedRows, recoveredRows], items] = await Promise.all([
      source === 'summary' ? this.fromSummary(scope, q, range) : this.fromLines(scope, q, range),
      this.database.db.selectFrom('fee_items').select(['id', 'name', 'kind', 'target_rate']).where('estate_id', '=', q.estateId).execute(),
    ]);

    const target = new Map(items.map((i) => [i.id, i.target_rate]));
    const groups = new Map<number | null, Sums>();
    const months = new Map(range.months.map((m) => [m, empty()]));
    const total = empty();
    const add = (s: Sums, item: number, billed: number, collected: number, recovered: number) => {
      s.billed += billed;
      s.collected += collected;
      s.recovered += recovered;
      s.byItem.set(item, (s.byItem.get(item) ?? 0) + billed);
    };
    const groupOf = (k: number | null) => groups.get(k) ?? groups.set(k, empty()).get(k)!;
    for (const r of billedRows) {
      const [b, c] = [Number(r.billed), Number(r.collected)];
      for (const s of [groupOf(r.k), total, months.get(r.period)]) if (s) add(s, r.item, b, c, 0);
    }
    for (const r of recoveredRows) {
      const v = Number(r.recovered);
      for (const s of [groupOf(r.k), total, months.get(r.month)]) if (s) add(s, r.item, 0, 0, v);
    }

    const figures = (s: Sums, fixedTarget?: number) => {
      const rate = rateBp(s.collected, s.billed);
      const parts = [...s.byItem].map(([item, billed]) => ({ billed, target: target.get(item) ?? 9500 }));
      const tgt = fixedTarget ?? weightedTarget(parts) ?? Math.max(9500, ...parts.map((p) => p.target));
      return { billed: s.billed, collected: s.collected, rate, target: tgt, met: rate == null ? null : rate >= tgt, recovered: s.recovered };
    };
    const names = await this.names(q, [...groups.keys()], items, lang);
    const rows = [...groups]
      .map(([k, s]) => {
        const item = q.groupBy === 'item' ? items.find((i) => i.id === k) : undefined;
        return { key: k, name: names.get(k) ?? String(k), kind: item?.kind ?? null, ...figures(s, item?.target_rate) };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return {
      estateId: q.estateId,
      period: q.period,
      groupBy: q.groupBy,
      from: range.fromDate,
      to: range.toDate,
      rows,
      total: figures(total),
      monthly: [...months].map(([period, s]) => ({ period, ...figures(s) })),
    };
  }

  /** The reference: the lines and allocations themselves. */
  private fromLines(scope: Scope, q: StatsQuery, range: Range): Promise<[BilledRow[], RecoveredRow[]]> {
    const db = this.database.db;
    const key = COLUMN[q.groupBy];
    return Promise.all([
      db
        .selectFrom('bill_lines as l')
        .where('l.estate_id', '=', q.estateId)
        .where('l.period', '>=', range.from)
        .where('l.period', '<=', range.to)
        .where(inScope(scope, 'l.estate_id', 'l.area_id'))
        .groupBy([key, 'l.fee_item_id', 'l.period'])
        .select([`${key} as k`, 'l.fee_item_id as item', 'l.period', sql<number>`sum(l.amount)`.as('billed'), sql<number>`sum(l.paid)`.as('collected')])
        .execute(),
      db
        .selectFrom('payment_allocations as a')
        .innerJoin('bill_lines as l', 'l.id', 'a.line_id')
        .where('a.estate_id', '=', q.estateId)
        .where('a.on_date', '>=', range.fromDate)
        .where('a.on_date', '<=', range.toDate)
        .where('l.period', '<', range.from)
        .where(inScope(scope, 'l.estate_id', 'l.area_id'))
        .groupBy([key, 'l.fee_item_id', sql`substr(cast(a.on_date as varchar(10)), 1, 7)`])
        .select([`${key} as k`, 'l.fee_item_id as item', sql<string>`substr(cast(a.on_date as varchar(10)), 1, 7)`.as('month'), sql<number>`sum(a.principal)`.as('recovered')])
        .execute(),
    ]);
  }

  /** The same groups from the summary tables, where "no area / building" is key 0 rather than NULL. */
  private async fromSummary(scope: Scope, q: StatsQuery, range: Range): Promise<[BilledRow[], RecoveredRow[]]> {
    const db = this.database.db;
    const key = SUMMARY_COLUMN[q.groupBy];
    const [billed, recovered] = await Promise.all([
      db
        .selectFrom('collection_summary')
        .where('estate_id', '=', q.estateId)
        .where('period', '>=', range.from)
        .where('period', '<=', range.to)
        .where(inScope(scope, 'estate_id', 'area_key'))
        .groupBy([key, 'fee_item_id', 'period'])
        .select([`${key} as k`, 'fee_item_id as item', 'period', sql<number>`sum(billed)`.as('billed'), sql<number>`sum(collected)`.as('collected')])
        .execute(),
      db
        .selectFrom('collection_recovered')
        .where('estate_id', '=', q.estateId)
        .where('month', '>=', range.from)
        .where('month', '<=', range.to)
        .where('period', '<', range.from)
        .where(inScope(scope, 'estate_id', 'area_key'))
        .groupBy([key, 'fee_item_id', 'month'])
        .select([`${key} as k`, 'fee_item_id as item', 'month', sql<number>`sum(principal)`.as('recovered')])
        .execute(),
    ]);
    const k = (v: number) => (v === 0 ? null : v);
    return [billed.map((r) => ({ ...r, k: k(r.k) })), recovered.map((r) => ({ ...r, k: k(r.k) }))];
  }

  private async names(q: StatsQuery, keys: Array<number | null>, items: Array<{ id: number; name: string }>, lang: Lang) {
    const ids = keys.filter((k): k is number => k != null);
    const out = new Map<number | null, string>([[null, lang === 'en-US' ? 'No area' : '未分片区']]);
    if (q.groupBy === 'item') for (const i of items) out.set(i.id, i.name);
    else if (ids.length) {
      const table = q.groupBy === 'area' ? 'areas' : 'buildings';
      for (const r of await this.database.db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute()) out.set(r.id, r.name);
    }
    return out;
  }
}
export type CollectionStats = Awaited<ReturnType<StatsService['build']>>;
