import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/** Property structure, household archive, accounts, sessions, audit log. */
export const foundation: Migration = {
  name: '001_foundation',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;

    await t.id(s.createTable('estates'))
      .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('address', 'varchar(200)')
      .addColumn('time_zone', 'varchar(64)', (c) => c.notNull().defaultTo('Asia/Shanghai'))
      .addColumn('phone', 'varchar(32)')
      .addColumn('notes', 'text')
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('users'))
      .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('display_name', 'varchar(64)', notNull)
      .addColumn('password_hash', 'varchar(256)', notNull)
      .addColumn('role', 'varchar(32)', notNull)
      .addColumn('phone', 'varchar(32)')
      .addColumn('department', 'varchar(64)')
      .addColumn('active', t.bool, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('areas'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('manager_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('notes', 'text')
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('areas_estate_name', ['estate_id', 'name'])
      .execute();

    await t.id(s.createTable('buildings'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('code', 'varchar(32)', notNull)
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('floors', 'integer', notNull)
      .addColumn('entrances', 'integer', notNull)
      .addColumn('built_year', 'integer')
      .addColumn('notes', 'text')
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('buildings_estate_code', ['estate_id', 'code'])
      .execute();

    await t.id(s.createTable('units'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
      .addColumn('entrance', 'varchar(16)')
      .addColumn('floor', 'integer', notNull)
      .addColumn('number', 'varchar(32)', notNull)
      .addColumn('building_area', 'integer', notNull)
      .addColumn('usage', 'varchar(32)', notNull)
      .addColumn('status', 'varchar(32)', notNull)
      .addColumn('structure', 'varchar(100)')
      .addColumn('quality_notes', 'text')
      .addColumn('delivered_on', t.date)
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    // Entrance is part of the address ("2单元 301"), and NULLs are distinct in UNIQUE,
    // so the key uses an empty string for "no entrance".
    await sql`create unique index units_address on units (estate_id, building_id, coalesce(entrance, ''), number)`.execute(db);
    await s.createIndex('units_status').on('units').columns(['estate_id', 'status']).execute();

    await t.id(s.createTable('facilities'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('location', 'varchar(200)')
      .addColumn('notes', 'text')
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('facilities_estate_name', ['estate_id', 'name'])
      .execute();

    await t.id(s.createTable('households'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('moved_in_on', t.date)
      .addColumn('moved_out_on', t.date)
      .addColumn('notes', 'text')
      .addColumn('created_at', t.instant, notNull)
      .execute();
    // One current household per unit; moved-out households stay as history.
    await sql`create unique index households_current on households (unit_id) where moved_out_on is null`.execute(db);

    await t.id(s.createTable('household_members'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('relation', 'varchar(32)', notNull)
      .addColumn('is_head', t.bool, (c) => c.notNull().defaultTo(0))
      .addColumn('is_owner', t.bool, (c) => c.notNull().defaultTo(0))
      .addColumn('gender', 'varchar(8)')
      .addColumn('birth_year', 'integer')
      .addColumn('phone', 'varchar(32)')
      .addColumn('id_number', 'varchar(32)')
      .addColumn('occupation', 'varchar(64)')
      .addColumn('employer', 'varchar(100)')
      .addColumn('specialties', 'varchar(200)')
      .addColumn('hobbies', 'varchar(200)')
      .addColumn('care_flags', 'varchar(100)', (c) => c.notNull().defaultTo(''))
      .addColumn('notes', 'text')
      .addColumn('moved_out_on', t.date)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
    await s.createIndex('members_household').on('household_members').column('household_id').execute();
    await s.createIndex('members_name').on('household_members').columns(['estate_id', 'name']).execute();
    await s.createIndex('members_phone').on('household_members').columns(['estate_id', 'phone']).execute();

    await t.id(s.createTable('ownerships'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('owner_name', 'varchar(64)', notNull)
      .addColumn('phone', 'varchar(32)')
      .addColumn('id_number', 'varchar(32)')
      .addColumn('share_percent', 'integer', notNull)
      .addColumn('acquired_on', t.date, notNull)
      .addColumn('acquired_how', 'varchar(32)', notNull)
      .addColumn('certificate_no', 'varchar(64)')
      .addColumn('ended_on', t.date)
      .addColumn('end_reason', 'varchar(200)')
      .addColumn('notes', 'text')
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('ownerships_unit').on('ownerships').column('unit_id').execute();
    await s.createIndex('ownerships_name').on('ownerships').columns(['estate_id', 'owner_name']).execute();

    await t.id(s.createTable('tenancies'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('household_id', 'integer', (c) => c.references('households.id'))
      .addColumn('tenant_name', 'varchar(64)', notNull)
      .addColumn('phone', 'varchar(32)')
      .addColumn('id_number', 'varchar(32)')
      .addColumn('start_on', t.date, notNull)
      .addColumn('end_on', t.date, notNull)
      .addColumn('monthly_rent', 'integer', notNull)
      .addColumn('deposit', 'integer', notNull)
      .addColumn('agent', 'varchar(100)')
      .addColumn('notes', 'text')
      .addColumn('terminated_on', t.date)
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('tenancies_unit').on('tenancies').column('unit_id').execute();

    await t.id(s.createTable('user_scopes'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .execute();
    await s.createIndex('user_scopes_user').on('user_scopes').column('user_id').execute();

    await t.id(s.createTable('owner_units'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addUniqueConstraint('owner_units_user_unit', ['user_id', 'unit_id'])
      .execute();

    await s.createTable('sessions')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, notNull)
      .addColumn('expires_at', t.instant, notNull)
      .addColumn('ip', 'varchar(64)')
      .addColumn('user_agent', 'varchar(300)')
      .addColumn('revoked_at', t.instant)
      .execute();

    await t.id(s.createTable('login_attempts'))
      .addColumn('username', 'varchar(64)', notNull)
      .addColumn('ip', 'varchar(64)', notNull)
      .addColumn('at', t.instant, notNull)
      .addColumn('success', t.bool, notNull)
      .execute();
    await s.createIndex('login_attempts_user').on('login_attempts').columns(['username', 'at']).execute();
    await s.createIndex('login_attempts_ip').on('login_attempts').columns(['ip', 'at']).execute();

    await t.id(s.createTable('audit_log'))
      .addColumn('at', t.instant, notNull)
      .addColumn('estate_id', 'integer')
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'varchar(64)', notNull)
      .addColumn('action', 'varchar(32)', notNull)
      .addColumn('entity', 'varchar(32)', notNull)
      .addColumn('entity_id', 'varchar(64)')
      .addColumn('summary', 'varchar(500)', notNull)
      .addColumn('detail', 'text')
      .addColumn('ip', 'varchar(64)')
      .execute();
    await s.createIndex('audit_at').on('audit_log').columns(['estate_id', 'at']).execute();
    await s.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    await appendOnly(db, dialect, 'audit_log');

    await t.id(s.createTable('import_jobs'))
      .addColumn('estate_id', 'integer', (c) => c.notNull().references('estates.id'))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('file_name', 'varchar(200)', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('total_rows', 'integer', notNull)
      .addColumn('processed_rows', 'integer', notNull)
      .addColumn('errors', 'text')
      .addColumn('result', 'text')
      .addColumn('created_at', t.instant, notNull)
      .addColumn('finished_at', t.instant)
      .execute();

    await s.createTable('settings')
      .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('value', 'text', notNull)
      .addColumn('updated_at', t.instant, notNull)
      .execute();
  },
};

/** The audit log refuses UPDATE and DELETE at the database, not just in the code. */
async function appendOnly(db: Kysely<any>, dialect: Dialect, table: string) {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db);
    }
    return;
  }
  await sql.raw(`CREATE FUNCTION ${table}_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '${table} is append-only'; END $$ LANGUAGE plpgsql`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
}
