/**
 * Hostile and oversized workbooks: a zip bomb (declared or lying), a sheet over the row limit,
 * and two imports for one estate at once. Both the archive import and the meter readings.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, tableCounts } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { importWorkbook, multipart } from '../helpers/xlsx.ts';
import { repeatedEntry, replaceEntry } from '../helpers/zip.ts';

let t: TestApp;
let estate: number;
const MAX_ROWS = 100;
beforeAll(async () => {
  t = await createTestApp({ config: { imports: { maxRows: MAX_ROWS, readingsMaxRows: MAX_ROWS, maxUncompressedBytes: 20 * 1024 * 1024 } } });
  estate = (await demoIds(t)).estate;
});
afterAll(() => t.close());

const send = async (url: string, name: string, buffer: Buffer, user: string) => {
  const { payload, headers } = multipart(name, buffer);
  return t.as(user, 'POST', url, payload, headers);
};
const archive = (buffer: Buffer, name = '档案.xlsx') => send(`/api/v1/imports?estateId=${estate}`, name, buffer, 'director');
const readings = (buffer: Buffer, name = '抄表.xlsx') => send(`/api/v1/fees/readings/import?estateId=${estate}`, name, buffer, 'director');

async function readingsWorkbook(rows: number) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('抄表');
  ws.addRow(['表号', '读数', '抄表日期', '期间']);
  for (let i = 0; i < rows; i++) ws.addRow([`NO-${i}`, 10, '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const ROW = '<row r="2"><c r="A2" t="inlineStr"><is><t>BOMB</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';
const MB = 1024 * 1024;

/** The first sheet replaced by ~`mb` MB of rows, deflated to a few hundred KB. */
async function bomb(workbook: Buffer, mb: number, declare?: number) {
  const entry = await repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD, ROW, Math.ceil((mb * MB) / ROW.length), SHEET_TAIL);
  if (declare != null) entry.size = declare;
  return replaceEntry(workbook, entry);
}

/** The largest resident set seen while `work` runs. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; grew: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, grew: peak - before };
  } finally {
    clearInterval(timer);
  }
}

describe('a zip bomb', () => {
  it('that declares hundreds of MB is refused with a 400 naming the file, before parsing', async () => {
    const file = await bomb(await readingsWorkbook(1), 300);
    expect(file.length).toBeLessThan(2 * MB);
    const before = await tableCounts(t.db);
    const { result: res, grew } = await peakRss(() => readings(file, '炸弹.xlsx'));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields.file).toContain('炸弹.xlsx');
    expect(res.json().error.fields.file).toContain('20 MB');
    expect(grew).toBeLessThan(200 * MB);
    const en = await send(`/api/v1/imports?estateId=${estate}`, 'bomb.xlsx', await bomb(await importWorkbook({ units: [] }), 300), 'director');
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields.file).toContain('bomb.xlsx');
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('that lies about its size is refused as it expands, memory bounded', async () => {
    for (const upload of [readings, archive]) {
      const file = await bomb(upload === readings ? await readingsWorkbook(1) : await importWorkbook({ units: [] }), 300, 1000);
      const { result: res, grew } = await peakRss(() => upload(file, 'lie.xlsx'));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.file).toContain('lie.xlsx');
      expect(grew).toBeLessThan(200 * MB);
    }
    expect(await t.db.selectFrom('import_jobs').select('id').execute()).toEqual([]);
  });

  it('a file that is not a zip is a 400 naming it', async () => {
    const res = await readings(Buffer.from('just text'), 'text.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.file).toContain('text.xlsx');
  });
});

describe('the row limit', () => {
  it('refuses a readings sheet over the limit and reads one at the limit', async () => {
    const over = await readings(await readingsWorkbook(MAX_ROWS + 1), 'big.xlsx');
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields.file).toBe(`文件“big.xlsx”的工作表“抄表”超过 ${MAX_ROWS} 行，请分批导入`);
    const at = await readings(await readingsWorkbook(MAX_ROWS));
    // Read in full: every row is then checked (these meter numbers do not exist).
    expect(at.statusCode).toBe(400);
    expect(Object.keys(at.json().error.fields)).toHaveLength(MAX_ROWS);
  });

  it('refuses an archive sheet over the limit, extra sheets included, and writes no job', async () => {
    const units = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ building: 'X', floor: 1, number: String(i), area: 50 }));
    const res = await archive(await importWorkbook({ units }), 'units.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.file).toContain('房屋');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('楼栋').addRow(['楼栋编号']);
    const extra = wb.addWorksheet('别的');
    for (let i = 0; i <= MAX_ROWS + 1; i++) extra.addRow([i]);
    const hidden = await archive(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.fields.file).toContain('别的');
    expect(await t.db.selectFrom('import_jobs').select('id').execute()).toEqual([]);
  });
});

describe('one import per estate at a time', () => {
  it('two at once: one goes ahead, the other gets a 409 saying why; then the estate is free again', async () => {
    const file = await importWorkbook({ buildings: [{ code: 'LIM1', name: 'LIM1', kind: '多层', floors: 6, entrances: 1 }] });
    const pairs: Array<[() => Promise<{ statusCode: number; body: string }>, () => Promise<{ statusCode: number; body: string }>]> = [
      [() => archive(file), () => archive(file)],
      [() => readings(file), () => readings(file)],
      [() => archive(file), () => readings(file)],
    ];
    for (const [a, b] of pairs) {
      const res = await Promise.all([a(), b()]);
      const codes = res.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 409), codes.join()).toHaveLength(1);
      const refused = res.find((r) => r.statusCode === 409)!;
      expect(JSON.parse(refused.body).error.message).toContain('导入');
      await settled();
    }
    const last = await archive(await importWorkbook({ buildings: [{ code: 'LIM2', name: 'LIM2', kind: '多层', floors: 6, entrances: 1 }] }));
    expect(last.statusCode).toBe(202);
    await settled();
  });
});

/** Waits until no archive import job is running. */
async function settled() {
  for (let i = 0; i < 600; i++) {
    const running = await t.db.selectFrom('import_jobs').select('id').where('finished_at', 'is', null).execute();
    if (!running.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}
