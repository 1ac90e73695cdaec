/**
 * Fees and collection response shapes, written from the contract docs/fees-api.md (money in fen,
 * prices in 1/100 fen, rates in basis points, dates YYYY-MM-DD, periods YYYY-MM).
 */
import type { FeeKind, MeterKind, PaymentMethod } from '../../core/fees.ts';

export interface Tier {
  upTo: number | null;
  price: number;
}

export interface FeePrice {
  id: number;
  effectiveFrom: string;
  price: number;
  tiers: Tier[] | null;
  amount: number | null;
  note: string | null;
}

export interface FeeItem {
  id: number;
  estateId: number;
  code: string;
  name: string;
  kind: FeeKind;
  meterKind: MeterKind | null;
  cycleMonths: number;
  billDay: number;
  dueDay: number;
  usages: string[] | null;
  buildingIds: number[] | null;
  targetRate: number | null;
  lateRatePpm: number | null;
  lateGraceDays: number | null;
  lateStart: string | null;
  lateCapBp: number | null;
  archivedAt: string | null;
  prices: FeePrice[];
  currentPrice: FeePrice | null;
}

export interface Discount {
  id: number;
  unitId: number;
  unitLabel?: string;
  feeItemId: number | null;
  feeItemName?: string | null;
  kind: string;
  percentBp: number;
  fromDate: string;
  toDate: string;
  reason: string;
  status: string;
  requestedByName?: string | null;
  decidedByName?: string | null;
  decisionNote?: string | null;
  createdAt?: string;
}

export interface Meter {
  id: number;
  estateId: number;
  unitId: number | null;
  unitLabel?: string | null;
  buildingId: number | null;
  buildingName?: string | null;
  kind: MeterKind;
  number: string;
  installedOn: string;
  initialReading: number;
  replacedAt?: string | null;
  replacedById?: number | null;
  lastReading: { value: number; readOn: string; period?: string } | null;
}

export interface ReadingRow {
  meterId: number;
  meterNumber: string;
  kind: MeterKind;
  unitId: number | null;
  unitLabel: string | null;
  buildingId?: number | null;
  buildingName?: string | null;
  previous: number;
  previousReadOn?: string | null;
  value: number | null;
  usage: number | null;
  readOn?: string | null;
  readingId: number | null;
}

export interface ReadingSave {
  saved: number;
  skipped?: number;
  errors: Array<{ meterId: number; field: string; message: string }>;
}

export interface RunPreview {
  period: string;
  units: number;
  lines: number;
  amount: number;
  byItem: Array<{ feeItemId: number; name: string; lines: number; amount: number }>;
  skipped: Array<{ unitId: number; unitLabel: string; feeItemId: number; reason: string; message?: string }>;
  skippedCount?: number;
  existing: number;
}

export interface Run {
  id: number;
  period: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  unitsTotal: number;
  unitsDone: number;
  linesCreated: number;
  amountCreated: number;
  prepaidUsed: number;
  summary: unknown;
  error?: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdByName: string | null;
}

export interface Line {
  id: number;
  unitId: number;
  unitLabel: string;
  feeItemId: number;
  itemName: string;
  itemKind: FeeKind;
  period: string;
  kind: string;
  description: string | null;
  quantity: number | null;
  price: number | null;
  gross: number;
  discount: number;
  amount: number;
  dueOn: string;
  paid: number;
  credited: number;
  waived: number;
  lateFee: number;
  latePaid: number;
  lateWaived: number;
  principalDue: number;
  lateDue: number;
  totalDue: number;
  open: boolean;
  reason: string | null;
  adjustsId: number | null;
  ticketId: number | null;
}

export interface Notice {
  unitId: number;
  unitLabel: string;
  ownerName: string | null;
  buildingName: string | null;
  areaName: string | null;
  period: string;
  lines: Line[];
  periodAmount: number;
  arrears: number;
  lateFees: number;
  prepaidBalance: number;
  totalDue: number;
  dueOn: string | null;
  deliveredAt: string | null;
}

