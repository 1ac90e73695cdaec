import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { notNull, type Migration } from './helpers.ts';

/**
 * The collection statistics' summary tables (modules/fees/stats.summary.ts keeps them by deltas),
 * filled from the lines and allocations already there.
 */
export const collectionSummary: Migration = {
  name: '012_collection_summary',
  async up(db: Kysely<any>, dialect: Dialect) {
    // Summing a big bill_lines may take longer than the pool's statement timeout.
    if (dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(db);
    const key = ['estate_id', 'period', 'fee_item_id', 'area_key', 'building_key'];
    await db.schema
      .createTable('collection_summary')
      .addColumn('estate_id', 'integer', notNull)
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('fee_item_id', 'integer', notNull)
      .addColumn('area_key', 'integer', notNull)
      .addColumn('building_key', 'integer', notNull)
      .addColumn('billed', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('collected', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('collection_summary_pk', key as never)
      .execute();
    await db.schema
      .createTable('collection_recovered')
      .addColumn('estate_id', 'integer', notNull)
      .addColumn('month', 'varchar(7)', notNull)
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('fee_item_id', 'integer', notNull)
      .addColumn('area_key', 'integer', notNull)
      .addColumn('building_key', 'integer', notNull)
      .addColumn('principal', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('collection_recovered_pk', ['estate_id', 'month', 'period', 'fee_item_id', 'area_key', 'building_key'] as never)
      .execute();
    await rebuildCollectionSummary(db);
  },
};

/**
 * Both summaries summed afresh from bill_lines and payment_allocations (all estates, or one).
 * The migration's backfill; the billing bench uses it after copying lines by raw SQL.
 */
export async function rebuildCollectionSummary(db: Kysely<any>, estateId?: number) {
  const only = (col: string) => (estateId == null ? sql`` : sql`where ${sql.ref(col)} = ${estateId}`);
  await sql`delete from collection_summary ${only('estate_id')}`.execute(db);
  await sql`delete from collection_recovered ${only('estate_id')}`.execute(db);
  await sql`insert into collection_summary (estate_id, period, fee_item_id, area_key, building_key, billed, collected)
    select estate_id, period, fee_item_id, coalesce(area_id, 0), coalesce(building_id, 0), sum(amount), sum(paid)
    from bill_lines ${only('estate_id')}
    group by estate_id, period, fee_item_id, coalesce(area_id, 0), coalesce(building_id, 0)`.execute(db);
  await sql`insert into collection_recovered (estate_id, month, period, fee_item_id, area_key, building_key, principal)
    select l.estate_id, substr(cast(a.on_date as varchar(10)), 1, 7), l.period, l.fee_item_id, coalesce(l.area_id, 0), coalesce(l.building_id, 0), sum(a.principal)
    from payment_allocations a join bill_lines l on l.id = a.line_id ${only('l.estate_id')}
    group by l.estate_id, substr(cast(a.on_date as varchar(10)), 1, 7), l.period, l.fee_item_id, coalesce(l.area_id, 0), coalesce(l.building_id, 0)`.execute(db);
}
