/**
 * The billing run's arithmetic over inputs loaded in bulk (billing.repository.ts): which units
 * each fee item bills in the period, how much, and which units are skipped and why. No I/O, so
 * the preview and the committed run compute exactly the same lines.
 */
import { addMonths, apportion, areaCharge, billsIn, discountOf, dueOn, lateStartDate, meteredCharge } from '../../../../core/fees.ts';
import { type FeeItemWithPrices, type FeePrice, itemAppliesTo, priceOn } from '../items/items.model.ts';
import { yuan } from './lines.present.ts';

export interface BillUnit {
  id: number;
  buildingId: number;
  areaId: number | null;
  label: string;
  /** Building area, 1/100 m². */
  area: number;
  usage: string;
}
/** A fee item as the config part loads it (items.repository.ts `loadFeeItems`), every price version attached. */
export type BillItem = FeeItemWithPrices;
export interface Usage {
  usage: number;
  readingId: number;
}
export interface ServiceTicket {
  id: number;
  unitId: number;
  price: number;
  title: string;
}
export interface BillingInputs {
  period: string;
  /** Units in the run's scope, not archived, in a stable order (building, id). */
  units: BillUnit[];
  /** Fee items that bill in this period (`billedItems`), not archived, in their display order. */
  items: BillItem[];
  /** `unitId:meterKind` → that unit has a meter of the kind. */
  unitMeters: Set<string>;
  /** `unitId:meterKind` → the period's usage (all the unit's meters of the kind, a replacement included). */
  unitUsage: Map<string, Usage>;
  buildingMeters: Set<string>;
  buildingUsage: Map<string, Usage>;
  /** unitId → approved discounts overlapping the period. */
  discounts: Map<number, Array<{ feeItemId: number | null; percentBp: number }>>;
  /** `unitId|chargeKey` of lines already issued. */
  existing: Set<string>;
  /** unitId → resolved special-service tickets with a price, not yet billed. */
  tickets: Map<number, ServiceTicket[]>;
}

export type SkipReason = 'noPrice' | 'noMeter' | 'noReading' | 'zeroArea' | 'zeroUsage';

export interface PlannedLine {
  unitId: number;
  buildingId: number;
  areaId: number | null;
  feeItemId: number;
  kind: 'charge' | 'service';
  chargeKey: string;
  description: string;
  quantity: number | null;
  price: number | null;
  gross: number;
  discount: number;
  amount: number;
  dueOn: string;
  ticketId: number | null;
  readingId: number | null;
  lateFrom: string | null;
  rule: LineRule;
}

/** The item's late-fee rule, kept on each line it issues. */
export interface LineRule {
  ratePpm: number;
  capBp: number;
  graceDays: number;
  start: string;
}
export interface Skip {
  unitId: number;
  unitLabel: string;
  feeItemId: number;
  reason: SkipReason;
}

/** What one pass over some units produced; totals add up across chunks. */
export interface Tally {
  lines: number;
  amount: number;
  existing: number;
  skippedCount: number;
  skipped: Skip[];
  byItem: Map<number, { lines: number; amount: number }>;
}

/** Skips kept in full; beyond this only counted (a missing price would otherwise list every unit). */
export const SKIPPED_KEPT = 500;

export function newTally(): Tally {
  return { lines: 0, amount: 0, existing: 0, skippedCount: 0, skipped: [], byItem: new Map() };
}

const RUN_KINDS = new Set(['area', 'metered', 'shared', 'fixed', 'service']);

/** The items a run bills in `period`: kinds a run bills (one-off charges are entered by hand), whose cycle bills then, not archived. */
export function billedItems(items: BillItem[], period: string): BillItem[] {
  return items.filter((i) => RUN_KINDS.has(i.kind) && billsIn(period, i.cycleMonths) && !i.archivedAt);
}

