import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * 请管家上门: an owner's request from the portal for a home visit, which the steward schedules into a
 * daily visit plan or declines with a reason the owner reads. Requests are never deleted.
 */
export const relationsMore: Migration = {
  name: '025_relations_more',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    await t.id(db.schema.createTable('owner_visit_requests'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
      .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('preferred_dates', 'varchar(40)', notNull)
      .addColumn('time_band', 'varchar(16)', notNull)
      .addColumn('topic', 'varchar(16)', notNull)
      .addColumn('note', 'varchar(500)')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('plan_item_id', 'integer', (c) => c.references('visit_plan_items.id'))
      .addColumn('scheduled_on', t.date)
      .addColumn('decline_reason', 'varchar(200)')
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await db.schema.createIndex('owner_visit_requests_estate').on('owner_visit_requests').columns(['estate_id', 'status']).execute();
    await db.schema.createIndex('owner_visit_requests_unit').on('owner_visit_requests').columns(['unit_id']).execute();
  },
};
