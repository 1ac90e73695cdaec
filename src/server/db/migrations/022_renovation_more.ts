import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Renovation gaps of issue 9 (design A.3.1 rules 2, 7, 10): extension requests with their decision,
 * the overdue mark, minors escalated to major by their deadline, the versions of a returned
 * application edited and submitted again, a round finding handed to a module (a violation instead
 * of a desk ticket), and the signed acceptance scan kept in form_scans.
 */
export const renovationMore: Migration = {
  name: '022_renovation_more',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');
    const reno = (c: any) => c.notNull().references('renovations.id');
    const user = (c: any) => c.references('users.id');

    await s.alterTable('renovations').addColumn('overdue_since', t.date).execute();
    await s.alterTable('renovations').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await s.alterTable('renovation_workers').addColumn('removed_at', t.instant).execute();
    await s.alterTable('renovation_violations').addColumn('upgraded_at', t.instant).execute(); // minor → major by the job
    await s.alterTable('renovation_acceptances').addColumn('scan_id', 'integer', (c) => c.references('form_scans.id')).execute();
    // A finding some module took over (ref kind + id, e.g. renovation_violation) instead of a ticket.
    await s.alterTable('round_findings').addColumn('handled_kind', 'varchar(32)').execute();
    await s.alterTable('round_findings').addColumn('handled_id', 'integer').execute();
    await s.createIndex('round_findings_handled').on('round_findings').columns(['handled_kind', 'handled_id']).execute();

    await t.id(s.createTable('renovation_extensions'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('renovation_id', 'integer', reno)
      .addColumn('old_end', t.date, notNull)
      .addColumn('new_end', t.date, notNull)
      .addColumn('reason', 'varchar(500)', notNull)
      .addColumn('via', 'varchar(8)', notNull) // desk | portal
      .addColumn('requested_by', 'integer', user)
      .addColumn('requested_by_name', 'varchar(64)', notNull)
      .addColumn('requested_at', t.instant, notNull)
      .addColumn('status', 'varchar(12)', notNull) // pending | approved | rejected
      .addColumn('decided_by', 'integer', user)
      .addColumn('decided_by_name', 'varchar(64)')
      .addColumn('decided_at', t.instant)
      .addColumn('decision_note', 'varchar(500)')
      .execute();
    await s.createIndex('renovation_extensions_reno').on('renovation_extensions').columns(['renovation_id', 'status']).execute();

    // Each submitted version of an application as it was before an edit (append-only).
    await t.id(s.createTable('renovation_versions'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('renovation_id', 'integer', reno)
      .addColumn('version', 'integer', notNull)
      .addColumn('data', 'text', notNull) // JSON: the application's fields and workers
      .addColumn('returned_note', 'varchar(500)')
      .addColumn('saved_by', 'integer', user)
      .addColumn('saved_at', t.instant, notNull)
      .addUniqueConstraint('renovation_versions_unique', ['renovation_id', 'version'])
      .execute();
  },
};
