/** Labels (zh/en) of signage, vacant units and handover codes, in the manual's words; server and web share them. */
type L = Record<string, { zh: string; en: string }>;
const pairs = (o: Record<string, [string, string]>): L => Object.fromEntries(Object.entries(o).map(([k, [zh, en]]) => [k, { zh, en }]));

export const SIGN_CATEGORY_LABELS = pairs({
  building_no: ['楼栋号标识', 'Building number'],
  floor: ['楼层标识', 'Floor'],
  door_no: ['门牌号标识', 'Door number'],
  entrance: ['进出入口标识', 'Entrance / exit'],
  lift: ['电梯标识', 'Lift'],
  mailbox: ['信报箱标识', 'Mailbox'],
  public_facility: ['公共区域设施标识', 'Public facility'],
  office: ['办公区域标识', 'Office area'],
  other_state: ['其它标识（紧急状态等）', 'Other (emergency state etc.)'],
  safety: ['安全标识', 'Safety'],
  road: ['道路标识', 'Road'],
});
export const SIGN_PLACE_LABELS = pairs({
  high_rise: ['高层楼宇', 'High-rise building'],
  clubhouse: ['会所', 'Clubhouse'],
  public_area: ['公共区域及公共设施、设备', 'Public areas and equipment'],
  business_center: ['商务中心', 'Business centre'],
  office: ['办公区域', 'Office area'],
  temporary: ['巡检中发现需设置的临时标识', 'Temporary (found needed on a round)'],
});
export const SIGN_DEFECT_LABELS = pairs({
  damaged: ['损坏', 'Damaged'],
  missing: ['缺失', 'Missing'],
  dirty: ['污损', 'Dirty'],
  illegible: ['字迹不清', 'Illegible'],
  obsolete: ['内容过时', 'Obsolete'],
  wrongly_placed: ['位置不当', 'Wrongly placed'],
});
export const SIGN_STATUS_LABELS = pairs({ approved: ['已批准待安装', 'Approved, to install'], active: ['使用中', 'In use'], defective: ['有缺陷', 'Defective'], removed: ['已拆除', 'Removed'] });
export const REQUEST_STATUS_LABELS = pairs({ draft: ['草稿', 'Draft'], submitted: ['待审核', 'Submitted'], approved: ['已批准', 'Approved'], rejected: ['未批准', 'Rejected'] });
export const VACANT_REASON_LABELS = pairs({
  unsold: ['未售', 'Unsold'],
  delivered_not_moved_in: ['已交房未入住', 'Delivered, not moved in'],
  owner_away: ['业主外出', 'Owner away'],
  between_tenants: ['租户更替间', 'Between tenants'],
  renovated_not_occupied: ['装修完未入住', 'Renovated, not occupied'],
});
export const VACANT_END_LABELS = pairs({ moved_in: ['入住', 'Moved in'], rented: ['出租', 'Rented'], renovation_started: ['开始装修', 'Renovation started'], other: ['其它', 'Other'] });
export const VACANT_ITEM_LABELS = pairs({
  windows_doors: ['门窗关闭完好', 'Windows and doors closed and intact'],
  entry_lock_seal: ['入户门、门锁、封条', 'Entry door, lock, seal'],
  leaks: ['渗漏、水迹（顶棚、墙面、地面）', 'Leaks, water marks (ceiling, walls, floor)'],
  valves_closed: ['水电气阀门关闭', 'Water, power and gas shut off'],
  odour_pests: ['异味、虫害', 'Odour, pests'],
  cleanliness: ['室内卫生', 'Cleanliness'],
  mailbox: ['信报箱积压', 'Mail piling up'],
});
export const CHECK_RESULT_LABELS = pairs({ pass: ['正常', 'Passed'], issue: ['发现问题', 'Issues found'], ok: ['全部正常', 'All OK'] });
export const HANDOVER_TYPE_LABELS = pairs({ first_delivery: ['新房交付', 'First delivery'], resale_move_in: ['二手房入住', 'Resale move-in'], tenant_move_in: ['租户入住', 'Tenant move-in'], move_out: ['迁出', 'Move-out'] });
export const HANDOVER_STATUS_LABELS = pairs({ scheduled: ['已预约', 'Scheduled'], inspected: ['已验房，遗留问题跟进中', 'Inspected, defects in progress'], closed: ['已完结', 'Closed'] });
export const HANDOVER_RESULT_LABELS = pairs({ accepted_clean: ['无问题接收', 'Accepted clean'], accepted_with_defects: ['有遗留问题接收', 'Accepted with defects'], refused: ['拒收', 'Refused'] });
export const DEFECT_ROOM_LABELS = pairs({ living: ['客厅', 'Living room'], bedroom: ['卧室', 'Bedroom'], kitchen: ['厨房', 'Kitchen'], bathroom: ['卫生间', 'Bathroom'], balcony: ['阳台', 'Balcony'], entry: ['入户', 'Entry'], common: ['公共部位', 'Common parts'] });
export const DEFECT_CLASS_LABELS = pairs({ structure: ['主体结构', 'Structure'], waterproofing: ['防水', 'Waterproofing'], heating_cooling: ['供热供冷', 'Heating / cooling'], electrical: ['电气管线', 'Electrical'], plumbing: ['给排水管道', 'Plumbing'], equipment: ['设备安装', 'Equipment'], decoration: ['装修', 'Decoration'], other: ['其它', 'Other'] });
export const RESPONSIBLE_LABELS = pairs({ developer: ['开发商', 'Developer'], contractor: ['施工单位', 'Contractor'], property: ['物业', 'Property management'], owner: ['业主', 'Owner'] });
export const DEFECT_STATUS_LABELS = pairs({
  open: ['待处理', 'Open'], sent_to_responsible: ['已移交责任方', 'Sent to the responsible party'], scheduled: ['已排期', 'Scheduled'], fixed: ['已修复', 'Fixed'],
  verified: ['已验证', 'Verified'], closed: ['已关闭', 'Closed'], disputed: ['有争议', 'Disputed'], out_of_warranty: ['已过保修期', 'Out of warranty'],
});
