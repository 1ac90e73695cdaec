/**
 * The service promise clock (manual 3.2): first response within 24 h, a complex problem solved
 * within 48 h. Durations run on the wall clock, or on an estate's working calendar (hours,
 * weekdays, public holidays and make-up workdays 调休上班). Paused time is not counted.
 */
export interface WorkCalendar {
  timeZone: string;
  /** Minutes after local midnight. */
  workStart: number;
  workEnd: number;
  /** ISO weekdays that are normally worked: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Dates off although normally worked (public holidays). */
  holidays: Set<string>;
  /** Dates worked although normally off (make-up workdays). */
  workdays: Set<string>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Offset of a time zone from UTC at an instant, in ms (China has no DST, others may). */
export function zoneOffset(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const dateOf = (localMs: number) => new Date(localMs).toISOString().slice(0, 10);
const isoWeekday = (localMs: number) => ((new Date(localMs).getUTCDay() + 6) % 7) + 1;

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return cal.weekdays.includes(isoWeekday(Date.parse(`${date}T00:00:00Z`)));
}

/** The instant `minutes` of counted time after `start`. */
export function addDuration(start: Date, minutes: number, cal: WorkCalendar | null): Date {
  if (!cal) return new Date(start.getTime() + minutes * MINUTE);
  const offset = zoneOffset(start, cal.timeZone);
  let t = start.getTime() + offset; // local wall time, handled as if UTC
  let remaining = minutes * MINUTE;
  for (let guard = 0; guard < 3660; guard++) {
    const midnight = t - (t % DAY);
    if (isWorkingDay(dateOf(midnight), cal)) {
      const open = midnight + cal.workStart * MINUTE;
      const close = midnight + cal.workEnd * MINUTE;
      if (t < open) t = open;
      if (t < close) {
        if (remaining <= close - t) return new Date(t + remaining - offset);
        remaining -= close - t;
      }
    }
    t = midnight + DAY;
  }
  throw new Error('working calendar has no working time within ten years');
}

/** Counted minutes between two instants (0 when `to` is not after `from`). */
export function countedMinutes(from: Date, to: Date, cal: WorkCalendar | null): number {
  if (to <= from) return 0;
  if (!cal) return (to.getTime() - from.getTime()) / MINUTE;
  const offset = zoneOffset(from, cal.timeZone);
  const a = from.getTime() + offset;
  const b = to.getTime() + offset;
  let total = 0;
  for (let midnight = a - (a % DAY); midnight < b; midnight += DAY) {
    if (!isWorkingDay(dateOf(midnight), cal)) continue;
    const open = Math.max(a, midnight + cal.workStart * MINUTE);
    const close = Math.min(b, midnight + cal.workEnd * MINUTE);
    if (close > open) total += close - open;
  }
  return total / MINUTE;
}

export type Agreement = 'on_track' | 'at_risk' | 'breached' | 'met' | 'paused';

export interface ClockState {
  status: string;
  responseDueAt: string;
  resolutionDueAt: string;
  respondedAt: string | null;
  resolvedAt: string | null;
}

const FINISHED = ['resolved', 'confirmed', 'closed'];

/**
 * One word for where a ticket stands against its promise. A finished ticket is met or breached
 * by its recorded times; a live one is breached when a due time has passed, at risk inside the
 * warning window, paused while its clock is stopped.
 */
export function agreement(t: ClockState, now: Date, warnMinutes: number): Agreement | null {
  if (t.status === 'cancelled') return null;
  const responseLate = t.respondedAt ? t.respondedAt > t.responseDueAt : now.toISOString() > t.responseDueAt;
  if (FINISHED.includes(t.status) && t.resolvedAt) return responseLate || t.resolvedAt > t.resolutionDueAt ? 'breached' : 'met';
  if (responseLate) return 'breached';
  if (t.status === 'paused') return 'paused';
  if (now.toISOString() > t.resolutionDueAt) return 'breached';
  const warnAt = (due: string) => Date.parse(due) - warnMinutes * MINUTE <= now.getTime();
  if ((!t.respondedAt && warnAt(t.responseDueAt)) || warnAt(t.resolutionDueAt)) return 'at_risk';
  return 'on_track';
}
