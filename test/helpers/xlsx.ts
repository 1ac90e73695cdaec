/** Builds import workbooks the way an office would fill in the template. */
import ExcelJS from 'exceljs';
import { SHEETS } from '../../src/server/modules/imports/import-sheets.ts';

type Row = Record<string, string | number>;

export async function importWorkbook(data: { buildings?: Row[]; units?: Row[]; households?: Row[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const kind of ['buildings', 'units', 'households'] as const) {
    const rows = data[kind];
    if (!rows) continue;
    const def = SHEETS[kind];
    const ws = wb.addWorksheet(def.name);
    ws.addRow(def.columns.map((c) => c.header));
    for (const r of rows) ws.addRow(def.columns.map((c) => r[c.key] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function multipart(fileName: string, content: Buffer) {
  const boundary = `----wuye${Date.now()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
