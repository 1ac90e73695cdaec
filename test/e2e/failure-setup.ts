/** Setup file of the browser tests: a failed test carries the report of test/e2e/failure-report.ts. */
import { beforeEach } from 'vitest';
import { report } from './failure-report.ts';

beforeEach(({ onTestFailed }) => {
  onTestFailed(async ({ task }) => {
    const text = await report();
    // In the failure's own message, so it shows in the summary of a long run, not only in the log.
    const error = task.result?.errors?.[0];
    if (error) error.message = `${error.message}\n${text}`;
    else console.error(text);
  });
});
