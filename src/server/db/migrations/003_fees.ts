import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { type Migration, notNull, types } from './helpers.ts';

/**
 * Fees and collection (manual 3.8, 4.1): fee items and their dated prices, discounts, meters and
 * readings, billing runs and bill lines, payments with their allocations, prepaid balances,
 * reversals, daily closes, waivers and the arrears ladder.
 */
export const fees: Migration = {
  name: '003_fees',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    const s = db.schema;
    const estate = (c: any) => c.notNull().references('estates.id');
    const unit = (c: any) => c.notNull().references('units.id');
    const user = (c: any) => c.references('users.id');
    // Who asked and who decided, for the requests the assistant or director approves.
    const decided = <T extends string>(b: CreateTableBuilder<T, never>) =>
      b
        .addColumn('requested_by', 'integer', user)
        .addColumn('requested_by_name', 'varchar(64)', notNull)
        .addColumn('requested_at', t.instant, notNull)
        .addColumn('decided_by', 'integer', user)
        .addColumn('decided_by_name', 'varchar(64)')
        .addColumn('decided_at', t.instant)
        .addColumn('decision_note', 'varchar(200)');

    await t.id(s.createTable('fee_items'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('code', 'varchar(32)', notNull)
      .addColumn('name', 'varchar(64)', notNull)
      .addColumn('kind', 'varchar(16)', notNull) // area | metered | shared | fixed | one_off | service
      .addColumn('meter_kind', 'varchar(16)') // water | electricity | gas (metered, shared)
      .addColumn('cycle_months', 'integer', notNull) // 1 | 3 | 12
      .addColumn('bill_day', 'integer', notNull)
      .addColumn('due_day', 'integer', notNull)
      .addColumn('usages', 'varchar(200)') // comma list of unit usages; null = every usage
      .addColumn('building_ids', 'varchar(400)') // comma list; null = every building
      .addColumn('target_rate', 'integer', notNull) // basis points: 10000 = 100 %
      .addColumn('late_rate_ppm', 'integer', notNull) // per day, parts per million: 500 = 0.05 %
      .addColumn('late_grace_days', 'integer', notNull)
      .addColumn('late_start', 'varchar(16)', notNull) // deadline_notice | due
      .addColumn('late_cap_bp', 'integer', notNull) // cap as basis points of the principal
      .addColumn('sort', 'integer', notNull)
      .addColumn('archived_at', t.instant)
      .addColumn('created_at', t.instant, notNull)
      .addColumn('updated_at', t.instant, notNull)
      .addUniqueConstraint('fee_items_code', ['estate_id', 'code'])
      .execute();

    await t.id(s.createTable('fee_prices'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('fee_item_id', 'integer', (c) => c.notNull().references('fee_items.id'))
      .addColumn('effective_from', t.date, notNull)
      .addColumn('price', 'integer', notNull) // 1/100 fen per unit (per m² per month, per 吨/度/m³)
      .addColumn('tiers', 'text') // JSON [{upTo, price}] for tiered utilities; null = flat
      .addColumn('amount', 'integer') // fen per cycle for fixed charges
      .addColumn('note', 'varchar(200)')
      .addColumn('created_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('fee_prices_from', ['fee_item_id', 'effective_from'])
      .execute();

    await t.id(s.createTable('fee_discounts'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', unit)
      .addColumn('fee_item_id', 'integer', (c) => c.references('fee_items.id'))
      .addColumn('kind', 'varchar(16)', notNull) // vacant
      .addColumn('percent_bp', 'integer', notNull) // share taken off, basis points
      .addColumn('from_date', t.date, notNull)
      .addColumn('to_date', t.date, notNull)
      .addColumn('reason', 'varchar(200)', notNull)
      .addColumn('status', 'varchar(16)', notNull) // pending | approved | rejected | revoked
      .addColumn('requested_by', 'integer', user)
      .addColumn('decided_by', 'integer', user)
      .addColumn('decided_at', t.instant)
      .addColumn('decision_note', 'varchar(200)')
      .addColumn('created_at', t.instant, notNull)
      .execute();

    await t.id(s.createTable('meters'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
      .addColumn('kind', 'varchar(16)', notNull)
      .addColumn('number', 'varchar(32)', notNull)
      .addColumn('installed_on', t.date, notNull)
      .addColumn('initial_reading', 'integer', notNull)
      .addColumn('replaced_at', t.instant)
      .addColumn('replaced_by', 'integer')
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('meters_number', ['estate_id', 'number'])
      .execute();
    await s.createIndex('meters_unit').on('meters').columns(['unit_id', 'kind']).execute();

    await t.id(s.createTable('meter_readings'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('meter_id', 'integer', (c) => c.notNull().references('meters.id'))
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('read_on', t.date, notNull)
      .addColumn('previous', 'integer', notNull)
      .addColumn('value', 'integer', notNull)
      .addColumn('usage', 'integer', notNull)
      .addColumn('kind', 'varchar(16)', notNull) // regular | final (the old meter's last reading at a replacement)
      .addColumn('note', 'varchar(200)')
      .addColumn('entered_by', 'integer', user)
      .addColumn('created_at', t.instant, notNull)
      .addUniqueConstraint('meter_readings_period', ['meter_id', 'period', 'kind'])
      .execute();

    await t.id(s.createTable('billing_runs'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
      .addColumn('fee_item_ids', 'text') // JSON; null = every item due in the period
      .addColumn('status', 'varchar(16)', notNull) // running | done | failed
      .addColumn('units_total', 'integer', notNull)
      .addColumn('units_done', 'integer', notNull)
      .addColumn('lines_created', 'integer', notNull)
      .addColumn('amount_created', 'integer', notNull)
      .addColumn('prepaid_used', 'integer', notNull)
      .addColumn('summary', 'text') // JSON: totals per fee item, skipped units and why
      .addColumn('error', 'text')
      .addColumn('created_by', 'integer', user)
      .addColumn('created_by_name', 'varchar(64)')
      .addColumn('created_at', t.instant, notNull)
      .addColumn('finished_at', t.instant)
      .execute();

    await t.id(s.createTable('bill_lines'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer')
      .addColumn('building_id', 'integer', notNull)
      .addColumn('unit_id', 'integer', unit)
      .addColumn('fee_item_id', 'integer', (c) => c.notNull().references('fee_items.id'))
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('kind', 'varchar(16)', notNull) // charge | service | one_off | adjustment
      .addColumn('charge_key', 'varchar(40)') // unique per unit for what a run or the desk bills once
      .addColumn('run_id', 'integer')
      .addColumn('description', 'varchar(200)')
      .addColumn('quantity', 'integer') // m² hundredths, 吨/度/m³, months
      .addColumn('price', 'integer')
      .addColumn('gross', 'integer', notNull)
      .addColumn('discount', 'integer', notNull)
      .addColumn('amount', 'integer', notNull) // gross − discount; what the owner owes
      .addColumn('due_on', t.date, notNull)
      .addColumn('adjusts_id', 'integer')
      .addColumn('ticket_id', 'integer')
      .addColumn('reading_id', 'integer')
      .addColumn('reason', 'varchar(200)')
      .addColumn('paid', 'integer', notNull) // principal paid
      .addColumn('credited', 'integer', notNull) // taken off by negative adjustments
      .addColumn('waived', 'integer', notNull) // principal waived
      .addColumn('late_from', t.date) // first day late fees accrue; null until it starts
      .addColumn('late_until', t.date) // late fees crystallized up to (excluding) this day
      .addColumn('late_fee', 'integer', notNull) // crystallized late fee
      .addColumn('late_paid', 'integer', notNull)
      .addColumn('late_waived', 'integer', notNull)
      .addColumn('open', t.bool, notNull)
      // The item's late-fee rule as it was when the line was issued: a later change of the rule
      // does not reach back (as a new price never rewrites an issued bill).
      .addColumn('rule_rate_ppm', 'integer', notNull)
      .addColumn('rule_cap_bp', 'integer', notNull)
      .addColumn('rule_grace_days', 'integer', notNull)
      .addColumn('rule_start', 'varchar(16)', notNull)
      .addColumn('created_by', 'integer')
      .addColumn('created_at', t.instant, notNull)
      .addColumn('settled_at', t.instant)
      .addUniqueConstraint('bill_lines_charge', ['unit_id', 'charge_key'])
      .execute();
    await s.createIndex('bill_lines_unit_open').on('bill_lines').columns(['unit_id', 'open', 'due_on']).execute();
    // Covering the collection statistics (grouped sums by period, item, area, building) as well as
    // look-ups by estate and period, so a year's report reads the index alone.
    await s.createIndex('bill_lines_period').on('bill_lines').columns(['estate_id', 'period', 'fee_item_id', 'area_id', 'building_id', 'amount', 'paid']).execute();
    await s.createIndex('bill_lines_open_due').on('bill_lines').columns(['estate_id', 'open', 'due_on']).execute();

    await t.id(s.createTable('payments'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', unit)
      .addColumn('receipt_no', 'varchar(32)', notNull)
      .addColumn('idempotency_key', 'varchar(64)', notNull)
      .addColumn('method', 'varchar(16)', notNull) // cash | card | wechat | alipay | transfer | prepaid
      .addColumn('reference', 'varchar(64)')
      .addColumn('payer_name', 'varchar(64)')
      .addColumn('amount', 'integer', notNull)
      .addColumn('to_prepaid', 'integer', notNull)
      .addColumn('status', 'varchar(16)', notNull) // valid | reversed
      .addColumn('business_date', t.date, notNull)
      .addColumn('cashier_id', 'integer', user)
      .addColumn('cashier_name', 'varchar(64)', notNull)
      .addColumn('close_id', 'integer')
      .addColumn('note', 'varchar(200)')
      .addColumn('paid_at', t.instant, notNull)
      .addUniqueConstraint('payments_key', ['estate_id', 'idempotency_key'])
      .addUniqueConstraint('payments_receipt', ['estate_id', 'receipt_no'])
      .execute();
    await s.createIndex('payments_unit').on('payments').columns(['unit_id', 'paid_at']).execute();
    await s.createIndex('payments_cashier').on('payments').columns(['cashier_id', 'business_date']).execute();

    await t.id(s.createTable('payment_allocations'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('payment_id', 'integer', (c) => c.notNull().references('payments.id'))
      .addColumn('line_id', 'integer', (c) => c.notNull().references('bill_lines.id'))
      .addColumn('principal', 'integer', notNull) // negative on a reversal
      .addColumn('late_fee', 'integer', notNull)
      .addColumn('on_date', t.date, notNull)
      .addColumn('reversal_id', 'integer')
      .execute();
    await s.createIndex('payment_allocations_line').on('payment_allocations').column('line_id').execute();
    await s.createIndex('payment_allocations_payment').on('payment_allocations').column('payment_id').execute();
    await s.createIndex('payment_allocations_date').on('payment_allocations').columns(['estate_id', 'on_date']).execute();

    await t.id(s.createTable('prepaid_entries'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', unit)
      .addColumn('kind', 'varchar(16)', notNull) // deposit | use | reversal
      .addColumn('amount', 'integer', notNull) // signed: + into the balance, − out of it
      .addColumn('payment_id', 'integer')
      .addColumn('line_id', 'integer')
      .addColumn('run_id', 'integer')
      .addColumn('note', 'varchar(200)')
      .addColumn('at', t.instant, notNull)
      .execute();
    await s.createIndex('prepaid_entries_unit').on('prepaid_entries').column('unit_id').execute();

    await decided(
      t.id(s.createTable('payment_reversals'))
        .addColumn('estate_id', 'integer', estate)
        .addColumn('payment_id', 'integer', (c) => c.notNull().references('payments.id'))
        .addColumn('reason', 'varchar(200)', notNull)
        .addColumn('status', 'varchar(16)', notNull), // pending | approved | rejected
    )
      .addColumn('business_date', t.date)
      .execute();

    await t.id(s.createTable('daily_closes'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('cashier_id', 'integer', user)
      .addColumn('cashier_name', 'varchar(64)', notNull)
      .addColumn('business_date', t.date, notNull)
      .addColumn('payments', 'integer', notNull)
      .addColumn('amount', 'integer', notNull)
      .addColumn('reversed', 'integer', notNull)
      .addColumn('by_method', 'text', notNull) // JSON {method: fen}
      .addColumn('closed_at', t.instant, notNull)
      .execute();

    await decided(
      t.id(s.createTable('fee_waivers'))
        .addColumn('estate_id', 'integer', estate)
        .addColumn('unit_id', 'integer', unit)
        .addColumn('line_id', 'integer', (c) => c.notNull().references('bill_lines.id'))
        .addColumn('principal', 'integer', notNull)
        .addColumn('late_fee', 'integer', notNull)
        .addColumn('reason', 'varchar(200)', notNull)
        .addColumn('status', 'varchar(16)', notNull), // pending | approved | rejected
    )
      .execute();

    await t.id(s.createTable('notice_deliveries'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('unit_id', 'integer', unit)
      .addColumn('period', 'varchar(7)', notNull)
      .addColumn('delivered_at', t.instant, notNull)
      .addColumn('delivered_by', 'integer', user)
      .addColumn('delivered_by_name', 'varchar(64)', notNull)
      .addColumn('note', 'varchar(200)')
      .addUniqueConstraint('notice_deliveries_unit', ['unit_id', 'period'])
      .execute();

    await t.id(s.createTable('arrears_steps'))
      .addColumn('estate_id', 'integer', estate)
      .addColumn('area_id', 'integer')
      .addColumn('unit_id', 'integer', unit)
      .addColumn('step', 'integer', notNull) // 1 reminder · 2 deadline notice · 3 administrator visit · 4 assistant visit · 5 resolution
      .addColumn('on_date', t.date, notNull)
      .addColumn('channel', 'varchar(16)', notNull) // notice | phone | visit | meeting | sms
      .addColumn('outcome', 'varchar(500)')
      .addColumn('reason', 'varchar(500)') // why the owner does not pay
      .addColumn('dissatisfaction', 'varchar(500)')
      .addColumn('deadline', t.date)
      .addColumn('resolution', 'varchar(16)') // instalments | waiver | legal | paid | other
      .addColumn('outstanding', 'integer', notNull) // owed when the step was taken
      .addColumn('ticket_id', 'integer')
      .addColumn('batch', 'varchar(40)')
      .addColumn('actor_id', 'integer', user)
      .addColumn('actor_name', 'varchar(64)', notNull)
      .addColumn('created_at', t.instant, notNull)
      .execute();
    await s.createIndex('arrears_steps_unit').on('arrears_steps').columns(['unit_id', 'step']).execute();
  },
};
