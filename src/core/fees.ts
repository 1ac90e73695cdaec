/**
 * Money rules of fees and collection (manual 4.1). Every amount is integer fen; prices are in
 * 1/100 fen so that rates such as 0.5283 元/度 or 1.85 元/m² stay exact. The one rounding rule is
 * `divRound`: half away from zero, applied once per computed amount, never to intermediate sums.
 */

export const FEE_KINDS = ['area', 'metered', 'shared', 'fixed', 'one_off', 'service'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const METER_KINDS = ['water', 'electricity', 'gas'] as const;
export type MeterKind = (typeof METER_KINDS)[number];
export const PAYMENT_METHODS = ['cash', 'card', 'wechat', 'alipay', 'transfer', 'prepaid'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const LATE_STARTS = ['deadline_notice', 'due'] as const;
export type LateStart = (typeof LATE_STARTS)[number];
/** Which fee items count as utilities and special services (target 100 %, manual 4.1.5). */
export const FULL_TARGET_KINDS: readonly FeeKind[] = ['metered', 'shared', 'service'];

/** Integer division rounded half away from zero. Inputs must be integers with |n| < 2^53. */
export function divRound(n: number, d: number): number {
  if (d <= 0) throw new RangeError('divisor must be positive');
  const sign = n < 0 ? -1 : 1;
  const a = Math.abs(n);
  const q = Math.floor(a / d);
  const r = a - q * d;
  const v = 2 * r >= d ? q + 1 : q;
  return sign < 0 ? 0 - v : v;
}

/** 物业管理费: building area (1/100 m²) × price (1/100 fen per m² per month) × months. */
export function areaCharge(areaHundredths: number, price: number, months: number): number {
  return divRound(areaHundredths * price * months, 10_000);
}

export interface Tier {
  /** Usage up to and including this amount is charged at `price`; null = no upper bound. */
  upTo: number | null;
  price: number;
}

/** Metered utilities: usage × price, or by tiers (阶梯价) where each band has its own price. */
export function meteredCharge(usage: number, price: number, tiers?: Tier[] | null): number {
  if (!tiers || tiers.length === 0) return divRound(usage * price, 100);
  let rest = usage;
  let lower = 0;
  let hundredths = 0;
  for (const tier of tiers) {
    if (rest <= 0) break;
    const band = tier.upTo == null ? rest : Math.min(rest, tier.upTo - lower);
    if (band > 0) {
      hundredths += band * tier.price;
      rest -= band;
    }
    if (tier.upTo != null) lower = tier.upTo;
  }
  if (rest > 0) hundredths += rest * tiers[tiers.length - 1]!.price;
  return divRound(hundredths, 100);
}

/** Tiers must rise strictly and end open; returns the index of the first bad tier or -1. */
export function badTier(tiers: Tier[]): number {
  let last = 0;
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    if (t.price < 0) return i;
    if (t.upTo == null) return i === tiers.length - 1 ? -1 : i;
    if (t.upTo <= last) return i;
    last = t.upTo;
  }
  return tiers.length ? tiers.length - 1 : -1;
}

/**
 * 公摊: split `total` fen over the weights (building areas) by the largest-remainder method, so
 * the parts add up to the whole. Ties go to the earlier part; all-zero weights split evenly.
 */
export function apportion(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const w = weights.every((x) => x <= 0) ? weights.map(() => 1) : weights.map((x) => Math.max(0, x));
  const sum = w.reduce((a, b) => a + b, 0);
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const parts = w.map((x) => Math.floor((abs * x) / sum));
  let left = abs - parts.reduce((a, b) => a + b, 0);
  const order = w.map((x, i) => ({ i, r: (abs * x) % sum })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return sign < 0 ? parts.map((p) => 0 - p) : parts;
}

/** A discount of `bp` basis points off `gross`, rounded once. */
export function discountOf(gross: number, bp: number): number {
  return Math.min(gross, divRound(gross * bp, 10_000));
}

// ---- dates and periods -----------------------------------------------------------------------

const DAY = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function addMonths(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + months;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** A cycle of 3 or 12 months bills in January/April/July/October or January only. */
export function billsIn(period: string, cycleMonths: number): boolean {
  const m = Number(period.slice(5, 7));
  return (m - 1) % cycleMonths === 0;
}

function dayIn(period: string, day: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Due date of a period's bill: the due day in the billing month, or in the next month when it falls before the billing day. */
export function dueOn(period: string, billDay: number, dueDay: number): string {
  return dueDay >= billDay ? dayIn(period, dueDay) : dayIn(addMonths(period, 1), dueDay);
}

export function periodOfDate(date: string): string {
  return date.slice(0, 7);
}

// ---- a line's money: principal, late fee, payments, waivers ----------------------------------

export interface LineMoney {
  amount: number;
  paid: number;
  credited: number;
  waived: number;
  lateFee: number;
  latePaid: number;
  lateWaived: number;
  /** First day late fees accrue on (null: not started). */
  lateFrom: string | null;
  /** Late fee is crystallized in `lateFee` for every day before this one. */
  lateUntil: string | null;
}

export interface LateRule {
  /** Per day, parts per million of the outstanding principal (500 = 0.05 %). */
  ratePpm: number;
  /** Cap on the line's total late fee, basis points of its principal (10000 = the principal). */
  capBp: number;
}

export const DEFAULT_LATE_RULE: LateRule & { graceDays: number; start: LateStart } = { ratePpm: 500, capBp: 10_000, graceDays: 0, start: 'deadline_notice' };

export function principalDue(l: LineMoney): number {
  return l.amount - l.credited - l.paid - l.waived;
}

export function lateCap(l: Pick<LineMoney, 'amount'>, rule: LateRule): number {
  return Math.max(0, Math.floor((l.amount * rule.capBp) / 10_000));
}

/** Late fee for `days` days on `principal` at `ratePpm` per day. */
export function lateFeeFor(principal: number, days: number, ratePpm: number): number {
  if (principal <= 0 || days <= 0) return 0;
  return divRound(principal * days * ratePpm, 1_000_000);
}

/**
 * The line's whole late fee as of `today` (days before today count): what is crystallized plus
 * what accrued since on the current outstanding principal, never above the cap. A cap lowered
 * later stops further accrual but never takes back what was already crystallized (and maybe paid).
 */
export function lateAccrued(l: LineMoney, rule: LateRule, today: string): number {
  if (!l.lateFrom) return l.lateFee;
  const from = l.lateUntil && l.lateUntil > l.lateFrom ? l.lateUntil : l.lateFrom;
  const pending = lateFeeFor(principalDue(l), daysBetween(from, today), rule.ratePpm);
  return Math.max(l.lateFee, Math.min(lateCap(l, rule), l.lateFee + pending));
}

export function lateDue(l: LineMoney, rule: LateRule, today: string): number {
  return lateAccrued(l, rule, today) - l.latePaid - l.lateWaived;
}

export function totalDue(l: LineMoney, rule: LateRule, today: string): number {
  return principalDue(l) + lateDue(l, rule, today);
}

/** Fix the late fee up to today; called before anything changes the principal, so each span is charged on the principal it had. */
export function crystallize(l: LineMoney, rule: LateRule, today: string): LineMoney {
  if (!l.lateFrom || today <= l.lateFrom || (l.lateUntil != null && today <= l.lateUntil)) return l;
  return { ...l, lateFee: lateAccrued(l, rule, today), lateUntil: today };
}

/** Apply a payment (or, with negative numbers, its reversal) of principal and late fee. */
export function applyPayment(l: LineMoney, rule: LateRule, today: string, principal: number, late: number): LineMoney {
  const c = crystallize(l, rule, today);
  return { ...c, paid: c.paid + principal, latePaid: c.latePaid + late };
}

export function applyWaiver(l: LineMoney, rule: LateRule, today: string, principal: number, late: number): LineMoney {
  const c = crystallize(l, rule, today);
  return { ...c, waived: c.waived + principal, lateWaived: c.lateWaived + late };
}

/** Start late fees from `date` (a deadline notice's date plus grace) unless they started already. */
export function startLateFee(l: LineMoney, date: string): LineMoney {
  if (l.lateFrom) return l;
  return { ...l, lateFrom: date };
}

/** When late fees begin for a line, per the fee item's rule. */
export function lateStartDate(start: LateStart, graceDays: number, dueDate: string, noticeDate: string | null): string | null {
  if (start === 'due') return addDays(dueDate, 1 + graceDays);
  return noticeDate ? addDays(noticeDate, graceDays) : null;
}

export interface OpenLine {
  id: number;
  principal: number;
  late: number;
}

export interface Allocation {
  id: number;
  principal: number;
  late: number;
}

/**
 * Spread a payment over open lines in the order given (oldest first): on each line the late fee
 * first, then the principal (Civil Code art. 561: costs, then interest, then principal).
 * Returns the allocations and what is left over (for the prepaid balance).
 */
export function allocate(amount: number, lines: OpenLine[]): { allocations: Allocation[]; rest: number } {
  let rest = amount;
  const allocations: Allocation[] = [];
  for (const line of lines) {
    if (rest <= 0) break;
    const late = Math.min(rest, Math.max(0, line.late));
    rest -= late;
    const principal = Math.min(rest, Math.max(0, line.principal));
    rest -= principal;
    if (late > 0 || principal > 0) allocations.push({ id: line.id, principal, late });
  }
  return { allocations, rest };
}

/** Collection rate in basis points (collected ÷ billed); null when nothing was billed. */
export function rateBp(collected: number, billed: number): number | null {
  if (billed <= 0) return null;
  return Math.floor((collected * 10_000) / billed);
}

/** Default collection targets (manual 4.1.5): utilities and special services 100 %, property management ≥ 95 %. */
export function defaultTarget(kind: FeeKind): number {
  return FULL_TARGET_KINDS.includes(kind) ? 10_000 : 9_500;
}

export const ARREARS_STEPS = [1, 2, 3, 4, 5] as const;
export type ArrearsStep = (typeof ARREARS_STEPS)[number];
export const ARREARS_CHANNELS = ['notice', 'phone', 'visit', 'meeting', 'sms'] as const;
export const RESOLUTIONS = ['instalments', 'waiver', 'legal', 'paid', 'other'] as const;

// ---- the arrears ladder and collection statistics (manual 4.1.3–4.1.5) ----------------------

/**
 * The first day a line's late fee accrues, whether or not it was written yet: the stored
 * `late_from`, or for items whose rule is `due` the day after the due date plus grace (such lines
 * start on their own, nobody has to record a step for them). Every reader of a line's late fee
 * goes through this (ledger.ts `moneyOf` applies it), so a `due` line shows the same late fee
 * before and after its `late_from` is first written by a payment or waiver.
 */
export function lateFromOf(lateFrom: string | null, start: string, graceDays: number, dueDate: string): string | null {
  if (lateFrom) return lateFrom;
  return start === 'due' ? lateStartDate('due', graceDays, dueDate, null) : null;
}

/** Who may record each step: administrators the notices and their visit, the assistant his visit, the director (or the assistant for him) the resolution (4.1.3.4). */
export const ARREARS_STEP_ROLES: Record<ArrearsStep, readonly string[]> = {
  1: ['cs_admin', 'assistant', 'director'],
  2: ['cs_admin', 'assistant', 'director'],
  3: ['cs_admin', 'assistant', 'director'],
  4: ['assistant', 'director'],
  5: ['assistant', 'director'],
};

/** A step may repeat or follow the highest one reached in the episode, never skip one. */
export function stepAllowed(current: number, step: number): boolean {
  return step >= 1 && step <= 5 && step <= current + 1;
}

export const ARREARS_STEP_LABELS: Record<ArrearsStep, { zh: string; en: string }> = {
  1: { zh: '催缴通知书', en: 'Reminder notice' },
  2: { zh: '限期缴费通知', en: 'Deadline notice' },
  3: { zh: '管理员上门', en: "Administrator's visit" },
  4: { zh: '助理拜访', en: "Assistant's visit" },
  5: { zh: '主任协商', en: "Director's resolution" },
};
export const RESOLUTION_LABELS: Record<(typeof RESOLUTIONS)[number], { zh: string; en: string }> = {
  instalments: { zh: '分期缴纳', en: 'Instalments' },
  waiver: { zh: '减免', en: 'Waiver' },
  legal: { zh: '法律途径', en: 'Legal route' },
  paid: { zh: '已缴清', en: 'Paid' },
  other: { zh: '其他', en: 'Other' },
};

export interface StatsRange {
  /** First and last period (YYYY-MM) of the range. */
  from: string;
  to: string;
  /** First and last calendar day. */
  fromDate: string;
  toDate: string;
  months: string[];
}

/** A statistics period: a month `2026-03`, a quarter `2026-Q1`, a half `2026-H2` or a year `2026` (manual 4.1.4); null when malformed. */
export function statsRange(p: string): StatsRange | null {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/.exec(p);
  if (!m) return null;
  const y = m[1]!;
  const [first, count] = m[2] ? [Number(m[2]), 1] : m[3] ? [(Number(m[3]) - 1) * 3 + 1, 3] : m[4] ? [(Number(m[4]) - 1) * 6 + 1, 6] : [1, 12];
  const from = `${y}-${String(first).padStart(2, '0')}`;
  const months = Array.from({ length: count }, (_, i) => addMonths(from, i));
  const to = months[months.length - 1]!;
  return { from, to, fromDate: `${from}-01`, toDate: addDays(`${addMonths(to, 1)}-01`, -1), months };
}

/**
 * The target of a row that mixes fee items (an area or a building): each item's target weighted
 * by what it billed, so the row meets it exactly when collecting what every item's target asks.
 */
export function weightedTarget(parts: Array<{ billed: number; target: number }>): number | null {
  const billed = parts.reduce((a, p) => a + Math.max(0, p.billed), 0);
  if (billed <= 0) return null;
  return divRound(parts.reduce((a, p) => a + Math.max(0, p.billed) * p.target, 0), billed);
}
