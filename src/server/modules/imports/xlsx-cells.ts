/** What the workbook-reading worker is asked and answers; shared by both threads. */
import type ExcelJS from 'exceljs';

export interface ReadRequest {
  buffer: Uint8Array;
  /** Uncompressed bytes the whole zip may expand to. */
  maxBytes: number;
  /** Rows per sheet below the header. */
  maxRows: number;
  /** Sheets to keep by name; null keeps all. */
  sheets: string[] | null;
}

/** One sheet's rows: the sheet's row number and its cells' texts by column (1-based). */
export interface SheetRows {
  name: string;
  rows: Array<{ n: number; cells: string[] }>;
}

export type ReadProblem = 'badFile' | 'tooLarge' | 'tooManyRows';
export type ReadResult = { ok: true; sheets: SheetRows[] } | { ok: false; problem: ReadProblem; sheet?: string };

/** A cell's text as a person sees it: dates as YYYY-MM-DD, formulas by their result. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}
