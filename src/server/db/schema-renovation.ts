/** Table types of migration 015_renovation (see its comments for the meaning of each column). */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export interface RenovationTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  building_id: number;
  unit_id: number;
  number: string;
  kind: string;
  applicant_kind: string;
  applicant_name: string;
  applicant_phone: string;
  applicant_user_id: number | null;
  owner_consent_by: string | null;
  owner_consent_at: string | null;
  owner_consent_method: string | null;
  contractor: string;
  licence_no: string | null;
  lead_name: string;
  lead_phone: string;
  fire_name: string | null;
  fire_phone: string | null;
  scope: string;
  description: string;
  touches_structure: Bool;
  design_doc: string | null;
  engineering_opinion: string | null;
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  deposit_amount: number;
  agreement_signed_at: string | null;
  permit_no: string | null;
  permitted_at: string | null;
  status: string;
  inspector_id: number | null;
  prev_unit_status: string | null;
  approved_by: number | null;
  approved_at: string | null;
  decision_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** 022: set by the reno-daily job while past the (extended) end */
  overdue_since: Generated<string | null>;
  version: Generated<number>;
}
export interface RenovationWorkerTable {
  id: Id;
  estate_id: number;
  renovation_id: number;
  name: string;
  role: string;
  id_number: string | null;
  phone: string | null;
  pass_no: string | null;
  issued_at: string | null;
  returned_at: string | null;
  created_at: string;
  removed_at: Generated<string | null>;
}
export interface RenovationEventTable {
  id: Id;
  estate_id: number;
  renovation_id: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  actor_id: number | null;
  actor_name: string;
  at: string;
}
export interface RenovationViolationTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  renovation_id: number;
  round_result_id: number | null;
  client_uuid: string | null;
  severity: string;
  category: string;
  description: string;
  photos: string;
  found_at: string;
  found_by: number | null;
  found_by_name: string;
  status: string;
  notice_no: string | null;
  notice_at: string | null;
  notice_by_name: string | null;
  delivery: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  rectify_by: string | null;
  reinspected_at: string | null;
  reinspected_by_name: string | null;
  reinspect_note: string | null;
  escalated_at: string | null;
  escalated_to: string | null;
  closed_at: string | null;
  updated_at: string;
  upgraded_at: Generated<string | null>;
}
export interface RenovationAcceptanceTable {
  id: Id;
  estate_id: number;
  renovation_id: number;
  result: string;
  checklist: string;
  signatures: string;
  scan_ref: string | null;
  scan_id: Generated<number | null>;
  reasons: string | null;
  engineer_id: number | null;
  engineer_name: string;
  at: string;
}
export interface DepositTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  unit_id: number;
  purpose: string;
  renovation_id: number | null;
  receipt_no: string;
  idempotency_key: string;
  payer_name: string;
  amount: number;
  method: string;
  business_date: string;
  cashier_id: number | null;
  cashier_name: string;
  status: string;
  created_at: string;
}
export interface DepositRequestTable {
  id: Id;
  estate_id: number;
  deposit_id: number;
  kind: string;
  amount: number;
  payee: string;
  method: string;
  reason: string;
  evidence: string;
  idempotency_key: string;
  status: string;
  requested_by: number | null;
  requested_by_name: string;
  requested_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}
export interface DepositEntryTable {
  id: Id;
  estate_id: number;
  deposit_id: number;
  kind: string;
  amount: number;
  request_id: number | null;
  method: string;
  payee: string | null;
  reason: string | null;
  business_date: string;
  by_id: number | null;
  by_name: string;
  at: string;
}
export interface RenovationReportTable {
  id: Id;
  estate_id: number;
  week_from: string;
  week_to: string;
  data: string;
  delivered_at: string;
}

export interface RenovationExtensionTable {
  id: Id;
  estate_id: number;
  renovation_id: number;
  old_end: string;
  new_end: string;
  reason: string;
  via: string;
  requested_by: number | null;
  requested_by_name: string;
  requested_at: string;
  status: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}
export interface RenovationVersionTable {
  id: Id;
  estate_id: number;
  renovation_id: number;
  version: number;
  data: string;
  returned_note: string | null;
  saved_by: number | null;
  saved_at: string;
}

export interface RenovationTables {
  renovation_extensions: RenovationExtensionTable;
  renovation_versions: RenovationVersionTable;
  renovations: RenovationTable;
  renovation_workers: RenovationWorkerTable;
  renovation_events: RenovationEventTable;
  renovation_violations: RenovationViolationTable;
  renovation_acceptances: RenovationAcceptanceTable;
  deposits: DepositTable;
  deposit_requests: DepositRequestTable;
  deposit_entries: DepositEntryTable;
  renovation_reports: RenovationReportTable;
}
