/**
 * Home visits 走访/巡访 (manual 3.4, 4.5, 4.6.1, form 5.2; design B.3.1): the daily plan's
 * priority order, cycles, coverage and the rules a visit record must meet. Pure: the server
 * and the web app share it.
 */
export const VISIT_PURPOSES = ['routine', 'special_care', 'new_move_in', 'complaint_follow_up', 'collection', 'survey', 'notice_delivery', 'other'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_METHODS = ['in_home', 'door', 'phone', 'wechat', 'met_outside'] as const;
export const VISIT_OUTCOMES = ['met', 'not_home', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const PLAN_STATUSES = ['draft', 'confirmed', 'closed'] as const;
/** Where a plan item came from; also its rank (lower first). */
export const PLAN_SOURCES = ['special_care', 'follow_up', 'notice', 'survey', 'new_move_in', 'regular', 'added', 'owner_request'] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];
export const SOURCE_RANK: Record<PlanSource, number> = { special_care: 1, follow_up: 2, notice: 3, survey: 3, new_move_in: 4, regular: 5, added: 6, owner_request: 2 };
export const SOURCE_PURPOSE: Record<PlanSource, VisitPurpose> = {
  special_care: 'special_care',
  follow_up: 'complaint_follow_up',
  notice: 'notice_delivery',
  survey: 'survey',
  new_move_in: 'new_move_in',
  regular: 'routine',
  added: 'other',
  owner_request: 'other',
};

/** 请管家上门 from the portal: what the owner wants to talk about and when he is home. */
export const OWNER_VISIT_TOPICS = ['repair', 'opinion', 'fees', 'renovation', 'care', 'other'] as const;
export const TIME_BANDS = ['morning', 'afternoon', 'evening', 'any'] as const;
export const OWNER_VISIT_STATUSES = ['pending', 'scheduled', 'visited', 'declined'] as const;
export type OwnerVisitStatus = (typeof OWNER_VISIT_STATUSES)[number];

/**
 * What the owner and the steward see: a scheduled request whose plan item was visited is `visited`;
 * one whose item was dropped from the plan is `pending` again (to be scheduled anew).
 */
export function ownerVisitStatus(status: string, item: { visitId: number | null; droppedAt: string | null } | null): OwnerVisitStatus {
  if (status === 'declined') return 'declined';
  if (status === 'scheduled' && item) return item.visitId != null ? 'visited' : item.droppedAt ? 'pending' : 'scheduled';
  return 'pending';
}

/** Defaults are guesses (design B.3.1): a quarter for everyone, a week for special care. */
export interface VisitSettings {
  regularDays: number;
  specialDays: number;
  moveInDays: number;
  dailyCapacity: number;
  notHomeAttempts: number;
}
export const DEFAULT_VISIT_SETTINGS: VisitSettings = { regularDays: 90, specialDays: 7, moveInDays: 7, dailyCapacity: 10, notHomeAttempts: 3 };

const DAY = 86_400_000;
/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export interface Candidate {
  householdId: number;
  unitId: number;
  specialCare: boolean;
  /** local date of the last visit that met someone, or null when never */
  lastVisitOn: string | null;
  movedInOn: string | null;
  /** a bad return visit (score ≤ 2) or an escalated complaint not yet followed up */
  followUp: boolean;
  /** a notice could not reach the household (fed by other modules through the outreach hook) */
  notice: boolean;
  /** a slot of a live survey is still pending */
  surveyPending: boolean;
  /** unvisited on an earlier plan: kept, ahead of new items of the same rank */
  carriedOver: boolean;
}

/** Days past the household's cycle (negative: not due yet). A household never visited is due from its move-in. */
export function overdueDays(c: Pick<Candidate, 'specialCare' | 'lastVisitOn' | 'movedInOn'>, s: VisitSettings, today: string): number {
  const cycle = c.specialCare ? s.specialDays : s.regularDays;
  const from = c.lastVisitOn ?? c.movedInOn;
  if (!from) return cycle; // unknown history: treat as one cycle overdue
  return daysBetween(from, today) - cycle;
}

/** The single reason a household is on today's plan, or null when it need not be. */
export function sourceOf(c: Candidate, s: VisitSettings, today: string): PlanSource | null {
  const overdue = overdueDays(c, s, today);
  if (c.specialCare && overdue >= 0) return 'special_care';
  if (c.followUp) return 'follow_up';
  if (c.notice) return 'notice';
  if (c.surveyPending) return 'survey';
  if (c.movedInOn && !c.lastVisitOn && daysBetween(c.movedInOn, today) >= 0 && daysBetween(c.movedInOn, today) <= s.moveInDays) return 'new_move_in';
  if (overdue >= 0) return 'regular';
  return null;
}

export interface PlannedItem {
  householdId: number;
  unitId: number;
  source: PlanSource;
  overdue: number;
  carriedOver: boolean;
}

/**
 * Today's plan for one administrator: special care first, then follow-ups, unreached notice
 * households and pending surveys, new move-ins, then the most overdue; within a rank carried-over
 * items first, then the most overdue. At most `dailyCapacity` items.
 */
export function planFor(candidates: Candidate[], s: VisitSettings, today: string): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const c of candidates) {
    const source = sourceOf(c, s, today) ?? (c.carriedOver ? 'regular' : null);
    if (source) items.push({ householdId: c.householdId, unitId: c.unitId, source, overdue: overdueDays(c, s, today), carriedOver: c.carriedOver });
  }
  items.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || Number(b.carriedOver) - Number(a.carriedOver) || b.overdue - a.overdue || a.householdId - b.householdId);
  return items.slice(0, s.dailyCapacity);
}

/** Coverage 走访覆盖率 = households visited within their cycle ÷ households (and the same for special care). */
export function coverage(rows: Array<{ specialCare: boolean; lastVisitOn: string | null }>, s: VisitSettings, today: string) {
  let visited = 0;
  let special = 0;
  let specialVisited = 0;
  for (const r of rows) {
    const cycle = r.specialCare ? s.specialDays : s.regularDays;
    const inCycle = r.lastVisitOn != null && daysBetween(r.lastVisitOn, today) <= cycle;
    if (inCycle) visited++;
    if (r.specialCare) {
      special++;
      if (inCycle) specialVisited++;
    }
  }
  const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
  return { households: rows.length, visited, rate: pct(visited, rows.length), special, specialVisited, specialRate: pct(specialVisited, special) };
}

export interface VisitDraft {
  visitedAt: string;
  outcome: VisitOutcome;
  membersMet: string | null;
  careConcern: boolean;
  careNote: string | null;
}
/**
 * The rules of a visit record beyond field shapes (design B.3.1 "Bad input"); returns field → message key.
 * `recent` are the same staff member's visits to the same household (instants).
 */
export function visitProblems(v: VisitDraft, now: Date, recent: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const at = Date.parse(v.visitedAt);
  if (at > now.getTime() + 60_000) out.visitedAt = 'field.visitFuture';
  if (v.outcome === 'met' && !v.membersMet) out.membersMet = 'field.visitMetWho';
  if (v.careConcern && !v.careNote) out.careNote = 'field.visitCareNote';
  if (recent.some((r) => Math.abs(Date.parse(r) - at) < 10 * 60_000)) out.visitedAt = 'field.visitDuplicate';
  return out;
}

/** After this many "not home" calls in a row, the next try is by phone (design B.3.1). */
export function switchToPhone(lastOutcomes: VisitOutcome[], s: VisitSettings): boolean {
  let n = 0;
  for (const o of lastOutcomes) {
    if (o !== 'not_home') break;
    n++;
  }
  return n >= s.notHomeAttempts;
}
