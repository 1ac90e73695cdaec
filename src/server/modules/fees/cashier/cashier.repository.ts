/** The charging center's queries: units by label, name or phone; payments with their unit; receipt numbers. */
import { type Insertable, sql } from 'kysely';
import { addDays } from '../../../../core/fees.ts';
import type { Scope } from '../../../../core/scope.ts';
import { contains } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import type { PaymentAllocationTable, PaymentTable, PrepaidEntryTable } from '../../../db/schema-fees.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { type PhoneTerm, phoneMatches } from '../../../http/phone-search.ts';
import { linesWithRule } from '../ledger.ts';
import { addRecovered } from '../stats.summary.ts';

export interface PaymentFilter {
  scope: Scope;
  estateId?: number;
  from?: string;
  to?: string;
  cashierId?: number;
  method?: string;
  unitId?: number;
  status?: string;
  page: number;
  pageSize: number;
}

/** A unit's label parts, for presenting with core/units.ts unitLabel. */
export const UNIT_COLUMNS = ['b.code as building_code', 'u.entrance as unit_entrance', 'u.number as unit_number', 'b.area_id as area_id'] as const;

function payments(db: Executor) {
  return db.selectFrom('payments as p').innerJoin('units as u', 'u.id', 'p.unit_id').innerJoin('buildings as b', 'b.id', 'u.building_id');
}

export type PaymentRow = NonNullable<Awaited<ReturnType<typeof cashierRepository.findPayment>>>;

