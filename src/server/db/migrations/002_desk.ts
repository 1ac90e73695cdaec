import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/** Service desk: tickets and their timeline, SLA policies and calendar, visits, emergencies, notifications. */
export const desk: Migration = {
  name: '002_desk',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');

    await s.alterTable('users').addColumn('email', 'varchar(200)').execute();

    await t.id(s.createTable('ticket_categories'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('place', 'varchar(32)', notNull)
      .addColumn('category', 'varchar(32)', notNull)
      .addColumn('problem', 'varchar(64)', notNull)
      .addColumn('visit_policy', 'varchar(16)', notNull)
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('ticket_categories_key', ['estate_id', 'place', 'category', 'problem'])
      .execute();

    await t.id(s.createTable('sla_policies'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('type', 'varchar(32)')
      .addColumn('priority', 'varchar(16)')
      .addColumn('complex', t.bool)
      .addColumn('emergency', t.bool)
      .addColumn('response_minutes', 'integer', notNull)
      .addColumn('resolution_minutes', 'integer', notNull)
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .execute();

    await s.createTable('desk_settings')
      .addColumn('estate_id', 'integer', (c) => c.primaryKey().references('estates.id'))
      .addColumn('calendar', 'varchar(16)', notNull) // wall | working
      .addColumn('work_start', 'integer', notNull)
      .addColumn('work_end', 'integer', notNull)
      .addColumn('weekdays', 'varchar(32)', notNull)
      .addColumn('warn_minutes', 'integer', notNull)
      .addColumn('assistant_after_minutes', 'integer', notNull)
      .addColumn('director_after_minutes', 'integer', notNull)
      .addColumn('auto_confirm_days', 'integer', notNull)
      .addColumn('visit_due_days', 'integer', notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('holidays'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('date', t.date, notNull)
      .addColumn('kind', 'varchar(8)', notNull) // off | work
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('archived_at', t.instant)
      .addUniqueConstraint('holidays_estate_date', ['estate_id', 'date'])
      .execute();

    await s.createTable('counters')
      .addColumn('estate_id', 'integer', estate)
      .addColumn('name', 'varchar(32)', notNull)
      .addColumn('value', 'integer', notNull)
      .addPrimaryKeyConstraint('counters_pk', ['estate_id', 'name'])
      .execute();

    await t.id(s.createTable('tickets'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('number', 'varchar(32)', notNull)
      .addColumn('type', 'varchar(32)', notNull)
      .addColumn('channel', 'varchar(16)', notNull)
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('reporter_name', 'varchar(64)', notNull)
      .addColumn('reporter_phone', 'varchar(32)')
      .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('category_id', 'integer', (c) => c.references('ticket_categories.id'))
      .addColumn('priority', 'varchar(16)', notNull)
      .addColumn('complex', t.bool, notNull)
      .addColumn('emergency', t.bool, notNull)
      .addColumn('incident_type', 'varchar(32)')
      .addColumn('title', 'varchar(100)', notNull)
      .addColumn('description', 'text', notNull)
      .addColumn('department', 'varchar(32)')
      .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
      .addColumn('appointment_at', t.instant)
      .addColumn('price', 'integer')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('paused_from', 'varchar(16)')
      .addColumn('paused_at', t.instant)
      .addColumn('response_due_at', t.instant, notNull)
      .addColumn('resolution_due_at', t.instant, notNull)
      .addColumn('responded_at', t.instant)
      .addColumn('resolved_at', t.instant)
      .addColumn('confirmed_at', t.instant)
      .addColumn('closed_at', t.instant)
      .addColumn('cancelled_at', t.instant)
      .addColumn('cancel_reason', 'varchar(200)')
      .addColumn('reopen_count', 'integer', notNull)
      .addColumn('escalation_level', 'integer', notNull)
      .addColumn('warned', 'integer', notNull)
      .addColumn('rating', 'integer')
      .addColumn('rating_comment', 'varchar(500)')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('tickets_estate_number', ['estate_id', 'number'])
      .execute();
    await s.createIndex('tickets_estate_created').on('tickets').columns(['estate_id', 'created_at']).execute();
    // Lists are newest first (by id) under filters on status and type: these let a page of 20
    // and its count come from an index alone.
    await s.createIndex('tickets_estate_status').on('tickets').columns(['estate_id', 'status', 'id']).execute();
    await s.createIndex('tickets_estate_type').on('tickets').columns(['estate_id', 'type', 'status', 'id']).execute();
    await s.createIndex('tickets_estate_resolved').on('tickets').columns(['estate_id', 'resolved_at']).execute();
    await s.createIndex('tickets_assignee').on('tickets').columns(['assignee_id', 'status']).execute();
    await s.createIndex('tickets_department').on('tickets').columns(['estate_id', 'department', 'status']).execute();
    await s.createIndex('tickets_unit').on('tickets').column('unit_id').execute();
    await s.createIndex('tickets_reporter').on('tickets').column('reporter_user_id').execute();

    await t.id(s.createTable('ticket_events'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('at', t.instant, notNull)
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'varchar(64)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('from_status', 'varchar(16)')
      .addColumn('to_status', 'varchar(16)')
      .addColumn('note', 'text')
      .addColumn('internal', t.bool, notNull)
      .addColumn('data', 'text')
      .execute();
    await s.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute();

    await t.id(s.createTable('ticket_photos'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('event_id', 'integer', (c) => c.references('ticket_events.id'))
      .addColumn('file_key', 'varchar(200)', notNull)
      .addColumn('mime', 'varchar(32)', notNull)
      .addColumn('size', 'integer', notNull)
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('ticket_photos_ticket').on('ticket_photos').column('ticket_id').execute();

    await t.id(s.createTable('return_visits'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
      .addColumn('due_at', t.instant, notNull)
      .addColumn('done_at', t.instant)
      .addColumn('done_by', 'integer', (c) => c.references('users.id'))
      .addColumn('score', 'integer')
      .addColumn('comment', 'varchar(1000)')
      .addColumn('tags', 'varchar(100)', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('return_visits_ticket').on('return_visits').column('ticket_id').execute();
    await s.createIndex('return_visits_open').on('return_visits').columns(['estate_id', 'done_at']).execute();

    await t.id(s.createTable('emergency_plans'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('incident_type', 'varchar(32)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('emergency_plans_type', ['estate_id', 'incident_type'])
      .execute();
    await t.id(s.createTable('emergency_plan_steps'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('emergency_plans.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('role', 'varchar(32)', notNull)
      .execute();
    await t.id(s.createTable('ticket_steps'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('role', 'varchar(32)', notNull)
      .addColumn('done_at', t.instant)
      .addColumn('done_by', 'varchar(64)')
      .addColumn('note', 'varchar(500)')
      .execute();
    await s.createIndex('ticket_steps_ticket').on('ticket_steps').column('ticket_id').execute();

    await t.id(s.createTable('notifications'))
      .addColumn('estate_id', 'integer')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('at', t.instant, notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('message', 'text') // JSON {title, body} message keys, rendered in the reader's language
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('dedupe_key', 'varchar(100)')
      .addColumn('read_at', t.instant)
      .addUniqueConstraint('notifications_dedupe', ['user_id', 'dedupe_key'])
      .execute();
    await s.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();
    await s.createIndex('notifications_key').on('notifications').column('dedupe_key').execute();

    await s.createTable('job_locks')
      .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('owner', 'varchar(64)', notNull)
      .addColumn('locked_until', t.instant, notNull)
      .execute();
  },
};
