import { CompiledQuery } from 'kysely';
import type { Database, Executor } from './database.ts';
import { executeCompiled } from './prepared.ts';

const SAVEPOINT = CompiledQuery.raw('savepoint grouped');
const RELEASE = CompiledQuery.raw('release grouped');
const ROLLBACK_TO = CompiledQuery.raw('rollback to grouped');

interface Job {
  work: (trx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  failed?: { err: unknown };
  value?: unknown;
}

/**
 * Group commit on SQLite. A commit writes every page the transaction touched to the WAL (a ticket
 * registration touches about 20: the table, its ten indexes, the timeline, the audit log, the
 * counter) and was a third of what a registration cost the database. Registrations that arrive
 * in the same turn of the event loop run one after the other in one transaction, each inside its
 * own savepoint, and share one commit: pages they both touch are written once.
 *  - Each piece of work is whole or absent: one that fails is rolled back to its savepoint and
 *    its caller gets its error; the others go on.
 *  - Nobody hears of success before the commit; if the commit fails, every caller gets the error.
 *  - SQLite has one connection: other statements wait for the group as they wait for any
 *    transaction; a group takes at most MAX_JOBS pieces of work.
 * PostgreSQL commits each in its own transaction, as before (its connections work in parallel).
 */
export class CommitGroup {
  static MAX_JOBS = 32;
  private queue: Job[] = [];
  private running = false;

  constructor(private database: Pick<Database, 'db' | 'dialect'>) {}

  run<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    if (this.database.dialect !== 'sqlite') return this.database.db.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.flush();
    });
  }

  private async flush() {
    this.running = true;
    const jobs: Job[] = [];
    try {
      await this.database.db.transaction().execute(async (trx) => {
        for (;;) {
          while (this.queue.length && jobs.length < CommitGroup.MAX_JOBS) {
            const job = this.queue.shift()!;
            jobs.push(job);
            await executeCompiled(trx, SAVEPOINT);
            try {
              job.value = await job.work(trx);
              await executeCompiled(trx, RELEASE);
            } catch (err) {
              job.failed = { err };
              // A failure of these two ends the transaction (and the whole group with it).
              await executeCompiled(trx, ROLLBACK_TO);
              await executeCompiled(trx, RELEASE);
            }
          }
          if (jobs.length >= CommitGroup.MAX_JOBS) break;
          // Let the requests already read in this turn of the event loop join before committing.
          await new Promise((resolve) => setImmediate(resolve));
          if (!this.queue.length) break;
        }
      });
      for (const job of jobs) (job.failed ? job.reject(job.failed.err) : job.resolve(job.value));
    } catch (err) {
      // The commit failed, or a rollback to a savepoint did: nothing of the group was written.
      for (const job of jobs) job.reject(job.failed ? job.failed.err : err);
    } finally {
      this.running = false;
      if (this.queue.length) void this.flush();
    }
  }
}
