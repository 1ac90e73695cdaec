import { describe, expect, it } from 'vitest';
import { canNotice, checkNoticeDates, COVERAGE_ORDER, coverageOf, coverageSummary, needsApproval, portalOrder, releaseStatus, reminderDue } from '../../src/core/notices.ts';

const now = new Date('2026-06-01T02:00:00Z');

describe('notice state machine', () => {
  it('edits only drafts; after publication only the expiry moves', () => {
    expect(canNotice('edit', 'draft')).toBe(true);
    for (const s of ['pending_approval', 'scheduled', 'published', 'expired', 'withdrawn'] as const) expect(canNotice('edit', s)).toBe(false);
    expect(canNotice('extend', 'published')).toBe(true);
    expect(canNotice('extend', 'expired')).toBe(false);
    expect(canNotice('withdraw', 'withdrawn')).toBe(false);
    expect(canNotice('approve', 'draft')).toBe(false);
    expect(canNotice('release', 'scheduled')).toBe(true);
    expect(canNotice('expire', 'scheduled')).toBe(false);
  });
  it('asks approval for estate-wide audiences, announcements and emergencies', () => {
    expect(needsApproval({ category: 'notice', audienceKind: 'estate' })).toBe(true);
    expect(needsApproval({ category: 'announcement', audienceKind: 'buildings' })).toBe(true);
    expect(needsApproval({ category: 'emergency', audienceKind: 'units' })).toBe(true);
    expect(needsApproval({ category: 'propaganda', audienceKind: 'areas' })).toBe(false);
  });
  it('releases now or at its time', () => {
    expect(releaseStatus(null, now)).toBe('published');
    expect(releaseStatus('2026-06-01T01:00:00Z', now)).toBe('published');
    expect(releaseStatus('2026-06-02T01:00:00Z', now)).toBe('scheduled');
  });
});

describe('notice dates', () => {
  it('needs an end for emergencies and outages', () => {
    expect(checkNoticeDates({ category: 'emergency', publishAt: null, expiresAt: null }, now, { submitting: false })).toEqual({ expiresAt: 'notice.expiresRequired' });
    expect(checkNoticeDates({ category: 'notice', publishAt: null, expiresAt: null, incident: true }, now, { submitting: false })).toEqual({ expiresAt: 'notice.expiresRequired' });
    expect(checkNoticeDates({ category: 'notice', publishAt: null, expiresAt: null }, now, { submitting: true })).toEqual({});
  });
  it('refuses an expiry before publication and a past publication time on submit', () => {
    expect(checkNoticeDates({ category: 'notice', publishAt: '2026-06-03T00:00:00Z', expiresAt: '2026-06-02T00:00:00Z' }, now, { submitting: false }).expiresAt).toBe('notice.expiresBeforePublish');
    expect(checkNoticeDates({ category: 'notice', publishAt: '2026-05-01T00:00:00Z', expiresAt: null }, now, { submitting: true }).publishAt).toBe('notice.publishInPast');
    expect(checkNoticeDates({ category: 'notice', publishAt: '2026-05-01T00:00:00Z', expiresAt: null }, now, { submitting: false })).toEqual({});
  });
});

describe('coverage board', () => {
  it('colours and orders units red first', () => {
    expect(coverageOf({ firstReadAt: null, offlineAt: null, portalUsers: 0 })).toBe('unreachable');
    expect(coverageOf({ firstReadAt: null, offlineAt: null, portalUsers: 2 })).toBe('unread');
    expect(coverageOf({ firstReadAt: null, offlineAt: 'x', portalUsers: 0 })).toBe('offline');
    expect(coverageOf({ firstReadAt: 'x', offlineAt: null, portalUsers: 1 })).toBe('read');
    expect(COVERAGE_ORDER.unreachable).toBeLessThan(COVERAGE_ORDER.unread);
  });
  it('sums the board', () => {
    const s = coverageSummary([
      { firstReadAt: 'a', offlineAt: null, ackAt: 'a', portalUsers: 1 },
      { firstReadAt: null, offlineAt: null, ackAt: null, portalUsers: 1 },
      { firstReadAt: null, offlineAt: null, ackAt: null, portalUsers: 0 },
      { firstReadAt: null, offlineAt: 'b', ackAt: null, portalUsers: 0 },
    ]);
    expect(s).toEqual({ total: 4, read: 1, unread: 1, unreachable: 1, offline: 1, acknowledged: 1, rate: 50 });
  });
  it('reminds at most once a day, only reachable units without acknowledgement', () => {
    const pub = '2026-05-31T01:00:00Z';
    expect(reminderDue({ ackAt: null, offlineAt: null, portalUsers: 1, lastRemindedAt: null }, pub, now)).toBe(true);
    expect(reminderDue({ ackAt: null, offlineAt: null, portalUsers: 1, lastRemindedAt: '2026-05-31T20:00:00Z' }, pub, now)).toBe(false);
    expect(reminderDue({ ackAt: 'x', offlineAt: null, portalUsers: 1, lastRemindedAt: null }, pub, now)).toBe(false);
    expect(reminderDue({ ackAt: null, offlineAt: null, portalUsers: 0, lastRemindedAt: null }, pub, now)).toBe(false);
    expect(reminderDue({ ackAt: null, offlineAt: null, portalUsers: 1, lastRemindedAt: null }, '2026-06-01T01:00:00Z', now)).toBe(false);
  });
  it('puts emergencies then pinned first in the portal', () => {
    const list = [
      { id: 1, category: 'notice', pinned: 0, publishedAt: '2026-05-03' },
      { id: 2, category: 'notice', pinned: 1, publishedAt: '2026-05-01' },
      { id: 3, category: 'emergency', pinned: 0, publishedAt: '2026-04-01' },
      { id: 4, category: 'notice', pinned: 0, publishedAt: '2026-05-04' },
    ];
    expect(list.sort(portalOrder).map((n) => n.id)).toEqual([3, 2, 4, 1]);
  });
});
