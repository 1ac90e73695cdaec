import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * The charging center's look-ups and its one rule the tables must keep themselves: one daily
 * close (日结) per cashier and business date, even when two closes arrive at once.
 */
export const feesCashier: Migration = {
  name: '004_fees_cashier',
  async up(db: Kysely<any>) {
    const s = db.schema;
    await s.createIndex('daily_closes_day').on('daily_closes').columns(['estate_id', 'cashier_id', 'business_date']).unique().execute();
    await s.createIndex('payments_day').on('payments').columns(['estate_id', 'business_date']).execute();
    await s.createIndex('payment_reversals_payment').on('payment_reversals').columns(['payment_id', 'status']).execute();
    await s.createIndex('payment_reversals_day').on('payment_reversals').columns(['estate_id', 'business_date']).execute();
    await s.createIndex('prepaid_entries_payment').on('prepaid_entries').column('payment_id').execute();
    await s.createIndex('fee_waivers_line').on('fee_waivers').columns(['line_id', 'status']).execute();
  },
};
