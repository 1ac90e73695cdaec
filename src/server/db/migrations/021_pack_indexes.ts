import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * The director's pack and the KPI sheets count a period's return visits by their due time
 * (desk.metrics.ts visitTotals); without this index each month read every visit of the estate.
 */
export const packIndexes: Migration = {
  name: '021_pack_indexes',
  async up(db: Kysely<any>) {
    await db.schema.createIndex('return_visits_estate_due').on('return_visits').columns(['estate_id', 'due_at']).execute();
  },
};