export interface UnitHit {
  unitId: number;
  unitLabel: string;
  ownerName: string | null;
  phoneMasked: string | null;
  totalDue: number;
  prepaidBalance: number;
}

export interface Allocation {
  lineId: number;
  itemName: string;
  period: string;
  principal: number;
  lateFee: number;
}

export interface Payment {
  id: number;
  estateId: number;
  unitId: number;
  unitLabel: string;
  ownerName?: string | null;
  receiptNo: string;
  method: PaymentMethod;
  reference: string | null;
  payerName: string | null;
  amount: number;
  toPrepaid: number;
  status: string;
  businessDate: string;
  cashierName: string | null;
  paidAt: string;
  estateName?: string;
  allocations?: Allocation[];
  reversal?: { id: number; status: string; reason: string; businessDate: string } | null;
}

export interface Account {
  unitId: number;
  unitLabel: string;
  ownerName: string | null;
  openLines: Line[];
  totalDue: number;
  prepaidBalance: number;
  payments: Payment[];
  arrearsStep: number | null;
}

export interface Reversal {
  id: number;
  paymentId: number;
  receiptNo?: string;
  unitLabel?: string;
  amount?: number;
  reason: string;
  status: string;
  requestedByName?: string | null;
  decidedByName?: string | null;
  decisionNote?: string | null;
  requestedAt?: string;
  createdAt?: string;
}

export interface Waiver {
  id: number;
  lineId: number;
  unitLabel?: string;
  itemName?: string;
  period?: string;
  principal: number;
  lateFee: number;
  reason: string;
  status: string;
  requestedByName?: string | null;
  decidedByName?: string | null;
  decisionNote?: string | null;
  requestedAt?: string;
  createdAt?: string;
}

export interface Close {
  id: number;
  date: string;
  amount?: number;
  closedAt?: string;
  createdAt?: string;
  cashierName?: string | null;
}

export interface CashierDay {
  date: string;
  cashierName: string | null;
  payments: number;
  amount: number;
  reversed: number;
  byMethod: Record<string, number>;
  allocated: number;
  toPrepaid: number;
  reconciled: boolean;
  closed: Close | null;
  items: Payment[];
  reversals?: Reversal[];
}

export interface ArrearsRow {
  unitId: number;
  unitLabel: string;
  ownerName: string | null;
  phoneMasked: string | null;
  areaName: string | null;
  buildingName?: string | null;
  outstanding: number;
  lateFee: number;
  oldestDueOn: string;
  days: number;
  lines: number;
  step: number;
  lastStepOn: string | null;
  deadline: string | null;
}

export interface Step {
  id: number;
  step: number;
  onDate: string;
  channel: string | null;
  outcome: string | null;
  reason: string | null;
  dissatisfaction: string | null;
  deadline: string | null;
  resolution: string | null;
  outstanding: number | null;
  ticketId: number | null;
  actorName: string | null;
  createdAt: string;
}

export interface ArrearsDetail extends Partial<Omit<ArrearsRow, 'lines'>> {
  unitId: number;
  lines: Line[];
  steps: Step[];
  allowedSteps?: number[];
}

export interface StatsRow {
  key: string | number | null;
  name: string;
  kind?: string | null;
  billed: number;
  collected: number;
  rate: number | null;
  target: number;
  met: boolean | null;
  recovered: number;
}

export interface Stats {
  from: string;
  to: string;
  rows: StatsRow[];
  total: Omit<StatsRow, 'key' | 'name'> & { key?: string; name?: string };
  monthly: Array<{ period: string; billed: number; collected: number; rate: number | null }>;
}

export interface PortalFeeUnit {
  unitId: number;
  unitLabel: string;
  openLines: Line[];
  totalDue: number;
  prepaidBalance: number;
  payments: Payment[];
  notices: Array<{ period: string; deliveredAt: string | null }>;
  arrearsSteps: Array<Pick<Step, 'step' | 'onDate' | 'channel' | 'deadline' | 'resolution'>>;
}
