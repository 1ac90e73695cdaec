/**
 * The meter-reading workbook (抄表表): a template with one row per meter, and the reader for a
 * filled-in copy. Columns 表号, 读数, 抄表日期, 期间 are read; the others help the reader.
 */
import ExcelJS from 'exceljs';
import type { Msg } from '../../../http/errors.ts';
import type { SheetRows } from '../../imports/xlsx-cells.ts';
import { isValidDate, isValidPeriod } from '../../../http/fields.ts';
import type { ReadingRow } from './readings.service.ts';

export const READING_SHEET = '抄表';
const KIND_LABEL: Record<string, string> = { water: '水表', electricity: '电表', gas: '燃气表' };
const COLUMNS = [
  { key: 'number', header: '表号', width: 16 },
  { key: 'place', header: '位置', width: 14 },
  { key: 'kind', header: '类型', width: 8 },
  { key: 'previous', header: '上次读数', width: 12 },
  { key: 'value', header: '读数', width: 12 },
  { key: 'readOn', header: '抄表日期', width: 14 },
  { key: 'period', header: '期间', width: 10 },
] as const;
/** Columns an uploaded file must have. */
const REQUIRED = ['表号', '读数', '抄表日期', '期间'];
const FIELD: Record<string, 'meter' | 'value' | 'readOn' | 'period'> = { 表号: 'meter', 读数: 'value', 抄表日期: 'readOn', 期间: 'period' };
const NAME: Record<string, string> = { meter: 'number', value: 'value', readOn: 'readOn', period: 'period' };

export async function readingsTemplate(
  period: string,
  rows: Array<{ meterNumber: string; unitLabel: string | null; buildingName: string; kind: string; previous: number; value: number | null; readOn: string | null }>,
  today: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuye Desk 物业客服中心';
  const ws = wb.addWorksheet(READING_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const c of REQUIRED) ws.getRow(1).getCell(COLUMNS.findIndex((x) => x.header === c) + 1).font = { bold: true, color: { argb: 'FFCF1322' } };
  ws.getCell('E1').note = '填写表盘整数读数；不填的行不导入';
  ws.getCell('F1').note = `YYYY-MM-DD，不填视为导入当天（${today}）`;
  // Text columns, so Excel does not turn 2026-11 or a meter number into a date or a number.
  for (const key of ['number', 'readOn', 'period'] as const) ws.getColumn(key).numFmt = '@';
  for (const r of rows) {
    ws.addRow({
      number: r.meterNumber,
      place: r.unitLabel ?? `${r.buildingName}（总表）`,
      kind: KIND_LABEL[r.kind] ?? r.kind,
      previous: r.previous,
      value: r.value,
      readOn: r.readOn,
      period,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Rows of a filled-in workbook. Rows without a reading are skipped (counted); errors are keyed
 * `rows.<sheet row>.<number|value|readOn|period>`. A blank 抄表日期 means `today`.
 */
export function parseReadingsWorkbook(sheets: SheetRows[], today: string): { rows: ReadingRow[]; skipped: number; errors: Record<string, Msg> } {
  const errors: Record<string, Msg> = {};
  const ws = sheets.find((s) => s.name === READING_SHEET) ?? sheets[0];
  if (!ws) return { rows: [], skipped: 0, errors: { file: { key: 'reading.badFile' } } };
  const col = new Map<string, number>();
  (ws.rows.find((r) => r.n === 1)?.cells ?? []).forEach((text, n) => col.set(text, n));
  const missing = REQUIRED.filter((h) => !col.has(h));
  if (missing.length) return { rows: [], skipped: 0, errors: { file: { key: 'import.headerMissing', params: { column: missing.join('、') } } } };

  const rows: ReadingRow[] = [];
  let skipped = 0;
  for (const r of ws.rows) {
    const n = r.n;
    if (n === 1) continue;
    const get = (h: string) => r.cells[col.get(h)!] ?? '';
    const field = (f: 'meter' | 'value' | 'readOn' | 'period') => `rows.${n}.${NAME[f]}`;
    const number = get('表号');
    const raw = get('读数');
    if (!raw) {
      if (number) skipped++;
      continue;
    }
    const fail = (h: string, msg: Msg) => {
      errors[field(FIELD[h]!)] = msg;
    };
    if (!number) fail('表号', { key: 'import.required' });
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value > 1_000_000_000) fail('读数', { key: 'import.integer' });
    const readOn = get('抄表日期') || today;
    if (!isValidDate(readOn)) fail('抄表日期', { key: 'import.date' });
    let period = get('期间');
    if (isValidDate(period)) period = period.slice(0, 7);
    if (!period) fail('期间', { key: 'import.required' });
    else if (!isValidPeriod(period)) fail('期间', { key: 'reading.period' });
    rows.push({ number, value, period, readOn, note: null, field, row: n });
  }
  return { rows, skipped, errors };
}
