/**
 * Rounds engine rules (design A.3.0, manual 3.1–3.3, 3.10): when a plan's slots fall, how a
 * result's timing and a task's status follow, and how a device's clock is corrected. Pure, so the
 * server, the job and the tests share one meaning of "on time" and "missed".
 */
import { localDate } from './clock.ts';

export const TEMPLATE_KINDS = ['patrol', 'facility_check', 'reno_daily', 'reno_acceptance', 'sign_check', 'vacant_check', 'handover', 'area_round'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const ANSWER_TYPES = ['ok_issue', 'number', 'text', 'choice'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const SEVERITIES = ['minor', 'major'] as const;
export const CHECKPOINT_TARGETS = ['building', 'floor', 'unit', 'facility', 'sign_group', 'area'] as const;
export const RECURRENCES = ['daily', 'weekdays', 'month_days', 'every_n_days'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const TASK_STATUSES = ['pending', 'in_progress', 'done', 'partial', 'missed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const SCAN_METHODS = ['qr', 'nfc', 'manual'] as const;
export type ScanMethod = (typeof SCAN_METHODS)[number];
export const TIMINGS = ['early', 'on_time', 'late'] as const;
export type Timing = (typeof TIMINGS)[number];
/** Departments whose work the patrol supervises (manual 3.3) and the desk's department for each. */
export const QUALITY_DEPTS = ['cleaning', 'security', 'repair', 'landscaping'] as const;
export type QualityDept = (typeof QUALITY_DEPTS)[number];

/** Slot window bounds (design A.3.3: 15–720 min). */
export const WINDOW_MIN = { min: 15, max: 720 } as const;
/** A make-up check may be opened this long after the slot's end (HC 补检; design rule 8). */
export const MAKEUP_HOURS = 24;
/** Skew beyond which corrected times are flagged (A.3.6 rule 4). */
export const SKEW_FLAG_MS = 120_000;
/** Results older than this are accepted but flagged for review and never on time (A.3.6 rule 9). */
export const STALE_DAYS = 7;

export interface Slot {
  /** "HH:MM" wall time in the estate's zone */
  start: string;
  windowMin: number;
}

export interface PlanRule {
  recurrence: Recurrence;
  /** weekdays 1–7 (Monday = 1) or month days 1–31, per recurrence */
  days: number[];
  /** every n days counted from startsOn */
  everyN: number | null;
  startsOn: string;
  endsOn: string | null;
  slots: Slot[];
}

const DAY_MS = 86_400_000;

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Does the plan run on this calendar day (its own zone's date)? */
export function occursOn(rule: Omit<PlanRule, 'slots'>, date: string): boolean {
  if (date < rule.startsOn) return false;
  if (rule.endsOn && date > rule.endsOn) return false;
  switch (rule.recurrence) {
    case 'daily':
      return true;
    case 'weekdays':
      return rule.days.includes(isoWeekday(date));
    case 'month_days': {
      const day = Number(date.slice(8, 10));
      // "the 31st" in a 30-day month means its last day, so a monthly check is never skipped.
      const last = lastDayOfMonth(date);
      return rule.days.some((d) => d === day || (d > last && day === last));
    }
    case 'every_n_days':
      return !!rule.everyN && daysBetween(rule.startsOn, date) % rule.everyN === 0;
  }
}

function lastDayOfMonth(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in ms at an instant. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    offsetFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall time ("HH:MM") on a date in a zone. */
export function zonedInstant(date: string, hhmm: string, timeZone = 'Asia/Shanghai'): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * 60_000;
  let guess = wall - zoneOffsetMs(wall, timeZone);
  // Once more with the offset at the guess, for days a zone changes its offset.
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

export interface SlotInstance {
  start: Date;
  end: Date;
}

/** The plan's slots on one date (empty when the plan does not run that day). */
export function slotsOn(rule: PlanRule, date: string, timeZone = 'Asia/Shanghai'): SlotInstance[] {
  if (!occursOn(rule, date)) return [];
  return rule.slots.map((s) => {
    const start = zonedInstant(date, s.start, timeZone);
    return { start, end: new Date(start.getTime() + s.windowMin * 60_000) };
  });
}

/**
 * Slots whose task should exist at `now`: started within `leadMin` from now, and not yet past
 * end + grace (a slot already over when a plan is made is not created after the fact). Looks at
 * yesterday too, for slots that cross midnight.
 */
export function dueSlots(rule: PlanRule, now: Date, leadMin: number, graceMin: number, timeZone = 'Asia/Shanghai'): SlotInstance[] {
  const today = localDate(now, timeZone);
  const out: SlotInstance[] = [];
  for (const date of [addDays(today, -1), today, addDays(today, 1)]) {
    for (const s of slotsOn(rule, date, timeZone)) {
      if (s.start.getTime() - leadMin * 60_000 <= now.getTime() && now.getTime() < s.end.getTime() + graceMin * 60_000) out.push(s);
    }
  }
  return out;
}

/** Early / on time / late against the slot (HC 早到 / 准时 / 迟到), from when it was observed. */
export function timingOf(observedAt: Date, slotStart: Date, slotEnd: Date): Timing {
  if (observedAt.getTime() < slotStart.getTime()) return 'early';
  if (observedAt.getTime() <= slotEnd.getTime()) return 'on_time';
  return 'late';
}

/** Does a result observed at this moment count for the slot (its window plus grace; early within lead). */
export function countsForSlot(observedAt: Date, slotStart: Date, slotEnd: Date, graceMin: number, leadMin: number): boolean {
  const t = observedAt.getTime();
  return t >= slotStart.getTime() - leadMin * 60_000 && t <= slotEnd.getTime() + graceMin * 60_000;
}

/**
 * A task's status from its checkpoints: all done → done; after the sweep (closed) some → partial,
 * none → missed; before, any → in_progress, none → pending. Cancelled stays cancelled.
 */
export function taskStatus(total: number, done: number, closed: boolean, cancelled = false): TaskStatus {
  if (cancelled) return 'cancelled';
  if (total > 0 && done >= total) return 'done';
  if (closed) return done > 0 ? 'partial' : 'missed';
  return done > 0 ? 'in_progress' : 'pending';
}

/** Skew of the device's clock: positive when the device runs ahead (design A.3.6 rule 4). */
export function skewOf(deviceNow: Date, serverNow: Date): number {
  return deviceNow.getTime() - serverNow.getTime();
}

/** A device time put on the server's clock. */
export function corrected(deviceTime: Date, skewMs: number): Date {
  return new Date(deviceTime.getTime() - skewMs);
}

/** Why a corrected observation is refused: in the future, or more than a day before the slot. */
export function observationRefusal(observedAt: Date, serverNow: Date, slotStart: Date | null): 'future' | 'too_early' | null {
  // A minute's tolerance: the correction itself is only as good as one round trip.
  if (observedAt.getTime() > serverNow.getTime() + 60_000) return 'future';
  if (slotStart && observedAt.getTime() < slotStart.getTime() - DAY_MS) return 'too_early';
  return null;
}

/** Great-circle distance in metres (for the `far` flag: rule 2, flag only, never refuse). */
export function distanceM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

/** Far from the checkpoint: only judged when the fix is good (accuracy ≤ 50 m), then > 150 m. */
export function isFar(point: { lat: number | null; lng: number | null }, fix: { lat?: number | null; lng?: number | null; accuracy?: number | null }): boolean {
  if (point.lat == null || point.lng == null || fix.lat == null || fix.lng == null || fix.accuracy == null) return false;
  if (fix.accuracy > 50) return false;
  return distanceM(point.lat, point.lng, fix.lat, fix.lng) > 150;
}

/** A rate, or null below 5 cases (core/periods.ts MIN_RATE_BASE: 数据不足 rather than a red 0 %). */
export function rate(part: number, whole: number, minBase = 5): number | null {
  return whole >= minBase ? Math.round((part / whole) * 1000) / 10 : null;
}

/** A department's quality score 0–100 from ok and issue answers on its items. */
export function qualityScore(ok: number, issues: number): number | null {
  return rate(ok, ok + issues);
}

/** Parses "HH:MM" strictly (00:00–23:59). */
export function isHhmm(v: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
}
