/**
 * Scheduled work of every module in one list, so main.ts schedules them all and the demo
 * clock's API can run any one at once. A job guards itself with `withLock` (jobs/lock.ts) so
 * a second instance or an overlapping tick does nothing; `run` returns null when it did not run.
 */
import { redactedError } from '../db/database.ts';

export interface Job {
  /** kebab-case, unique; the name of its lease row in job_locks too */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export function scheduleAll(jobs: readonly Job[]): () => void {
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      // one line, code and message only: a pg error object carries the query's values and the connection
      const started = Date.now();
      job
        .run()
        .catch((err) => console.error(`job ${job.name} failed: ${redactedError(err)}`))
        // A long job holds the requests behind it (SQLite runs in this thread): say so in the log.
        .finally(() => Date.now() - started > 2_000 && console.warn(`job ${job.name} took ${Date.now() - started} ms`));
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach((t) => clearInterval(t));
}
