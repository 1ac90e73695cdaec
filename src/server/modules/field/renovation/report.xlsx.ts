/** The Saturday renovation report as the workbook the assistants file (M 4.2.1.3). */
import ExcelJS from 'exceljs';
import type { Lang } from '../../../i18n/messages.ts';
import { t } from '../../../i18n/messages.ts';
import type { RenoWeekReport } from './report.service.ts';

const yuan = (fen: number) => fen / 100;

export async function reportWorkbook(r: RenoWeekReport, estateName: string, lang: Lang): Promise<Buffer> {
  const zh = lang !== 'en-US';
  const L = (zhText: string, enText: string) => (zh ? zhText : enText);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk';
  const ws = wb.addWorksheet(L('装修周报', 'Renovation weekly'));
  ws.columns = [{ width: 34 }, { width: 18 }, { width: 18 }, { width: 18 }];
  ws.addRow([L(`${estateName} 装修管理周报`, `${estateName} renovation weekly report`)]).font = { bold: true, size: 14 };
  ws.addRow([L('统计期间', 'Period'), `${r.from} ~ ${r.to}`]);
  const section = (title: string) => {
    ws.addRow([]);
    ws.addRow([title]).font = { bold: true };
  };
  const a = r.applications;
  section(L('一、装修申请', '1. Applications'));
  ws.addRow([L('受理申请', 'Received'), a.received]);
  ws.addRow([L('批准', 'Approved'), a.approved]);
  ws.addRow([L('不予批准', 'Rejected'), a.rejected]);
  ws.addRow([L('退回补正', 'Returned'), a.returned]);
  ws.addRow([L('核发开工证', 'Permits issued'), a.permits]);
  ws.addRow([L('开工', 'Started'), a.starts]);
  ws.addRow([L('周末在施工', 'Active at week end'), a.activeAtEnd]);
  for (const [b, n] of Object.entries(a.activeByBuilding)) ws.addRow([L(`  其中 ${b} 栋`, `  building ${b}`), n]);
  ws.addRow([L('逾期（超过计划完工日期，含已批延期）', 'Overdue (past the planned end, extensions included)'), a.overdue.length]);
  for (const o of a.overdue) ws.addRow([`  ${o.number} ${o.unit}`, o.plannedEnd]);
  // reports frozen before these counts existed have none
  ws.addRow([L('申请延期 / 批准 / 不批准', 'Extensions asked / approved / rejected'), a.extensionsRequested ?? 0, a.extensionsApproved ?? 0, a.extensionsRejected ?? 0]);
  ws.addRow([L('退回后修改重交', 'Returned and resubmitted'), a.revised ?? 0]);
  const i = r.inspections;
  section(L('二、日常巡检', '2. Daily inspection'));
  ws.addRow([L('应检（在施装修户·天）', 'Required (active renovation-days)'), i.required]);
  ws.addRow([L('已检', 'Done'), i.done ?? L('未计量', 'not measured')]);
  ws.addRow([L('漏检', 'Missed'), i.missed ?? '—']);
  const rate = ws.addRow([L('巡检率', 'Rate'), i.rate]);
  rate.getCell(2).numFmt = '0.0%';
  ws.addRow([L('手工确认（未扫码）', 'Manual (not scanned)'), i.manual ?? '—']);
  for (const [who, n] of Object.entries(i.perInspector)) ws.addRow([`  ${who}`, n]);
  const v = r.violations;
  section(L('三、违规', '3. Violations'));
  ws.addRow([L('一般违规（当场整改）', 'Minor (rectified on site)'), v.minor, v.minorRectifiedOnSite]);
  ws.addRow([L('严重违规', 'Major'), v.major]);
  for (const [c, n] of Object.entries(v.majorByCategory)) ws.addRow([`  ${t(lang, `category.renoViolation.${c}`)}`, n]);
  ws.addRow([L('发出整改通知书', 'Notices issued'), v.notices]);
  ws.addRow([L('整改完成', 'Rectified'), v.rectified]);
  ws.addRow([L('逾期未整改', 'Overdue'), v.overdue]);
  ws.addRow([L('上报', 'Escalated'), v.escalated]);
  ws.addRow([L('一般违规逾期升为严重', 'Minor not rectified in time, made major'), v.upgraded ?? 0]);
  ws.addRow([L('未关闭严重违规', 'Open majors'), L('类别', 'Category'), L('状态', 'Status'), L('已开天数', 'Days open')]).font = { bold: true };
  for (const o of v.openMajors) ws.addRow([o.number, t(lang, `category.renoViolation.${o.category}`), t(lang, `status.renoViolation.${o.status}`), o.daysOpen]);
  const c = r.acceptances;
  section(L('四、竣工验收', '4. Acceptances'));
  ws.addRow([L('申请验收', 'Requested'), c.requested]);
  ws.addRow([L('合格', 'Passed'), c.passed]);
  ws.addRow([L('不合格', 'Failed'), c.failed]);
  for (const reason of c.failReasons) ws.addRow([`  ${reason}`]);
  const d = r.deposits;
  section(L('五、装修押金（元；不计入收缴率）', '5. Deposits (yuan; not revenue)'));
  for (const [label, fen] of [[L('收取', 'Received'), d.received], [L('退还', 'Refunded'), d.refunded], [L('扣除', 'Deducted'), d.deducted], [L('周末在押余额', 'Held at week end'), d.heldAtEnd]] as const) {
    ws.addRow([label, yuan(fen)]).getCell(2).numFmt = '#,##0.00';
  }
  for (const x of d.deductions) ws.addRow([`  ${x.reason ?? ''}`, yuan(x.amount)]);
  ws.addRow([]);
  ws.addRow([L('巡检率 = 已检 ÷ 应检；应检 = 本周每户在施装修（开工证核发至验收合格）天数之和；同日多次巡检只计一次。', 'Rate = done ÷ required; required = the days each renovation was active (permit to acceptance) this week; a second inspection the same day counts once.')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
