/**
 * Names of the audit log's action and entity codes in both languages, sent with each row so the
 * audit page can name what every module writes without shipping every module's vocabulary in the
 * web app's first load. A code missing here is shown as itself.
 */
type Pair = [zh: string, en: string];

const ACTIONS: Record<string, Pair> = {
  create: ['新建', 'Create'], update: ['修改', 'Update'], archive: ['归档', 'Archive'], end: ['结束 / 迁出', 'End / move out'],
  reveal: ['查看完整信息', 'Reveal full number'], login: ['登录', 'Sign-in'], import: ['导入', 'Import'], transfer: ['产权变更', 'Ownership transfer'],
  clock: ['调整时钟', 'Clock change'], approve: ['批准', 'Approve'], reject: ['驳回', 'Reject'], close: ['关闭 / 日结', 'Close'],
  deliver: ['送达', 'Deliver'], adjust: ['调整', 'Adjust'], replace: ['换表', 'Replace meter'], search: ['按完整电话搜索', 'Search by full phone number'],
  sweep: ['定时处理', 'Scheduled sweep'], submit: ['提交', 'Submit'], suspend: ['停工', 'Suspend'], start: ['开始', 'Start'],
  settle: ['结算', 'Settle'], return: ['退回', 'Return'], resume: ['恢复', 'Resume'], request_completion: ['申请验收', 'Request acceptance'],
  report_rectified: ['报告已整改', 'Report rectified'], discard: ['放弃未上传记录', 'Discard unsent records'], delete_file: ['删除文件', 'Delete file'],
  cancel: ['取消', 'Cancel'], permit: ['发放开工证', 'Issue permit'],
};

const ENTITIES: Record<string, Pair> = {
  estate: ['项目', 'Estate'], area: ['片区', 'Area'], building: ['楼栋', 'Building'], unit: ['房屋', 'Unit'], facility: ['设施', 'Facility'],
  household: ['住户', 'Household'], member: ['成员', 'Member'], ownership: ['产权', 'Ownership'], tenancy: ['租赁', 'Tenancy'], user: ['用户', 'User'],
  clock: ['时钟', 'Clock'], ticket: ['工单', 'Ticket'], category: ['类别', 'Category'], sla_policy: ['时限规则', 'SLA policy'], holiday: ['节假日', 'Holiday'],
  desk_settings: ['客服设置', 'Desk settings'], phone: ['电话', 'Phone'],
  fee_item: ['收费项目', 'Fee item'], fee_price: ['收费标准', 'Fee price'], fee_discount: ['减免', 'Discount'], meter: ['仪表', 'Meter'],
  meter_reading: ['抄表读数', 'Meter reading'], billing_run: ['计费', 'Billing run'], bill_line: ['账单明细', 'Bill line'], notice: ['缴费通知单', 'Payment notice'],
  payment: ['收款', 'Payment'], payment_reversal: ['冲红', 'Reversal'], fee_waiver: ['免收', 'Waiver'], daily_close: ['日结', 'Daily close'],
  arrears_step: ['催缴步骤', 'Arrears step'], arrears_reminders: ['催缴通知', 'Arrears reminders'],
  check_template: ['检查模板', 'Check template'], checkpoint: ['巡检点', 'Checkpoint'], round_route: ['巡检路线', 'Round route'], round_plan: ['巡检计划', 'Round plan'],
  round_task: ['巡检任务', 'Round task'], round_result: ['巡检结果', 'Round result'], field_record: ['现场记录', 'Field record'], field_settings: ['现场设置', 'Field settings'],
  sign: ['标识', 'Sign'], sign_group: ['标识组', 'Sign group'], sign_request: ['标识使用清单', 'Sign request'], sign_check: ['标识检查', 'Sign check'],
  vacant_registration: ['空置房登记', 'Vacant-unit registration'], vacant_check: ['空置房检查', 'Vacant-unit check'], handover: ['交房验收', 'Handover'], handover_defect: ['交房问题', 'Handover defect'],
  renovation: ['装修', 'Renovation'], deposit: ['押金', 'Deposit'], deposit_request: ['押金申请', 'Deposit request'],
  visit_plan: ['走访计划', 'Visit plan'], visit_plan_item: ['走访计划项', 'Visit plan item'], visit_settings: ['走访设置', 'Visit settings'], home_visit: ['上门走访', 'Home visit'],
  owner_visit_request: ['请管家上门', 'Visit request'], survey: ['问卷调查', 'Survey'], survey_recipient: ['调查对象', 'Survey recipient'], survey_response: ['调查答卷', 'Survey response'],
  survey_verification: ['答卷核实', 'Response check'], resident_notice: ['住户通知', 'Resident notice'], activity: ['社区活动', 'Activity'],
  mail_item: ['邮件', 'Mail item'], mail_delivery: ['邮件派送', 'Mail delivery'], mail_pickup: ['邮件领取', 'Mail pickup'], mail_subscription: ['邮件订阅', 'Mail subscription'],
  mail_authorization: ['代领授权', 'Pickup authorisation'], kpi_set: ['考核指标', 'KPI set'], appraisal: ['绩效考核', 'Appraisal'], development_plan: ['发展计划', 'Development plan'],
  training_record: ['培训记录', 'Training record'], improvement_action: ['改进措施', 'Improvement action'], monthly_report: ['月度报告', 'Monthly report'], form_scan: ['签字扫描件', 'Signed scan'],
};

const pick = (table: Record<string, Pair>, code: string, lang: string) => {
  const pair = table[code];
  return pair ? pair[lang === 'en-US' ? 1 : 0] : null;
};
export const auditActionLabel = (code: string, lang: string) => pick(ACTIONS, code, lang);
export const auditEntityLabel = (code: string, lang: string) => pick(ENTITIES, code, lang);
