import ExcelJS from 'exceljs';
import { DEPARTMENT_LABELS, TICKET_TYPE_LABELS } from '../../../core/desk-labels.ts';
import type { Lang } from '../../i18n/messages.ts';
import type { DeskReport } from './desk-report.service.ts';

/** The report as the workbook the director files: a summary with formulas, then one sheet per breakdown. */
export async function deskReportWorkbook(r: DeskReport, estateName: string, lang: Lang): Promise<Buffer> {
  const zh = lang !== 'en-US';
  const L = (zhText: string, enText: string) => (zh ? zhText : enText);
  // A null rate had fewer than minRateBase cases: say so rather than print a number.
  const few = L('数据不足', 'Not enough data');
  const pct = (v: number | null) => (v == null ? few : `${(v * 100).toFixed(1)}%`);
  const label = (labels: Record<string, { zh: string; en: string }>, key: string) => labels[key]?.[zh ? 'zh' : 'en'] ?? key;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk';

  const summary = wb.addWorksheet(L('汇总', 'Summary'));
  summary.columns = [{ width: 26 }, { width: 16 }, { width: 90 }];
  summary.addRow([L(`${estateName} 报事统计`, `${estateName} service desk report`)]).font = { bold: true, size: 14 };
  summary.addRow([L('统计期间', 'Period'), `${r.from} ~ ${r.to}`]);
  summary.addRow([]);
  summary.addRow([L('指标', 'Measure'), L('数值', 'Value'), L('计算公式', 'Formula')]).font = { bold: true };
  const rows: Array<[string, string | number, string]> = [
    [L('登记工单', 'Registered'), r.totals.registered, ''],
    [L('已取消', 'Cancelled'), r.totals.cancelled, ''],
    [L('已解决', 'Resolved'), r.totals.resolved, ''],
    [L('应急事件', 'Emergencies'), r.totals.emergencies, ''],
    [L('超时升级', 'Escalated'), r.totals.escalated, ''],
    [L('返工', 'Reopened'), r.totals.reopened, ''],
    [L('首次响应及时率', 'First-response timeliness'), pct(r.rates.responseTimeliness), r.formulas.responseTimeliness],
    [L('解决及时率', 'Resolution timeliness'), pct(r.rates.resolutionTimeliness), r.formulas.resolutionTimeliness],
    [L('问题解决率', 'Resolution rate'), pct(r.rates.resolutionRate), r.formulas.resolutionRate],
    [L('有效率', 'Effectiveness'), pct(r.rates.effectiveness), r.formulas.effectiveness],
    [L('平均满意度', 'Average satisfaction'), r.rates.satisfaction ?? few, r.formulas.satisfaction],
  ];
  for (const row of rows) summary.addRow(row);
  const rateRow = summary.getRow(5 + 8);
  const ok = r.rates.resolutionRate != null && r.rates.resolutionRate >= r.targets.resolutionRate;
  if (r.rates.resolutionRate != null) rateRow.getCell(2).font = { bold: true, color: { argb: ok ? 'FF389E0D' : 'FFCF1322' } };

  const breakdown = (title: string, head: string, items: Array<{ key: string; count: number }>, name: (k: string) => string) => {
    const ws = wb.addWorksheet(title);
    ws.columns = [{ width: 24 }, { width: 12 }];
    ws.addRow([head, L('数量', 'Count')]).font = { bold: true };
    for (const i of items) ws.addRow([name(i.key), i.count]);
  };
  breakdown(L('按类型', 'By type'), L('类型', 'Type'), r.byType, (k) => label(TICKET_TYPE_LABELS, k));
  breakdown(L('按分类', 'By category'), L('类别', 'Category'), r.byCategory, (k) => k);
  breakdown(L('按楼栋', 'By building'), L('楼栋', 'Building'), r.byBuilding, (k) => k);
  breakdown(L('按部门', 'By department'), L('部门', 'Department'), r.byDepartment, (k) => (k === 'unassigned' ? L('未派工', 'Not dispatched') : label(DEPARTMENT_LABELS, k)));
  const daily = wb.addWorksheet(L('每日', 'Daily'));
  daily.columns = [{ width: 14 }, { width: 12 }, { width: 12 }];
  daily.addRow([L('日期', 'Date'), L('登记', 'Registered'), L('已解决', 'Resolved')]).font = { bold: true };
  for (const d of r.daily) daily.addRow([d.day, d.registered, d.resolved]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
