import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Resident notices 通知公告 with per-unit recipients, and community activities 社区文化活动 with
 * registrations, preparation tasks and feedback (design B.3.3, B.3.4; manual 3.9, 3.17, 4.10).
 */
export const noticesActivities: Migration = {
  name: '018_notices_activities',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');

    await t.id(s.createTable('resident_notices'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('number', 'varchar(32)')
      .addColumn('category', 'varchar(16)', notNull)
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('audience_kind', 'varchar(16)', notNull)
      .addColumn('audience_ids', 'text', notNull) // JSON array: area/building/unit ids, or "buildingId:entrance"
      .addColumn('audience_people', 'varchar(16)', notNull)
      .addColumn('require_ack', t.bool, notNull)
      .addColumn('pinned', t.bool, notNull)
      .addColumn('publish_at', t.instant)
      .addColumn('expires_at', t.instant)
      .addColumn('status', 'varchar(24)', notNull)
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('corrects_id', 'integer', (c) => c.references('resident_notices.id'))
      .addColumn('activity_id', 'integer')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
      .addColumn('approved_at', t.instant)
      .addColumn('reject_reason', 'varchar(500)')
      .addColumn('published_at', t.instant)
      .addColumn('withdrawn_at', t.instant)
      .addColumn('withdraw_reason', 'varchar(500)')
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await s.createIndex('resident_notices_status').on('resident_notices').columns(['estate_id', 'status']).execute();

    // One row per unit reached, materialised at publication; read/ack by any portal user of the unit.
    await t.id(s.createTable('notice_recipients'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('resident_notices.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('portal_users', 'integer', notNull)
      .addColumn('delivered_at', t.instant)
      .addColumn('first_read_at', t.instant)
      .addColumn('first_read_by', 'integer', (c) => c.references('users.id'))
      .addColumn('ack_at', t.instant)
      .addColumn('ack_by', 'integer', (c) => c.references('users.id'))
      .addColumn('last_reminded_at', t.instant)
      .addColumn('reminders', 'integer', notNull)
      .addColumn('offline_at', t.instant)
      .addColumn('offline_by', 'integer', (c) => c.references('users.id'))
      .addColumn('offline_method', 'varchar(16)')
      .addColumn('offline_note', 'varchar(500)')
      .addUniqueConstraint('notice_recipients_unit', ['notice_id', 'unit_id'])
      .execute();

    // "Add to visit plan": a request the home-visit module (relations/visits) reads and closes.
    await t.id(s.createTable('notice_visit_requests'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('resident_notices.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('reason', 'varchar(32)', notNull) // notice_delivery
      .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('requested_at', t.instant, notNull)
      .addColumn('taken_at', t.instant)
      .addColumn('visit_ref', 'varchar(64)')
      .addUniqueConstraint('notice_visit_requests_unit', ['notice_id', 'unit_id'])
      .execute();

    await t.id(s.createTable('activities'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('number', 'varchar(32)', notNull)
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('type', 'varchar(16)', notNull)
      .addColumn('goals', 'text')
      .addColumn('agenda', 'text')
      .addColumn('budget', 'text', notNull) // JSON [{item, amount (fen)}]
      .addColumn('staffing', 'text', notNull) // JSON [{role, userId?, name}]
      .addColumn('facility_id', 'integer', (c) => c.references('facilities.id'))
      .addColumn('venue', 'varchar(200)')
      .addColumn('starts_at', t.instant, notNull)
      .addColumn('ends_at', t.instant, notNull)
      .addColumn('opens_at', t.instant, notNull)
      .addColumn('closes_at', t.instant, notNull)
      .addColumn('capacity', 'integer', notNull)
      .addColumn('per_unit_limit', 'integer', notNull)
      .addColumn('audience_kind', 'varchar(16)', notNull)
      .addColumn('audience_ids', 'text', notNull)
      .addColumn('status', 'varchar(24)', notNull)
      .addColumn('notice_id', 'integer', (c) => c.references('resident_notices.id'))
      .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
      .addColumn('cancel_reason', 'varchar(500)')
      .addColumn('actual_cost', 'bigint')
      .addColumn('lessons', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('activity_registrations'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('names', 'varchar(200)', notNull)
      .addColumn('adults', 'integer', notNull)
      .addColumn('children', 'integer', notNull)
      .addColumn('phone', 'varchar(32)')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('code', 'varchar(16)', notNull)
      .addColumn('registered_at', t.instant, notNull)
      .addColumn('promoted_at', t.instant)
      .addColumn('cancelled_at', t.instant)
      .addColumn('checked_in_at', t.instant)
      .addColumn('checked_in_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('activity_registrations_code', ['activity_id', 'code'])
      .execute();

    await t.id(s.createTable('activity_tasks'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('key', 'varchar(32)')
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
      .addColumn('due_at', t.instant, notNull)
      .addColumn('done_at', t.instant)
      .addColumn('done_by', 'integer', (c) => c.references('users.id'))
      .addColumn('note', 'varchar(500)')
      .execute();

    // Feedback of manual 4.10.5 kept here while the survey module is not on main.
    await t.id(s.createTable('activity_feedback'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id'))
      .addColumn('registration_id', 'integer', (c) => c.notNull().references('activity_registrations.id'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('rating', 'integer', notNull)
      .addColumn('liked', 'varchar(500)')
      .addColumn('suggestions', 'varchar(1000)')
      .addColumn('at', t.instant, notNull)
      .addUniqueConstraint('activity_feedback_registration', ['registration_id'])
      .execute();
  },
};
