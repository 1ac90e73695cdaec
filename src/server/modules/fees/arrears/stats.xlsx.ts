/** The collection statistics as the workbook filed with the assistant and the director (manual 4.1.4). */
import ExcelJS from 'exceljs';
import type { Lang } from '../../../i18n/messages.ts';
import type { CollectionStats } from './stats.service.ts';

const GREEN = 'FFC6EFCE';
const RED = 'FFFFC7CE';
const yuan = (fen: number) => fen / 100;
const pct = (bp: number | null) => (bp == null ? null : bp / 10_000);

export async function statsWorkbook(s: CollectionStats, estateName: string, lang: Lang): Promise<Buffer> {
  const zh = lang !== 'en-US';
  const L = (zhText: string, enText: string) => (zh ? zhText : enText);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk';
  const head = { item: L('收费项目', 'Fee item'), area: L('片区', 'Area'), building: L('楼栋', 'Building') }[s.groupBy];
  const money = '#,##0.00';
  const percent = '0.00%';

  const ws = wb.addWorksheet(L('收缴率', 'Collection rate'));
  ws.columns = [{ width: 22 }, { width: 16 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 20 }];
  ws.addRow([L(`${estateName} 收费情况统计 ${s.period}`, `${estateName} collection statistics ${s.period}`)]).font = { bold: true, size: 14 };
  ws.addRow([L('统计期间', 'Period'), `${s.from} ~ ${s.to}`]);
  ws.addRow([L('金额单位：元。收缴率 = 实收 ÷ 应收（本期账单）；收回往期欠费另列，不计入收缴率。', 'Amounts in yuan. Rate = collected ÷ billed (bills of the period); arrears of earlier periods recovered are shown apart.')]);
  ws.addRow([]);
  const headers = [head, L('应收', 'Billed'), L('实收', 'Collected'), L('收缴率', 'Rate'), L('目标', 'Target'), L('达标', 'Met'), L('收回往期欠费', 'Arrears recovered')];
  ws.addRow(headers).font = { bold: true };
  const met = (v: boolean | null) => (v == null ? '—' : v ? L('是', 'Yes') : L('否', 'No'));
  const put = (sheet: ExcelJS.Worksheet, name: string, r: CollectionStats['total'], bold = false) => {
    const row = sheet.addRow([name, yuan(r.billed), yuan(r.collected), pct(r.rate), pct(r.target), met(r.met), yuan(r.recovered)]);
    for (const c of [2, 3, 7]) row.getCell(c).numFmt = money;
    for (const c of [4, 5]) row.getCell(c).numFmt = percent;
    if (r.met != null) for (const c of [4, 6]) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: r.met ? GREEN : RED } };
    if (bold) row.font = { bold: true };
  };
  for (const r of s.rows) put(ws, r.name, r);
  put(ws, L('合计', 'Total'), s.total, true);

  const monthly = wb.addWorksheet(L('按月', 'By month'));
  monthly.columns = [{ width: 12 }, { width: 16 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 20 }];
  monthly.addRow([L('月份', 'Month'), ...headers.slice(1)]).font = { bold: true };
  for (const m of s.monthly) put(monthly, m.period, m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
