/**
 * One Database interface for both dialects. Instants are ISO-8601 UTC strings, calendar dates
 * are YYYY-MM-DD strings and booleans are 0/1 integers on both databases (see codec.ts), so no
 * query needs to know which database it runs on.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FeeTables } from './schema-fees.ts';
import type { RoundsTables } from './schema-rounds.ts';
import type { RenovationTables } from './schema-renovation.ts';
import type { FieldSignTables } from './schema-field-signs.ts';
import type { RelationsTables } from './schema-relations.ts';
import type { NoticesTables } from './schema-notices.ts';
import type { MailTables } from './schema-mail.ts';
import type { ManagementTables } from './schema-management.ts';

type Id = Generated<number>;
type Bool = number;

export interface EstateTable {
  id: Id;
  code: string;
  name: string;
  address: string | null;
  time_zone: string;
  phone: string | null;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
}
export interface AreaTable {
  id: Id;
  estate_id: number;
  name: string;
  manager_user_id: number | null;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
}
export interface BuildingTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  code: string;
  name: string;
  kind: string;
  floors: number;
  entrances: number;
  built_year: number | null;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
}
export interface UnitTable {
  id: Id;
  estate_id: number;
  building_id: number;
  entrance: string | null;
  floor: number;
  number: string;
  building_area: number; // hundredths of m²
  usage: string;
  status: string;
  structure: string | null;
  quality_notes: string | null;
  delivered_on: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface FacilityTable {
  id: Id;
  estate_id: number;
  kind: string;
  name: string;
  location: string | null;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
}
export interface HouseholdTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  name: string;
  moved_in_on: string | null;
  moved_out_on: string | null;
  notes: string | null;
  created_at: string;
}
export interface MemberTable {
  id: Id;
  estate_id: number;
  household_id: number;
  name: string;
  relation: string;
  is_head: Bool;
  is_owner: Bool;
  gender: string | null;
  birth_year: number | null;
  phone: string | null;
  id_number: string | null;
  occupation: string | null;
  employer: string | null;
  specialties: string | null;
  hobbies: string | null;
  care_flags: string; // comma-separated CARE_FLAGS
  notes: string | null;
  moved_out_on: string | null;
  created_at: string;
  updated_at: string;
}
export interface OwnershipTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  owner_name: string;
  phone: string | null;
  id_number: string | null;
  share_percent: number;
  acquired_on: string;
  acquired_how: string;
  certificate_no: string | null;
  ended_on: string | null;
  end_reason: string | null;
  notes: string | null;
  created_at: string;
}
export interface TenancyTable {
  id: Id;
  estate_id: number;
  unit_id: number;
  household_id: number | null;
  tenant_name: string;
  phone: string | null;
  id_number: string | null;
  start_on: string;
  end_on: string;
  monthly_rent: number; // fen
  deposit: number; // fen
  agent: string | null;
  notes: string | null;
  terminated_on: string | null;
  created_at: string;
}
export interface UserTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  phone: string | null;
  department: string | null;
  active: Bool;
  email: string | null;
  created_at: string;
  updated_at: string;
}
export interface UserScopeTable {
  id: Id;
  user_id: number;
  estate_id: number;
  area_id: number | null;
}
export interface OwnerUnitTable {
  id: Id;
  user_id: number;
  estate_id: number;
  unit_id: number;
  /** The ownership or tenancy the portal access comes from; the unit shows only while it is current. */
  ownership_id: number | null;
  tenancy_id: number | null;
}
export interface SessionTable {
  id: string; // sha256 of the cookie token
  user_id: number;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}
