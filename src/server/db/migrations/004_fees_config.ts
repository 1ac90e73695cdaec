import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * Indexes the fee configuration reads by: readings of an estate's period (the billing run and the
 * batch sheet), building meters (公摊), discounts by estate and unit, and the lines of a fee item
 * (a new price may not reach back over a billed period).
 */
export const feesConfig: Migration = {
  name: '004_fees_config',
  async up(db: Kysely<any>) {
    const s = db.schema;
    await s.createIndex('meter_readings_estate_period').on('meter_readings').columns(['estate_id', 'period']).execute();
    await s.createIndex('meters_building').on('meters').columns(['building_id', 'kind']).execute();
    await s.createIndex('fee_discounts_estate').on('fee_discounts').columns(['estate_id', 'status', 'from_date']).execute();
    await s.createIndex('fee_discounts_unit').on('fee_discounts').columns(['unit_id', 'status']).execute();
    await s.createIndex('bill_lines_item_period').on('bill_lines').columns(['fee_item_id', 'period']).execute();
  },
};
