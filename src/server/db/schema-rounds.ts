/** Table types of the rounds engine and the field app's sync (migration 013). */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export interface CheckTemplateTable {
  id: Id;
  estate_id: number;
  family_id: number | null;
  version: number;
  kind: string;
  name: string;
  status: string;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export interface CheckTemplateItemTable {
  id: Id;
  estate_id: number;
  template_id: number;
  seq: number;
  label: string;
  answer: string;
  min: number | null;
  max: number | null;
  unit: string | null;
  options: string | null;
  photo_on_issue: Bool;
  fixable_on_spot: Bool;
  severity: string;
  ticket_type: string;
  department: string | null;
  category_id: number | null;
  quality_dept: string | null;
}
export interface CheckpointTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  code: string;
  name: string;
  target: string;
  building_id: number | null;
  unit_id: number | null;
  facility_id: number | null;
  ref_kind: string | null;
  ref_id: number | null;
  location: string | null;
  lat: number | null;
  lng: number | null;
  qr_token: string;
  nfc_uid: string | null;
  template_family_id: number | null;
  active: Bool;
  created_at: string;
  updated_at: string;
}
export interface RoundRouteTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  name: string;
  ordered: Bool;
  active: Bool;
  created_at: string;
  updated_at: string;
}
export interface RoundRoutePointTable {
  id: Id;
  estate_id: number;
  route_id: number;
  seq: number;
  checkpoint_id: number;
}
export interface RoundPlanTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  name: string;
  kind: string;
  route_id: number | null;
  generator: string | null;
  template_family_id: number | null;
  assignee_rule: string;
  assignee_id: number | null;
  recurrence: string;
  days: string;
  every_n: number | null;
  slots: string;
  lead_min: number;
  grace_min: number;
  starts_on: string;
  ends_on: string | null;
  enabled: Bool;
  created_at: string;
  updated_at: string;
}
export interface RoundTaskTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  plan_id: number;
  task_key: string;
  kind: string;
  slot_start: string;
  slot_end: string;
  lead_min: number;
  grace_min: number;
  ordered: Bool;
  assignee_id: number | null;
  status: string;
  makeup_of: number | null;
  started_at: string | null;
  finished_at: string | null;
  swept_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface RoundTaskTransferTable {
  id: Id;
  estate_id: number;
  task_id: number;
  from_user_id: number | null;
  to_user_id: number;
  reason: string;
  by_user_id: number | null;
  at: string;
}
export interface RoundTaskPointTable {
  id: Id;
  estate_id: number;
  task_id: number;
  checkpoint_id: number;
  seq: number;
  template_id: number | null;
  status: string;
  result_id: number | null;
}
export interface RoundResultTable {
  id: Id;
  estate_id: number;
  client_uuid: string;
  task_id: number | null;
  checkpoint_id: number;
  template_id: number | null;
  by_user_id: number;
  device_id: string | null;
  scan_method: string;
  manual_reason: string | null;
  device_observed_at: string;
  observed_at: string;
  received_at: string;
  skew_ms: number;
  timing: string | null;
  lat: number | null;
  lng: number | null;
  accuracy: number | null;
  far: Bool;
  out_of_sequence: Bool;
  after_reassignment: Bool;
  late_sync: Bool;
  skew_flag: Bool;
  stale: Bool;
  counts: Bool;
  answers: string;
  note: string | null;
  created_at: string;
}
export interface RoundFindingTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  result_id: number;
  task_id: number | null;
  checkpoint_id: number;
  item_id: number;
  item_label: string;
  department: string | null;
  category_id: number | null;
  description: string;
  severity: string;
  photo_ids: string;
  after_photo_ids: string;
  status: string;
  ticket_id: number | null;
  by_user_id: number | null;
  observed_at: string;
  created_at: string;
  closed_at: string | null;
  /** 022: a module that took the finding over instead of a ticket (e.g. renovation_violation) */
  handled_kind: Generated<string | null>;
  handled_id: Generated<number | null>;
}
export interface FieldPhotoTable {
  id: Id;
  estate_id: number;
  client_uuid: string;
  file_key: string;
  mime: string;
  size: number;
  uploaded_by: number;
  created_at: string;
}
export interface FieldSyncLogTable {
  id: Id;
  estate_id: number;
  client_uuid: string;
  kind: string;
  user_id: number;
  device_id: string | null;
  ids: string;
  at: string;
}

/** Migration 023: a supervisor's discard of another user's unsent phone record (A.3.6 rule 8). */
export interface FieldDiscardTable {
  id: Id;
  estate_id: number;
  client_uuid: string;
  kind: string;
  owner_id: number;
  recorded_at: string;
  attempts: number;
  last_error: string | null;
  payload: string | null;
  reason: string;
  device_id: string;
  discarded_by: number;
  at: string;
}

export interface RoundsTables {
  check_templates: CheckTemplateTable;
  check_template_items: CheckTemplateItemTable;
  checkpoints: CheckpointTable;
  round_routes: RoundRouteTable;
  round_route_points: RoundRoutePointTable;
  round_plans: RoundPlanTable;
  round_tasks: RoundTaskTable;
  round_task_transfers: RoundTaskTransferTable;
  round_task_points: RoundTaskPointTable;
  round_results: RoundResultTable;
  round_findings: RoundFindingTable;
  field_photos: FieldPhotoTable;
  field_sync_log: FieldSyncLogTable;
  field_discards: FieldDiscardTable;
}