export interface LoginAttemptTable {
  id: Id;
  username: string;
  ip: string;
  at: string;
  success: Bool;
  /** Refused by a limit before any check: kept for the record, not counted. */
  refused: Generated<Bool>;
  /** 'login', or 'password' for an own password change's old-password check. */
  kind: Generated<string>;
}
export interface AuditLogTable {
  id: Id;
  at: string;
  estate_id: number | null;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
  detail: string | null; // JSON
  ip: string | null;
  /** {key, params} JSON (migration 009); null on older rows, which show `summary` as stored. */
  message: string | null;
  entity_ref: string | null;
}
export interface ImportJobTable {
  id: Id;
  estate_id: number;
  user_id: number | null; // null when run from the command line
  file_name: string;
  status: string; // queued, validating, writing, done, failed
  total_rows: number;
  processed_rows: number;
  errors: string | null; // JSON [{sheet,row,column,message}]
  result: string | null; // JSON counts
  created_at: string;
  finished_at: string | null;
}
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface TicketCategoryTable {
  id: Id;
  estate_id: number;
  place: string;
  category: string;
  problem: string;
  visit_policy: string;
  archived_at: string | null;
  created_at: string;
}
export interface SlaPolicyTable {
  id: Id;
  estate_id: number;
  type: string | null;
  priority: string | null;
  complex: Bool | null;
  emergency: Bool | null;
  response_minutes: number;
  resolution_minutes: number;
  archived_at: string | null;
  created_at: string;
}
export interface DeskSettingsTable {
  estate_id: number;
  calendar: string;
  work_start: number;
  work_end: number;
  weekdays: string;
  warn_minutes: number;
  assistant_after_minutes: number;
  director_after_minutes: number;
  auto_confirm_days: number;
  visit_due_days: number;
  updated_at: string;
}
export interface HolidayTable {
  id: Id;
  estate_id: number;
  date: string;
  kind: string;
  name: string;
  archived_at: string | null;
}
export interface CounterTable {
  estate_id: number;
  name: string;
  value: number;
}
export interface TicketTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  number: string;
  type: string;
  channel: string;
  unit_id: number | null;
  reporter_name: string;
  reporter_phone: string | null;
  reporter_user_id: number | null;
  category_id: number | null;
  priority: string;
  complex: Bool;
  emergency: Bool;
  incident_type: string | null;
  title: string;
  description: string;
  department: string | null;
  assignee_id: number | null;
  appointment_at: string | null;
  price: number | null; // fen
  status: string;
  paused_from: string | null;
  paused_at: string | null;
  response_due_at: string;
  resolution_due_at: string;
  responded_at: string | null;
  resolved_at: string | null;
  confirmed_at: string | null;
  closed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  reopen_count: number;
  escalation_level: number;
  warned: number; // bit 1: response warning sent, bit 2: resolution warning sent
  rating: number | null;
  rating_comment: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
/** Tickets per (estate, area, department, type, status), kept by triggers (migration 027). */
export interface TicketCountTable {
  estate_id: number;
  /** area_id, 0 for none */
  area_key: number;
  /** '' for none */
  department: string;
  type: string;
  status: string;
  n: number;
}

export interface TicketEventTable {
  id: Id;
  estate_id: number;
  ticket_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  internal: Bool;
  data: string | null;
}
export interface TicketPhotoTable {
  id: Id;
  estate_id: number;
  ticket_id: number;
  event_id: number | null;
  file_key: string;
  mime: string;
  size: number;
  created_at: string;
  uploaded_by: number | null;
  stage: Generated<string>;
}
export interface ReturnVisitTable {
  id: Id;
  estate_id: number;
  ticket_id: number;
  assignee_id: number | null;
  due_at: string;
  done_at: string | null;
  done_by: number | null;
  score: number | null;
  comment: string | null;
  tags: string;
  created_at: string;
}
export interface EmergencyPlanTable {
  id: Id;
  estate_id: number;
  incident_type: string;
  name: string;
  created_at: string;
}
export interface EmergencyPlanStepTable {
  id: Id;
  estate_id: number;
  plan_id: number;
  seq: number;
  title: string;
  role: string;
}
export interface TicketStepTable {
  id: Id;
  estate_id: number;
  ticket_id: number;
  seq: number;
  title: string;
  role: string;
  done_at: string | null;
  done_by: string | null;
  note: string | null;
}
export interface NotificationTable {
  id: Id;
  estate_id: number | null;
  user_id: number;
  at: string;
  kind: string;
  title: string;
  body: string;
  message: string | null;
  ticket_id: number | null;
  dedupe_key: string | null;
  read_at: string | null;
}
export interface JobLockTable {
  name: string;
  owner: string;
  locked_until: string;
}

/** One row per full-number phone search, counted per user for the search limit (migration 010). */
export interface PhoneSearchTable {
  id: Id;
  user_id: number;
  at: string;
}

export interface DB extends FeeTables, RoundsTables, RenovationTables, FieldSignTables, RelationsTables, NoticesTables, MailTables, ManagementTables {
  ticket_categories: TicketCategoryTable;
  sla_policies: SlaPolicyTable;
  desk_settings: DeskSettingsTable;
  holidays: HolidayTable;
  counters: CounterTable;
  tickets: TicketTable;
  ticket_counts: TicketCountTable;
  ticket_events: TicketEventTable;
  ticket_photos: TicketPhotoTable;
  return_visits: ReturnVisitTable;
  emergency_plans: EmergencyPlanTable;
  emergency_plan_steps: EmergencyPlanStepTable;
  ticket_steps: TicketStepTable;
  notifications: NotificationTable;
  job_locks: JobLockTable;
  estates: EstateTable;
  areas: AreaTable;
  buildings: BuildingTable;
  units: UnitTable;
  facilities: FacilityTable;
  households: HouseholdTable;
  household_members: MemberTable;
  ownerships: OwnershipTable;
  tenancies: TenancyTable;
  users: UserTable;
  user_scopes: UserScopeTable;
  owner_units: OwnerUnitTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobTable;
  settings: SettingTable;
  phone_searches: PhoneSearchTable;
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type User = Selectable<UserTable>;
