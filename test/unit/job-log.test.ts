/** A failed scheduled job logs one redacted line: no error object (its query values, pg client), no connection URL. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleAll } from '../../src/server/jobs/registry.ts';

afterEach(() => vi.useRealTimers());

describe('scheduled job failure log', () => {
  it('is one line with the code and message, the URL blanked', async () => {
    vi.useFakeTimers();
    const err = Object.assign(new Error('connect to postgres://wuye:Secret-9x@db:5432/wuye failed'), { code: 'ECONNREFUSED', client: { password: 'Secret-9x' }, detail: 'Key (phone)=(13800138000) already exists.' });
    const job = { name: 'desk-sweep', everyMs: 1_000, run: () => Promise.reject(err) };
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const stop = scheduleAll([job]);
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    spy.mockRestore();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual(['job desk-sweep failed: ECONNREFUSED connect to [url] failed']);
  });
});
