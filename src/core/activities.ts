/**
 * Community cultural activities 社区文化活动 (manual 4.10.2–4.10.5; design B.3.4): the activity's
 * life, registration with capacity, per-unit limit and a first-in-first-out waitlist, the
 * check-in answers (Odoo event's set) and the summary's formulas. Pure.
 */
export const ACTIVITY_TYPES = ['festival', 'family', 'elderly', 'health', 'legal', 'sports', 'volunteer', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['draft', 'approved', 'published', 'registration_closed', 'in_progress', 'finished', 'reviewed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export type ActivityAction = 'edit' | 'approve' | 'publish' | 'close_registration' | 'start' | 'finish' | 'review' | 'cancel';

const FROM: Record<ActivityAction, readonly ActivityStatus[]> = {
  edit: ['draft'],
  approve: ['draft'],
  publish: ['approved'],
  close_registration: ['published'],
  start: ['published', 'registration_closed'],
  finish: ['in_progress'],
  review: ['finished'],
  cancel: ['draft', 'approved', 'published', 'registration_closed'],
};
const TO: Record<Exclude<ActivityAction, 'edit'>, ActivityStatus> = {
  approve: 'approved',
  publish: 'published',
  close_registration: 'registration_closed',
  start: 'in_progress',
  finish: 'finished',
  review: 'reviewed',
  cancel: 'cancelled',
};

export function canActivity(action: ActivityAction, status: ActivityStatus): boolean {
  return FROM[action].includes(status);
}
export const activityTarget = (action: Exclude<ActivityAction, 'edit'>) => TO[action];

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled', 'attended', 'no_show', 'walk_in'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
/** Holding a place (counted against capacity). */
export const HOLDS_PLACE: readonly RegistrationStatus[] = ['registered', 'attended'];

const ms = (iso: string) => new Date(iso).getTime();

export interface RegistrationWindow {
  status: ActivityStatus;
  opensAt: string;
  closesAt: string;
}
/** Residents may register or cancel only while published and inside the window. */
export function registrationOpen(a: RegistrationWindow, now: Date): boolean {
  const t = now.getTime();
  return a.status === 'published' && t >= ms(a.opensAt) && t < ms(a.closesAt);
}

/** Field → message key for the plan's dates and numbers. */
export function checkActivityPlan(a: { startsAt: string; endsAt: string; opensAt: string; closesAt: string; capacity: number; perUnitLimit: number }): Record<string, string> {
  const e: Record<string, string> = {};
  if (ms(a.endsAt) <= ms(a.startsAt)) e.endsAt = 'activity.endsBeforeStart';
  if (ms(a.opensAt) >= ms(a.closesAt)) e.opensAt = 'activity.opensAfterCloses';
  if (ms(a.closesAt) > ms(a.startsAt)) e.closesAt = 'activity.closesAfterStart';
  if (a.capacity < 1) e.capacity = 'activity.capacityMin';
  if (a.perUnitLimit < 1) e.perUnitLimit = 'activity.perUnitMin';
  if (a.perUnitLimit > a.capacity) e.perUnitLimit = 'activity.perUnitOverCapacity';
  return e;
}

/**
 * A new registration of `headcount` people: 'over_limit' when the unit's active people would pass the
 * per-unit limit (refused), 'waitlisted' when the places left do not fit it or others already wait
 * (queued behind them, not an error: a small party must not overtake the waitlist).
 */
export function admit(a: { capacity: number; perUnitLimit: number; taken: number; unitActive: number; waiting: number }, headcount: number): 'registered' | 'waitlisted' | 'over_limit' {
  if (a.unitActive + headcount > a.perUnitLimit) return 'over_limit';
  return a.waiting === 0 && a.taken + headcount <= a.capacity ? 'registered' : 'waitlisted';
}

/**
 * Places freed: the waitlist moves strictly first-in-first-out. The head is promoted while it fits;
 * if it does not, nobody behind it jumps the queue. Returns the ids promoted, in order.
 */
export function promote(capacity: number, taken: number, waitlist: Array<{ id: number; headcount: number }>): number[] {
  const out: number[] = [];
  let used = taken;
  for (const w of waitlist) {
    if (used + w.headcount > capacity) break;
    used += w.headcount;
    out.push(w.id);
  }
  return out;
}

/** Check-in may happen from two hours before the start until the end. */
export const CHECKIN_EARLY_MS = 2 * 3600_000;
export const CHECKIN_RESULTS = ['invalid', 'cancelled', 'waitlisted', 'not_ongoing', 'already', 'confirmed'] as const;
export type CheckinResult = (typeof CHECKIN_RESULTS)[number];

export function checkinAnswer(
  a: { status: ActivityStatus; startsAt: string; endsAt: string },
  r: { status: RegistrationStatus } | null,
  now: Date,
): CheckinResult {
  if (!r) return 'invalid';
  if (r.status === 'cancelled') return 'cancelled';
  if (r.status === 'waitlisted') return 'waitlisted';
  if (r.status === 'attended' || r.status === 'walk_in') return 'already';
  const t = now.getTime();
  const live = ['published', 'registration_closed', 'in_progress'].includes(a.status);
  if (!live || t < new Date(a.startsAt).getTime() - CHECKIN_EARLY_MS || t > new Date(a.endsAt).getTime()) return 'not_ongoing';
  return 'confirmed';
}

/** Eight random digits, as a registration's check-in code (like Odoo's barcode). */
export function checkinCode(random: () => number): string {
  return String(Math.floor(random() * 90_000_000) + 10_000_000);
}

/**
 * The summary (M 4.10.5): attendance rate = attended ÷ confirmed registrations (those that held a
 * place: neither cancelled nor left on the waitlist). Walk-ins are counted apart.
 */
export function activitySummary(regs: Array<{ status: RegistrationStatus; headcount: number }>, ratings: number[]) {
  const by = (s: RegistrationStatus) => regs.filter((r) => r.status === s);
  const attended = by('attended').length;
  const confirmed = attended + by('registered').length + by('no_show').length;
  const avg = ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null;
  return {
    registrations: regs.filter((r) => r.status !== 'walk_in').length,
    confirmed,
    cancelled: by('cancelled').length,
    waitlisted: by('waitlisted').length,
    attended,
    noShow: by('no_show').length + by('registered').length,
    walkIns: by('walk_in').length,
    people: regs.filter((r) => r.status === 'attended' || r.status === 'walk_in').reduce((s, r) => s + r.headcount, 0),
    attendanceRate: confirmed ? Math.round((attended / confirmed) * 1000) / 10 : null,
    ratings: ratings.length,
    averageRating: avg,
  };
}

/** The preparation checklist of manual 4.10.2–4.10.5; due as minutes relative to the start. */
export const DEFAULT_TASKS: Array<{ key: string; offsetMin: number }> = [
  { key: 'venue', offsetMin: -24 * 60 },
  { key: 'equipment', offsetMin: -24 * 60 },
  { key: 'notify', offsetMin: -7 * 24 * 60 },
  { key: 'reception', offsetMin: -60 },
  { key: 'order', offsetMin: 0 },
  { key: 'safety', offsetMin: -2 * 24 * 60 },
  { key: 'cleanup', offsetMin: 2 * 60 },
  { key: 'returns', offsetMin: 24 * 60 },
  { key: 'feedback', offsetMin: 3 * 24 * 60 },
];
