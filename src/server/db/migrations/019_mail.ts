import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Mail, newspapers and parcels 信件报刊/快递 (manual 3.7, design B.3.5): items on the shelf,
 * pickups with their signature (append-only), wrong-code attempts, owners' authorisations,
 * newspaper subscriptions and their daily deliveries (append-only).
 */
export const mail: Migration = {
  name: '019_mail',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');

    await t.id(s.createTable('mail_pickups'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('at', t.instant, notNull)
      .addColumn('method', 'varchar(8)', notNull) // code | id
      .addColumn('picker_name', 'varchar(64)', notNull)
      .addColumn('relation', 'varchar(16)', notNull)
      .addColumn('authorization_id', 'integer')
      .addColumn('id_type', 'varchar(24)')
      .addColumn('id_last4', 'varchar(4)')
      .addColumn('statement', 'text', notNull)
      .addColumn('signature_key', 'varchar(200)', notNull)
      .addColumn('handled_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await appendOnly(db, dialect, 'mail_pickups');

    await t.id(s.createTable('mail_items'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('number', 'varchar(16)', notNull)
      .addColumn('received_on', t.date, notNull)
      .addColumn('kind', 'varchar(24)', notNull)
      .addColumn('carrier', 'varchar(16)', notNull)
      .addColumn('tracking_no', 'varchar(40)')
      .addColumn('addressee', 'varchar(64)', notNull)
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('member_id', 'integer', (c) => c.references('household_members.id'))
      .addColumn('phone_last4', 'varchar(4)')
      .addColumn('shelf', 'varchar(16)', notNull)
      .addColumn('pieces', 'integer', notNull)
      .addColumn('note', 'varchar(200)')
      .addColumn('requires_signature', t.bool, notNull)
      .addColumn('status', 'varchar(24)', notNull)
      .addColumn('pickup_code', 'varchar(6)', notNull)
      .addColumn('received_at', t.instant, notNull)
      .addColumn('received_by', 'integer', (c) => c.references('users.id'))
      .addColumn('notified_at', t.instant)
      .addColumn('slip_printed_at', t.instant)
      .addColumn('reminders_sent', 'integer', notNull)
      .addColumn('last_reminder_at', t.instant)
      .addColumn('pickup_id', 'integer', (c) => c.references('mail_pickups.id'))
      .addColumn('left_at', t.instant) // picked up, returned, disposed or misdelivered
      .addColumn('left_by', 'integer', (c) => c.references('users.id'))
      .addColumn('left_note', 'varchar(200)')
      .addColumn('photo_key', 'varchar(200)')
      .addColumn('photo_mime', 'varchar(32)')
      .addColumn('photo_deleted_at', t.instant)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('mail_items_number', ['estate_id', 'received_on', 'number'])
      .execute();
    await s.createIndex('mail_items_status').on('mail_items').columns(['estate_id', 'status', 'received_at']).execute();
    await s.createIndex('mail_items_unit').on('mail_items').columns(['unit_id', 'status']).execute();
    await s.createIndex('mail_items_code').on('mail_items').columns(['estate_id', 'pickup_code']).execute();
    await s.createIndex('mail_items_tracking').on('mail_items').columns(['estate_id', 'carrier', 'tracking_no']).execute();
    await s.createIndex('mail_items_left').on('mail_items').columns(['left_at']).execute();

    // Wrong pickup codes, kept to lock a unit (or a person trying codes) for a while.
    await t.id(s.createTable('mail_code_attempts'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer')
      .addColumn('user_id', 'integer', notNull)
      .addColumn('at', t.instant, notNull)
      .execute();
    await s.createIndex('mail_code_attempts_unit').on('mail_code_attempts').columns(['unit_id', 'at']).execute();
    await s.createIndex('mail_code_attempts_user').on('mail_code_attempts').columns(['user_id', 'at']).execute();

    await t.id(s.createTable('mail_authorizations'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('phone_last4', 'varchar(4)', notNull)
      .addColumn('from_date', t.date, notNull)
      .addColumn('to_date', t.date, notNull)
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, notNull)
      .addColumn('revoked_at', t.instant)
      .execute();
    await s.createIndex('mail_authorizations_unit').on('mail_authorizations').columns(['unit_id']).execute();

    await t.id(s.createTable('mail_subscriptions'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('publication', 'varchar(64)', notNull)
      .addColumn('copies', 'integer', notNull)
      .addColumn('from_date', t.date, notNull)
      .addColumn('to_date', t.date, notNull)
      .addColumn('delivery', 'varchar(8)', notNull) // mailbox | door
      .addColumn('note', 'varchar(200)')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', t.instant, notNull)
      .addColumn('ended_on', t.date)
      .execute();
    await s.createIndex('mail_subscriptions_estate').on('mail_subscriptions').columns(['estate_id', 'from_date']).execute();

    await t.id(s.createTable('mail_deliveries'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('subscription_id', 'integer', (c) => c.notNull().references('mail_subscriptions.id'))
      .addColumn('date', t.date, notNull)
      .addColumn('delivered_at', t.instant, notNull)
      .addColumn('delivered_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('mail_deliveries_day', ['subscription_id', 'date'])
      .execute();
    await appendOnly(db, dialect, 'mail_deliveries');
  },
};

/** Pickups (with the signed statement) and deliveries are facts: no UPDATE or DELETE, at the database too. */
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
