/** Reference data an estate starts with (SPEC "Reference data"); all editable afterwards. */
export const CLASSIFIER: Record<string, string[]> = {
  给排水: ['漏水', '堵塞', '停水', '水压低'],
  电气: ['停电', '跳闸', '照明损坏', '插座故障'],
  电梯: ['困人', '故障停运', '异响'],
  门窗: ['门锁损坏', '窗户关不严', '门禁卡失效'],
  土建渗漏: ['墙面渗水', '屋面漏水', '墙体开裂', '地面空鼓'],
  燃气: ['燃气异味', '燃气表故障'],
  消防: ['消防设施损坏', '通道堵塞'],
  保洁: ['垃圾未清', '公共区域脏乱', '异味'],
  安防门禁: ['门禁故障', '陌生人员', '监控损坏'],
  绿化: ['草木枯死', '修剪不及时', '病虫害'],
  噪音邻里: ['装修噪音', '邻里噪音', '邻里纠纷'],
  宠物: ['宠物扰民', '宠物粪便'],
  停车: ['车位被占', '道闸故障', '乱停车'],
  收费: ['费用疑问', '发票'],
  服务态度: ['员工态度', '响应不及时'],
  其他: ['其他'],
};
export const PLACES = ['户内', '公共区域', '室外', '车库'];

/** Categories where the resident's own rating is not enough: always phone him back. */
export const ALWAYS_VISIT = ['服务态度', '噪音邻里', '收费'];

export const EMERGENCY_PLANS: Record<string, Array<{ title: string; role: string }>> = {
  lift_entrapment: [
    { title: '安抚被困人员，通过对讲确认人数和身体状况', role: 'front_desk' },
    { title: '通知电梯维保单位到场（30 分钟内）', role: 'dept_staff' },
    { title: '工程人员到场断电、盘车放人', role: 'dept_staff' },
    { title: '报告管理处主任，必要时拨打 119', role: 'assistant' },
    { title: '解困后慰问业主并记录经过', role: 'cs_admin' },
  ],
  fire: [
    { title: '确认火情，拨打 119', role: 'front_desk' },
    { title: '启动消防广播，组织疏散', role: 'dept_staff' },
    { title: '切断相关电源和燃气', role: 'dept_staff' },
    { title: '主任到场统一指挥', role: 'director' },
    { title: '事后清点人员、损失并上报', role: 'assistant' },
  ],
  flooding: [
    { title: '关闭相关阀门，切断危险区域电源', role: 'dept_staff' },
    { title: '通知受影响住户', role: 'cs_admin' },
    { title: '组织排水、清理，保护电梯和配电房', role: 'dept_staff' },
    { title: '统计损失并报告主任', role: 'assistant' },
  ],
  power_outage: [
    { title: '确认停电范围和原因（内部 / 供电局）', role: 'dept_staff' },
    { title: '检查电梯是否困人，启动应急照明', role: 'dept_staff' },
    { title: '发布停电通知并告知预计恢复时间', role: 'cs_admin' },
    { title: '恢复供电后巡查设备', role: 'dept_staff' },
  ],
  water_outage: [
    { title: '确认停水范围和原因', role: 'dept_staff' },
    { title: '发布停水通知，必要时安排送水', role: 'cs_admin' },
    { title: '恢复供水后检查水质和水压', role: 'dept_staff' },
  ],
  gas_leak: [
    { title: '疏散人员，严禁明火和开关电器', role: 'front_desk' },
    { title: '关闭燃气总阀，通知燃气公司', role: 'dept_staff' },
    { title: '报告主任，必要时拨打 119', role: 'assistant' },
  ],
  security_incident: [
    { title: '保安到场控制现场，保护证据', role: 'dept_staff' },
    { title: '拨打 110 并调取监控', role: 'front_desk' },
    { title: '报告主任，安抚住户', role: 'assistant' },
  ],
  severe_weather: [
    { title: '发布预警通知，提醒住户关窗收物', role: 'cs_admin' },
    { title: '检查排水、广告牌、树木加固', role: 'dept_staff' },
    { title: '值班待命，灾后巡查并统计损失', role: 'assistant' },
  ],
  equipment_failure: [
    { title: '隔离故障设备，设置警示', role: 'dept_staff' },
    { title: '通知维保单位，评估影响范围', role: 'dept_staff' },
    { title: '告知受影响住户及预计修复时间', role: 'cs_admin' },
  ],
  injury: [
    { title: '现场急救，拨打 120', role: 'front_desk' },
    { title: '保护现场，记录经过和证人', role: 'dept_staff' },
    { title: '报告主任，联系家属', role: 'assistant' },
  ],
};

/** 2026 public holidays and make-up workdays (国务院办公厅, 2025-11-04). */
export const HOLIDAYS_2026: Array<{ date: string; kind: 'off' | 'work'; name: string }> = [
  ...days('2026-01-01', 3, '元旦'),
  { date: '2026-01-04', kind: 'work', name: '元旦调休' },
  { date: '2026-02-14', kind: 'work', name: '春节调休' },
  ...days('2026-02-15', 9, '春节'),
  { date: '2026-02-28', kind: 'work', name: '春节调休' },
  ...days('2026-04-04', 3, '清明节'),
  ...days('2026-05-01', 5, '劳动节'),
  { date: '2026-05-09', kind: 'work', name: '劳动节调休' },
  ...days('2026-06-19', 3, '端午节'),
  { date: '2026-09-20', kind: 'work', name: '国庆节调休' },
  ...days('2026-09-25', 3, '中秋节'),
  ...days('2026-10-01', 7, '国庆节'),
  { date: '2026-10-10', kind: 'work', name: '国庆节调休' },
];

function days(first: string, count: number, name: string) {
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
    kind: 'off' as const,
    name,
  }));
}
