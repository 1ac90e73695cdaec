import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * Ticket photos know who uploaded them and at which stage (the report, or the finished work), so
 * a ticket holds at most the documented number per stage and a user a daily quota.
 */
export const importsFiles: Migration = {
  name: '007_imports_files',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('ticket_photos').addColumn('uploaded_by', 'integer', (c) => c.references('users.id')).execute();
    await db.schema.alterTable('ticket_photos').addColumn('stage', 'varchar(8)', (c) => c.notNull().defaultTo('report')).execute();
    await db.schema.createIndex('ticket_photos_uploader').on('ticket_photos').columns(['uploaded_by', 'created_at']).execute();
  },
};
