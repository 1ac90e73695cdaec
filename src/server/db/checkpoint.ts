import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite copies the WAL back into the database file (a checkpoint, with an fsync) inside whichever
 * commit crosses wal_autocheckpoint: on the event loop, so every few dozen ticket registrations one
 * of them waited for it, and checkpoints were about half of what commits cost. A worker thread with
 * its own connection checkpoints instead, PASSIVE (it never waits for or blocks the writer). The
 * main connection keeps a higher threshold as a backstop should the worker fall behind or fail.
 */
export const BACKSTOP_PAGES = 10_000;
const EVERY_MS = 250;

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick or the backstop does it */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export function startCheckpointer(file: string): { stop(): Promise<void> } {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, module, everyMs: EVERY_MS } });
  worker.unref();
  // A worker that cannot start (or dies) leaves the backstop to do the work; the server goes on.
  worker.on('error', (err: Error) => console.error(`database: checkpoint worker stopped (${err.message}); checkpoints run in commits`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
