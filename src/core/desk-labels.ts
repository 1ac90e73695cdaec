/** Display names of the service desk's enumerations (zh first, en behind the switch). */
type Labels = Record<string, { zh: string; en: string }>;

export const TICKET_TYPE_LABELS: Labels = {
  inquiry: { zh: '咨询', en: 'Inquiry' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  complaint: { zh: '投诉', en: 'Complaint' },
  repair: { zh: '报修', en: 'Repair' },
  report: { zh: '报事', en: 'Reported matter' },
  special_service: { zh: '特约服务', en: 'Special service' },
  dispute: { zh: '住户纠纷', en: 'Dispute between residents' },
  legacy: { zh: '遗留问题', en: 'Legacy/defect issue' },
};
export const CHANNEL_LABELS: Labels = {
  phone: { zh: '电话', en: 'Phone' },
  visit: { zh: '来访', en: 'Visit' },
  portal: { zh: '业主端', en: 'Portal' },
  front_desk: { zh: '前台转办', en: 'Front-desk transfer' },
  patrol: { zh: '巡查发现', en: 'Patrol finding' },
};
export const PRIORITY_LABELS: Labels = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '普通', en: 'Normal' },
  high: { zh: '高', en: 'High' },
  urgent: { zh: '紧急', en: 'Urgent' },
};
export const STATUS_LABELS: Labels = {
  registered: { zh: '已登记', en: 'Registered' },
  responded: { zh: '已响应', en: 'Responded' },
  dispatched: { zh: '已派工', en: 'Dispatched' },
  in_progress: { zh: '处理中', en: 'In progress' },
  paused: { zh: '暂停', en: 'Paused' },
  resolved: { zh: '已解决', en: 'Resolved' },
  confirmed: { zh: '业主已确认', en: 'Confirmed' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  reopened: { zh: '重新处理', en: 'Reopened' },
};
export const AGREEMENT_LABELS: Labels = {
  on_track: { zh: '正常', en: 'On track' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  breached: { zh: '已超时', en: 'Breached' },
  met: { zh: '按时完成', en: 'Met' },
  paused: { zh: '计时暂停', en: 'Paused' },
};
export const DEPARTMENT_LABELS: Labels = {
  engineering: { zh: '工程部', en: 'Engineering' },
  cleaning: { zh: '保洁部', en: 'Cleaning' },
  security: { zh: '保安部', en: 'Security' },
  landscaping: { zh: '绿化部', en: 'Landscaping' },
  customer_service: { zh: '客服中心', en: 'Customer service' },
};
export const INCIDENT_LABELS: Labels = {
  lift_entrapment: { zh: '电梯困人', en: 'Lift entrapment' },
  fire: { zh: '火警', en: 'Fire' },
  flooding: { zh: '爆管水浸', en: 'Burst pipe / flooding' },
  power_outage: { zh: '停电', en: 'Power outage' },
  water_outage: { zh: '停水', en: 'Water outage' },
  gas_leak: { zh: '燃气泄漏', en: 'Gas leak' },
  security_incident: { zh: '治安事件', en: 'Security incident' },
  severe_weather: { zh: '恶劣天气', en: 'Severe weather' },
  equipment_failure: { zh: '设备故障', en: 'Equipment failure' },
  injury: { zh: '人员受伤', en: 'Injury' },
};
export const VISIT_TAG_LABELS: Labels = {
  slow: { zh: '处理慢', en: 'Slow' },
  quality: { zh: '质量问题', en: 'Quality' },
  attitude: { zh: '服务态度', en: 'Attitude' },
};
export const EVENT_LABELS: Labels = {
  created: { zh: '登记', en: 'Registered' },
  respond: { zh: '首次响应', en: 'First response' },
  dispatch: { zh: '派工', en: 'Dispatched' },
  accept: { zh: '接单', en: 'Accepted' },
  pause: { zh: '暂停', en: 'Paused' },
  resume: { zh: '恢复', en: 'Resumed' },
  resolve: { zh: '处理完成', en: 'Resolved' },
  confirm: { zh: '业主确认', en: 'Confirmed' },
  close: { zh: '关闭', en: 'Closed' },
  cancel: { zh: '取消', en: 'Cancelled' },
  reopen: { zh: '重新处理', en: 'Reopened' },
  comment: { zh: '备注', en: 'Note' },
  at_risk: { zh: '超时预警', en: 'At-risk warning' },
  escalate: { zh: '超时升级', en: 'Escalated' },
  visit: { zh: '回访', en: 'Return visit' },
  rate: { zh: '业主评价', en: 'Resident rating' },
  step: { zh: '应急步骤', en: 'Emergency step' },
};
