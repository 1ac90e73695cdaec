/** Server messages of the fees module's arrears part, zh-CN and en-US (same keys in both). */
export const zh: Record<string, string> = {
  'conflict.notInArrears': '该房屋没有逾期未缴的费用，不能记录催缴步骤',
  'conflict.arrearsStepOrder.2': '本轮欠费尚未发出催缴通知书，不能发限期缴费通知',
  'conflict.arrearsStepOrder.3': '本轮欠费尚未发出限期缴费通知，管理员不能记录上门催缴',
  'conflict.arrearsStepOrder.4': '本轮欠费尚无管理员上门记录，助理不能记录拜访',
  'conflict.arrearsStepOrder.5': '本轮欠费尚无助理拜访记录，不能记录主任协商结果',
  'conflict.arrearsLinesChanged': '该户费用刚被他人修改，请刷新后重试',
  'field.deadlineAfterStep': '缴费期限应晚于通知日期',
  'field.resolutionStep5': '协商结果只在第 5 步（主任协商）填写',
  'field.beforeArrears': '不能早于本轮欠费最早的到期日 {date}',
  'field.statsPeriod': '统计期间应为 YYYY-MM、YYYY-Q1…Q4、YYYY-H1/H2 或 YYYY',
  'entity.receipt': '收据',
};
export const en: Record<string, string> = {
  'conflict.notInArrears': 'This unit has nothing overdue; no collection step can be recorded',
  'conflict.arrearsStepOrder.2': 'No reminder notice has been sent in this arrears episode; send it before a deadline notice',
  'conflict.arrearsStepOrder.3': "No deadline notice has been sent in this arrears episode; it comes before the administrator's visit",
  'conflict.arrearsStepOrder.4': "No administrator's visit is recorded in this arrears episode; it comes before the assistant's visit",
  'conflict.arrearsStepOrder.5': "No assistant's visit is recorded in this arrears episode; it comes before the director's resolution",
  'conflict.arrearsLinesChanged': "Someone has just changed this unit's bills; refresh and try again",
  'field.deadlineAfterStep': 'The deadline must be after the notice date',
  'field.resolutionStep5': "A resolution belongs to step 5 (director's resolution) only",
  'field.beforeArrears': 'Cannot be before {date}, the oldest due date of these arrears',
  'field.statsPeriod': 'Period must be YYYY-MM, YYYY-Q1…Q4, YYYY-H1/H2 or YYYY',
  'entity.receipt': 'Receipt',
};
