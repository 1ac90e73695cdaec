/**
 * The fee items a new estate starts with, at prices typical of a Shenzhen residential estate
 * (管理处 adjusts them to the approved price list). Prices in 1/100 fen: 25000 = 2.50 元.
 */
import type { FeeKind, LateStart, MeterKind, Tier } from '../../../../core/fees.ts';

export interface DefaultFeeItem {
  code: string;
  name: string;
  kind: FeeKind;
  meterKind?: MeterKind;
  cycleMonths: number;
  billDay: number;
  dueDay: number;
  usages?: string[];
  price: number;
  tiers?: Tier[];
  amount?: number;
  note: string;
  lateStart?: LateStart;
}

export const DEFAULT_FEE_ITEMS: DefaultFeeItem[] = [
  { code: 'PMF', name: '物业管理费（住宅）', kind: 'area', cycleMonths: 1, billDay: 1, dueDay: 20, usages: ['residential'], price: 25000, note: '住宅 2.50 元/m²·月' },
  { code: 'PMF_COM', name: '物业管理费（商铺、写字楼）', kind: 'area', cycleMonths: 1, billDay: 1, dueDay: 20, usages: ['commercial', 'office'], price: 60000, note: '商业 6.00 元/m²·月' },
  { code: 'WATER', name: '水费', kind: 'metered', meterKind: 'water', cycleMonths: 1, billDay: 5, dueDay: 25, price: 34500, note: '3.45 元/吨（含污水处理费）' },
  {
    code: 'POWER', name: '电费', kind: 'metered', meterKind: 'electricity', cycleMonths: 1, billDay: 5, dueDay: 25, price: 5283,
    tiers: [{ upTo: 260, price: 5283 }, { upTo: 600, price: 5783 }, { upTo: null, price: 8283 }],
    note: '阶梯电价：0–260 度 0.5283 元，261–600 度 0.5783 元，600 度以上 0.8283 元',
  },
  { code: 'GAS', name: '燃气费', kind: 'metered', meterKind: 'gas', cycleMonths: 1, billDay: 5, dueDay: 25, price: 35100, note: '管道天然气 3.51 元/m³' },
  { code: 'SHARED_POWER', name: '公摊电费', kind: 'shared', meterKind: 'electricity', cycleMonths: 1, billDay: 5, dueDay: 25, usages: ['residential', 'commercial', 'office'], price: 6800, note: '电梯、楼道照明等公共用电 0.68 元/度，按建筑面积分摊' },
  { code: 'PARKING', name: '车位管理费', kind: 'fixed', cycleMonths: 1, billDay: 1, dueDay: 20, usages: ['parking'], price: 0, amount: 15000, note: '产权车位 150 元/个·月' },
  { code: 'RENO_WASTE', name: '装修垃圾清运费', kind: 'one_off', cycleMonths: 1, billDay: 1, dueDay: 28, price: 0, amount: 30000, note: '每户装修一次 300 元' },
  { code: 'SERVICE', name: '特约服务费', kind: 'service', cycleMonths: 1, billDay: 1, dueDay: 28, price: 0, note: '按服务单价格收取' },
];