export const cashierRepository = {
  /** Units of one estate the caller sees, by room label (1-1-1201, 1-1201, 1201), a person's name, or a phone as far as `phone` allows. */
  searchUnits(db: Executor, scope: Scope, estateId: number, term: string, phone: PhoneTerm | null, limit: number) {
    return db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
      .select(['u.id', 'u.estate_id', ...UNIT_COLUMNS, 'h.name as household_name'])
      .where(inScope(scope, 'u.estate_id', 'b.area_id'))
      .where('u.estate_id', '=', estateId)
      .where('u.archived_at', 'is', null)
      .where(searchCondition(term, phone))
      .orderBy(sql`length(b.code)`)
      .orderBy('b.code')
      .orderBy('u.entrance')
      .orderBy('u.floor')
      .orderBy('u.number')
      .limit(limit)
      .execute();
  },

  /** Open lines of several units with their late-fee rule (for totals in a search). */
  openLinesOf(db: Executor, unitIds: number[]) {
    if (!unitIds.length) return Promise.resolve([]);
    return linesWithRule(db)
      .where('l.unit_id', 'in', unitIds)
      .where('l.open', '=', 1)
      .execute();
  },

  async balances(db: Executor, unitIds: number[]): Promise<Map<number, number>> {
    if (!unitIds.length) return new Map();
    const rows = await db
      .selectFrom('prepaid_entries')
      .select(['unit_id', (eb) => eb.fn.sum<number>('amount').as('balance')])
      .where('unit_id', 'in', unitIds)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [r.unit_id, Number(r.balance)]));
  },

  /** The highest arrears step taken for the unit on or after `since` (0: none). */
  async arrearsStep(db: Executor, unitId: number, since: string): Promise<number> {
    const row = await db
      .selectFrom('arrears_steps')
      .select((eb) => eb.fn.max<number>('step').as('step'))
      .where('unit_id', '=', unitId)
      .where('on_date', '>=', since)
      .executeTakeFirst();
    return Number(row?.step ?? 0);
  },

  /** 收据号: per estate and year, from the counters table; gapless because it rolls back with the payment. */
  async nextReceipt(db: Executor, estateId: number, year: string): Promise<number> {
    const row = await db
      .insertInto('counters')
      .values({ estate_id: estateId, name: `receipt:${year}`, value: 1 })
      .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    return row.value;
  },

  /**
   * Line up with the estate's payments without taking a number: the same counter row, updated to
   * itself, is locked until commit (a reversal giving back a prepaid deposit must see every payment
   * that used the balance). A new row starts at 0, so the next receipt is still number 1.
   */
  async lockReceipts(db: Executor, estateId: number, year: string): Promise<void> {
    await db
      .insertInto('counters')
      .values({ estate_id: estateId, name: `receipt:${year}`, value: 0 })
      .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb.ref('counters.value') })))
      .execute();
  },

  estate(db: Executor, id: number) {
    return db.selectFrom('estates').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
  },

  findPayment(db: Executor, id: number) {
    return payments(db).selectAll('p').select(UNIT_COLUMNS).where('p.id', '=', id).executeTakeFirst();
  },

  byKey(db: Executor, estateId: number, key: string) {
    return db.selectFrom('payments').select(['id', 'unit_id']).where('estate_id', '=', estateId).where('idempotency_key', '=', key).executeTakeFirst();
  },

  insertPayment(db: Executor, row: Insertable<PaymentTable>) {
    return db.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow();
  },
  /** An allocation, and its principal in the statistics' recovered sums (same transaction). */
  async insertAllocation(db: Executor, row: Insertable<PaymentAllocationTable>) {
    await db.insertInto('payment_allocations').values(row).execute();
    await addRecovered(db, { line_id: row.line_id, principal: row.principal, on_date: row.on_date });
  },
  insertPrepaid(db: Executor, row: Insertable<PrepaidEntryTable>) {
    return db.insertInto('prepaid_entries').values(row).execute();
  },

  /** The receipt's lines: what the payment itself allocated (reversal rows apart). */
  allocations(db: Executor, paymentId: number) {
    return db
      .selectFrom('payment_allocations as a')
      .innerJoin('bill_lines as l', 'l.id', 'a.line_id')
      .innerJoin('fee_items as i', 'i.id', 'l.fee_item_id')
      .select(['a.line_id', 'a.principal', 'a.late_fee', 'i.name as item_name', 'l.period', 'l.description'])
      .where('a.payment_id', '=', paymentId)
      .where('a.reversal_id', 'is', null)
      .orderBy('a.id')
      .execute();
  },

  async listPayments(db: Executor, f: PaymentFilter) {
    let q = payments(db).where(inScope(f.scope, 'p.estate_id', 'b.area_id'));
    if (f.estateId) q = q.where('p.estate_id', '=', f.estateId);
    if (f.from) q = q.where('p.business_date', '>=', f.from);
    if (f.to) q = q.where('p.business_date', '<=', f.to);
    if (f.cashierId) q = q.where('p.cashier_id', '=', f.cashierId);
    if (f.method) q = q.where('p.method', '=', f.method);
    if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
    if (f.status) q = q.where('p.status', '=', f.status);
    const [items, count] = await Promise.all([
      q.selectAll('p').select(UNIT_COLUMNS).orderBy('p.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  latestPayments(db: Executor, unitId: number, limit: number) {
    return payments(db).selectAll('p').select(UNIT_COLUMNS).where('p.unit_id', '=', unitId).orderBy('p.id', 'desc').limit(limit).execute();
  },

  /** A cashier's payments booked to a business date. */
  dayPayments(db: Executor, estateId: number, cashierId: number, date: string) {
    return payments(db).selectAll('p').select(UNIT_COLUMNS).where('p.estate_id', '=', estateId).where('p.cashier_id', '=', cashierId).where('p.business_date', '=', date).orderBy('p.id').execute();
  },

  /**
   * The business date a booking falls on: today, or the next day once the cashier has closed
   * today (日结), so a closed day never changes.
   */
  async bookingDate(db: Executor, estateId: number, cashierId: number | null, today: string): Promise<string> {
    if (cashierId == null) return today;
    return (await cashierRepository.findClose(db, estateId, cashierId, today)) ? addDays(today, 1) : today;
  },

  findClose(db: Executor, estateId: number, cashierId: number, date: string) {
    return db.selectFrom('daily_closes').selectAll().where('estate_id', '=', estateId).where('cashier_id', '=', cashierId).where('business_date', '=', date).executeTakeFirst();
  },
};

/**
 * One search box: a room label ("1-1-1201" building-entrance-number, "1-1201", or the number
 * alone), a name of an owner, household, member or tenant, or a phone as far as the caller may
 * search it (http/phone-search.ts). Answers show phones masked.
 */
function searchCondition(term: string, phone: PhoneTerm | null) {
  return (eb: any) => {
    const parts = [eb('u.number', '=', term)];
    const address = term.split('-').map((s) => s.trim());
    if (address.length === 2) parts.push(eb.and([eb('b.code', '=', address[0]), eb('u.number', '=', address[1])]));
    if (address.length === 3) parts.push(eb.and([eb('b.code', '=', address[0]), eb('u.entrance', '=', address[1]), eb('u.number', '=', address[2])]));
    const person = (name: string, phoneCol: string) => (phone ? eb.or([phoneMatches(phoneCol, phone), contains(name, term)]) : contains(name, term));
    parts.push(
      contains('h.name', term),
      eb.exists(
        eb
          .selectFrom('household_members as m')
          .innerJoin('households as hh', 'hh.id', 'm.household_id')
          .select('m.id')
          .whereRef('hh.unit_id', '=', 'u.id')
          .where('hh.moved_out_on', 'is', null)
          .where('m.moved_out_on', 'is', null)
          .where(person('m.name', 'm.phone')),
      ),
      eb.exists(eb.selectFrom('ownerships as o').select('o.id').whereRef('o.unit_id', '=', 'u.id').where('o.ended_on', 'is', null).where(person('o.owner_name', 'o.phone'))),
      eb.exists(eb.selectFrom('tenancies as t').select('t.id').whereRef('t.unit_id', '=', 'u.id').where('t.terminated_on', 'is', null).where(person('t.tenant_name', 't.phone'))),
    );
    return eb.or(parts);
  };
}
