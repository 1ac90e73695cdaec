/** Table types of home visits and surveys (migration 017). */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export interface VisitSettingsTable {
  estate_id: number;
  regular_days: number;
  special_days: number;
  move_in_days: number;
  daily_capacity: number;
  not_home_attempts: number;
  updated_at: string;
}
export interface VisitPlanTable {
  id: Id;
  estate_id: number;
  area_id: number;
  user_id: number;
  plan_date: string;
  status: string;
  created_at: string;
}
export interface VisitPlanItemTable {
  id: Id;
  estate_id: number;
  plan_id: number;
  household_id: number;
  unit_id: number;
  seq: number;
  source: string;
  note: string | null;
  carried_over: Bool;
  added_by: number | null;
  dropped_at: string | null;
  dropped_by: number | null;
  drop_reason: string | null;
  visit_id: number | null;
  created_at: string;
}
export interface HomeVisitTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  household_id: number;
  unit_id: number;
  plan_item_id: number | null;
  visitor_id: number;
  visitor_name: string;
  companions: string | null;
  purpose: string;
  method: string;
  outcome: string;
  visited_at: string;
  visited_on: string;
  minutes: number | null;
  members_met: string | null;
  opinions: string | null;
  tags: string;
  satisfaction: number | null;
  needs: string | null;
  need_type: string | null;
  ticket_id: number | null;
  care_concern: Bool;
  care_note: string | null;
  follow_up_on: string | null;
  arrears_step_id: number | null;
  survey_recipient_id: number | null;
  created_at: string;
}
export interface VisitRequestTable {
  id: Id;
  estate_id: number;
  household_id: number;
  source: string;
  ref: string;
  note: string | null;
  created_at: string;
  done_visit_id: number | null;
}
export interface SurveyTable {
  id: Id;
  estate_id: number;
  title: string;
  kind: string;
  intro: string | null;
  audience: string;
  channels: string;
  opens_on: string;
  closes_on: string;
  anonymous: Bool;
  target_return: number;
  target_satisfaction: number;
  status: string;
  created_by: number | null;
  published_at: string | null;
  closed_at: string | null;
  archived_at: string | null;
  created_at: string;
}
export interface SurveyQuestionTable {
  id: Id;
  estate_id: number;
  survey_id: number;
  seq: number;
  type: string;
  text: string;
  required: Bool;
  options: string;
  dimension: string | null;
  counts_for_satisfaction: Bool;
  archived_at: string | null;
}
export interface SurveyRecipientTable {
  id: Id;
  estate_id: number;
  survey_id: number;
  unit_id: number;
  household_id: number | null;
  area_id: number | null;
  building_id: number;
  status: string;
  channel: string | null;
  issued_at: string | null;
  form_no: string | null;
  responded_at: string | null;
  reason: string | null;
}
export interface SurveyResponseTable {
  id: Id;
  estate_id: number;
  survey_id: number;
  recipient_id: number;
  channel: string;
  answers: string;
  entered_by: number | null;
  respondent_user_id: number | null;
  respondent_name: string | null;
  submitted_at: string;
}
export interface SurveyVerificationTable {
  id: Id;
  estate_id: number;
  survey_id: number;
  response_id: number;
  result: string;
  note: string | null;
  verified_by: number;
  verified_at: string;
}

export interface OwnerVisitRequestTable {
  id: Id;
  estate_id: number;
  area_id: number | null;
  unit_id: number;
  household_id: number;
  requested_by: number;
  /** up to three YYYY-MM-DD, comma-separated */
  preferred_dates: string;
  time_band: string;
  topic: string;
  note: string | null;
  /** pending → scheduled | declined (visited / dropped are read from the plan item) */
  status: string;
  plan_item_id: number | null;
  scheduled_on: string | null;
  decline_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface RelationsTables {
  owner_visit_requests: OwnerVisitRequestTable;
  visit_settings: VisitSettingsTable;
  visit_plans: VisitPlanTable;
  visit_plan_items: VisitPlanItemTable;
  home_visits: HomeVisitTable;
  visit_requests: VisitRequestTable;
  surveys: SurveyTable;
  survey_questions: SurveyQuestionTable;
  survey_recipients: SurveyRecipientTable;
  survey_responses: SurveyResponseTable;
  survey_verifications: SurveyVerificationTable;
}
