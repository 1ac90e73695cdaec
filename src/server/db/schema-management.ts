/** Table types of migration 020_management (see its comments for the meaning of each column). */
import type { Generated } from 'kysely';

type Id = Generated<number>;

export interface FormScanTable {
  id: Id;
  estate_id: number;
  form_code: string;
  record_key: string;
  file_key: string;
  mime: string;
  size: number;
  file_name: string | null;
  note: string | null;
  uploaded_by: number | null;
  created_at: string;
}

/** A versioned KPI set of an estate for one role; a new version applies from its month on. */
export interface KpiSetTable {
  id: Id;
  estate_id: number;
  role: string;
  version: number;
  effective_from: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}
/** floor/target in ten-thousandths (0.95 → 9500; 2 per 100 households → 20000). */
export interface KpiItemTable {
  id: Id;
  estate_id: number;
  set_id: number;
  code: string;
  metric: string;
  group_key: string;
  weight: number;
  direction: string;
  floor_e4: number;
  target_e4: number;
  sort: number;
}
/** Scores in hundredths (87.5 → 8750). `snapshot` is the frozen sheet (JSON). */
export interface AppraisalTable {
  id: Id;
  estate_id: number;
  user_id: number;
  role: string;
  period: string;
  kind: string;
  set_id: number | null;
  area_ids: string | null;
  snapshot: string;
  computed_e2: number | null;
  adjustment_e2: number;
  adjustment_reason: string | null;
  adjustment_evidence: string | null;
  final_e2: number | null;
  grade: string | null;
  status: string;
  self_due_on: string;
  self_text: string | null;
  self_score: number | null;
  self_at: string | null;
  review_text: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  confirmed_by: number | null;
  confirmed_at: string | null;
  acknowledged_at: string | null;
  appeal_text: string | null;
  appealed_at: string | null;
  annual_review_e2: number | null;
  created_at: string;
  updated_at: string;
}
export interface DevelopmentPlanTable {
  id: Id;
  estate_id: number;
  user_id: number;
  appraisal_id: number | null;
  weakness: string;
  action: string;
  due_on: string;
  status: string;
  created_by: number | null;
  created_at: string;
  done_at: string | null;
}
export interface RecognitionTable {
  id: Id;
  estate_id: number;
  user_id: number;
  appraisal_id: number | null;
  text: string;
  created_by: number | null;
  created_at: string;
}
/** hours in tenths; attendees a JSON array of user ids. */
export interface TrainingRecordTable {
  id: Id;
  estate_id: number;
  course: string;
  held_on: string;
  hours_e1: number;
  trainer: string;
  attendees: string;
  result: string | null;
  created_by: number | null;
  created_at: string;
}
/** Frozen monthly outputs (weakness report, director's pack, special-service summary); area_key 0 = the whole estate. */
export interface MonthlyReportTable {
  id: Id;
  estate_id: number;
  area_key: number;
  kind: string;
  month: string;
  data: string;
  created_at: string;
}
/** Values in ten-thousandths like KPI floors. */
export interface ImprovementActionTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  source: string;
  source_ref: string | null;
  type: string;
  dimension: string | null;
  problem: string;
  root_cause: string;
  metric: string;
  baseline_e4: number | null;
  target_e4: number;
  review_month: string;
  status: string;
  approved_by: number | null;
  approved_at: string | null;
  verified_at: string | null;
  verified_e4: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export interface ImprovementActionRowTable {
  id: Id;
  estate_id: number;
  action_id: number;
  what: string;
  owner_id: number | null;
  due_on: string;
  done_at: string | null;
  created_at: string;
}

export interface ManagementTables {
  form_scans: FormScanTable;
  kpi_sets: KpiSetTable;
  kpi_items: KpiItemTable;
  appraisals: AppraisalTable;
  development_plans: DevelopmentPlanTable;
  recognitions: RecognitionTable;
  training_records: TrainingRecordTable;
  monthly_reports: MonthlyReportTable;
  improvement_actions: ImprovementActionTable;
  improvement_action_rows: ImprovementActionRowTable;
}
