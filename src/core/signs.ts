/**
 * Signage 标识 (manual 3.6, 4.3): the 11 categories (4.3.1.1–11), the 6 places of use (4.3.2.1–6),
 * the 《标识使用清单》 request that alone brings new signs (4.3.4), and the twice-daily check (4.3.5).
 */
export const SIGN_CATEGORIES = ['building_no', 'floor', 'door_no', 'entrance', 'lift', 'mailbox', 'public_facility', 'office', 'other_state', 'safety', 'road'] as const;
export type SignCategory = (typeof SIGN_CATEGORIES)[number];
export const SIGN_PLACES = ['high_rise', 'clubhouse', 'public_area', 'business_center', 'office', 'temporary'] as const;
export type SignPlace = (typeof SIGN_PLACES)[number];
export const SIGN_STATUSES = ['approved', 'active', 'defective', 'removed'] as const;
export type SignStatus = (typeof SIGN_STATUSES)[number];
export const SIGN_DEFECTS = ['damaged', 'missing', 'dirty', 'illegible', 'obsolete', 'wrongly_placed'] as const;
export type SignDefect = (typeof SIGN_DEFECTS)[number];
export const REQUEST_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_ACTIONS = ['submit', 'approve', 'reject'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

const REQUEST_NEXT: Record<RequestAction, { from: RequestStatus; to: RequestStatus }> = {
  submit: { from: 'draft', to: 'submitted' },
  approve: { from: 'submitted', to: 'approved' },
  reject: { from: 'submitted', to: 'rejected' },
};

/** The request's next status, or null when the action does not apply to its status. */
export function requestNext(status: RequestStatus, action: RequestAction): RequestStatus | null {
  const step = REQUEST_NEXT[action];
  return step.from === status ? step.to : null;
}

/** Sign status moves: installation, a defect found, its repair, removal (never back from removed). */
const SIGN_MOVES: Record<SignStatus, SignStatus[]> = {
  approved: ['active', 'removed'],
  active: ['defective', 'removed'],
  defective: ['active', 'removed'],
  removed: [],
};
export const canMoveSign = (from: SignStatus, to: SignStatus) => SIGN_MOVES[from].includes(to);

/** A temporary sign (4.3.2.6) stands at most this many days (guess; the design's bad-input rule). */
export const TEMPORARY_MAX_DAYS = 30;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Null when a temporary sign's end date is acceptable, else the reason (message key). */
export function temporaryEndProblem(today: string, expiresOn: string | null | undefined): string | null {
  if (!expiresOn) return 'sign.expiresRequired';
  if (expiresOn < today) return 'sign.expiresPast';
  if (daysBetween(today, expiresOn) > TEMPORARY_MAX_DAYS) return 'sign.expiresTooFar';
  return null;
}

// ---- the twice-daily check (4.3.5) -------------------------------------------------------------

export interface CheckSlot {
  /** local time "HH:MM" */
  start: string;
  /** minutes the slot stays open */
  windowMin: number;
}
/** Guess (design A.3.2 rule 1): morning and afternoon, three hours each. */
export const DEFAULT_SIGN_SLOTS: CheckSlot[] = [
  { start: '08:00', windowMin: 180 },
  { start: '14:00', windowMin: 180 },
];
/** The two counted checks of a day must be this far apart (guess, design A.3.2 rule 1). */
export const MIN_SLOT_GAP_MIN = 180;

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Null when the slots are usable, else [index, message key] of the first bad one. */
export function slotsProblem(slots: CheckSlot[]): [number, string] | null {
  if (slots.length < 2) return [0, 'sign.slotsTwice'];
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.start)) return [i, 'sign.slotTime'];
    if (s.windowMin < 15 || s.windowMin > 720) return [i, 'sign.slotWindow'];
    if (minutesOf(s.start) + s.windowMin > 24 * 60) return [i, 'sign.slotPastMidnight'];
    if (i > 0 && minutesOf(s.start) - minutesOf(slots[i - 1]!.start) < MIN_SLOT_GAP_MIN) return [i, 'sign.slotGap'];
  }
  return null;
}

/** Which slot (index) a check at local time "HH:MM" counts for, or null outside every slot. */
export function slotAt(slots: CheckSlot[], hhmm: string): number | null {
  const m = minutesOf(hhmm);
  const i = slots.findIndex((s) => m >= minutesOf(s.start) && m < minutesOf(s.start) + s.windowMin);
  return i < 0 ? null : i;
}

/** Check compliance of a day: counted slots ÷ (slots × groups); two checks in one slot count once. */
export function compliance(checks: Array<{ groupId: number; slot: number | null }>, groupIds: number[], slotCount: number): number {
  if (!groupIds.length || !slotCount) return 1;
  const counted = new Set(checks.filter((c) => c.slot != null && groupIds.includes(c.groupId)).map((c) => `${c.groupId}:${c.slot}`));
  return counted.size / (groupIds.length * slotCount);
}

/** Which department repairs a defect (design A.3.2 rule 2). */
export const defectDepartment = (d: SignDefect) => (d === 'dirty' ? 'cleaning' : 'engineering');

/** Sign code as printed on its QR label. */
export const signCode = (seq: number) => `BS-${String(seq).padStart(4, '0')}`;

/** Wall-clock "HH:MM" of an instant in China time (no daylight saving: a fixed +08:00), as todayOf uses. */
export const chinaTime = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
