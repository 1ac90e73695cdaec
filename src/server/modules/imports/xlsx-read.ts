/**
 * Reads an uploaded workbook in a worker thread with a heap of its own, so a hostile or huge
 * file costs that thread and not the server: sizes are checked before parsing, rows are
 * streamed and capped. File-level problems become a 400 naming the file.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type Msg } from '../../http/errors.ts';
import type { ReadResult, SheetRows } from './xlsx-cells.ts';

export interface ImportLimits {
  /** Rows per sheet below the header, archive workbooks. */
  maxRows: number;
  /** Rows per sheet below the header, meter-reading workbooks. */
  readingsMaxRows: number;
  /** Bytes a workbook may expand to once unzipped. */
  maxUncompressedBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxRows: 50_000, readingsMaxRows: 50_000, maxUncompressedBytes: 100 * 1024 * 1024 };

const WORKER_HEAP_MB = 512;

export async function readWorkbook(buffer: Buffer, fileName: string, opts: { maxRows: number; maxBytes: number; sheets: string[] | null }): Promise<SheetRows[]> {
  const result = await inWorker({ buffer, maxRows: opts.maxRows, maxBytes: opts.maxBytes, sheets: opts.sheets });
  if (result.ok) return result.sheets;
  const file = fileName.slice(0, 100);
  const msg: Msg =
    result.problem === 'tooLarge'
      ? { key: 'import.tooLarge', params: { file, mb: Math.floor(opts.maxBytes / 1024 / 1024) } }
      : result.problem === 'tooManyRows'
        ? { key: 'import.tooManyRows', params: { file, sheet: result.sheet ?? '', max: opts.maxRows } }
        : { key: 'import.unreadable', params: { file } };
  throw new AppError('VALIDATION', msg, { file: msg });
}

function inWorker(data: { buffer: Buffer; maxRows: number; maxBytes: number; sheets: string[] | null }): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: false,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (m: ReadResult) => settle(() => resolve(m)));
    worker.once('error', (err: Error & { code?: string }) =>
      // Out of its own heap: the file was too much to read, whatever its declared sizes said.
      settle(() => (err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ ok: false, problem: 'tooLarge' }) : reject(err))),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`workbook reader exited with ${code}`))));
  });
}
