import type { Bi } from '../metrics/metric.registry.ts';

/**
 * Every numbered target of the manual the director's monthly pack checks, each read from a metric
 * of the registry. A target whose metric no module provides yet shows "no data source yet".
 */
export interface PackTarget {
  code: string;
  manual: string;
  label: Bi;
  metric: string;
  /** Green when the value reaches this (all the manual's targets are "at least"). */
  target: number;
}

export const PACK_TARGETS: PackTarget[] = [
  { code: 'response24h', manual: 'M 3.2', label: { zh: '24 小时内给予初步回应', en: 'Initial response within 24 h' }, metric: 'desk.responseTimeliness', target: 1 },
  { code: 'solution48h', manual: 'M 3.2', label: { zh: '复杂问题 48 小时内提供解决方案', en: 'Complex issues: solution within 48 h' }, metric: 'desk.complexSolution48h', target: 1 },
  { code: 'resolution', manual: 'M 3.3', label: { zh: '每月问题解决率 ≥ 95%', en: 'Monthly resolution rate ≥ 95%' }, metric: 'desk.resolutionRate', target: 0.95 },
  { code: 'satisfaction', manual: 'M 3.4', label: { zh: '年度业主满意度 ≥ 90%（问卷调查）', en: 'Annual owner satisfaction ≥ 90% (surveys)' }, metric: 'relations.surveySatisfaction', target: 0.9 },
  { code: 'visitSatisfaction', manual: 'M 3.4', label: { zh: '回访满意率 ≥ 90%（回访评 4–5 分，参考）', en: 'Return-visit satisfaction ≥ 90% (4–5 of 5, for reference)' }, metric: 'desk.visitSatisfaction', target: 0.9 },
  { code: 'onTime', manual: 'M 3.5', label: { zh: '各项任务按时完成（回访按时率）', en: 'Tasks done on time (return visits on time)' }, metric: 'desk.visitsOnTime', target: 1 },
  { code: 'utilities', manual: 'M 4.1.5', label: { zh: '水电气等公用事业费收缴 100%', en: 'Utilities collected 100%' }, metric: 'fees.utilitiesCollection', target: 1 },
  { code: 'specialFees', manual: 'M 4.1.5', label: { zh: '特约服务费收缴 100%', en: 'Special-service fees collected 100%' }, metric: 'fees.serviceCollection', target: 1 },
  { code: 'managementFee', manual: 'M 4.1.5', label: { zh: '物业管理费收缴率 ≥ 95%', en: 'Management fee collection ≥ 95%' }, metric: 'fees.managementCollection', target: 0.95 },
  { code: 'renovation', manual: 'M 4.2.1.1', label: { zh: '装修户每天巡检一次', en: 'Renovations inspected daily' }, metric: 'field.renovationDailyInspection', target: 1 },
  { code: 'signs', manual: 'M 4.3.5', label: { zh: '辖区标识每日检查 2 遍', en: 'Signs checked twice a day' }, metric: 'field.signChecks', target: 1 },
  { code: 'householdVisits', manual: 'M 4.6.1', label: { zh: '每日对辖区住户全面巡访一次', en: 'Households visited daily' }, metric: 'relations.householdVisits', target: 1 },
  { code: 'surveyReturn', manual: 'M 4.6.2', label: { zh: '调查表回收率 ≥ 70%', en: 'Survey return rate ≥ 70%' }, metric: 'relations.surveyReturnRate', target: 0.7 },
];
