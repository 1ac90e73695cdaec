import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Signage 标识 (manual 4.3): sign groups, the 《标识使用清单》 requests and their lines, signs, the
 * twice-daily checks and their defects. Vacant units 空置房 (4.8, forms 5.9–5.11): registrations, checks
 * (sign-in and record) and the readings taken. Handover 验房 (3.12): handovers and their defects.
 */
export const signsVacant: Migration = {
  name: '014_signs_vacant',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');
    const user = (c: any) => c.references('users.id');

    await s.createTable('field_settings')
      .addColumn('estate_id', 'integer', (c) => c.primaryKey().references('estates.id'))
      .addColumn('sign_check_slots', 'text', notNull) // JSON [{start, windowMin}]
      .addColumn('vacant_discount_gate', t.bool, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('sign_groups'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('location', 'varchar(200)')
      .addColumn('active', t.bool, notNull)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('sign_groups_name', ['estate_id', 'name'])
      .execute();

    await t.id(s.createTable('sign_requests'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('reason', 'varchar(1000)', notNull)
      .addColumn('cost_estimate', 'bigint') // fen
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('requested_by', 'integer', user)
      .addColumn('submitted_at', t.instant)
      .addColumn('decided_by', 'integer', user)
      .addColumn('decided_at', t.instant)
      .addColumn('decision_note', 'varchar(1000)')
      .addColumn('created_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('sign_request_lines'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('sign_requests.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('category', 'varchar(32)', notNull)
      .addColumn('place', 'varchar(32)', notNull)
      .addColumn('sign_group_id', 'integer', (c) => c.references('sign_groups.id'))
      .addColumn('location', 'varchar(200)', notNull)
      .addColumn('content', 'varchar(200)', notNull)
      .addColumn('size', 'varchar(64)')
      .addColumn('material', 'varchar(64)')
      .addColumn('quantity', 'integer', notNull)
      .addColumn('temporary_until', t.date)
      .execute();

    await t.id(s.createTable('signs'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('code', 'varchar(16)', notNull)
      .addColumn('category', 'varchar(32)', notNull)
      .addColumn('place', 'varchar(32)', notNull)
      .addColumn('sign_group_id', 'integer', (c) => c.references('sign_groups.id'))
      .addColumn('location', 'varchar(200)', notNull)
      .addColumn('content', 'varchar(200)', notNull)
      .addColumn('size', 'varchar(64)')
      .addColumn('material', 'varchar(64)')
      .addColumn('temporary', t.bool, notNull)
      .addColumn('expires_on', t.date)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('request_id', 'integer', (c) => c.references('sign_requests.id'))
      .addColumn('request_line_id', 'integer', (c) => c.references('sign_request_lines.id'))
      .addColumn('installed_on', t.date)
      .addColumn('removed_reason', 'varchar(1000)')
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('created_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('signs_code', ['estate_id', 'code'])
      .execute();
    await s.createIndex('signs_group').on('signs').columns(['sign_group_id', 'status']).execute();

    // Facts: a check and its defects are never changed.
    await t.id(s.createTable('sign_checks'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('sign_group_id', 'integer', (c) => c.notNull().references('sign_groups.id'))
      .addColumn('checked_at', t.instant, notNull)
      .addColumn('local_date', t.date, notNull)
      .addColumn('slot', 'integer') // index into the estate's slots; null = outside every slot (not counted)
      .addColumn('result', 'varchar(16)', notNull) // ok | issue
      .addColumn('note', 'varchar(1000)')
      .addColumn('by_user', 'integer', user)
      .addColumn('round_result_id', 'integer')
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('sign_checks_day').on('sign_checks').columns(['estate_id', 'local_date']).execute();
    await t.id(s.createTable('sign_check_defects'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('check_id', 'integer', (c) => c.notNull().references('sign_checks.id'))
      .addColumn('sign_id', 'integer', (c) => c.notNull().references('signs.id'))
      .addColumn('defect', 'varchar(32)', notNull)
      .addColumn('note', 'varchar(1000)')
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .execute();

    await t.id(s.createTable('vacant_registrations'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('registered_on', t.date, notNull)
      .addColumn('reason', 'varchar(32)', notNull)
      .addColumn('owner_contact', 'varchar(200)')
      .addColumn('key_held', t.bool, notNull)
      .addColumn('key_no', 'varchar(32)')
      .addColumn('key_deposited_on', t.date)
      .addColumn('key_storage', 'varchar(200)')
      .addColumn('valves_closed', t.bool, notNull)
      .addColumn('check_interval_days', 'integer', notNull)
      .addColumn('next_check_on', t.date, notNull)
      .addColumn('note', 'varchar(1000)')
      .addColumn('ended_on', t.date)
      .addColumn('end_reason', 'varchar(32)')
      .addColumn('created_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await s.createIndex('vacant_registrations_unit').on('vacant_registrations').columns(['unit_id', 'ended_on']).execute();

    await t.id(s.createTable('vacant_checks'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('registration_id', 'integer', (c) => c.notNull().references('vacant_registrations.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('checked_on', t.date, notNull)
      .addColumn('time_in', 'varchar(5)', notNull)
      .addColumn('time_out', 'varchar(5)', notNull)
      .addColumn('checker_id', 'integer', user)
      .addColumn('companion', 'varchar(64)')
      .addColumn('entered', t.bool, notNull)
      .addColumn('key_no_used', 'varchar(32)')
      .addColumn('items', 'text', notNull) // JSON {item: 'ok' | 'issue'}
      .addColumn('result', 'varchar(16)', notNull) // pass | issue
      .addColumn('note', 'varchar(1000)')
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('round_result_id', 'integer')
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('vacant_checks_reg').on('vacant_checks').columns(['registration_id', 'checked_on']).execute();
    await t.id(s.createTable('vacant_check_readings'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('check_id', 'integer', (c) => c.notNull().references('vacant_checks.id'))
      .addColumn('meter_id', 'integer', (c) => c.notNull().references('meters.id'))
      .addColumn('previous', 'integer')
      .addColumn('value', 'integer', notNull)
      .addColumn('used', t.bool, notNull)
      .execute();

    await t.id(s.createTable('handovers'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('type', 'varchar(32)', notNull)
      .addColumn('scheduled_at', t.instant, notNull)
      .addColumn('inspected_at', t.instant)
      .addColumn('inspectors', 'varchar(200)')
      .addColumn('owner_present', 'varchar(64)')
      .addColumn('keys_handed', 'integer')
      .addColumn('result', 'varchar(32)')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('created_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await t.id(s.createTable('handover_defects'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('handover_id', 'integer', (c) => c.notNull().references('handovers.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('room', 'varchar(16)', notNull)
      .addColumn('element', 'varchar(32)', notNull)
      .addColumn('description', 'varchar(1000)', notNull)
      .addColumn('responsible', 'varchar(16)', notNull)
      .addColumn('warranty_end', t.date)
      .addColumn('due_by', t.date, notNull)
      .addColumn('status', 'varchar(32)', notNull)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    // Each defect step, append-only: who moved it, when, why.
    await t.id(s.createTable('handover_defect_events'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('defect_id', 'integer', (c) => c.notNull().references('handover_defects.id'))
      .addColumn('from_status', 'varchar(32)')
      .addColumn('to_status', 'varchar(32)', notNull)
      .addColumn('note', 'varchar(1000)')
      .addColumn('by_user', 'integer', user)
      .addColumn('at', t.instant, notNull)
      .execute();
  },
};
