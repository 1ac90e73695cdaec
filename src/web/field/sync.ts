/**
 * Sends the outbox: photos to /field/photos one by one, then the records that reference them to
 * /field/sync in batches, oldest first (core/outbox.ts decides what and when). One run at a time per
 * tab; the server's idempotency on (estate, client UUID) makes a run repeated by two tabs harmless.
 */
import {
  afterAnswer,
  afterFailure,
  afterSignedOut,
  blockedByRejection,
  discardLine,
  type LocalRoundResult,
  type OutboxRecord,
  planSend,
  toWireResult,
} from '../../core/outbox.ts';
import { api, ApiError } from '../api/client.ts';
import { allRecords, deleteRecords, newUuid, type PhotoPayload, putRecords } from './outbox-db.ts';
import type { SyncResponse } from './types.ts';

const DEVICE_KEY = 'wd.field.device';
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = newUuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export interface SyncOutcome {
  sent: number;
  failed: number;
  /** The session ended: nothing more is tried until the same user signs in again (rule 8). */
  signedOut: boolean;
  /** Device clock minus server clock of the last batch, as the server measured it. */
  skewMs?: number;
}

/** A 4xx other than 401/408/429 will not get better by sending again: the record is refused. */
function isFinal(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status);
}

async function uploadPhoto(r: OutboxRecord): Promise<OutboxRecord> {
  const p = r.payload as PhotoPayload;
  const form = new FormData();
  form.append('clientUuid', r.clientUuid);
  form.append('estateId', String(r.estateId));
  form.append('file', p.blob, `${r.clientUuid}.jpg`);
  const res = await api<{ photoId: number; duplicate: boolean }>('/api/v1/field/photos', { method: 'POST', body: form });
  return { ...r, state: 'done', attempts: r.attempts + 1, lastError: undefined, nextAttemptAt: undefined, photoId: res.photoId, duplicate: res.duplicate };
}

let running: { userId: number; p: Promise<SyncOutcome> } | null = null;

/**
 * Sends what is due for `userId`; `force` (立即同步) ignores the backoff. A call during a run for the
 * same user joins it; a run for another user (the phone changed hands) is waited for first.
 */
export function syncOutbox(userId: number, force = false): Promise<SyncOutcome> {
  if (running?.userId === userId) return running.p;
  const before = running?.p.catch(() => undefined) ?? Promise.resolve();
  const p: Promise<SyncOutcome> = before
    .then(() => run(userId, force))
    .finally(() => {
      if (running?.p === p) running = null;
    });
  running = { userId, p };
  return p;
}

/** When the next record of `userId` in backoff falls due (ms since epoch), if any. */
export async function nextDue(userId: number): Promise<number | undefined> {
  const due = (await allRecords()).filter((r) => r.userId === userId && r.state === 'queued' && r.nextAttemptAt).map((r) => r.nextAttemptAt!);
  return due.length ? Math.min(...due) : undefined;
}

async function run(userId: number, force: boolean): Promise<SyncOutcome> {
  const out: SyncOutcome = { sent: 0, failed: 0, signedOut: false };
  const fail = async (recs: OutboxRecord[], err: unknown) => {
    if (err instanceof ApiError && err.status === 401) out.signedOut = true;
    const msg = err instanceof Error ? err.message : String(err);
    const after = (r: OutboxRecord) =>
      out.signedOut ? afterSignedOut(r, msg) : isFinal(err) ? afterAnswer(r, { clientUuid: r.clientUuid, status: 'rejected', reason: msg }) : afterFailure(r, Date.now(), msg);
    await putRecords(recs.map(after));
    out.failed += recs.length;
  };

  // Photos first: a result is sent only once every photo it names has a server id.
  for (const photo of planSend(await allRecords(), userId, Date.now(), force).photos) {
    await putRecords([{ ...photo, state: 'sending' }]);
    try {
      await putRecords([await uploadPhoto(photo)]);
      out.sent++;
    } catch (err) {
      await fail([photo], err);
      if (out.signedOut || (err instanceof ApiError && err.status === 0)) return out;
    }
  }

  for (let round = 0; round < 50; round++) {
    const records = await allRecords();
    const blocked = blockedByRejection(records.filter((r) => r.userId === userId));
    if (blocked.length)
      await putRecords(blocked.map(({ record, cause }) => afterAnswer(record, { clientUuid: record.clientUuid, status: 'rejected', reason: cause })));
    const items = planSend(records, userId, Date.now(), force).items.filter((r) => !blocked.some((b) => b.record.clientUuid === r.clientUuid));
    if (!items.length) break;
    const photoIds = new Map(records.filter((r) => r.kind === 'photo' && r.photoId !== undefined).map((r) => [r.clientUuid, r.photoId!]));
    await putRecords(items.map((r) => ({ ...r, state: 'sending' as const })));
    try {
      const res = await api<SyncResponse>('/api/v1/field/sync', {
        method: 'POST',
        body: {
          deviceId: deviceId(),
          deviceNow: new Date().toISOString(),
          items: items.map((r) => ({
            clientUuid: r.clientUuid,
            kind: r.kind,
            payload: r.kind === 'round_result' ? toWireResult(r.payload as LocalRoundResult, (u) => photoIds.get(u)) : r.payload,
          })),
        },
      });
      out.skewMs = res.skewMs;
      const answers = new Map(res.results.map((a) => [a.clientUuid, a]));
      await putRecords(
        items.map((r) => {
          const a = answers.get(r.clientUuid);
          return a ? afterAnswer(r, a) : afterFailure(r, Date.now(), 'no answer');
        }),
      );
      out.sent += res.results.filter((a) => a.status !== 'rejected').length;
    } catch (err) {
      await fail(items, err);
      return out;
    }
  }
  return out;
}

/**
 * A supervisor discards other users' unsent records (rule 8): the server keeps each one first
 * (POST /field/discards), then they are deleted here. Offline this throws and nothing is deleted.
 */
export async function discardRecords(records: OutboxRecord[], reason: string): Promise<number> {
  if (!records.length) return 0;
  const res = await api<{ results: { clientUuid: string; status: string }[] }>('/api/v1/field/discards', {
    method: 'POST',
    body: { deviceId: deviceId(), reason, items: records.map(discardLine) },
  });
  await deleteRecords(res.results.map((r) => r.clientUuid));
  return res.results.length;
}
