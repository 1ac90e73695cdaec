/** Words for renovation codes in both languages (the manual's own words), for the web and the server's messages. */
type Labels = Record<string, { zh: string; en: string }>;

export const RENO_STATUS_LABELS: Labels = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  permitted: { zh: '已发开工证', en: 'Permit issued' },
  in_progress: { zh: '施工中', en: 'In progress' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  completion_requested: { zh: '待验收', en: 'Awaiting acceptance' },
  accepted: { zh: '验收合格', en: 'Accepted' },
  refund_pending: { zh: '待退押金', en: 'Refund pending' },
  closed: { zh: '已结案', en: 'Closed' },
  rejected: { zh: '不予批准', en: 'Rejected' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
export const RENO_STATUS_COLORS: Record<string, string> = {
  draft: 'default', submitted: 'gold', approved: 'cyan', permitted: 'blue', in_progress: 'processing', suspended: 'orange',
  completion_requested: 'purple', accepted: 'green', refund_pending: 'lime', closed: 'default', rejected: 'red', cancelled: 'default',
};

export const RENO_EVENT_LABELS: Labels = {
  create: { zh: '登记申请', en: 'application registered' },
  submit: { zh: '提交申请', en: 'submitted' },
  return: { zh: '退回补正', en: 'returned for correction' },
  approve: { zh: '批准', en: 'approved' },
  reject: { zh: '不予批准', en: 'rejected' },
  permit: { zh: '核发开工证', en: 'permit issued' },
  start: { zh: '开工', en: 'works started' },
  suspend: { zh: '暂停施工', en: 'works suspended' },
  resume: { zh: '恢复施工', en: 'works resumed' },
  request_completion: { zh: '申请竣工验收', en: 'acceptance requested' },
  accept: { zh: '验收合格', en: 'accepted' },
  fail: { zh: '验收不合格', en: 'acceptance failed' },
  request_refund: { zh: '申请退押金', en: 'deposit refund requested' },
  settle: { zh: '结案', en: 'closed' },
  cancel: { zh: '撤销', en: 'cancelled' },
  agreement: { zh: '签订装修管理协议', en: 'agreement signed' },
  fees: { zh: '开具装修费用', en: 'fees billed' },
  deposit_held: { zh: '收取押金', en: 'deposit received' },
  pass_returned: { zh: '收回出入证', en: 'worker pass returned' },
  violation_minor: { zh: '登记一般违规', en: 'minor violation recorded' },
  violation_major: { zh: '登记严重违规', en: 'major violation recorded' },
  violation_issue_notice: { zh: '发出整改通知书', en: 'rectification notice issued' },
  violation_report_rectified: { zh: '报告已整改', en: 'rectification reported' },
  violation_reinspect_ok: { zh: '复查合格', en: 're-inspection passed' },
  violation_reinspect_fail: { zh: '复查不合格', en: 're-inspection failed' },
  violation_escalate: { zh: '违规上报', en: 'violation escalated' },
  violation_ack: { zh: '业主签收整改通知书', en: 'notice acknowledged by the owner' },
  violation_seen_again: { zh: '巡检再次发现未整改', en: 'seen again on the daily round' },
  violation_upgraded: { zh: '一般违规逾期未整改，升为严重违规', en: 'minor violation not rectified by its deadline, now major' },
  extension_requested: { zh: '申请延期', en: 'extension requested' },
  extension_approved: { zh: '批准延期', en: 'extension approved' },
  extension_rejected: { zh: '不批准延期', en: 'extension rejected' },
  overdue: { zh: '超过计划完工日期（逾期）', en: 'past the planned end (overdue)' },
  revise: { zh: '修改申请', en: 'application edited' },
  extend: { zh: '申请延期', en: 'ask for an extension' },
};
export const EXTENSION_STATUS_LABELS: Labels = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '不批准', en: 'Rejected' },
};

