/**
 * Vacant units 空置房 (manual 3.2, 4.8, forms 5.9–5.11). 《空置房管理作业规程》 is not supplied, so the
 * reasons, intervals and thresholds here are the design's guesses (A.3.4), kept in one place.
 */
import { addDays, daysBetween } from './signs.ts';

export const VACANT_REASONS = ['unsold', 'delivered_not_moved_in', 'owner_away', 'between_tenants', 'renovated_not_occupied'] as const;
export type VacantReason = (typeof VACANT_REASONS)[number];
export const VACANT_END_REASONS = ['moved_in', 'rented', 'renovation_started', 'other'] as const;
export const CHECK_RESULTS = ['pass', 'issue'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** The 5.11 record's items (design A.3.4 default template; readings are taken separately). */
export const VACANT_CHECK_ITEMS = ['windows_doors', 'entry_lock_seal', 'leaks', 'valves_closed', 'odour_pests', 'cleanliness', 'mailbox'] as const;
export type VacantCheckItem = (typeof VACANT_CHECK_ITEMS)[number];

export const INTERVAL_DAYS = { min: 1, max: 90, default: 7 } as const;
/** A vacancy discount needs a passed check no older than this (design A.3.4 rule 3). */
export const DISCOUNT_CHECK_MAX_AGE_DAYS = 30;

/** Usage above which a reading during vacancy is a finding (guess: > 1 m³ water or gas, > 5 kWh electricity; readings are whole units). */
export const USAGE_THRESHOLD: Record<string, number> = { water: 1, electricity: 5, gas: 1 };
const DEFAULT_THRESHOLD = 1;

/** The next check is due one interval after the last check, or after registration when none yet. */
export const nextCheckOn = (lastCheckOn: string | null, registeredOn: string, intervalDays: number) => addDays(lastCheckOn ?? registeredOn, intervalDays);
export const isDue = (nextOn: string, today: string) => nextOn <= today;

export interface ReadingJudgement {
  usage: number;
  /** the reading is lower than the last one (a meter does not run backwards) */
  backwards: boolean;
  /** consumption while vacant: a possible leak or occupation */
  used: boolean;
}
/** Compares a check's reading with the last known one of the same meter. */
export function judgeReading(kind: string, previous: number | null, value: number): ReadingJudgement {
  if (previous == null) return { usage: 0, backwards: false, used: false };
  const usage = Math.round((value - previous) * 1000) / 1000;
  return { usage, backwards: usage < 0, used: usage > (USAGE_THRESHOLD[kind] ?? DEFAULT_THRESHOLD) };
}

/** A check passes when no item shows an issue and no meter shows use. */
export const checkResult = (issues: number, usageFindings: number): CheckResult => (issues === 0 && usageFindings === 0 ? 'pass' : 'issue');

/**
 * Why a vacancy discount cannot be granted now, or null when it can: it needs an active registration
 * and a passed check within DISCOUNT_CHECK_MAX_AGE_DAYS (HC gates its discount on 验房 pass).
 */
export function discountProblem(registration: { ended_on: string | null } | null, lastPassedOn: string | null, today: string): string | null {
  if (!registration || (registration.ended_on && registration.ended_on <= today)) return 'vacant.discountNoRegistration';
  if (!lastPassedOn || daysBetween(lastPassedOn, today) > DISCOUNT_CHECK_MAX_AGE_DAYS) return 'vacant.discountNoRecentCheck';
  return null;
}
