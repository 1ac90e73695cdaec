/** Table types of resident relations: notices and community activities (migration 018). */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export interface ResidentNoticeTable {
  id: Id;
  estate_id: number;
  number: string | null;
  category: string;
  title: string;
  body: string;
  audience_kind: string;
  audience_ids: string;
  audience_people: string;
  require_ack: Bool;
  pinned: Bool;
  publish_at: string | null;
  expires_at: string | null;
  status: string;
  ticket_id: number | null;
  corrects_id: number | null;
  activity_id: number | null;
  created_by: number;
  submitted_by: number | null;
  approved_by: number | null;
  approved_at: string | null;
  reject_reason: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_at: string;
  updated_at: string;
}
export interface NoticeRecipientTable {
  id: Id;
  estate_id: number;
  notice_id: number;
  unit_id: number;
  portal_users: number;
  delivered_at: string | null;
  first_read_at: string | null;
  first_read_by: number | null;
  ack_at: string | null;
  ack_by: number | null;
  last_reminded_at: string | null;
  reminders: number;
  offline_at: string | null;
  offline_by: number | null;
  offline_method: string | null;
  offline_note: string | null;
}
/**
 * Hook for home visits (relations/visits): a unit a notice could not reach, to be put on a visit
 * plan. The visit module reads open rows (taken_at null) of its estate and sets taken_at and visit_ref.
 */
export interface NoticeVisitRequestTable {
  id: Id;
  estate_id: number;
  notice_id: number;
  unit_id: number;
  reason: string;
  requested_by: number;
  requested_at: string;
  taken_at: string | null;
  visit_ref: string | null;
}
export interface ActivityTable {
  id: Id;
  estate_id: number;
  number: string;
  title: string;
  type: string;
  goals: string | null;
  agenda: string | null;
  budget: string;
  staffing: string;
  facility_id: number | null;
  venue: string | null;
  starts_at: string;
  ends_at: string;
  opens_at: string;
  closes_at: string;
  capacity: number;
  per_unit_limit: number;
  audience_kind: string;
  audience_ids: string;
  status: string;
  notice_id: number | null;
  approved_by: number | null;
  cancel_reason: string | null;
  actual_cost: number | null;
  lessons: string | null;
  /** the survey to its attendees, made at 结束 (migration 028) */
  feedback_survey_id: number | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}
export interface ActivityRegistrationTable {
  id: Id;
  estate_id: number;
  activity_id: number;
  unit_id: number | null;
  user_id: number | null;
  names: string;
  adults: number;
  children: number;
  phone: string | null;
  status: string;
  code: string;
  registered_at: string;
  promoted_at: string | null;
  cancelled_at: string | null;
  checked_in_at: string | null;
  checked_in_by: number | null;
}
export interface ActivityTaskTable {
  id: Id;
  estate_id: number;
  activity_id: number;
  seq: number;
  key: string | null;
  title: string;
  owner_id: number | null;
  due_at: string;
  done_at: string | null;
  done_by: number | null;
  note: string | null;
}
export interface ActivityFeedbackTable {
  id: Id;
  estate_id: number;
  activity_id: number;
  registration_id: number;
  user_id: number | null;
  rating: number;
  liked: string | null;
  suggestions: string | null;
  at: string;
}

export interface NoticesTables {
  resident_notices: ResidentNoticeTable;
  notice_recipients: NoticeRecipientTable;
  notice_visit_requests: NoticeVisitRequestTable;
  activities: ActivityTable;
  activity_registrations: ActivityRegistrationTable;
  activity_tasks: ActivityTaskTable;
  activity_feedback: ActivityFeedbackTable;
}
