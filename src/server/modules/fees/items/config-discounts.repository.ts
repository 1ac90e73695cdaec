/** Discounts (空置房优惠): requests, decisions, and what the billing run reads. */
import type { Insertable, Updateable } from 'kysely';
import type { Scope } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Executor } from '../../../db/database.ts';
import type { FeeDiscountTable } from '../../../db/schema-fees.ts';
import { inScope } from '../../../db/scope-sql.ts';

export interface ApprovedDiscount {
  id: number;
  unitId: number;
  /** null = every fee item of the unit. */
  feeItemId: number | null;
  kind: string;
  percentBp: number;
  fromDate: string;
  toDate: string;
}

/**
 * Every approved discount of an estate whose dates overlap [from, to] (both YYYY-MM-DD), in one
 * query. Pending, rejected and revoked requests never count.
 */
export async function approvedDiscounts(db: Executor, estateId: number, from: string, to: string): Promise<ApprovedDiscount[]> {
  const rows = await db
    .selectFrom('fee_discounts')
    .select(['id', 'unit_id', 'fee_item_id', 'kind', 'percent_bp', 'from_date', 'to_date'])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'approved')
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
    .orderBy('unit_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, feeItemId: r.fee_item_id, kind: r.kind, percentBp: r.percent_bp, fromDate: r.from_date, toDate: r.to_date }));
}

function base(db: Executor) {
  return db
    .selectFrom('fee_discounts as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('fee_items as i', 'i.id', 'd.fee_item_id')
    .leftJoin('users as rq', 'rq.id', 'd.requested_by')
    .leftJoin('users as dc', 'dc.id', 'd.decided_by')
    .selectAll('d')
    .select(['b.area_id', 'b.code as building_code', 'u.entrance', 'u.number', 'i.name as item_name', 'rq.display_name as requested_by_name', 'dc.display_name as decided_by_name']);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function mapDiscount(r: Row) {
  return {
    id: r.id,
    estateId: r.estate_id,
    unitId: r.unit_id,
    unitLabel: unitLabel(r.building_code, r.entrance, r.number),
    feeItemId: r.fee_item_id,
    feeItemName: r.item_name,
    kind: r.kind,
    percentBp: r.percent_bp,
    fromDate: r.from_date,
    toDate: r.to_date,
    reason: r.reason,
    status: r.status as 'pending' | 'approved' | 'rejected',
    requestedByName: r.requested_by_name,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    createdAt: r.created_at,
  };
}

export const discountsRepository = {
  find(db: Executor, id: number) {
    return base(db).where('d.id', '=', id).executeTakeFirst();
  },
  async list(db: Executor, f: { scope: Scope; estateId: number; status?: string; unitId?: number; page: number; pageSize: number }) {
    let q = base(db).where('d.estate_id', '=', f.estateId).where(inScope(f.scope, 'd.estate_id', 'b.area_id'));
    if (f.status) q = q.where('d.status', '=', f.status);
    if (f.unitId) q = q.where('d.unit_id', '=', f.unitId);
    const [items, count] = await Promise.all([
      q.orderBy('d.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
  /** Pending or approved requests of the unit overlapping the dates for the same item (or for all items). */
  overlapping(db: Executor, unitId: number, feeItemId: number | null, from: string, to: string) {
    let q = db
      .selectFrom('fee_discounts')
      .select(['id', 'from_date', 'to_date', 'status'])
      .where('unit_id', '=', unitId)
      .where('status', 'in', ['pending', 'approved'])
      .where('from_date', '<=', to)
      .where('to_date', '>=', from);
    // A discount on every item overlaps any item's; one on an item overlaps the same item or "every item".
    if (feeItemId != null) q = q.where((eb) => eb.or([eb('fee_item_id', 'is', null), eb('fee_item_id', '=', feeItemId)]));
    return q.orderBy('id').executeTakeFirst();
  },
  insert(db: Executor, row: Insertable<FeeDiscountTable>) {
    return db.insertInto('fee_discounts').values(row).returning('id').executeTakeFirstOrThrow();
  },
  /** Decides a pending request; false when someone decided it first. */
  /** Moves an approved discount's last day earlier; false when it is not approved or ends before that already. */
  async end(db: Executor, id: number, toDate: string) {
    const res = await db.updateTable('fee_discounts').set({ to_date: toDate }).where('id', '=', id).where('status', '=', 'approved').where('to_date', '>', toDate).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async decide(db: Executor, id: number, row: Updateable<FeeDiscountTable>) {
    const res = await db.updateTable('fee_discounts').set(row).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
