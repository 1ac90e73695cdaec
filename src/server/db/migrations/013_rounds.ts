import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Rounds engine (design A.3.0, A.3.3, A.3.6): check templates (versioned), checkpoints with QR
 * tokens, routes, plans, tasks (unique per plan and slot), results (facts, unique per client UUID),
 * findings, the field app's photos and its sync log.
 */
export const rounds: Migration = {
  name: '013_rounds',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');
    const user = (c: any) => c.references('users.id');
    // coordinates: float4 would turn 113.9 into 113.90000153 on PostgreSQL
    const real = dialect === 'postgres' ? 'double precision' : 'real';

    await t.id(s.createTable('check_templates'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('family_id', 'integer') // the first version's id; every version of one template shares it
      .addColumn('version', 'integer', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('status', 'varchar(16)', notNull) // draft | published | archived
      .addColumn('published_at', t.instant)
      .addColumn('created_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await s.createIndex('check_templates_family').on('check_templates').columns(['family_id', 'version']).unique().execute();
    await s.createIndex('check_templates_estate').on('check_templates').columns(['estate_id', 'kind']).execute();

    await t.id(s.createTable('check_template_items'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('template_id', 'integer', (c) => c.notNull().references('check_templates.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('label', 'varchar(100)', notNull)
      .addColumn('answer', 'varchar(16)', notNull)
      .addColumn('min', 'integer')
      .addColumn('max', 'integer')
      .addColumn('unit', 'varchar(16)')
      .addColumn('options', 'text')
      .addColumn('photo_on_issue', t.bool, notNull)
      .addColumn('fixable_on_spot', t.bool, notNull)
      .addColumn('severity', 'varchar(8)', notNull)
      .addColumn('ticket_type', 'varchar(16)', notNull)
      .addColumn('department', 'varchar(32)')
      .addColumn('category_id', 'integer', (c) => c.references('ticket_categories.id'))
      .addColumn('quality_dept', 'varchar(16)')
      .execute();
    await s.createIndex('check_template_items_tpl').on('check_template_items').columns(['template_id', 'seq']).execute();

    await t.id(s.createTable('checkpoints'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('code', 'varchar(32)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('target', 'varchar(16)', notNull)
      .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('facility_id', 'integer', (c) => c.references('facilities.id'))
      .addColumn('ref_kind', 'varchar(32)') // an outside record a generator made it for (renovation, sign…)
      .addColumn('ref_id', 'integer')
      .addColumn('location', 'varchar(200)')
      .addColumn('lat', real)
      .addColumn('lng', real)
      .addColumn('qr_token', 'varchar(40)', notNull)
      .addColumn('nfc_uid', 'varchar(64)')
      .addColumn('template_family_id', 'integer', (c) => c.references('check_templates.id'))
      .addColumn('active', t.bool, notNull)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('checkpoints_estate_code', ['estate_id', 'code'])
      .addUniqueConstraint('checkpoints_qr_token', ['qr_token'])
      .execute();
    await s.createIndex('checkpoints_ref').on('checkpoints').columns(['estate_id', 'ref_kind', 'ref_id']).execute();

    await t.id(s.createTable('round_routes'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('ordered', t.bool, notNull)
      .addColumn('active', t.bool, notNull)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await t.id(s.createTable('round_route_points'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('route_id', 'integer', (c) => c.notNull().references('round_routes.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('checkpoint_id', 'integer', (c) => c.notNull().references('checkpoints.id'))
      .execute();
    await s.createIndex('round_route_points_route').on('round_route_points').columns(['route_id', 'seq']).execute();

    await t.id(s.createTable('round_plans'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('route_id', 'integer', (c) => c.references('round_routes.id'))
      .addColumn('generator', 'varchar(32)')
      .addColumn('template_family_id', 'integer', (c) => c.references('check_templates.id'))
      .addColumn('assignee_rule', 'varchar(16)', notNull) // user | area_admin
      .addColumn('assignee_id', 'integer', user)
      .addColumn('recurrence', 'varchar(16)', notNull)
      .addColumn('days', 'varchar(100)', notNull)
      .addColumn('every_n', 'integer')
      .addColumn('slots', 'text', notNull)
      .addColumn('lead_min', 'integer', notNull)
      .addColumn('grace_min', 'integer', notNull)
      .addColumn('starts_on', t.date, notNull)
      .addColumn('ends_on', t.date)
      .addColumn('enabled', t.bool, notNull)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await s.createIndex('round_plans_estate').on('round_plans').columns(['estate_id', 'enabled']).execute();

    await t.id(s.createTable('round_tasks'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('round_plans.id'))
      .addColumn('task_key', 'varchar(40)', notNull) // the slot's start, or makeup:<task id>
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('slot_start', t.instant, notNull)
      .addColumn('slot_end', t.instant, notNull)
      .addColumn('lead_min', 'integer', notNull)
      .addColumn('grace_min', 'integer', notNull)
      .addColumn('ordered', t.bool, notNull)
      .addColumn('assignee_id', 'integer', user)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('makeup_of', 'integer', (c) => c.references('round_tasks.id'))
      .addColumn('started_at', t.instant)
      .addColumn('finished_at', t.instant)
      .addColumn('swept_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('round_tasks_plan_key', ['plan_id', 'task_key'])
      .execute();
    await s.createIndex('round_tasks_estate_slot').on('round_tasks').columns(['estate_id', 'slot_start']).execute();
    await s.createIndex('round_tasks_assignee').on('round_tasks').columns(['assignee_id', 'slot_start']).execute();

    await t.id(s.createTable('round_task_transfers'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('task_id', 'integer', (c) => c.notNull().references('round_tasks.id'))
      .addColumn('from_user_id', 'integer', user)
      .addColumn('to_user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('reason', 'varchar(500)', notNull)
      .addColumn('by_user_id', 'integer', user)
      .addColumn('at', t.instant, notNull)
      .execute();
    await s.createIndex('round_task_transfers_task').on('round_task_transfers').column('task_id').execute();

    await t.id(s.createTable('round_task_points'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('task_id', 'integer', (c) => c.notNull().references('round_tasks.id'))
      .addColumn('checkpoint_id', 'integer', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('template_id', 'integer', (c) => c.references('check_templates.id'))
      .addColumn('status', 'varchar(16)', notNull) // pending | done | missed
      .addColumn('result_id', 'integer')
      .addUniqueConstraint('round_task_points_key', ['task_id', 'checkpoint_id'])
      .execute();

    await t.id(s.createTable('round_results'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('client_uuid', 'varchar(40)', notNull)
      .addColumn('task_id', 'integer', (c) => c.references('round_tasks.id'))
      .addColumn('checkpoint_id', 'integer', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('template_id', 'integer', (c) => c.references('check_templates.id'))
      .addColumn('by_user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('device_id', 'varchar(64)')
      .addColumn('scan_method', 'varchar(8)', notNull)
      .addColumn('manual_reason', 'varchar(200)')
      .addColumn('device_observed_at', t.instant, notNull)
      .addColumn('observed_at', t.instant, notNull)
      .addColumn('received_at', t.instant, notNull)
      .addColumn('skew_ms', 'integer', notNull)
      .addColumn('timing', 'varchar(8)')
      .addColumn('lat', real)
      .addColumn('lng', real)
      .addColumn('accuracy', real)
      // flags, 0/1: far from the point, out of the route's order, after the task was given to
      // another, synced after the sweep, clock corrected by more than 2 minutes, older than 7 days
      .addColumn('far', t.bool, notNull)
      .addColumn('out_of_sequence', t.bool, notNull)
      .addColumn('after_reassignment', t.bool, notNull)
      .addColumn('late_sync', t.bool, notNull)
      .addColumn('skew_flag', t.bool, notNull)
      .addColumn('stale', t.bool, notNull)
      .addColumn('counts', t.bool, notNull)
      .addColumn('answers', 'text', notNull)
      .addColumn('note', 'varchar(1000)')
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('round_results_uuid', ['estate_id', 'client_uuid'])
      .execute();
    await s.createIndex('round_results_task').on('round_results').columns(['task_id', 'checkpoint_id']).execute();
    await s.createIndex('round_results_estate_obs').on('round_results').columns(['estate_id', 'observed_at']).execute();

    await t.id(s.createTable('round_findings'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('result_id', 'integer', (c) => c.notNull().references('round_results.id'))
      .addColumn('task_id', 'integer', (c) => c.references('round_tasks.id'))
      .addColumn('checkpoint_id', 'integer', (c) => c.notNull().references('checkpoints.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('check_template_items.id'))
      .addColumn('item_label', 'varchar(100)', notNull)
      .addColumn('department', 'varchar(32)')
      .addColumn('category_id', 'integer')
      .addColumn('description', 'varchar(1000)', notNull)
      .addColumn('severity', 'varchar(8)', notNull)
      .addColumn('photo_ids', 'text', notNull)
      .addColumn('after_photo_ids', 'text', notNull)
      .addColumn('status', 'varchar(16)', notNull) // open | fixed_on_spot | ticketed | closed
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('by_user_id', 'integer', user)
      .addColumn('observed_at', t.instant, notNull)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('closed_at', t.instant)
      .execute();
    await s.createIndex('round_findings_estate').on('round_findings').columns(['estate_id', 'status', 'id']).execute();
    await s.createIndex('round_findings_ticket').on('round_findings').column('ticket_id').execute();
    await s.createIndex('round_findings_point_item').on('round_findings').columns(['checkpoint_id', 'item_id']).execute();

    await t.id(s.createTable('field_photos'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('client_uuid', 'varchar(40)', notNull)
      .addColumn('file_key', 'varchar(200)', notNull)
      .addColumn('mime', 'varchar(32)', notNull)
      .addColumn('size', 'integer', notNull)
      .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('field_photos_uuid', ['estate_id', 'client_uuid'])
      .execute();
    await s.createIndex('field_photos_uploader').on('field_photos').columns(['uploaded_by', 'created_at']).execute();

    await t.id(s.createTable('field_sync_log'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('client_uuid', 'varchar(40)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('device_id', 'varchar(64)')
      .addColumn('ids', 'text', notNull)
      .addColumn('at', t.instant, notNull)
      .addUniqueConstraint('field_sync_log_uuid', ['estate_id', 'client_uuid'])
      .execute();
  },
};
