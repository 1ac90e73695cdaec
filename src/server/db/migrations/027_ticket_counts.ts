import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { notNull, type Migration } from './helpers.ts';

/**
 * How many tickets each (estate, area, department, type, status) holds, kept exact by triggers on
 * tickets, so a desk list filtered on those columns shows its true total from a few summary rows
 * instead of walking up to 10,000 index entries per request (bench:desk). Triggers, not service
 * code: tickets are written by the desk, the sweeps, the rounds and renovation modules, and a
 * count that one path forgot would be wrong for good.
 */
export const ticketCounts: Migration = {
  name: '027_ticket_counts',
  async up(db: Kysely<any>, dialect: Dialect) {
    if (dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(db);
    await db.schema
      .createTable('ticket_counts')
      .addColumn('estate_id', 'integer', notNull)
      .addColumn('area_key', 'integer', notNull)
      .addColumn('department', 'varchar(32)', notNull)
      .addColumn('type', 'varchar(32)', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('n', 'integer', notNull)
      .addPrimaryKeyConstraint('ticket_counts_pk', [...KEY] as never)
      .execute();
    for (const statement of dialect === 'postgres' ? PG_TRIGGERS : SQLITE_TRIGGERS) await sql.raw(statement).execute(db);
    await rebuildTicketCounts(db);
  },
};

const KEY = ['estate_id', 'area_key', 'department', 'type', 'status'] as const;
const CHANGED = (distinct: string) => ['estate_id', 'area_id', 'department', 'type', 'status'].map((c) => `OLD.${c} ${distinct} NEW.${c}`).join(' OR ');
const keyOf = (row: 'OLD' | 'NEW') => `${row}.estate_id, coalesce(${row}.area_id, 0), coalesce(${row}.department, ''), ${row}.type, ${row}.status`;
const matches = (row: 'OLD' | 'NEW') =>
  `estate_id = ${row}.estate_id AND area_key = coalesce(${row}.area_id, 0) AND department = coalesce(${row}.department, '') AND type = ${row}.type AND status = ${row}.status`;
const add = (row: 'OLD' | 'NEW') =>
  `INSERT INTO ticket_counts (${KEY.join(', ')}, n) VALUES (${keyOf(row)}, 1) ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET n = ticket_counts.n + 1;`;
const remove = (row: 'OLD' | 'NEW') => `UPDATE ticket_counts SET n = n - 1 WHERE ${matches(row)};`;

const SQLITE_TRIGGERS = [
  `CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN ${add('NEW')} END`,
  `CREATE TRIGGER ticket_counts_update AFTER UPDATE OF estate_id, area_id, department, type, status ON tickets
   WHEN ${CHANGED('IS NOT')} BEGIN ${remove('OLD')} ${add('NEW')} END`,
  `CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN ${remove('OLD')} END`,
];

const PG_TRIGGERS = [
  `CREATE FUNCTION ticket_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' THEN ${remove('OLD')} END IF;
     IF TG_OP <> 'DELETE' THEN ${add('NEW')} END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER ticket_counts_insert_delete AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE PROCEDURE ticket_counts_track()`,
  `CREATE TRIGGER ticket_counts_update AFTER UPDATE OF estate_id, area_id, department, type, status ON tickets
   FOR EACH ROW WHEN (${CHANGED('IS DISTINCT FROM')}) EXECUTE PROCEDURE ticket_counts_track()`,
];

/** The counts summed afresh from tickets: the migration's backfill, and what a test compares with. */
export async function rebuildTicketCounts(db: Kysely<any>) {
  await sql`delete from ticket_counts`.execute(db);
  await sql`insert into ticket_counts (estate_id, area_key, department, type, status, n)
    select estate_id, coalesce(area_id, 0), coalesce(department, ''), type, status, count(*)
    from tickets group by estate_id, coalesce(area_id, 0), coalesce(department, ''), type, status`.execute(db);
}
