/** A failed sweep logs one redacted line: no error object (its query values, pg client), no connection URL. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DeskSweep, schedule } from '../../src/server/jobs/desk-sweep.ts';

afterEach(() => vi.useRealTimers());

describe('desk sweep failure log', () => {
  it('is one line with the code and message, the URL blanked', async () => {
    vi.useFakeTimers();
    const err = Object.assign(new Error('connect to postgres://wuye:Secret-9x@db:5432/wuye failed'), { code: 'ECONNREFUSED', client: { password: 'Secret-9x' }, detail: 'Key (phone)=(13800138000) already exists.' });
    const sweep = { run: () => Promise.reject(err) } as unknown as DeskSweep;
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const stop = schedule(sweep, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    spy.mockRestore();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual(['desk sweep failed: ECONNREFUSED connect to [url] failed']);
  });
});
