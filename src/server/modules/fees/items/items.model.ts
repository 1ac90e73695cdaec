/**
 * Fee items as the billing run and the API see them: every price version attached, sorted by
 * the date it takes effect. `priceOn` picks the version in force on a date without a query.
 */
import type { Selectable } from 'kysely';
import type { FeeKind, LateStart, MeterKind, Tier } from '../../../../core/fees.ts';
import { splitList, toJson } from '../../../db/codec.ts';
import type { FeeItemTable, FeePriceTable } from '../../../db/schema-fees.ts';

export interface FeePrice {
  id: number;
  /** First day (YYYY-MM-DD) this price applies. */
  effectiveFrom: string;
  /** 1/100 fen per unit: per m² per month (area), per 吨/度/m³ (metered, shared). */
  price: number;
  /** 阶梯价 for metered items; null = flat. */
  tiers: Tier[] | null;
  /** Fen per cycle for fixed charges; the usual amount of a one-off or special service. */
  amount: number | null;
  note: string | null;
  createdAt: string;
}

export interface FeeItemWithPrices {
  id: number;
  estateId: number;
  code: string;
  name: string;
  kind: FeeKind;
  meterKind: MeterKind | null;
  cycleMonths: number;
  billDay: number;
  dueDay: number;
  /** Unit usages the item applies to; [] = every usage. */
  usages: string[];
  /** Buildings the item applies to; [] = every building. */
  buildingIds: number[];
  targetRate: number;
  lateRatePpm: number;
  lateGraceDays: number;
  lateStart: LateStart;
  lateCapBp: number;
  sort: number;
  archivedAt: string | null;
  /** Oldest first. */
  prices: FeePrice[];
}

export function mapPrice(r: Selectable<FeePriceTable>): FeePrice {
  return { id: r.id, effectiveFrom: r.effective_from, price: r.price, tiers: toJson<Tier[]>(r.tiers), amount: r.amount, note: r.note, createdAt: r.created_at };
}

export function mapItem(r: Selectable<FeeItemTable>, prices: FeePrice[]): FeeItemWithPrices {
  return {
    id: r.id,
    estateId: r.estate_id,
    code: r.code,
    name: r.name,
    kind: r.kind as FeeKind,
    meterKind: r.meter_kind as MeterKind | null,
    cycleMonths: r.cycle_months,
    billDay: r.bill_day,
    dueDay: r.due_day,
    usages: splitList(r.usages),
    buildingIds: splitList(r.building_ids).map(Number),
    targetRate: r.target_rate,
    lateRatePpm: r.late_rate_ppm,
    lateGraceDays: r.late_grace_days,
    lateStart: r.late_start as LateStart,
    lateCapBp: r.late_cap_bp,
    sort: r.sort,
    archivedAt: r.archived_at,
    prices: [...prices].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.id - b.id)),
  };
}

/**
 * The price in force on `date` (YYYY-MM-DD): the latest version whose effective date is on or
 * before it; null when the item had no price yet. The billing run asks with a period's first day.
 */
export function priceOn(item: Pick<FeeItemWithPrices, 'prices'>, date: string): FeePrice | null {
  let found: FeePrice | null = null;
  for (const p of item.prices) {
    if (p.effectiveFrom <= date) found = p;
    else break;
  }
  return found;
}

/** Whether the item is charged to a unit of this usage in this building (archived items never are). */
export function itemAppliesTo(item: Pick<FeeItemWithPrices, 'usages' | 'buildingIds' | 'archivedAt'>, unit: { usage: string; buildingId: number }): boolean {
  if (item.archivedAt) return false;
  if (item.usages.length && !item.usages.includes(unit.usage)) return false;
  if (item.buildingIds.length && !item.buildingIds.includes(unit.buildingId)) return false;
  return true;
}
