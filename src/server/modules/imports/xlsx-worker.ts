/**
 * Runs in a worker thread (see xlsx-read.ts): checks the zip's sizes, then streams the workbook
 * with exceljs's WorkbookReader, keeping each row as cell texts and stopping past the row limit.
 * Whatever goes wrong here costs this thread, never the server's event loop or heap.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { cellText, type ReadRequest, type ReadResult, type SheetRows } from './xlsx-cells.ts';
import { checkZip } from './zip-limits.ts';

async function read(req: ReadRequest): Promise<ReadResult> {
  const buffer = Buffer.from(req.buffer.buffer, req.buffer.byteOffset, req.buffer.byteLength);
  const problem = await checkZip(buffer, req.maxBytes);
  if (problem) return { ok: false, problem };
  // The zip is sound by now, so a parse failure is either the file's content or exceljs's streaming
  // reader (it parks sheets in temp files until the shared strings arrive): once, a valid workbook
  // failed under heavy load in CI and read fine again. Try a second time before calling it unreadable.
  const first = await parse(buffer, req);
  if (first.ok || first.problem !== 'badFile') return first;
  return parse(buffer, req);
}

async function parse(buffer: Buffer, req: ReadRequest): Promise<ReadResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: SheetRows[] = [];
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? '';
      const rows: SheetRows['rows'] = [];
      for await (const row of ws) {
        // Every sheet counts against the limit, kept or not: an extra sheet is no way around it.
        if (row.number > req.maxRows + 1) return { ok: false, problem: 'tooManyRows', sheet: name };
        if (req.sheets && !req.sheets.includes(name)) continue;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col] = cellText(cell.value);
        });
        rows.push({ n: row.number, cells: Array.from(cells, (c) => c ?? '') });
      }
      if (!req.sheets || req.sheets.includes(name)) sheets.push({ name, rows });
    }
  } catch (err) {
    console.error(`workbook reader: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
    return { ok: false, problem: 'badFile' };
  }
  return { ok: true, sheets };
}

parentPort!.postMessage(await read(workerData as ReadRequest));
