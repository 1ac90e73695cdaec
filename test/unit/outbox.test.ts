import { describe, expect, it } from 'vitest';
import {
  afterAnswer,
  afterFailure,
  afterSignedOut,
  backoffMs,
  blockedByRejection,
  discardable,
  discardLine,
  foreignPending,
  foreignSummary,
  fitLongEdge,
  type LocalRoundResult,
  type OutboxRecord,
  outboxCounts,
  photoUuidsOf,
  planSend,
  storageWarning,
  SYNC_BATCH,
  tokenFromScan,
  toWireResult,
  uuidFromBytes,
} from '../../src/core/outbox.ts';

function rec(uuid: string, over: Partial<OutboxRecord> = {}): OutboxRecord {
  return { clientUuid: uuid, kind: 'round_result', payload: {}, createdAt: `2026-12-01T02:00:0${uuid.length % 10}Z`, userId: 1, estateId: 1, dependsOn: [], attempts: 0, state: 'queued', ...over };
}

describe('backoff', () => {
  it('doubles from 5 s and stops at 10 min', () => {
    expect(backoffMs(0)).toBe(0);
    expect(backoffMs(1)).toBe(5_000);
    expect(backoffMs(2)).toBe(10_000);
    expect(backoffMs(3)).toBe(20_000);
    expect(backoffMs(8)).toBe(600_000);
    expect(backoffMs(30)).toBe(600_000);
  });
  it('a failure counts the attempt and waits; the record stays queued', () => {
    const r = afterFailure(rec('a', { state: 'sending' }), 1_000, 'offline');
    expect(r).toMatchObject({ state: 'queued', attempts: 1, lastError: 'offline', nextAttemptAt: 6_000 });
    expect(afterFailure(r, 6_000, 'offline').nextAttemptAt).toBe(16_000);
  });
  it('refused for want of a session, a record waits for no backoff: it goes with the first send once its user is back', () => {
    const held = afterFailure(rec('a', { state: 'sending' }), 1_000, 'offline');
    const r = afterSignedOut({ ...held, state: 'sending' }, '请先登录');
    expect(r).toMatchObject({ state: 'queued', attempts: 1, lastError: '请先登录', nextAttemptAt: undefined });
    expect(planSend([r], r.userId, 1_001, false).items.map((x) => x.clientUuid)).toEqual(['a']);
  });
});

describe('planSend', () => {
  it('sends photos first, then results whose photos are done, oldest first', () => {
    const records = [
      rec('r2', { createdAt: '2026-12-01T02:00:05Z', dependsOn: ['p2'] }),
      rec('p2', { kind: 'photo', createdAt: '2026-12-01T02:00:04Z' }),
      rec('r1', { createdAt: '2026-12-01T02:00:02Z' }),
      rec('p1', { kind: 'photo', createdAt: '2026-12-01T02:00:01Z', state: 'done' }),
      rec('r0', { createdAt: '2026-12-01T02:00:00Z', dependsOn: ['p1'] }),
    ];
    const plan = planSend(records, 1, 0);
    expect(plan.photos.map((r) => r.clientUuid)).toEqual(['p2']);
    expect(plan.items.map((r) => r.clientUuid)).toEqual(['r0', 'r1']);
  });
  it('never sends another user’s records (rule 8) nor finished ones', () => {
    const records = [rec('a', { userId: 2 }), rec('b', { state: 'done' }), rec('c', { state: 'rejected' }), rec('d', { state: 'sending' })];
    expect(planSend(records, 1, 0).items.map((r) => r.clientUuid)).toEqual(['d']);
    expect(planSend(records, 2, 0).items.map((r) => r.clientUuid)).toEqual(['a']);
  });
  it('waits out the backoff unless forced', () => {
    const records = [rec('a', { nextAttemptAt: 10_000 })];
    expect(planSend(records, 1, 9_999).items).toHaveLength(0);
    expect(planSend(records, 1, 10_000).items).toHaveLength(1);
    expect(planSend(records, 1, 0, true).items).toHaveLength(1);
  });
  it('cuts the items into batches', () => {
    const records = Array.from({ length: SYNC_BATCH + 5 }, (_, i) => rec(`r${String(i).padStart(3, '0')}`));
    expect(planSend(records, 1, 0).items).toHaveLength(SYNC_BATCH);
  });
});

describe('answers', () => {
  it('accepted and duplicate are done with the ids; rejected keeps the reason', () => {
    expect(afterAnswer(rec('a'), { clientUuid: 'a', status: 'accepted', ids: { resultId: 7 } })).toMatchObject({ state: 'done', ids: { resultId: 7 }, duplicate: false });
    expect(afterAnswer(rec('a'), { clientUuid: 'a', status: 'duplicate', ids: { resultId: 7 } })).toMatchObject({ state: 'done', duplicate: true });
    expect(afterAnswer(rec('a'), { clientUuid: 'a', status: 'rejected', reason: '观察时间在将来' })).toMatchObject({ state: 'rejected', lastError: '观察时间在将来' });
  });
  it('a record whose photo was refused or lost is refused too', () => {
    const records = [rec('p', { kind: 'photo', state: 'rejected', lastError: 'too big' }), rec('r', { dependsOn: ['p'] }), rec('s', { dependsOn: ['gone'] }), rec('t')];
    expect(blockedByRejection(records).map((b) => [b.record.clientUuid, b.cause])).toEqual([
      ['r', 'too big'],
      ['s', 'gone'],
    ]);
  });
  it('counts per user and the other users’ pending records', () => {
    const records = [rec('a'), rec('b', { state: 'done' }), rec('c', { state: 'rejected' }), rec('d', { userId: 9 }), rec('e', { userId: 9, state: 'done' })];
    expect(outboxCounts(records, 1)).toEqual({ queued: 1, sending: 0, done: 1, rejected: 1, othersPending: 1 });
  });
});

