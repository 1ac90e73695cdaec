import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { notNull, types, type Migration } from './helpers.ts';

/**
 * What a supervisor discarded from a phone's outbox on behalf of another user (design A.3.6 rule 8):
 * one row per record, never updated, so a record that never reached the server did not vanish
 * silently. Unique per (estate, client UUID) like field_sync_log: a repeated report is harmless.
 */
export const fieldDiscards: Migration = {
  name: '023_field_discards',
  async up(db: Kysely<any>, dialect: Dialect) {
    const ty = types(dialect);
    await ty
      .id(db.schema.createTable('field_discards'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('client_uuid', 'varchar(40)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('recorded_at', ty.instant, notNull)
      .addColumn('attempts', 'integer', notNull)
      .addColumn('last_error', 'varchar(500)')
      .addColumn('payload', 'text')
      .addColumn('reason', 'varchar(500)', notNull)
      .addColumn('device_id', 'varchar(64)', notNull)
      .addColumn('discarded_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('at', ty.instant, notNull)
      .addUniqueConstraint('field_discards_uuid', ['estate_id', 'client_uuid'])
      .execute();
    await db.schema.createIndex('field_discards_estate').on('field_discards').columns(['estate_id', 'at']).execute();
  },
};
