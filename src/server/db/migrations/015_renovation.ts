import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Renovation 装修 (manual 3.6, 4.2.1–4.2.2; design A.3.1) and held deposits 押金 (X4): the
 * application with its workers, the events of its life (append-only timeline), violations with
 * their notices, acceptances, the deposit with its append-only entries and pay-out requests, and
 * the Saturday report's frozen snapshots.
 */
export const renovation: Migration = {
  name: '015_renovation',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    // Money as 64-bit on PostgreSQL, like every money column since migration 006.
    const money = dialect === 'postgres' ? ('bigint' as const) : ('integer' as const);
    const estate = (c: any) => c.notNull().references('estates.id');
    const unit = (c: any) => c.notNull().references('units.id');
    const user = (c: any) => c.references('users.id');

    await t.id(s.createTable('renovations'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
      .addColumn('unit_id', 'integer', unit)
      .addColumn('number', 'varchar(32)', notNull) // ZX-yyyy-seq
      .addColumn('kind', 'varchar(16)', notNull) // full | partial | ac_install
      .addColumn('applicant_kind', 'varchar(8)', notNull) // owner | tenant
      .addColumn('applicant_name', 'varchar(64)', notNull)
      .addColumn('applicant_phone', 'varchar(32)', notNull)
      .addColumn('applicant_user_id', 'integer', user) // when applied through the portal
      .addColumn('owner_consent_by', 'varchar(64)')
      .addColumn('owner_consent_at', t.instant)
      .addColumn('owner_consent_method', 'varchar(16)') // paper | portal
      .addColumn('contractor', 'varchar(100)', notNull)
      .addColumn('licence_no', 'varchar(64)')
      .addColumn('lead_name', 'varchar(64)', notNull)
      .addColumn('lead_phone', 'varchar(32)', notNull)
      .addColumn('fire_name', 'varchar(64)')
      .addColumn('fire_phone', 'varchar(32)')
      .addColumn('scope', 'varchar(300)', notNull) // comma list of RENO_SCOPES
      .addColumn('description', 'varchar(1000)', notNull)
      .addColumn('touches_structure', t.bool, notNull)
      .addColumn('design_doc', 'varchar(200)') // the qualified design a structural change needs
      .addColumn('engineering_opinion', 'varchar(500)')
      .addColumn('planned_start', t.date, notNull)
      .addColumn('planned_end', t.date, notNull)
      .addColumn('actual_start', t.date)
      .addColumn('actual_end', t.date)
      .addColumn('deposit_amount', money, notNull) // the amount to hold, fen; 0 = none (AC installation)
      .addColumn('agreement_signed_at', t.instant)
      .addColumn('permit_no', 'varchar(32)')
      .addColumn('permitted_at', t.instant)
      .addColumn('status', 'varchar(24)', notNull)
      .addColumn('inspector_id', 'integer', user)
      .addColumn('prev_unit_status', 'varchar(16)')
      .addColumn('approved_by', 'integer', user)
      .addColumn('approved_at', t.instant)
      .addColumn('decision_note', 'varchar(500)')
      .addColumn('created_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('renovations_number', ['estate_id', 'number'])
      .execute();
    await s.createIndex('renovations_unit').on('renovations').columns(['unit_id', 'status']).execute();
    await s.createIndex('renovations_status').on('renovations').columns(['estate_id', 'status']).execute();

    await t.id(s.createTable('renovation_workers'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('renovation_id', 'integer', (c) => c.notNull().references('renovations.id'))
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('role', 'varchar(8)', notNull) // lead | worker
      .addColumn('id_number', 'varchar(32)')
      .addColumn('phone', 'varchar(32)')
      .addColumn('pass_no', 'varchar(32)')
      .addColumn('issued_at', t.instant)
      .addColumn('returned_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('renovation_workers_reno').on('renovation_workers').column('renovation_id').execute();

    // The timeline: every step with who, when and why (append-only).
    await t.id(s.createTable('renovation_events'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('renovation_id', 'integer', (c) => c.notNull().references('renovations.id'))
      .addColumn('action', 'varchar(32)', notNull)
      .addColumn('from_status', 'varchar(24)')
      .addColumn('to_status', 'varchar(24)')
      .addColumn('note', 'varchar(1000)')
      .addColumn('actor_id', 'integer', user)
      .addColumn('actor_name', 'varchar(64)', notNull)
      .addColumn('at', t.instant, notNull)
      .execute();
    await s.createIndex('renovation_events_reno').on('renovation_events').columns(['renovation_id', 'at']).execute();
    await s.createIndex('renovation_events_week').on('renovation_events').columns(['estate_id', 'at']).execute();

    await t.id(s.createTable('renovation_violations'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('renovation_id', 'integer', (c) => c.notNull().references('renovations.id'))
      .addColumn('round_result_id', 'integer') // when found on the daily round
      .addColumn('client_uuid', 'varchar(64)') // offline sync idempotency
      .addColumn('severity', 'varchar(8)', notNull) // minor | major
      .addColumn('category', 'varchar(24)', notNull)
      .addColumn('description', 'varchar(1000)', notNull)
      .addColumn('photos', 'text', notNull) // JSON [{key, stage: before|after}]
      .addColumn('found_at', t.instant, notNull)
      .addColumn('found_by', 'integer', user)
      .addColumn('found_by_name', 'varchar(64)', notNull)
      .addColumn('status', 'varchar(24)', notNull)
      .addColumn('notice_no', 'varchar(32)')
      .addColumn('notice_at', t.instant)
      .addColumn('notice_by_name', 'varchar(64)')
      .addColumn('delivery', 'varchar(16)') // in_person | portal | posted
      .addColumn('acknowledged_at', t.instant)
      .addColumn('acknowledged_by', 'varchar(64)')
      .addColumn('rectify_by', t.date)
      .addColumn('reinspected_at', t.instant)
      .addColumn('reinspected_by_name', 'varchar(64)')
      .addColumn('reinspect_note', 'varchar(500)')
      .addColumn('escalated_at', t.instant)
      .addColumn('escalated_to', 'varchar(200)')
      .addColumn('closed_at', t.instant)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('renovation_violations_uuid', ['estate_id', 'client_uuid'])
      .execute();
    await s.createIndex('renovation_violations_reno').on('renovation_violations').columns(['renovation_id', 'status']).execute();

    await t.id(s.createTable('renovation_acceptances'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('renovation_id', 'integer', (c) => c.notNull().references('renovations.id'))
      .addColumn('result', 'varchar(8)', notNull) // pass | fail
      .addColumn('checklist', 'text', notNull) // JSON [{item, ok, note}]
      .addColumn('signatures', 'text', notNull) // JSON {owner|contractor|csAdmin|engineering: {name, signed}}
      .addColumn('scan_ref', 'varchar(200)')
      .addColumn('reasons', 'varchar(1000)')
      .addColumn('engineer_id', 'integer', user)
      .addColumn('engineer_name', 'varchar(64)', notNull)
      .addColumn('at', t.instant, notNull)
      .execute();
    await s.createIndex('renovation_acceptances_reno').on('renovation_acceptances').column('renovation_id').execute();

    await t.id(s.createTable('deposits'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('unit_id', 'integer', unit)
      .addColumn('purpose', 'varchar(16)', notNull) // renovation | worker_pass | other
      .addColumn('renovation_id', 'integer', (c) => c.references('renovations.id'))
      .addColumn('receipt_no', 'varchar(32)', notNull) // YJ-yyyy-seq
      .addColumn('idempotency_key', 'varchar(64)', notNull)
      .addColumn('payer_name', 'varchar(64)', notNull)
      .addColumn('amount', money, notNull)
      .addColumn('method', 'varchar(16)', notNull)
      .addColumn('business_date', t.date, notNull)
      .addColumn('cashier_id', 'integer', user)
      .addColumn('cashier_name', 'varchar(64)', notNull)
      .addColumn('status', 'varchar(24)', notNull) // held | refund_requested | settled
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('deposits_key', ['estate_id', 'idempotency_key'])
      .addUniqueConstraint('deposits_receipt', ['estate_id', 'receipt_no'])
      .execute();
    await s.createIndex('deposits_reno').on('deposits').column('renovation_id').execute();

    // Pay-outs asked for and decided; the money moves only in deposit_entries.
    await t.id(s.createTable('deposit_requests'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('deposit_id', 'integer', (c) => c.notNull().references('deposits.id'))
      .addColumn('kind', 'varchar(8)', notNull) // refund | deduct
      .addColumn('amount', money, notNull)
      .addColumn('payee', 'varchar(64)', notNull)
      .addColumn('method', 'varchar(16)', notNull)
      .addColumn('reason', 'varchar(500)', notNull)
      .addColumn('evidence', 'text', notNull) // JSON {violationIds, ticketIds, note}
      .addColumn('idempotency_key', 'varchar(64)', notNull)
      .addColumn('status', 'varchar(16)', notNull) // pending | approved | rejected
      .addColumn('requested_by', 'integer', user)
      .addColumn('requested_by_name', 'varchar(64)', notNull)
      .addColumn('requested_at', t.instant, notNull)
      .addColumn('decided_by', 'integer', user)
      .addColumn('decided_by_name', 'varchar(64)')
      .addColumn('decided_at', t.instant)
      .addColumn('decision_note', 'varchar(200)')
      .addUniqueConstraint('deposit_requests_key', ['estate_id', 'idempotency_key'])
      .execute();
    await s.createIndex('deposit_requests_deposit').on('deposit_requests').columns(['deposit_id', 'status']).execute();

    await t.id(s.createTable('deposit_entries'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('deposit_id', 'integer', (c) => c.notNull().references('deposits.id'))
      .addColumn('kind', 'varchar(8)', notNull) // receive | refund | deduct
      .addColumn('amount', money, notNull) // positive; the kind says which way
      .addColumn('request_id', 'integer', (c) => c.references('deposit_requests.id'))
      .addColumn('method', 'varchar(16)', notNull)
      .addColumn('payee', 'varchar(64)')
      .addColumn('reason', 'varchar(500)')
      .addColumn('business_date', t.date, notNull)
      .addColumn('by_id', 'integer', user)
      .addColumn('by_name', 'varchar(64)', notNull)
      .addColumn('at', t.instant, notNull)
      // one entry per request: an approval replayed can never pay twice
      .addUniqueConstraint('deposit_entries_request', ['request_id'])
      .execute();
    await s.createIndex('deposit_entries_deposit').on('deposit_entries').column('deposit_id').execute();
    await s.createIndex('deposit_entries_date').on('deposit_entries').columns(['estate_id', 'business_date']).execute();

    await t.id(s.createTable('renovation_reports'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('week_from', t.date, notNull)
      .addColumn('week_to', t.date, notNull)
      .addColumn('data', 'text', notNull) // the frozen snapshot as delivered
      .addColumn('delivered_at', t.instant, notNull)
      .addUniqueConstraint('renovation_reports_week', ['estate_id', 'week_from'])
      .execute();
  },
};