/**
 * The computation prepared once per run: 公摊 parts per building are worked out over every
 * applicable unit of the building (areas and buildings are the run's only filters, so a building
 * is always whole), then units are billed one by one.
 */
export class BillingPlan {
  private shared = new Map<number, Map<number, { amount: number; usage: number; readingId: number; total: number } | SkipReason>>();
  private dues = new Map<number, { dueOn: string; lateFrom: string | null; rule: LineRule }>();
  private serviceItem: BillItem | undefined;
  private spans = new Map<number, string>();
  /** The price in force on the period's first day, per item (none: the item's units are skipped, noPrice). */
  private prices = new Map<number, FeePrice>();

  constructor(readonly inputs: BillingInputs) {
    const { period } = inputs;
    for (const item of inputs.items) {
      const price = priceOn(item, `${period}-01`);
      if (price) this.prices.set(item.id, price);
      const due = dueOn(period, item.billDay, item.dueDay);
      this.dues.set(item.id, {
        dueOn: due,
        lateFrom: item.lateStart === 'due' ? lateStartDate(item.lateStart, item.lateGraceDays, due, null) : null,
        rule: { ratePpm: item.lateRatePpm, capBp: item.lateCapBp, graceDays: item.lateGraceDays, start: item.lateStart },
      });
      this.spans.set(item.id, item.cycleMonths > 1 ? `${period}～${addMonths(period, item.cycleMonths - 1)}` : period);
      if (item.kind === 'shared') this.shared.set(item.id, this.apportionItem(item));
    }
    this.serviceItem = inputs.items.find((i) => i.kind === 'service');
  }

  private apportionItem(item: BillItem) {
    const parts = new Map<number, { amount: number; usage: number; readingId: number; total: number } | SkipReason>();
    const price = this.prices.get(item.id);
    const byBuilding = new Map<number, BillUnit[]>();
    for (const u of this.inputs.units) {
      if (!itemAppliesTo(item, u)) continue;
      const list = byBuilding.get(u.buildingId);
      if (list) list.push(u);
      else byBuilding.set(u.buildingId, [u]);
    }
    for (const [buildingId, units] of byBuilding) {
      const key = `${buildingId}:${item.meterKind}`;
      const reading = this.inputs.buildingUsage.get(key);
      const skip: SkipReason | null = !price ? 'noPrice' : !this.inputs.buildingMeters.has(key) ? 'noMeter' : !reading ? 'noReading' : null;
      if (skip || !reading || !price) {
        for (const u of units) parts.set(u.id, skip ?? 'noReading');
        continue;
      }
      const total = meteredCharge(reading.usage, price.price, price.tiers);
      const shares = apportion(total, units.map((u) => u.area));
      units.forEach((u, i) => parts.set(u.id, { amount: shares[i]!, usage: reading.usage, readingId: reading.readingId, total }));
    }
    return parts;
  }

