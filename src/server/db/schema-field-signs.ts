/** Tables of signage, vacant units and handover (migration 014). */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export interface FieldSettingsTable { estate_id: number; sign_check_slots: string; vacant_discount_gate: Bool; updated_at: string }
export interface SignGroupTable { id: Id; estate_id: number; area_id: number | null; building_id: number | null; name: string; location: string | null; active: Bool; created_at: string }
export interface SignRequestTable {
  id: Id; estate_id: number; area_id: number | null; reason: string; cost_estimate: number | null; status: string; requested_by: number | null;
  submitted_at: string | null; decided_by: number | null; decided_at: string | null; decision_note: string | null; created_at: string;
}
export interface SignRequestLineTable {
  id: Id; estate_id: number; request_id: number; seq: number; category: string; place: string; sign_group_id: number | null; location: string;
  content: string; size: string | null; material: string | null; quantity: number; temporary_until: string | null;
}
export interface SignTable {
  id: Id; estate_id: number; area_id: number | null; code: string; category: string; place: string; sign_group_id: number | null; location: string;
  content: string; size: string | null; material: string | null; temporary: Bool; expires_on: string | null; status: string; request_id: number | null;
  request_line_id: number | null; installed_on: string | null; removed_reason: string | null; ticket_id: number | null; created_by: number | null;
  created_at: string; updated_at: string;
}
export interface SignCheckTable {
  id: Id; estate_id: number; area_id: number | null; sign_group_id: number; checked_at: string; local_date: string; slot: number | null; result: string;
  note: string | null; by_user: number | null; round_result_id: number | null; created_at: string;
}
export interface SignCheckDefectTable { id: Id; estate_id: number; check_id: number; sign_id: number; defect: string; note: string | null; ticket_id: number | null }
export interface VacantRegistrationTable {
  id: Id; estate_id: number; area_id: number | null; unit_id: number; registered_on: string; reason: string; owner_contact: string | null; key_held: Bool;
  key_no: string | null; key_deposited_on: string | null; key_storage: string | null; valves_closed: Bool; check_interval_days: number; next_check_on: string;
  note: string | null; ended_on: string | null; end_reason: string | null; created_by: number | null; created_at: string; updated_at: string;
}
export interface VacantCheckTable {
  id: Id; estate_id: number; area_id: number | null; registration_id: number; unit_id: number; checked_on: string; time_in: string; time_out: string;
  checker_id: number | null; companion: string | null; entered: Bool; key_no_used: string | null; items: string; result: string; note: string | null;
  ticket_id: number | null; round_result_id: number | null; created_at: string;
}
export interface VacantCheckReadingTable { id: Id; estate_id: number; check_id: number; meter_id: number; previous: number | null; value: number; used: Bool }
export interface HandoverTable {
  id: Id; estate_id: number; area_id: number | null; unit_id: number; type: string; scheduled_at: string; inspected_at: string | null; inspectors: string | null;
  owner_present: string | null; keys_handed: number | null; result: string | null; status: string; ticket_id: number | null; created_by: number | null;
  created_at: string; updated_at: string;
}
export interface HandoverDefectTable {
  id: Id; estate_id: number; handover_id: number; unit_id: number; room: string; element: string; description: string; responsible: string;
  warranty_end: string | null; due_by: string; status: string; created_at: string; updated_at: string;
}
export interface HandoverDefectEventTable { id: Id; estate_id: number; defect_id: number; from_status: string | null; to_status: string; note: string | null; by_user: number | null; at: string }

export interface FieldSignTables {
  field_settings: FieldSettingsTable;
  sign_groups: SignGroupTable;
  sign_requests: SignRequestTable;
  sign_request_lines: SignRequestLineTable;
  signs: SignTable;
  sign_checks: SignCheckTable;
  sign_check_defects: SignCheckDefectTable;
  vacant_registrations: VacantRegistrationTable;
  vacant_checks: VacantCheckTable;
  vacant_check_readings: VacantCheckReadingTable;
  handovers: HandoverTable;
  handover_defects: HandoverDefectTable;
  handover_defect_events: HandoverDefectEventTable;
}
