/**
 * The vacancy discount gate is on by default: a vacancy discount is approved only for a unit in the
 * vacant-unit register with a passed check in the last 30 days. Tests that approve one register the
 * unit first, through the API as the assistant (whole estate), with a passed check `checkedAgo` days ago.
 */
import { localDate } from '../../src/core/clock.ts';
import type { TestApp } from './app.ts';

const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export async function registerVacant(t: TestApp, unitId: number, opts: { registeredAgo?: number; checkedAgo?: number; user?: string } = {}) {
  const today = localDate(t.clock.now());
  const user = opts.user ?? 'assistant';
  const reg = await t.as(user, 'POST', '/api/v1/field/vacant', {
    unitId,
    registeredOn: daysBefore(today, opts.registeredAgo ?? 10),
    reason: 'owner_away',
    keyHeld: true,
    keyNo: `T-${unitId}`,
    valvesClosed: true,
    checkIntervalDays: 30,
  });
  if (reg.statusCode !== 200) throw new Error(`registering unit ${unitId} as vacant failed: ${reg.statusCode} ${reg.body}`);
  const id = reg.json().id as number;
  const check = await t.as(user, 'POST', `/api/v1/field/vacant/${id}/checks`, {
    checkedOn: daysBefore(today, opts.checkedAgo ?? 1),
    timeIn: '10:00',
    timeOut: '10:10',
    entered: false,
    items: { windows_doors: 'ok', entry_lock_seal: 'ok' },
  });
  if (check.statusCode !== 200) throw new Error(`checking vacant unit ${unitId} failed: ${check.statusCode} ${check.body}`);
  return { registrationId: id };
}
