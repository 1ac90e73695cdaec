import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * Which portal accounts a unit has (a notice's fan-out, emergencies, reminders) is asked by unit;
 * owner_units was indexed only by user, so every such question read the whole table
 * (bench:relations: 20,000 units took 27 s before the query fixes, and each list still scanned it).
 */
export const ownerUnitsByUnit: Migration = {
  name: '026_owner_units_unit',
  async up(db: Kysely<any>) {
    await db.schema.createIndex('owner_units_unit').on('owner_units').column('unit_id').execute();
  },
};