export const VIOLATION_STATUS_LABELS: Labels = {
  open: { zh: '待处理', en: 'Open' },
  rectified_on_site: { zh: '已当场整改', en: 'Rectified on site' },
  notice_issued: { zh: '已发整改通知', en: 'Notice issued' },
  rectifying: { zh: '待复查', en: 'Awaiting re-inspection' },
  escalated: { zh: '已上报', en: 'Escalated' },
  closed: { zh: '已关闭', en: 'Closed' },
};
export const VIOLATION_ACTION_LABELS: Labels = {
  issue_notice: { zh: '发整改通知书', en: 'issue a notice' },
  report_rectified: { zh: '报告已整改', en: 'report rectified' },
  reinspect_ok: { zh: '复查合格', en: 're-inspection passed' },
  reinspect_fail: { zh: '复查不合格', en: 're-inspection failed' },
  escalate: { zh: '上报', en: 'escalate' },
};
export const VIOLATION_CATEGORY_LABELS: Labels = {
  structure: { zh: '拆改承重墙/主体结构', en: 'Load-bearing structure altered' },
  facade: { zh: '改变外立面/外窗', en: 'Facade or outer windows changed' },
  waterproofing: { zh: '破坏厨卫防水层', en: 'Wet-area waterproofing damaged' },
  other_art5: { zh: '其他《办法》第五条禁止行为', en: 'Other act forbidden by art. 5' },
  hours_noise: { zh: '违规时间施工/噪音', en: 'Works out of hours / noise' },
  debris_public_area: { zh: '占用公共区域/乱堆垃圾', en: 'Public area occupied / debris' },
  unregistered_workers: { zh: '未登记施工人员', en: 'Unregistered workers' },
  other: { zh: '其他', en: 'Other' },
};
export const RENO_KIND_LABELS: Labels = {
  full: { zh: '全屋装修', en: 'Full renovation' },
  partial: { zh: '局部装修', en: 'Partial renovation' },
  ac_install: { zh: '空调安装', en: 'AC installation' },
};
export const RENO_SCOPE_LABELS: Labels = {
  water_electric: { zh: '水电改造', en: 'Plumbing & wiring' },
  walls: { zh: '墙面', en: 'Walls' },
  floors: { zh: '地面', en: 'Floors' },
  ceiling: { zh: '吊顶', en: 'Ceiling' },
  doors_windows: { zh: '门窗', en: 'Doors & windows' },
  security_grille: { zh: '防盗网/窗', en: 'Security grilles' },
  non_bearing_wall: { zh: '拆改非承重墙', en: 'Non-bearing walls' },
  wet_area_waterproofing: { zh: '厨卫防水', en: 'Kitchen/bath waterproofing' },
  air_conditioning: { zh: '空调', en: 'Air conditioning' },
  other: { zh: '其他', en: 'Other' },
};
export const ACCEPTANCE_ITEM_LABELS: Labels = {
  structure_intact: { zh: '承重墙、梁柱等主体结构未改动', en: 'Load-bearing structure intact' },
  facade_unchanged: { zh: '外立面、外窗、防盗网符合规定', en: 'Facade, windows, grilles as allowed' },
  waterproofing_tested: { zh: '厨卫防水闭水试验合格', en: 'Wet-area waterproofing tested' },
  water_electric_safe: { zh: '水电改造规范、线路穿管', en: 'Plumbing and wiring to code' },
  gas_untouched: { zh: '燃气管道未改动', en: 'Gas pipes untouched' },
  fire_safety: { zh: '消防设施完好', en: 'Fire equipment intact' },
  public_area_restored: { zh: '公共区域、电梯无损坏', en: 'Public areas and lifts undamaged' },
  debris_cleared: { zh: '装修垃圾已清运', en: 'Debris removed' },
  passes_returned: { zh: '施工人员出入证已收回', en: 'Worker passes returned' },
};
export const SIGNER_LABELS: Labels = {
  owner: { zh: '业主（或代理人）', en: 'Owner (or agent)' },
  contractor: { zh: '施工负责人', en: 'Contractor lead' },
  csAdmin: { zh: '客服中心管理员', en: 'Customer service' },
  engineering: { zh: '工程部', en: 'Engineering' },
};
export const DEPOSIT_STATUS_LABELS: Labels = {
  held: { zh: '在押', en: 'Held' },
  refund_requested: { zh: '申请退还中', en: 'Refund requested' },
  settled: { zh: '已结清', en: 'Settled' },
};
export const DEPOSIT_ENTRY_LABELS: Labels = {
  receive: { zh: '收取', en: 'Received' },
  refund: { zh: '退还', en: 'Refunded' },
  deduct: { zh: '扣除', en: 'Deducted' },
};
