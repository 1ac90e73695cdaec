/**
 * Templates every estate starts with (design A.3.3, guesses to be edited by each estate): the
 * daily building patrol 楼宇日巡 (manual 3.10, supervising cleaning, security, repair and
 * landscaping of 3.3) and the facility check of water, power, gas, telecom and cable TV (3.18).
 */
import type { Department } from '../../../../core/tickets.ts';
import type { QualityDept } from '../../../../core/rounds.ts';

interface SeedItem {
  label: string;
  department: Department;
  quality?: QualityDept;
  severity?: 'minor' | 'major';
  fixable?: boolean;
  ticketType?: 'repair' | 'report';
}

const item = (label: string, department: Department, quality?: QualityDept, more: Partial<SeedItem> = {}): SeedItem => ({ label, department, quality, ...more });

export const DEFAULT_TEMPLATES: Array<{ kind: 'patrol' | 'facility_check'; name: string; items: SeedItem[] }> = [
  {
    kind: 'patrol',
    name: '楼宇日巡',
    items: [
      item('楼道照明', 'engineering', 'repair', { fixable: true }),
      item('消防通道畅通', 'security', 'security', { severity: 'major', ticketType: 'report' }),
      item('灭火器压力', 'security', 'security'),
      item('安全出口指示', 'engineering', 'repair'),
      item('门禁对讲', 'engineering', 'repair'),
      item('电梯运行', 'engineering', 'repair', { severity: 'major' }),
      item('墙面/渗漏', 'engineering', 'repair'),
      item('保洁质量', 'cleaning', 'cleaning', { fixable: true, ticketType: 'report' }),
      item('垃圾清运', 'cleaning', 'cleaning', { ticketType: 'report' }),
      item('绿化养护', 'landscaping', 'landscaping', { ticketType: 'report' }),
      item('违规停放/占用公共部位', 'security', 'security', { ticketType: 'report' }),
      item('标识完好', 'customer_service', undefined, { ticketType: 'report' }),
    ],
  },
  {
    kind: 'facility_check',
    name: '设施巡检（水、电、气、通讯、有线电视）',
    items: [
      item('供水：水泵房运行、水箱、阀门无渗漏', 'engineering', 'repair', { severity: 'major' }),
      item('供电：配电房、电表箱运行正常', 'engineering', 'repair', { severity: 'major' }),
      item('燃气：表间通风、管道无异味', 'engineering', 'repair', { severity: 'major' }),
      item('通讯：弱电井、交接箱完好上锁', 'engineering', 'repair'),
      item('有线电视：分支箱、线路完好', 'engineering', 'repair'),
    ],
  },
];
