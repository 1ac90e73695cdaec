import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, types } from './helpers.ts';

/**
 * Money as 64-bit integers on PostgreSQL (SQLite's integers already are): a run of 100,000 units
 * at 223.43 元 passes 2^31 fen. Every money column goes, not only the sums: one line, a payment or
 * a prepaid deposit can be large too, and a sum is only as wide as its column.
 */
export const MONEY_COLUMNS: Record<string, string[]> = {
  tickets: ['price'],
  fee_prices: ['price', 'amount'],
  billing_runs: ['amount_created', 'prepaid_used'],
  bill_lines: ['price', 'gross', 'discount', 'amount', 'paid', 'credited', 'waived', 'late_fee', 'late_paid', 'late_waived'],
  payments: ['amount', 'to_prepaid'],
  payment_allocations: ['principal', 'late_fee'],
  prepaid_entries: ['amount'],
  daily_closes: ['amount', 'reversed'],
  fee_waivers: ['principal', 'late_fee'],
  arrears_steps: ['outstanding'],
};

/** …and a billing run's lease: which server instance runs it and when it last showed life. */
export const moneyRunLease: Migration = {
  name: '006_money_64bit_run_lease',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    if (dialect === 'postgres') {
      // Rewriting a big bill_lines may take longer than the pool's statement timeout.
      await sql`set local statement_timeout = 0`.execute(db);
      for (const [table, columns] of Object.entries(MONEY_COLUMNS)) {
        // One ALTER per table: PostgreSQL rewrites the table once for all its columns.
        const changes = columns.map((c) => sql`alter column ${sql.id(c)} type bigint`);
        await sql`alter table ${sql.id(table)} ${sql.join(changes)}`.execute(db);
      }
    }
    await db.schema.alterTable('billing_runs').addColumn('owner', 'varchar(100)').execute();
    await db.schema.alterTable('billing_runs').addColumn('heartbeat_at', t.instant).execute();
    await db.schema.createIndex('billing_runs_running').on('billing_runs').columns(['status', 'estate_id', 'period']).execute();
  },
};