  /** Bills one unit: appends its new lines to `out` and counts them, what exists and what is skipped. */
  billUnit(u: BillUnit, tally: Tally, out: PlannedLine[]) {
    const { inputs } = this;
    for (const item of inputs.items) {
      if (item.kind === 'service') continue;
      if (!itemAppliesTo(item, u)) continue;
      const chargeKey = `${item.id}:${inputs.period}`;
      if (inputs.existing.has(`${u.id}|${chargeKey}`)) {
        tally.existing++;
        continue;
      }
      const r = this.charge(item, u);
      if (typeof r === 'string') {
        tally.skippedCount++;
        if (tally.skipped.length < SKIPPED_KEPT) tally.skipped.push({ unitId: u.id, unitLabel: u.label, feeItemId: item.id, reason: r });
        continue;
      }
      const bp = this.discountBp(u.id, item.id);
      const discount = bp > 0 && r.gross > 0 ? discountOf(r.gross, bp) : 0;
      const due = this.dues.get(item.id)!;
      this.push(tally, out, {
        unitId: u.id,
        buildingId: u.buildingId,
        areaId: u.areaId,
        feeItemId: item.id,
        kind: 'charge',
        chargeKey,
        description: r.description,
        quantity: r.quantity,
        price: r.price,
        gross: r.gross,
        discount,
        amount: r.gross - discount,
        dueOn: due.dueOn,
        ticketId: null,
        readingId: r.readingId,
        lateFrom: due.lateFrom,
        rule: due.rule,
      });
    }
    const service = this.serviceItem;
    const tickets = service && itemAppliesTo(service, u) ? inputs.tickets.get(u.id) : undefined;
    if (service && tickets) {
      const due = this.dues.get(service.id)!;
      for (const tk of tickets) {
        const chargeKey = `t:${tk.id}`;
        if (inputs.existing.has(`${u.id}|${chargeKey}`)) {
          tally.existing++;
          continue;
        }
        this.push(tally, out, {
          unitId: u.id,
          buildingId: u.buildingId,
          areaId: u.areaId,
          feeItemId: service.id,
          kind: 'service',
          chargeKey,
          description: `${service.name}：${tk.title}`.slice(0, 200),
          quantity: null,
          price: null,
          gross: tk.price,
          discount: 0,
          amount: tk.price,
          dueOn: due.dueOn,
          ticketId: tk.id,
          readingId: null,
          lateFrom: due.lateFrom,
          rule: due.rule,
        });
      }
    }
  }

  private push(tally: Tally, out: PlannedLine[], line: PlannedLine) {
    out.push(line);
    tally.lines++;
    tally.amount += line.amount;
    const t = tally.byItem.get(line.feeItemId);
    if (t) {
      t.lines++;
      t.amount += line.amount;
    } else tally.byItem.set(line.feeItemId, { lines: 1, amount: line.amount });
  }

  private discountBp(unitId: number, itemId: number) {
    const list = this.inputs.discounts.get(unitId);
    if (!list) return 0;
    let bp = 0;
    for (const d of list) if ((d.feeItemId == null || d.feeItemId === itemId) && d.percentBp > bp) bp = d.percentBp;
    return Math.min(bp, 10_000);
  }

  private charge(item: BillItem, u: BillUnit): SkipReason | { gross: number; quantity: number | null; price: number | null; readingId: number | null; description: string } {
    const span = this.spans.get(item.id)!;
    if (item.kind === 'shared') {
      const part = this.shared.get(item.id)!.get(u.id)!;
      if (typeof part === 'string') return part;
      if (part.amount === 0) return u.area <= 0 ? 'zeroArea' : 'zeroUsage';
      return {
        gross: part.amount,
        quantity: u.area,
        price: null,
        readingId: part.readingId,
        description: `${item.name} ${span} 公摊：楼栋用量 ${part.usage}，合计 ${yuan(part.total)} 元，按建筑面积分摊`,
      };
    }
    const price = this.prices.get(item.id);
    if (!price) return 'noPrice';
    switch (item.kind) {
      case 'area':
        if (u.area <= 0) return 'zeroArea';
        return { gross: areaCharge(u.area, price.price, item.cycleMonths), quantity: u.area, price: price.price, readingId: null, description: `${item.name} ${span}` };
      case 'metered': {
        const key = `${u.id}:${item.meterKind}`;
        if (!this.inputs.unitMeters.has(key)) return 'noMeter';
        const reading = this.inputs.unitUsage.get(key);
        if (!reading) return 'noReading';
        if (reading.usage <= 0) return 'zeroUsage';
        return { gross: meteredCharge(reading.usage, price.price, price.tiers), quantity: reading.usage, price: price.price, readingId: reading.readingId, description: `${item.name} ${span} 用量 ${reading.usage}` };
      }
      default: // fixed
        if (price.amount == null) return 'noPrice';
        return { gross: price.amount, quantity: item.cycleMonths, price: null, readingId: null, description: `${item.name} ${span}` };
    }
  }
}
