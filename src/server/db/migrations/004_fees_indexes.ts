import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * What the fee parts look things up by, and the one rule the tables keep themselves: one daily
 * close (日结) per cashier and business date, even when two closes arrive at once. bill_lines gets
 * no index here: every one more slows the billing run's inserts.
 */
export const feesIndexes: Migration = {
  name: '004_fees_indexes',
  async up(db: Kysely<any>) {
    const s = db.schema;
    // The billing run and the batch sheet read a period's readings of a whole estate at once.
    await s.createIndex('meter_readings_estate_period').on('meter_readings').columns(['estate_id', 'period']).execute();
    await s.createIndex('meters_building').on('meters').columns(['building_id', 'kind']).execute();
    await s.createIndex('fee_discounts_estate').on('fee_discounts').columns(['estate_id', 'status', 'from_date']).execute();
    await s.createIndex('fee_discounts_unit').on('fee_discounts').columns(['unit_id', 'status']).execute();
    await s.createIndex('daily_closes_day').on('daily_closes').columns(['estate_id', 'cashier_id', 'business_date']).unique().execute();
    await s.createIndex('payments_day').on('payments').columns(['estate_id', 'business_date']).execute();
    await s.createIndex('payment_reversals_payment').on('payment_reversals').columns(['payment_id', 'status']).execute();
    await s.createIndex('payment_reversals_day').on('payment_reversals').columns(['estate_id', 'business_date']).execute();
    await s.createIndex('prepaid_entries_payment').on('prepaid_entries').column('payment_id').execute();
    await s.createIndex('fee_waivers_line').on('fee_waivers').columns(['line_id', 'status']).execute();
  },
};
