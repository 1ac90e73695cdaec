/**
 * The collection statistics' summary tables (migration 012), kept exact by deltas written in the
 * same transaction as the change they follow:
 * - collection_summary: per (estate, period, item, area, building) of the lines, Σ amount (billed)
 *   and Σ paid (collected, principal as of now). Lines are added by the billing run, one-off
 *   charges and adjustments; `paid` moves only through ledger `updateLine`.
 * - collection_recovered: per (estate, month of the allocation, period, item, area, building) of
 *   the line, Σ principal allocated (reversals are negative allocations of their own day).
 * A missing area or building is key 0 (ids start at 1): a NULL would never meet the unique key.
 * Every write is `x = x + delta` in one upsert, never read-modify-write, so concurrent cashiers
 * on PostgreSQL cannot lose each other's updates (the row lock serialises them).
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export interface LineKey {
  estate_id: number;
  period: string;
  fee_item_id: number;
  area_id: number | null;
  building_id: number | null;
}
export interface LineDelta extends LineKey {
  billed: number;
  collected: number;
}

const KEY = ['estate_id', 'period', 'fee_item_id', 'area_key', 'building_key'] as const;

/**
 * Adds lines' amounts (billed) and paid principal (collected), summed per key first. A zero delta
 * still writes its row: a group with only a 0 line is a row of the statistics too.
 */
export async function addToSummary(db: Executor, deltas: LineDelta[]): Promise<void> {
  const sums = new Map<string, { estate_id: number; period: string; fee_item_id: number; area_key: number; building_key: number; billed: number; collected: number }>();
  for (const d of deltas) {
    const row = { estate_id: d.estate_id, period: d.period, fee_item_id: d.fee_item_id, area_key: d.area_id ?? 0, building_key: d.building_id ?? 0 };
    const k = `${row.estate_id}|${row.period}|${row.fee_item_id}|${row.area_key}|${row.building_key}`;
    const s = sums.get(k);
    if (s) {
      s.billed += d.billed;
      s.collected += d.collected;
    } else sums.set(k, { ...row, billed: d.billed, collected: d.collected });
  }
  if (!sums.size) return;
  // One order for every writer, so two transactions never lock the same rows the other way round.
  const rows = [...sums.keys()].sort().map((k) => sums.get(k)!);
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('collection_summary')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet({
          billed: sql`collection_summary.billed + excluded.billed`,
          collected: sql`collection_summary.collected + excluded.collected`,
        }),
      )
      .execute();
  }
}

/**
 * Adds an allocation's principal (negative for a reversal) to the recovered sums of its line; a
 * late-fee-only allocation (principal 0) still writes its row, as it makes a group in the lines.
 */
export async function addRecovered(db: Executor, a: { line_id: number; principal: number; on_date: string }): Promise<void> {
  await db
    .insertInto('collection_recovered')
    .columns(['estate_id', 'month', 'period', 'fee_item_id', 'area_key', 'building_key', 'principal'])
    .expression((eb) =>
      eb
        .selectFrom('bill_lines as l')
        .select([
          'l.estate_id',
          sql<string>`cast(${String(a.on_date).slice(0, 7)} as varchar(7))`.as('month'),
          'l.period',
          'l.fee_item_id',
          sql<number>`coalesce(l.area_id, 0)`.as('area_key'),
          sql<number>`coalesce(l.building_id, 0)`.as('building_key'),
          sql<number>`cast(${a.principal} as bigint)`.as('principal'),
        ])
        .where('l.id', '=', a.line_id),
    )
    .onConflict((oc) =>
      oc.columns(['estate_id', 'month', 'period', 'fee_item_id', 'area_key', 'building_key']).doUpdateSet({ principal: sql`collection_recovered.principal + excluded.principal` }),
    )
    .execute();
}
