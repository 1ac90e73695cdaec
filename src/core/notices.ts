/**
 * Resident notices 通知公告 (manual 3.9, 3.17, 4.10.1; design B.3.3): the life of a notice, who
 * must approve it, the checks on its dates, and each unit's place on the coverage board.
 * Pure: the server and the web use the same rules.
 */
export const NOTICE_CATEGORIES = ['notice', 'announcement', 'propaganda', 'activity', 'emergency'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

export const NOTICE_STATUSES = ['draft', 'pending_approval', 'scheduled', 'published', 'expired', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Whom it reaches: the estate, some areas/buildings/entrances/units. */
export const AUDIENCE_KINDS = ['estate', 'areas', 'buildings', 'entrances', 'units'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];
/** owners: owners' portal accounts only; residents: owners and tenants; staff: no resident at all. */
export const AUDIENCE_PEOPLE = ['owners', 'residents', 'staff'] as const;
export type AudiencePeople = (typeof AUDIENCE_PEOPLE)[number];

export const OFFLINE_METHODS = ['phone', 'visit', 'slip'] as const;
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];

export const NOTICE_BODY_MAX = 20_000;
/** A reminder for an unacknowledged notice goes out at most once a day (condo throttles pushes too). */
export const REMINDER_INTERVAL_MS = 24 * 3600_000;

export type NoticeAction = 'edit' | 'submit' | 'approve' | 'reject' | 'release' | 'expire' | 'withdraw' | 'extend';

const TRANSITIONS: Record<NoticeAction, readonly NoticeStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  approve: ['pending_approval'],
  reject: ['pending_approval'],
  // the job's step: a scheduled notice whose time has come
  release: ['scheduled'],
  expire: ['published'],
  withdraw: ['pending_approval', 'scheduled', 'published'],
  // after publication only the expiry may move (corrections are new linked notices)
  extend: ['scheduled', 'published'],
};

export function canNotice(action: NoticeAction, status: NoticeStatus): boolean {
  return TRANSITIONS[action].includes(status);
}

/** Estate-wide audiences, announcements and emergencies need the assistant or the director. */
export function needsApproval(n: { category: NoticeCategory; audienceKind: AudienceKind }): boolean {
  return n.audienceKind === 'estate' || n.category === 'announcement' || n.category === 'emergency';
}

/** Where a notice goes once approved (or submitted by someone who may publish): now or at its time. */
export function releaseStatus(publishAt: string | null, now: Date): 'scheduled' | 'published' {
  return publishAt && new Date(publishAt).getTime() > now.getTime() ? 'scheduled' : 'published';
}

export interface NoticeDates {
  category: NoticeCategory;
  publishAt: string | null;
  expiresAt: string | null;
  /** whether an outage ticket is linked (those need an end too) */
  incident?: boolean;
}

/** Field → message key for every broken date rule; empty when the notice may go out. */
export function checkNoticeDates(n: NoticeDates, now: Date, opts: { submitting: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  if ((n.category === 'emergency' || n.incident) && !n.expiresAt) errors.expiresAt = 'notice.expiresRequired';
  if (n.publishAt && n.expiresAt && new Date(n.expiresAt).getTime() <= new Date(n.publishAt).getTime()) errors.expiresAt = 'notice.expiresBeforePublish';
  if (opts.submitting && n.publishAt && new Date(n.publishAt).getTime() < now.getTime() - 60_000) errors.publishAt = 'notice.publishInPast';
  if (opts.submitting && n.expiresAt && new Date(n.expiresAt).getTime() <= now.getTime()) errors.expiresAt = 'notice.expiresInPast';
  return errors;
}

/** The coverage board's colour of one unit (design B.3.3; sakai/Madera read receipts). */
export type Coverage = 'unreachable' | 'unread' | 'offline' | 'read';
/** Red first: the units nobody can tell online are the ones staff must walk to. */
export const COVERAGE_ORDER: Record<Coverage, number> = { unreachable: 0, unread: 1, offline: 2, read: 3 };

export function coverageOf(r: { firstReadAt: string | null; offlineAt: string | null; portalUsers: number }): Coverage {
  if (r.firstReadAt) return 'read';
  if (r.offlineAt) return 'offline';
  return r.portalUsers > 0 ? 'unread' : 'unreachable';
}

export function coverageSummary(rows: Array<{ firstReadAt: string | null; offlineAt: string | null; ackAt: string | null; portalUsers: number }>) {
  const out = { total: rows.length, read: 0, unread: 0, unreachable: 0, offline: 0, acknowledged: 0, rate: 0 };
  for (const r of rows) {
    out[coverageOf(r)]++;
    if (r.ackAt) out.acknowledged++;
  }
  // informed = read online or told offline; the rate people act on
  out.rate = rows.length ? Math.round(((out.read + out.offline) / rows.length) * 1000) / 10 : 0;
  return out;
}

/** A unit's reminder is due: acknowledgement asked, not given, reachable, a day since release or the last one. */
export function reminderDue(
  r: { ackAt: string | null; offlineAt: string | null; portalUsers: number; lastRemindedAt: string | null },
  publishedAt: string,
  now: Date,
): boolean {
  if (r.ackAt || r.offlineAt || r.portalUsers === 0) return false;
  const since = new Date(r.lastRemindedAt ?? publishedAt).getTime();
  return now.getTime() - since >= REMINDER_INTERVAL_MS;
}

/** Portal order: emergencies, then pinned, then newest. */
export function portalOrder<T extends { category: string; pinned: boolean | number; publishedAt: string | null }>(a: T, b: T): number {
  const rank = (n: T) => (n.category === 'emergency' ? 0 : n.pinned ? 1 : 2);
  return rank(a) - rank(b) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '');
}
