/**
 * Service desk tickets (R-DESK): one model for everything a resident raises, and the state
 * machine every step must pass through.
 *
 *   registered ─respond→ responded ─dispatch→ dispatched ─accept→ in_progress ─resolve→ resolved
 *   resolved ─confirm (resident, staff, or automatically after N days)→ confirmed
 *   confirmed ─return visit ≥ 3 or close→ closed;  resolved|confirmed ─reopen (bad visit)→ reopened
 *   reopened behaves as responded (dispatch again, or resolve); any live step may pause/resume
 *   (the resolution clock stops) and may be cancelled (by the reporter only before work starts).
 */
import type { Permission } from './roles.ts';

export const TICKET_TYPES = ['inquiry', 'suggestion', 'complaint', 'repair', 'report', 'special_service', 'dispute', 'legacy'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const CHANNELS = ['phone', 'visit', 'portal', 'front_desk', 'patrol'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const DEPARTMENTS = ['engineering', 'cleaning', 'security', 'landscaping', 'customer_service'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const INCIDENT_TYPES = ['lift_entrapment', 'fire', 'flooding', 'power_outage', 'water_outage', 'gas_leak', 'security_incident', 'severe_weather', 'equipment_failure', 'injury'] as const;
export const VISIT_POLICIES = ['always', 'unless_rated', 'never'] as const;
export const VISIT_TAGS = ['slow', 'quality', 'attitude'] as const;

export const STATUSES = ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'resolved', 'confirmed', 'closed', 'cancelled', 'reopened'] as const;
export type Status = (typeof STATUSES)[number];
export const LIVE: Status[] = ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'reopened'];
export const FINAL: Status[] = ['closed', 'cancelled'];

export const ACTIONS = ['respond', 'dispatch', 'accept', 'pause', 'resume', 'resolve', 'confirm', 'close', 'cancel', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];

const WORKING: Status[] = ['responded', 'dispatched', 'in_progress', 'reopened'];
const TRANSITIONS: Record<Action, { from: Status[]; to: Status | 'previous' }> = {
  respond: { from: ['registered'], to: 'responded' },
  dispatch: { from: ['registered', 'responded', 'dispatched', 'in_progress', 'reopened'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'in_progress' },
  pause: { from: ['registered', ...WORKING], to: 'paused' },
  resume: { from: ['paused'], to: 'previous' },
  resolve: { from: ['registered', ...WORKING], to: 'resolved' },
  confirm: { from: ['resolved'], to: 'confirmed' },
  close: { from: ['confirmed'], to: 'closed' },
  cancel: { from: ['registered', ...WORKING, 'paused'], to: 'cancelled' },
  reopen: { from: ['resolved', 'confirmed'], to: 'reopened' },
};

/** Who may take each step (beyond reading the ticket): one table for the routes and the service. */
export const ACTION_PERMISSION: Record<Action, Permission> = {
  respond: 'desk.dispatch',
  dispatch: 'desk.dispatch',
  pause: 'desk.dispatch',
  resume: 'desk.dispatch',
  confirm: 'desk.dispatch',
  close: 'desk.dispatch',
  cancel: 'desk.dispatch',
  accept: 'desk.work',
  resolve: 'desk.resolve',
  reopen: 'desk.visit',
};

export class IllegalTransition extends Error {
  constructor(
    readonly action: Action,
    readonly from: Status,
  ) {
    super(`${action} is not allowed from ${from}`);
  }
}

/** The status after `action`, or IllegalTransition. `pausedFrom` is where a resume returns. */
export function transition(action: Action, from: Status, pausedFrom: Status | null = null): Status {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalTransition(action, from);
  if (rule.to === 'previous') return pausedFrom ?? 'responded';
  return rule.to;
}

export function allowedActions(from: Status): Action[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].from.includes(from));
}

/** A reporter may withdraw his own request only before anyone has started on it. */
export function reporterMayCancel(status: Status): boolean {
  return status === 'registered' || status === 'responded' || status === 'dispatched';
}

/** First response happens with the first step a resident can see, whichever it is. */
export function countsAsResponse(action: Action): boolean {
  return action === 'respond' || action === 'dispatch' || action === 'resolve' || action === 'accept';
}

export interface SlaPolicy {
  type: TicketType | null;
  priority: Priority | null;
  complex: boolean | null;
  emergency: boolean | null;
  responseMinutes: number;
  resolutionMinutes: number;
}

/** The manual's defaults: 24 h first response for all; 48 h for complex problems, 24 h others; emergencies 30 min / 4 h. */
export const DEFAULT_POLICIES: SlaPolicy[] = [
  { type: null, priority: null, complex: null, emergency: null, responseMinutes: 24 * 60, resolutionMinutes: 24 * 60 },
  { type: null, priority: null, complex: true, emergency: null, responseMinutes: 24 * 60, resolutionMinutes: 48 * 60 },
  { type: null, priority: null, complex: null, emergency: true, responseMinutes: 30, resolutionMinutes: 4 * 60 },
];

/** The most specific matching policy; an emergency match wins over everything else. */
export function pickPolicy(policies: SlaPolicy[], t: { type: TicketType; priority: Priority; complex: boolean; emergency: boolean }): SlaPolicy {
  let best: SlaPolicy | null = null;
  let bestScore = -1;
  for (const p of policies) {
    if (p.type !== null && p.type !== t.type) continue;
    if (p.priority !== null && p.priority !== t.priority) continue;
    if (p.complex !== null && p.complex !== t.complex) continue;
    if (p.emergency !== null && p.emergency !== t.emergency) continue;
    const score = (p.emergency !== null ? 8 : 0) + (p.type !== null ? 4 : 0) + (p.complex !== null ? 2 : 0) + (p.priority !== null ? 1 : 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best ?? DEFAULT_POLICIES[0];
}

/** A return visit score of 2 or less means the problem is not solved: the ticket reopens. */
export const isBadVisit = (score: number) => score <= 2;
