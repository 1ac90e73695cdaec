/**
 * The renovation's one-off fees (装修垃圾清运费 …) as bill lines of the fee ledger, billed once per
 * renovation and item: charge key `reno:{id}:{item code}` (unique per unit, like a service ticket's).
 * The cashier collects them like any other line; the deposit is not one of them (X4).
 */
import { lateStartDate, type LateStart, periodOfDate } from '../../../../core/fees.ts';
import type { Executor } from '../../../db/database.ts';
import { conflict } from '../../../http/errors.ts';
import { addToSummary } from '../../fees/stats.summary.ts';
import { priceOnDate } from '../../fees/items/items.repository.ts';

/** Fee items billed with every renovation that is not an AC installation. */
export const RENO_FEE_CODES = ['RENO_WASTE'] as const;

export const chargeKeyPrefix = (renovationId: number) => `reno:${renovationId}:`;

export async function renoFeeLines(db: Executor, renovationId: number) {
  return db
    .selectFrom('bill_lines as l')
    .innerJoin('fee_items as i', 'i.id', 'l.fee_item_id')
    .select(['l.id', 'l.charge_key', 'l.amount', 'l.paid', 'l.credited', 'l.waived', 'l.open', 'l.due_on', 'i.name as item_name'])
    .where('l.charge_key', 'like', `${chargeKeyPrefix(renovationId)}%`)
    .orderBy('l.id')
    .execute();
}

/** Bills what is not billed yet; returns the ids of new lines (none when all were billed before). */
export async function billRenoFees(
  db: Executor,
  r: { id: number; estate_id: number; area_id: number | null; building_id: number; unit_id: number; number: string },
  actorId: number | null,
  today: string,
  now: string,
): Promise<number[]> {
  const out: number[] = [];
  for (const code of RENO_FEE_CODES) {
    const item = await db.selectFrom('fee_items').selectAll().where('estate_id', '=', r.estate_id).where('code', '=', code).executeTakeFirst();
    if (!item || item.archived_at) throw conflict('conflict.renoFeeItem', { code });
    const price = await priceOnDate(db, item.id, today);
    const amount = price?.amount ?? 0;
    if (amount <= 0) throw conflict('conflict.renoFeeItem', { code });
    const period = periodOfDate(today);
    const row = await db
      .insertInto('bill_lines')
      .values({
        estate_id: r.estate_id,
        area_id: r.area_id,
        building_id: r.building_id,
        unit_id: r.unit_id,
        fee_item_id: item.id,
        run_id: null,
        period,
        kind: 'one_off',
        charge_key: `${chargeKeyPrefix(r.id)}${code}`,
        description: `${item.name} ${r.number}`,
        quantity: null,
        price: null,
        gross: amount,
        discount: 0,
        amount,
        due_on: today,
        reading_id: null,
        adjusts_id: null,
        ticket_id: null,
        reason: null,
        paid: 0,
        credited: 0,
        waived: 0,
        late_from: item.late_start === 'due' ? lateStartDate(item.late_start as LateStart, item.late_grace_days, today, null) : null,
        late_until: null,
        late_fee: 0,
        late_paid: 0,
        late_waived: 0,
        rule_rate_ppm: item.late_rate_ppm,
        rule_cap_bp: item.late_cap_bp,
        rule_grace_days: item.late_grace_days,
        rule_start: item.late_start,
        open: 1,
        created_by: actorId,
        created_at: now,
        settled_at: null,
      })
      .onConflict((oc) => oc.columns(['unit_id', 'charge_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    out.push(row.id);
    await addToSummary(db, [{ estate_id: r.estate_id, period, fee_item_id: item.id, area_id: r.area_id, building_id: r.building_id, billed: amount, collected: 0 }]);
  }
  return out;
}
