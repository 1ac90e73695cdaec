import ExcelJS from 'exceljs';
import type { Lang } from '../../../i18n/messages.ts';
import type { Pack, PackFigure } from './pack.service.ts';

const STATUS_TEXT: Record<PackFigure['status'], { zh: string; en: string }> = {
  green: { zh: '达标', en: 'Met' },
  red: { zh: '未达标', en: 'Not met' },
  no_data: { zh: '本期无数据', en: 'No data this period' },
  no_source: { zh: '暂无数据来源', en: 'No data source yet' },
};

const pct = (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

function figureText(f: PackFigure, lang: Lang) {
  const side = lang === 'en-US' ? 'en' : 'zh';
  if (f.status === 'no_source' || f.status === 'no_data') return STATUS_TEXT[f.status][side];
  return `${pct(f.value)}（${f.numerator.toLocaleString()} / ${f.denominator.toLocaleString()}）`;
}

/** The pack as the workbook the director files: one row per target with both periods and the formula. */
export async function packWorkbook(p: Pack, lang: Lang): Promise<Buffer> {
  const zh = lang !== 'en-US';
  const L = (a: string, b: string) => (zh ? a : b);
  const side = zh ? 'zh' : 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk';
  const ws = wb.addWorksheet(L('月度指标', 'Monthly targets'));
  ws.columns = [{ width: 10 }, { width: 40 }, { width: 10 }, { width: 26 }, { width: 12 }, { width: 26 }, { width: 12 }, { width: 80 }];
  ws.addRow([L(`${p.estateName} 主任月报 ${p.month}`, `${p.estateName} director's monthly pack ${p.month}`)]).font = { bold: true, size: 14 };
  ws.addRow([L('本月', 'Month'), `${p.from} ~ ${p.to}`, L('年初至今', 'Year to date'), `${p.ytdFrom} ~ ${p.to}`]);
  ws.addRow([]);
  ws.addRow([L('手册', 'Manual'), L('目标', 'Target'), L('标准', 'Standard'), L('本月', 'Month'), L('本月结论', 'Month result'), L('年初至今', 'YTD'), L('年度结论', 'YTD result'), L('计算公式', 'Formula')]).font = { bold: true };
  for (const r of p.rows) {
    const row = ws.addRow([r.manual, r.label[side], pct(r.target), figureText(r.month, lang), STATUS_TEXT[r.month.status][side], figureText(r.ytd, lang), STATUS_TEXT[r.ytd.status][side], r.formula?.[side] ?? L('暂无数据来源（相关模块尚未上线）', 'No data source yet (module not built)')]);
    for (const [col, st] of [[5, r.month.status], [7, r.ytd.status]] as const) {
      if (st === 'green' || st === 'red') row.getCell(col).font = { bold: true, color: { argb: st === 'green' ? 'FF389E0D' : 'FFCF1322' } };
    }
  }
  ws.addRow([]);
  ws.addRow([L('特约服务统计（M 4.11.4）', 'Special services (M 4.11.4)')]).font = { bold: true };
  ws.addRow([L('受理', 'Accepted'), p.special.total]);
  for (const [k, n] of Object.entries(p.special.byStatus)) ws.addRow([k, n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The pack as one A4 page of HTML, for Chromium to print (pack.pdf.ts). */
export function packHtml(p: Pack, lang: Lang, printedBy: string, printedAt: string): string {
  const zh = lang !== 'en-US';
  const L = (a: string, b: string) => (zh ? a : b);
  const side = zh ? 'zh' : 'en';
  const cell = (f: PackFigure) => `<td class="${f.status}">${esc(figureText(f, lang))}<br><b>${esc(STATUS_TEXT[f.status][side])}</b></td>`;
  const rows = p.rows
    .map((r) => `<tr><td>${esc(r.manual)}</td><td>${esc(r.label[side])}</td>${cell(r.month)}${cell(r.ytd)}<td class="f">${esc(r.formula?.[side] ?? L('暂无数据来源', 'No data source yet'))}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 12mm; }
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; font-size: 9pt; color: #000; }
h1 { text-align: center; font-size: 15pt; margin: 0 0 2mm; letter-spacing: ${zh ? '3px' : '0'}; }
.meta { display: flex; justify-content: space-between; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; vertical-align: top; word-break: break-word; }
th { background: #f2f2f2; }
td.green b { color: #237804; } td.red b { color: #cf1322; } td.no_source, td.no_data { color: #666; }
td.f { font-size: 7.5pt; color: #333; }
.foot { margin-top: 4mm; display: flex; justify-content: space-between; font-size: 8pt; }
</style></head><body>
<div style="text-align:center">${esc(p.estateName)}</div>
<h1>${L('主任月报', "Director's monthly pack")} ${esc(p.month)}</h1>
<div class="meta"><span>${L('本月', 'Month')}：${p.from} ~ ${p.to}</span><span>${L('年初至今', 'Year to date')}：${p.ytdFrom} ~ ${p.to}</span></div>
<table><colgroup><col style="width:11%"><col style="width:25%"><col style="width:17%"><col style="width:17%"><col></colgroup>
<thead><tr><th>${L('手册', 'Manual')}</th><th>${L('目标', 'Target')}</th><th>${L('本月', 'Month')}</th><th>${L('年初至今', 'YTD')}</th><th>${L('计算公式', 'Formula')}</th></tr></thead>
<tbody>${rows}</tbody></table>
<p>${L('特约服务（M 4.11.4）', 'Special services (M 4.11.4)')}：${L('受理', 'accepted')} ${p.special.total}${Object.entries(p.special.byStatus).map(([k, n]) => ` · ${esc(k)} ${n}`).join('')}</p>
<div class="foot"><span>${L('打印人', 'Printed by')}：${esc(printedBy)}</span><span>${L('打印时间', 'Printed at')}：${esc(printedAt)}</span></div>
</body></html>`;
}
