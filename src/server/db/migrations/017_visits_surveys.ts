import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Home visits 走访 (settings, daily plans and their items, visit records, outreach requests other
 * modules feed) and surveys 问卷 (questions, recipient slots, responses, verification call-backs).
 * Visit records, responses and verifications are facts: no code updates them.
 */
export const visitsSurveys: Migration = {
  name: '017_visits_surveys',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');

    await s.createTable('visit_settings')
      .addColumn('estate_id', 'integer', (c) => c.primaryKey().references('estates.id'))
      .addColumn('regular_days', 'integer', notNull)
      .addColumn('special_days', 'integer', notNull)
      .addColumn('move_in_days', 'integer', notNull)
      .addColumn('daily_capacity', 'integer', notNull)
      .addColumn('not_home_attempts', 'integer', notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('visit_plans'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('plan_date', t.date, notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('visit_plans_user_day', ['user_id', 'area_id', 'plan_date'])
      .execute();

    await t.id(s.createTable('visit_plan_items'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('visit_plans.id'))
      .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('source', 'varchar(16)', notNull)
      .addColumn('note', 'varchar(200)')
      .addColumn('carried_over', t.bool, notNull)
      .addColumn('added_by', 'integer', (c) => c.references('users.id'))
      .addColumn('dropped_at', t.instant)
      .addColumn('dropped_by', 'integer', (c) => c.references('users.id'))
      .addColumn('drop_reason', 'varchar(200)')
      .addColumn('visit_id', 'integer')
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('visit_plan_items_once', ['plan_id', 'household_id'])
      .execute();

    await t.id(s.createTable('home_visits'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('plan_item_id', 'integer', (c) => c.references('visit_plan_items.id'))
      .addColumn('visitor_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('visitor_name', 'varchar(64)', notNull)
      .addColumn('companions', 'varchar(200)')
      .addColumn('purpose', 'varchar(32)', notNull)
      .addColumn('method', 'varchar(16)', notNull)
      .addColumn('outcome', 'varchar(16)', notNull)
      .addColumn('visited_at', t.instant, notNull)
      .addColumn('visited_on', t.date, notNull)
      .addColumn('minutes', 'integer')
      .addColumn('members_met', 'varchar(200)')
      .addColumn('opinions', 'varchar(2000)')
      .addColumn('tags', 'varchar(500)', notNull)
      .addColumn('satisfaction', 'integer')
      .addColumn('needs', 'varchar(1000)')
      .addColumn('need_type', 'varchar(32)')
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('care_concern', t.bool, notNull)
      .addColumn('care_note', 'varchar(1000)')
      .addColumn('follow_up_on', t.date)
      .addColumn('arrears_step_id', 'integer')
      .addColumn('survey_recipient_id', 'integer')
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('home_visits_household').on('home_visits').columns(['household_id', 'visited_at']).execute();
    await s.createIndex('home_visits_estate_day').on('home_visits').columns(['estate_id', 'visited_on']).execute();

    // The hook other modules feed: a household to be visited for their reason (a notice that could not reach it).
    await t.id(s.createTable('visit_requests'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
      .addColumn('source', 'varchar(32)', notNull)
      .addColumn('ref', 'varchar(64)', notNull)
      .addColumn('note', 'varchar(200)')
      .addColumn('created_at', t.instant, notNull)
      .addColumn('done_visit_id', 'integer')
      .addUniqueConstraint('visit_requests_once', ['household_id', 'source', 'ref'])
      .execute();

    await t.id(s.createTable('surveys'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('title', 'varchar(100)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('intro', 'varchar(2000)')
      .addColumn('audience', 'text', notNull) // JSON
      .addColumn('channels', 'varchar(64)', notNull)
      .addColumn('opens_on', t.date, notNull)
      .addColumn('closes_on', t.date, notNull)
      .addColumn('anonymous', t.bool, notNull)
      .addColumn('target_return', 'integer', notNull)
      .addColumn('target_satisfaction', 'integer', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('published_at', t.instant)
      .addColumn('closed_at', t.instant)
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('survey_questions'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('type', 'varchar(16)', notNull)
      .addColumn('text', 'varchar(300)', notNull)
      .addColumn('required', t.bool, notNull)
      .addColumn('options', 'text', notNull) // JSON [{id,label}]
      .addColumn('dimension', 'varchar(32)')
      .addColumn('counts_for_satisfaction', t.bool, notNull)
      .addColumn('archived_at', t.instant)
      .execute();

    await t.id(s.createTable('survey_recipients'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('household_id', 'integer', (c) => c.references('households.id'))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('channel', 'varchar(16)')
      .addColumn('issued_at', t.instant)
      .addColumn('form_no', 'varchar(32)')
      .addColumn('responded_at', t.instant)
      .addColumn('reason', 'varchar(200)')
      .addUniqueConstraint('survey_recipients_unit', ['survey_id', 'unit_id'])
      .addUniqueConstraint('survey_recipients_form', ['survey_id', 'form_no'])
      .execute();

    await t.id(s.createTable('survey_responses'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('recipient_id', 'integer', (c) => c.notNull().unique().references('survey_recipients.id'))
      .addColumn('channel', 'varchar(16)', notNull)
      .addColumn('answers', 'text', notNull) // JSON {questionId: value}
      .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
      .addColumn('respondent_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('respondent_name', 'varchar(64)')
      .addColumn('submitted_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('survey_verifications'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
      .addColumn('response_id', 'integer', (c) => c.notNull().unique().references('survey_responses.id'))
      .addColumn('result', 'varchar(16)', notNull)
      .addColumn('note', 'varchar(500)')
      .addColumn('verified_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('verified_at', t.instant, notNull)
      .execute();
  },
};
