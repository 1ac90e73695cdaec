import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { notNull, types, type Migration } from './helpers.ts';

/**
 * Management (design part C): the signed scans of printed forms (X5). Later steps of this
 * migration add performance and improvement tables.
 */
export const management: Migration = {
  name: '020_management',
  async up(db: Kysely<any>, dialect: Dialect) {
    const ty = types(dialect);
    // The archive copy of a signed paper form (M 4.2.2.2): one row per uploaded file, never updated.
    await ty
      .id(db.schema.createTable('form_scans'))
      .addColumn('estate_id', 'integer', notNull)
      .addColumn('form_code', 'varchar(40)', notNull)
      .addColumn('record_key', 'varchar(80)', notNull)
      .addColumn('file_key', 'varchar(200)', notNull)
      .addColumn('mime', 'varchar(60)', notNull)
      .addColumn('size', 'integer', notNull)
      .addColumn('file_name', 'varchar(200)')
      .addColumn('note', 'varchar(500)')
      .addColumn('uploaded_by', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .execute();
    await db.schema.createIndex('form_scans_record').on('form_scans').columns(['form_code', 'record_key']).execute();
    await db.schema.createIndex('form_scans_estate').on('form_scans').columns(['estate_id', 'created_at']).execute();
  },
};
