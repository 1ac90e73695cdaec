import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { notNull, types, type Migration } from './helpers.ts';

/**
 * Management (design part C): signed scans of printed forms (X5), KPI sets and appraisals
 * (R-PERF), development plans, recognitions, training, frozen monthly reports, improvement
 * actions (R-IMPROVE).
 */
export const management: Migration = {
  name: '020_management',
  async up(db: Kysely<any>, dialect: Dialect) {
    const ty = types(dialect);
    // The archive copy of a signed paper form (M 4.2.2.2): one row per uploaded file, never updated.
    await ty
      .id(db.schema.createTable('form_scans'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
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

    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');
    await ty.id(s.createTable('kpi_sets'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('role', 'varchar(20)', notNull)
      .addColumn('version', 'integer', notNull)
      .addColumn('effective_from', 'varchar(7)', notNull)
      .addColumn('note', 'varchar(500)')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .addUniqueConstraint('kpi_sets_version', ['estate_id', 'role', 'version'])
      .execute();
    await ty.id(s.createTable('kpi_items'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('set_id', 'integer', (c) => c.notNull().references('kpi_sets.id'))
      .addColumn('code', 'varchar(40)', notNull)
      .addColumn('metric', 'varchar(80)', notNull)
      .addColumn('group_key', 'varchar(20)', notNull)
      .addColumn('weight', 'integer', notNull)
      .addColumn('direction', 'varchar(10)', notNull)
      .addColumn('floor_e4', 'bigint', notNull)
      .addColumn('target_e4', 'bigint', notNull)
      .addColumn('sort', 'integer', notNull)
      .execute();
    await s.createIndex('kpi_items_set').on('kpi_items').column('set_id').execute();
    await ty.id(s.createTable('appraisals'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'varchar(20)', notNull)
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('kind', 'varchar(10)', notNull)
      .addColumn('set_id', 'integer')
      .addColumn('area_ids', 'varchar(200)')
      .addColumn('snapshot', 'text', notNull)
      .addColumn('computed_e2', 'integer')
      .addColumn('adjustment_e2', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('adjustment_reason', 'varchar(500)')
      .addColumn('adjustment_evidence', 'varchar(500)')
      .addColumn('final_e2', 'integer')
      .addColumn('grade', 'varchar(2)')
      .addColumn('status', 'varchar(20)', notNull)
      .addColumn('self_due_on', ty.date, notNull)
      .addColumn('self_text', 'varchar(2000)')
      .addColumn('self_score', 'integer')
      .addColumn('self_at', ty.instant)
      .addColumn('review_text', 'varchar(2000)')
      .addColumn('reviewed_by', 'integer')
      .addColumn('reviewed_at', ty.instant)
      .addColumn('confirmed_by', 'integer')
      .addColumn('confirmed_at', ty.instant)
      .addColumn('acknowledged_at', ty.instant)
      .addColumn('appeal_text', 'varchar(2000)')
      .addColumn('appealed_at', ty.instant)
      .addColumn('annual_review_e2', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .addColumn('updated_at', ty.instant, notNull)
      .addUniqueConstraint('appraisals_once', ['user_id', 'period'])
      .execute();
    await s.createIndex('appraisals_estate').on('appraisals').columns(['estate_id', 'period']).execute();
    await ty.id(s.createTable('development_plans'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('user_id', 'integer', notNull)
      .addColumn('appraisal_id', 'integer')
      .addColumn('weakness', 'varchar(500)', notNull)
      .addColumn('action', 'varchar(1000)', notNull)
      .addColumn('due_on', ty.date, notNull)
      .addColumn('status', 'varchar(10)', notNull)
      .addColumn('created_by', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .addColumn('done_at', ty.instant)
      .execute();
    await s.createIndex('development_plans_user').on('development_plans').columns(['user_id', 'status']).execute();
    await ty.id(s.createTable('recognitions'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('user_id', 'integer', notNull)
      .addColumn('appraisal_id', 'integer')
      .addColumn('text', 'varchar(1000)', notNull)
      .addColumn('created_by', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .execute();
    await ty.id(s.createTable('training_records'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('course', 'varchar(200)', notNull)
      .addColumn('held_on', ty.date, notNull)
      .addColumn('hours_e1', 'integer', notNull)
      .addColumn('trainer', 'varchar(100)', notNull)
      .addColumn('attendees', 'text', notNull)
      .addColumn('result', 'varchar(1000)')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .execute();
    await s.createIndex('training_records_estate').on('training_records').columns(['estate_id', 'held_on']).execute();
    await ty.id(s.createTable('monthly_reports'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_key', 'integer', notNull)
      .addColumn('kind', 'varchar(20)', notNull)
      .addColumn('month', 'varchar(7)', notNull)
      .addColumn('data', 'text', notNull)
      .addColumn('created_at', ty.instant, notNull)
      .addUniqueConstraint('monthly_reports_once', ['estate_id', 'area_key', 'kind', 'month'])
      .execute();
    await ty.id(s.createTable('improvement_actions'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer')
      .addColumn('source', 'varchar(20)', notNull)
      .addColumn('source_ref', 'varchar(100)')
      .addColumn('type', 'varchar(12)', notNull)
      .addColumn('dimension', 'varchar(32)')
      .addColumn('problem', 'varchar(1000)', notNull)
      .addColumn('root_cause', 'varchar(2000)', notNull)
      .addColumn('metric', 'varchar(80)', notNull)
      .addColumn('baseline_e4', 'bigint')
      .addColumn('target_e4', 'bigint', notNull)
      .addColumn('review_month', 'varchar(7)', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('approved_by', 'integer')
      .addColumn('approved_at', ty.instant)
      .addColumn('verified_at', ty.instant)
      .addColumn('verified_e4', 'bigint')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', ty.instant, notNull)
      .addColumn('updated_at', ty.instant, notNull)
      .execute();
    await s.createIndex('improvement_actions_estate').on('improvement_actions').columns(['estate_id', 'status']).execute();
    await ty.id(s.createTable('improvement_action_rows'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('action_id', 'integer', (c) => c.notNull().references('improvement_actions.id'))
      .addColumn('what', 'varchar(500)', notNull)
      .addColumn('owner_id', 'integer')
      .addColumn('due_on', ty.date, notNull)
      .addColumn('done_at', ty.instant)
      .addColumn('created_at', ty.instant, notNull)
      .execute();
    await s.createIndex('improvement_action_rows_action').on('improvement_action_rows').column('action_id').execute();
  },
};
