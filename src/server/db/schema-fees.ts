/** Table types of migration 003_fees (see its comments for the meaning of each column). */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export interface FeeItemTable {
  id: Id;
  estate_id: number;
  code: string;
  name: string;
  kind: string;
  meter_kind: string | null;
  cycle_months: number;
  bill_day: number;
  due_day: number;
  usages: string | null;
  building_ids: string | null;
  target_rate: number;
  late_rate_ppm: number;
  late_grace_days: number;
  late_start: string;
  late_cap_bp: number;
  sort: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface FeePriceTable {
  id: Id;
  estate_id: number;
  fee_item_id: number;
  effective_from: string;
  price: number;
  tiers: string | null;
  amount: number | null;
  note: string | null;
  created_by: number | null;
  created_at: string;
}
export interface FeeDiscountTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  fee_item_id: number | null;
  kind: string;
  percent_bp: number;
  from_date: string;
  to_date: string;
  reason: string;
  status: string;
  requested_by: number | null;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}
export interface MeterTable {
  id: Id;
  estate_id: number;
  unit_id: number | null;
  building_id: number | null;
  kind: string;
  number: string;
  installed_on: string;
  initial_reading: number;
  replaced_at: string | null;
  replaced_by: number | null;
  created_at: string;
}
export interface MeterReadingTable {
  id: Id;
  estate_id: number;
  meter_id: number;
  period: string;
  read_on: string;
  previous: number;
  value: number;
  usage: number;
  kind: string;
  note: string | null;
  entered_by: number | null;
  created_at: string;
}
export interface BillingRunTable {
  id: Id;
  estate_id: number;
  period: string;
  area_id: number | null;
  building_id: number | null;
  fee_item_ids: string | null;
  status: string;
  units_total: number;
  units_done: number;
  lines_created: number;
  amount_created: number;
  prepaid_used: number;
  summary: string | null;
  error: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  finished_at: string | null;
  /** The server instance running it (host:pid:boot) and its last sign of life; see billing.lease.ts. */
  owner: string | null;
  heartbeat_at: string | null;
}
export interface BillLineTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  building_id: number;
  unit_id: number;
  fee_item_id: number;
  period: string;
  kind: string;
  charge_key: string | null;
  run_id: number | null;
  description: string | null;
  quantity: number | null;
  price: number | null;
  gross: number;
  discount: number;
  amount: number;
  due_on: string;
  adjusts_id: number | null;
  ticket_id: number | null;
  reading_id: number | null;
  reason: string | null;
  paid: number;
  credited: number;
  waived: number;
  late_from: string | null;
  late_until: string | null;
  late_fee: number;
  late_paid: number;
  late_waived: number;
  open: Bool;
  rule_rate_ppm: number;
  rule_cap_bp: number;
  rule_grace_days: number;
  rule_start: string;
  created_by: number | null;
  created_at: string;
  settled_at: string | null;
}
export interface PaymentTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  receipt_no: string;
  idempotency_key: string;
  method: string;
  reference: string | null;
  payer_name: string | null;
  amount: number;
  to_prepaid: number;
  status: string;
  business_date: string;
  cashier_id: number | null;
  cashier_name: string;
  close_id: number | null;
  note: string | null;
  paid_at: string;
}
export interface PaymentAllocationTable {
  id: Id;
  estate_id: number;
  payment_id: number;
  line_id: number;
  principal: number;
  late_fee: number;
  on_date: string;
  reversal_id: number | null;
}
export interface PrepaidEntryTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  kind: string;
  amount: number;
  payment_id: number | null;
  line_id: number | null;
  run_id: number | null;
  note: string | null;
  at: string;
}
export interface PaymentReversalTable {
  id: Id;
  estate_id: number;
  payment_id: number;
  reason: string;
  status: string;
  requested_by: number | null;
  requested_by_name: string;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
  business_date: string | null;
}
export interface DailyCloseTable {
  id: Id;
  estate_id: number;
  cashier_id: number | null;
  cashier_name: string;
  business_date: string;
  payments: number;
  amount: number;
  reversed: number;
  by_method: string;
  closed_at: string;
}
export interface FeeWaiverTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  line_id: number;
  principal: number;
  late_fee: number;
  reason: string;
  status: string;
  requested_by: number | null;
  requested_by_name: string;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}
export interface NoticeDeliveryTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  period: string;
  delivered_at: string;
  delivered_by: number | null;
  delivered_by_name: string;
  note: string | null;
}
export interface ArrearsStepTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  unit_id: number;
  step: number;
  on_date: string;
  channel: string;
  outcome: string | null;
  reason: string | null;
  dissatisfaction: string | null;
  deadline: string | null;
  resolution: string | null;
  outstanding: number;
  ticket_id: number | null;
  batch: string | null;
  actor_id: number | null;
  actor_name: string;
  created_at: string;
}

export interface FeeTables {
  fee_items: FeeItemTable;
  fee_prices: FeePriceTable;
  fee_discounts: FeeDiscountTable;
  meters: MeterTable;
  meter_readings: MeterReadingTable;
  billing_runs: BillingRunTable;
  bill_lines: BillLineTable;
  payments: PaymentTable;
  payment_allocations: PaymentAllocationTable;
  prepaid_entries: PrepaidEntryTable;
  payment_reversals: PaymentReversalTable;
  daily_closes: DailyCloseTable;
  fee_waivers: FeeWaiverTable;
  notice_deliveries: NoticeDeliveryTable;
  arrears_steps: ArrearsStepTable;
  collection_summary: CollectionSummaryTable;
  collection_recovered: CollectionRecoveredTable;
}

/** Collection statistics' sums per (estate, period, item, area, building) of the lines (stats.summary.ts). */
export interface CollectionSummaryTable {
  estate_id: number;
  period: string;
  fee_item_id: number;
  /** the line's area, 0 for none */
  area_key: number;
  /** the line's building, 0 for none */
  building_key: number;
  billed: number;
  collected: number;
}
/** Principal allocated per month of the allocation and (estate, period, item, area, building) of the line. */
export interface CollectionRecoveredTable {
  estate_id: number;
  /** YYYY-MM of the allocation's on_date */
  month: string;
  period: string;
  fee_item_id: number;
  area_key: number;
  building_key: number;
  principal: number;
}
