/** Fee items and their dated prices: the only code that touches fee_items and fee_prices. */
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import type { FeeItemTable, FeePriceTable } from '../../../db/schema-fees.ts';
import { type FeeItemWithPrices, type FeePrice, mapItem, mapPrice, priceOn } from './items.model.ts';

/**
 * Every fee item of an estate with all its price versions, in two queries (items, prices), in
 * display order. The billing run calls this once per run and picks prices with `priceOn`.
 */
export async function loadFeeItems(db: Executor, estateId: number, opts: { includeArchived?: boolean; ids?: number[] } = {}): Promise<FeeItemWithPrices[]> {
  let q = db.selectFrom('fee_items').selectAll().where('estate_id', '=', estateId);
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null);
  if (opts.ids) {
    if (!opts.ids.length) return [];
    q = q.where('id', 'in', opts.ids);
  }
  const [items, prices] = await Promise.all([
    q.orderBy('sort').orderBy('id').execute(),
    db.selectFrom('fee_prices').selectAll().where('estate_id', '=', estateId).orderBy('effective_from').orderBy('id').execute(),
  ]);
  const byItem = new Map<number, FeePrice[]>();
  for (const p of prices) {
    const list = byItem.get(p.fee_item_id) ?? [];
    list.push(mapPrice(p));
    byItem.set(p.fee_item_id, list);
  }
  return items.map((i) => mapItem(i, byItem.get(i.id) ?? []));
}

/** One fee item with its prices, or undefined. */
export async function loadFeeItem(db: Executor, id: number): Promise<FeeItemWithPrices | undefined> {
  const row = await db.selectFrom('fee_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const prices = await db.selectFrom('fee_prices').selectAll().where('fee_item_id', '=', id).execute();
  return mapItem(row, prices.map(mapPrice));
}

/** The price of one item in force on `date`, by id (one query); null when none applies yet. */
export async function priceOnDate(db: Executor, feeItemId: number, date: string): Promise<FeePrice | null> {
  const row = await db
    .selectFrom('fee_prices')
    .selectAll()
    .where('fee_item_id', '=', feeItemId)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? mapPrice(row) : null;
}

export const itemsRepository = {
  findItemRow(db: Executor, id: number) {
    return db.selectFrom('fee_items').selectAll().where('id', '=', id).executeTakeFirst();
  },
  findByCode(db: Executor, estateId: number, code: string) {
    return db.selectFrom('fee_items').select('id').where('estate_id', '=', estateId).where('code', '=', code).executeTakeFirst();
  },
  async nextSort(db: Executor, estateId: number): Promise<number> {
    const row = await db
      .selectFrom('fee_items')
      .select((eb) => eb.fn.max<number>('sort').as('m'))
      .where('estate_id', '=', estateId)
      .executeTakeFirst();
    return Number(row?.m ?? 0) + 1;
  },
  insertItem(db: Executor, row: Insertable<FeeItemTable>) {
    return db.insertInto('fee_items').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateItem(db: Executor, id: number, row: Updateable<FeeItemTable>) {
    return db.updateTable('fee_items').set(row).where('id', '=', id).execute();
  },
  insertPrice(db: Executor, row: Insertable<FeePriceTable>) {
    return db.insertInto('fee_prices').values(row).returning('id').executeTakeFirstOrThrow();
  },
  priceOnExactDate(db: Executor, feeItemId: number, date: string) {
    return db.selectFrom('fee_prices').select('id').where('fee_item_id', '=', feeItemId).where('effective_from', '=', date).executeTakeFirst();
  },
  /** A charge line of the item already issued for `period` or later (a new price must not reach back over it). */
  billedSince(db: Executor, feeItemId: number, period: string) {
    // By estate and period first: that is the index bill_lines has (bill_lines_period).
    const estate = db.selectFrom('fee_items').select('estate_id').where('id', '=', feeItemId);
    return db.selectFrom('bill_lines').select(['id', 'period']).where('estate_id', '=', estate).where('fee_item_id', '=', feeItemId).where('period', '>=', period).where('kind', '=', 'charge').orderBy('period', 'desc').limit(1).executeTakeFirst();
  },
  /** Buildings of the estate among `ids` (to check an item's building list). */
  buildingsIn(db: Executor, estateId: number, ids: number[]) {
    if (!ids.length) return Promise.resolve([] as Array<{ id: number }>);
    return db.selectFrom('buildings').select('id').where('estate_id', '=', estateId).where('id', 'in', ids).execute();
  },
};

export { priceOn };