describe('round result payload', () => {
  const local: LocalRoundResult = {
    taskId: 1,
    checkpointId: 2,
    scanMethod: 'qr',
    scannedToken: 'tok',
    observedAt: '2026-12-01T02:00:00Z',
    answers: [
      { itemId: 1, value: 'ok' },
      { itemId: 2, value: 'issue', issue: { description: '灯不亮了', photoUuids: ['p1'], fixedOnSpot: true, afterPhotoUuids: ['p2'] } },
      { itemId: 3, value: 12.5 },
    ],
  };
  it('lists its photos and maps them to server ids', () => {
    expect(photoUuidsOf(local)).toEqual(['p1', 'p2']);
    const wire = toWireResult(local, (u) => ({ p1: 11, p2: 12 })[u]);
    expect(wire.answers[1]).toEqual({ itemId: 2, value: 'issue', issue: { description: '灯不亮了', photoIds: [11], fixedOnSpot: true, afterPhotoIds: [12] } });
    expect(wire.answers[0]).toEqual({ itemId: 1, value: 'ok' });
    expect(() => toWireResult(local, () => undefined)).toThrow(/not uploaded/);
  });
});

describe('helpers', () => {
  it('makes v4 UUIDs', () => {
    const u = uuidFromBytes(new Uint8Array(16).fill(255));
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('fits the long edge to 1600 px, never enlarging', () => {
    expect(fitLongEdge(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitLongEdge(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitLongEdge(800, 600)).toEqual({ width: 800, height: 600 });
  });
  it('reads the token from a printed QR link or bare text', () => {
    expect(tokenFromScan('https://wy.example.com/field/scan?t=AbC123')).toBe('AbC123');
    expect(tokenFromScan('  AbC123 ')).toBe('AbC123');
    expect(tokenFromScan('https://example.com/other')).toBe('https://example.com/other');
  });
  it('warns from 80 % of the quota', () => {
    expect(storageWarning(79, 100).warn).toBe(false);
    expect(storageWarning(80, 100)).toEqual({ ratio: 0.8, warn: true });
    expect(storageWarning(undefined, undefined).warn).toBe(false);
  });
});

describe('rule 8: another user\'s records on a shared phone', () => {
  const recs = [
    rec('a-photo', { kind: 'photo', userId: 2, userName: '张敏', payload: { blob: new Blob(['x']), taskId: 1, checkpointId: 2, itemId: 3, role: 'issue' }, createdAt: '2026-12-01T01:00:00Z' }),
    rec('a-result', { userId: 2, userName: '张敏', dependsOn: ['a-photo'], createdAt: '2026-12-01T01:00:01Z', attempts: 3, lastError: 'HTTP 401' }),
    rec('a-done', { userId: 2, state: 'done' }),
    rec('a-refused', { userId: 2, state: 'rejected' }),
    rec('b-visit', { kind: 'home_visit', userId: 3, createdAt: '2026-12-01T03:00:00Z' }),
    rec('mine', { userId: 1 }),
  ];

  it('the signed-in user never sends them', () => {
    expect(planSend(recs, 1, Date.now(), true).items.map((r) => r.clientUuid)).toEqual(['mine']);
    expect(foreignPending(recs, 1).map((r) => r.clientUuid)).toEqual(['a-photo', 'a-result', 'b-visit']);
  });

  it('only a supervisor discards, only others\' unsent records, an owner\'s queue whole (photos with their results)', () => {
    expect(discardable(recs, 1, false)).toEqual([]);
    expect(discardable(recs, 1, true, 1)).toEqual([]);
    expect(discardable(recs, 1, true, 2).map((r) => r.clientUuid)).toEqual(['a-photo', 'a-result']);
    expect(discardable(recs, 1, true).map((r) => r.clientUuid)).toEqual(['a-photo', 'a-result', 'b-visit']);
    // done and refused ones are not pending: they are nobody's loss and stay for their owner to read
    expect(discardable(recs, 1, true).some((r) => r.state === 'done' || r.state === 'rejected')).toBe(false);
  });

  it('reports what each record was, without a photo\'s image', () => {
    const [photo, result] = discardable(recs, 1, true, 2).map(discardLine);
    expect(photo).toEqual({ clientUuid: 'a-photo', kind: 'photo', ownerId: 2, estateId: 1, recordedAt: '2026-12-01T01:00:00Z', attempts: 0, payload: { taskId: 1, checkpointId: 2, itemId: 3, role: 'issue' } });
    expect(result).toMatchObject({ clientUuid: 'a-result', kind: 'round_result', ownerId: 2, attempts: 3, lastError: 'HTTP 401' });
  });

  it('sums up per owner: count, kinds, age of the oldest', () => {
    const now = Date.parse('2026-12-01T05:00:00Z');
    expect(foreignSummary(recs, 1, now)).toEqual([
      { ownerId: 2, ownerName: '张敏', count: 2, kinds: { photo: 1, round_result: 1 }, oldestMs: 4 * 3_600_000 },
      { ownerId: 3, ownerName: undefined, count: 1, kinds: { home_visit: 1 }, oldestMs: 2 * 3_600_000 },
    ]);
    expect(outboxCounts(recs, 1).othersPending).toBe(3);
  });
});
