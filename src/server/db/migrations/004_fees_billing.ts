import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/** The billing run reads a period's meter readings of a whole estate at once. */
export const feesBilling: Migration = {
  name: '004_fees_billing',
  async up(db: Kysely<any>) {
    await db.schema.createIndex('meter_readings_estate_period').on('meter_readings').columns(['estate_id', 'period']).execute();
  },
};
