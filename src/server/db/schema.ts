/**
 * One Database interface for both dialects. Instants are ISO-8601 UTC strings, calendar dates
 * are YYYY-MM-DD strings and booleans are 0/1 integers on both databases (see codec.ts), so no
 * query needs to know which database it runs on.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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

export interface DB {
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
}

export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type User = Selectable<UserTable>;
