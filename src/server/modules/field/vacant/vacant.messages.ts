/** Server messages of the vacant-unit register (manual 4.8, forms 5.9–5.11). */
import { VACANT_CHECK_ITEMS, VACANT_END_REASONS, VACANT_REASONS } from '../../../../core/vacant.ts';

export const VACANT_REASON_LABELS: Record<(typeof VACANT_REASONS)[number], [string, string]> = {
  unsold: ['未售', 'Unsold'],
  delivered_not_moved_in: ['已交房未入住', 'Delivered, not moved in'],
  owner_away: ['业主外出', 'Owner away'],
  between_tenants: ['租户更替间', 'Between tenants'],
  renovated_not_occupied: ['装修完未入住', 'Renovated, not occupied'],
};
export const VACANT_END_LABELS: Record<(typeof VACANT_END_REASONS)[number], [string, string]> = {
  moved_in: ['入住', 'Moved in'],
  rented: ['出租', 'Rented'],
  renovation_started: ['开始装修', 'Renovation started'],
  other: ['其它', 'Other'],
};
export const VACANT_ITEM_LABELS: Record<(typeof VACANT_CHECK_ITEMS)[number], [string, string]> = {
  windows_doors: ['门窗关闭完好', 'Windows and doors closed and intact'],
  entry_lock_seal: ['入户门、门锁、封条', 'Entry door, lock, seal'],
  leaks: ['渗漏、水迹（顶棚、墙面、地面）', 'Leaks, water marks (ceiling, walls, floor)'],
  valves_closed: ['水电气阀门关闭', 'Water, power and gas shut off'],
  odour_pests: ['异味、虫害', 'Odour, pests'],
  cleanliness: ['室内卫生', 'Cleanliness'],
  mailbox: ['信报箱积压', 'Mail piling up'],
};

const pick = (i: 0 | 1) => ({
  ...Object.fromEntries(Object.entries(VACANT_REASON_LABELS).map(([k, v]) => [`status.vacantReason.${k}`, v[i]])),
  ...Object.fromEntries(Object.entries(VACANT_END_LABELS).map(([k, v]) => [`status.vacantEnd.${k}`, v[i]])),
});

export const VACANT_ZH: Record<string, string> = {
  ...pick(0),
  'entity.vacantRegistration': '空置房登记',
  'vacant.future': '日期不能晚于今天',
  'vacant.keyNoRequired': '托管钥匙须填写钥匙编号',
  'vacant.keyNoTaken': '钥匙编号 {keyNo} 已用于另一套空置房',
  'vacant.hasHousehold': '该房屋仍有住户（{name}），须先办理迁出',
  'vacant.alreadyRegistered': '该房屋已在空置登记中',
  'vacant.ended': '该空置登记已于 {on} 结束',
  'vacant.time': '时间格式为 HH:MM',
  'vacant.timeOrder': '离开时间不能早于进入时间',
  'vacant.issueNote': '有问题时须写明情况（至少 4 个字）',
  'vacant.noKey': '钥匙未托管在管理处，不能入户巡查',
  'vacant.wrongKey': '托管钥匙编号为 {keyNo}',
  'vacant.meterNotOfUnit': '该表不属于这套房屋或已更换',
  'vacant.meterTwice': '同一块表只抄一次',
  'vacant.readingBackwards': '读数不能小于上次读数 {previous}',
  'vacant.discountNoRegistration': '该房屋没有有效的空置登记，不能批准空置房优惠',
  'vacant.discountNoRecentCheck': '该房屋近 30 天没有合格的空置房巡查记录，不能批准空置房优惠',
  'notice.vacantUsage': '空置房 {unit} 空置期间有用量',
  'audit.vacant.register': '空置房登记 {unit}（{reason}）',
  'audit.vacant.update': '修改空置房登记 {unit}',
  'audit.vacant.keys': '空置房 {unit} 钥匙托管变更（钥匙 {keyNo}）',
  'audit.vacant.end': '空置房 {unit} 于 {on} 结束空置（{reason}）',
  'audit.vacantCheck.pass': '空置房巡查 {unit}（{on}）：正常',
  'audit.vacantCheck.issue': '空置房巡查 {unit}（{on}）：发现问题',
};
export const VACANT_EN: Record<string, string> = {
  ...pick(1),
  'entity.vacantRegistration': 'Vacant-unit registration',
  'vacant.future': 'The date cannot be after today',
  'vacant.keyNoRequired': 'A key held in custody needs its key number',
  'vacant.keyNoTaken': 'Key number {keyNo} is already used for another vacant unit',
  'vacant.hasHousehold': 'The unit still has a household ({name}); record the move-out first',
  'vacant.alreadyRegistered': 'The unit is already registered as vacant',
  'vacant.ended': 'This registration ended on {on}',
  'vacant.time': 'Time as HH:MM',
  'vacant.timeOrder': 'The time out cannot be before the time in',
  'vacant.issueNote': 'Describe the issue (4 characters at least)',
  'vacant.noKey': 'The key is not in our custody: the unit cannot be entered',
  'vacant.wrongKey': 'The key in custody is number {keyNo}',
  'vacant.meterNotOfUnit': 'That meter is not this unit\'s or has been replaced',
  'vacant.meterTwice': 'Read each meter once',
  'vacant.readingBackwards': 'The reading cannot be lower than the last one, {previous}',
  'vacant.discountNoRegistration': 'The unit has no active vacant-unit registration: the vacancy discount cannot be approved',
  'vacant.discountNoRecentCheck': 'The unit has no passed vacant-unit check in the last 30 days: the vacancy discount cannot be approved',
  'notice.vacantUsage': 'Vacant unit {unit} used water or power while vacant',
  'audit.vacant.register': 'Registered {unit} as vacant ({reason})',
  'audit.vacant.update': 'Changed the vacant registration of {unit}',
  'audit.vacant.keys': 'Key custody of vacant unit {unit} changed (key {keyNo})',
  'audit.vacant.end': 'Vacancy of {unit} ended on {on} ({reason})',
  'audit.vacantCheck.pass': 'Vacant-unit check {unit} ({on}): passed',
  'audit.vacantCheck.issue': 'Vacant-unit check {unit} ({on}): issues found',
};
