/** Names of the home-visit and survey enumerations (zh/en), shared by pages and prints. */
type L = Record<string, { zh: string; en: string }>;

export const VISIT_PURPOSE_LABELS: L = {
  routine: { zh: '例行走访', en: 'Routine' },
  special_care: { zh: '特殊关怀', en: 'Special care' },
  new_move_in: { zh: '新入住走访', en: 'New move-in' },
  complaint_follow_up: { zh: '投诉回访', en: 'Complaint follow-up' },
  collection: { zh: '催缴走访', en: 'Fee collection' },
  survey: { zh: '问卷调查', en: 'Survey' },
  notice_delivery: { zh: '通知送达', en: 'Notice delivery' },
  other: { zh: '其他', en: 'Other' },
};
export const VISIT_METHOD_LABELS: L = {
  in_home: { zh: '入户', en: 'In the home' },
  door: { zh: '门口', en: 'At the door' },
  phone: { zh: '电话', en: 'Phone' },
  wechat: { zh: '微信', en: 'WeChat' },
  met_outside: { zh: '户外遇见', en: 'Met outside' },
};
export const VISIT_OUTCOME_LABELS: L = {
  met: { zh: '见到住户', en: 'Met' },
  not_home: { zh: '不在家', en: 'Not home' },
  refused: { zh: '拒绝', en: 'Refused' },
};
export const PLAN_SOURCE_LABELS: L = {
  special_care: { zh: '特殊关怀', en: 'Special care' },
  follow_up: { zh: '投诉/差评跟进', en: 'Follow-up' },
  notice: { zh: '通知未送达', en: 'Notice not delivered' },
  survey: { zh: '待填问卷', en: 'Survey pending' },
  new_move_in: { zh: '新入住', en: 'New move-in' },
  regular: { zh: '到期走访', en: 'Due' },
  added: { zh: '临时增加', en: 'Added' },
  owner_request: { zh: '业主约请', en: 'Owner asked' },
};
export const OWNER_VISIT_TOPIC_LABELS: L = {
  repair: { zh: '报修咨询', en: 'Repairs' },
  opinion: { zh: '意见建议', en: 'Opinions' },
  fees: { zh: '收费咨询', en: 'Fees' },
  renovation: { zh: '装修咨询', en: 'Renovation' },
  care: { zh: '关怀帮扶', en: 'Care and help' },
  other: { zh: '其他', en: 'Other' },
};
export const TIME_BAND_LABELS: L = {
  morning: { zh: '上午', en: 'Morning' },
  afternoon: { zh: '下午', en: 'Afternoon' },
  evening: { zh: '傍晚', en: 'Evening' },
  any: { zh: '都可以', en: 'Any time' },
};
export const OWNER_VISIT_STATUS_LABELS: L = {
  pending: { zh: '待安排', en: 'Waiting' },
  scheduled: { zh: '已排期', en: 'Scheduled' },
  visited: { zh: '已上门', en: 'Visited' },
  declined: { zh: '未能安排', en: 'Declined' },
};
export const PLAN_STATUS_LABELS: L = {
  draft: { zh: '待确认', en: 'Draft' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  closed: { zh: '已结束', en: 'Closed' },
};
export const NEED_TYPE_LABELS: L = {
  repair: { zh: '维修', en: 'Repair' },
  special_service: { zh: '特约服务', en: 'Special service' },
  inquiry: { zh: '咨询', en: 'Inquiry' },
};
export const SURVEY_KIND_LABELS: L = {
  opinion: { zh: '征询意见调查', en: 'Opinion survey' },
  resident: { zh: '住户问卷调查', en: 'Resident questionnaire' },
  satisfaction: { zh: '满意度测评', en: 'Satisfaction survey' },
  activity_feedback: { zh: '活动反馈', en: 'Activity feedback' },
};
export const SURVEY_STATUS_LABELS: L = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '回收中', en: 'Published' },
  closed: { zh: '已结束', en: 'Closed' },
  archived: { zh: '已归档', en: 'Archived' },
};
export const QUESTION_TYPE_LABELS: L = {
  single: { zh: '单选', en: 'Single choice' },
  multi: { zh: '多选', en: 'Multiple choice' },
  rating5: { zh: '五级评分', en: '5-point rating' },
  yes_no: { zh: '是/否', en: 'Yes / no' },
  text: { zh: '文字', en: 'Text' },
  number: { zh: '数字', en: 'Number' },
};
export const SURVEY_CHANNEL_LABELS: L = {
  portal: { zh: '业主端', en: 'Portal' },
  paper: { zh: '纸质', en: 'Paper' },
  phone: { zh: '电话', en: 'Phone' },
  visit: { zh: '走访', en: 'Visit' },
};
export const RECIPIENT_STATUS_LABELS: L = {
  pending: { zh: '未发放', en: 'Pending' },
  issued: { zh: '已发放', en: 'Issued' },
  responded: { zh: '已交回', en: 'Returned' },
  refused: { zh: '拒答', en: 'Refused' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
  invalid: { zh: '无效', en: 'Invalid' },
};
export const VERIFY_RESULT_LABELS: L = {
  confirmed: { zh: '属实', en: 'Confirmed' },
  mismatch: { zh: '不符', en: 'Mismatch' },
  unreachable: { zh: '未联系上', en: 'Unreachable' },
};
export const DIMENSION_EN: Record<string, string> = { 客服: 'Customer service', 收费: 'Fees', 社区文化: 'Community culture', 停车: 'Parking' };
