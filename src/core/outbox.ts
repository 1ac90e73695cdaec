/**
 * The field app's outbox rules (design A.3.6, X3), without I/O: which records may be sent now, in
 * which order, how long to wait after a failure, and what an answer from the server does to a record.
 * The web app keeps the records in IndexedDB (src/web/field/outbox-db.ts) and calls these functions.
 */

export type OutboxState = 'queued' | 'sending' | 'done' | 'rejected';
/** `photo` records are uploaded to /field/photos; every other kind goes through /field/sync. */
export type OutboxKind = 'photo' | 'round_result' | 'finding' | 'violation' | 'home_visit';

export interface OutboxRecord<P = unknown> {
  clientUuid: string;
  kind: OutboxKind;
  payload: P;
  /** Device time of recording (ISO); the queue is sent oldest first. */
  createdAt: string;
  userId: number;
  /** The owner's name as he signed in, for a supervisor who sees it on a shared phone. */
  userName?: string;
  estateId: number;
  /** Client UUIDs that must be done before this record is sent (its photos). */
  dependsOn: string[];
  attempts: number;
  lastError?: string;
  state: OutboxState;
  /** Earliest time of the next attempt (ms since epoch); absent = at once. */
  nextAttemptAt?: number;
  /** What the server answered: the photo id, or the ids of a result. */
  photoId?: number;
  ids?: Record<string, unknown>;
  /** True when the server said `duplicate` (it had the record already). */
  duplicate?: boolean;
}

export const BACKOFF_FIRST_MS = 5_000;
export const BACKOFF_MAX_MS = 10 * 60_000;
/** Records of one sync request; the server takes them in one transaction each. */
export const SYNC_BATCH = 20;

/** Wait after the n-th failed attempt: 5 s, 10 s, 20 s … capped at 10 min. */
export function backoffMs(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(BACKOFF_FIRST_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);
}

const byAge = (a: OutboxRecord, b: OutboxRecord) => a.createdAt.localeCompare(b.createdAt) || a.clientUuid.localeCompare(b.clientUuid);

/** A record still to be sent; `sending` left over from a closed tab counts as queued. */
export const isPending = (r: OutboxRecord) => r.state === 'queued' || r.state === 'sending';

export interface SendPlan {
  photos: OutboxRecord[];
  items: OutboxRecord[];
}

/**
 * What to send now for `userId` (rule 8: another user's records stay put): photos first, then the
 * records whose photos are all done; oldest first; records still in backoff wait unless `force`
 * (立即同步). Items go in batches of SYNC_BATCH.
 */
export function planSend(records: OutboxRecord[], userId: number, nowMs: number, force = false): SendPlan {
  const byUuid = new Map(records.map((r) => [r.clientUuid, r]));
  const due = records
    .filter((r) => r.userId === userId && isPending(r) && (force || (r.nextAttemptAt ?? 0) <= nowMs))
    .sort(byAge);
  const photos = due.filter((r) => r.kind === 'photo');
  const items = due.filter((r) => r.kind !== 'photo' && r.dependsOn.every((d) => byUuid.get(d)?.state === 'done'));
  return { photos, items: items.slice(0, SYNC_BATCH) };
}

/**
 * Records that can never be sent because a photo they need was refused (or is missing from the
 * device): they are refused too, naming the cause, instead of waiting forever.
 */
export function blockedByRejection(records: OutboxRecord[]): { record: OutboxRecord; cause: string }[] {
  const byUuid = new Map(records.map((r) => [r.clientUuid, r]));
  const out: { record: OutboxRecord; cause: string }[] = [];
  for (const r of records) {
    if (!isPending(r)) continue;
    for (const d of r.dependsOn) {
      const dep = byUuid.get(d);
      if (!dep || dep.state === 'rejected') {
        out.push({ record: r, cause: dep?.lastError ?? d });
        break;
      }
    }
  }
  return out;
}

/** A failed attempt (network, server error): back off; the record stays queued. */
export function afterFailure<R extends OutboxRecord>(r: R, nowMs: number, error: string): R {
  const attempts = r.attempts + 1;
  return { ...r, state: 'queued', attempts, lastError: error, nextAttemptAt: nowMs + backoffMs(attempts) };
}

/**
 * Refused because nobody is signed in (401): neither the record's fault nor the server's, so no
 * backoff. It goes with the first send after its user signs in again; a backoff earned while he
 * was signed out held it up to a minute after he was back.
 */
export function afterSignedOut<R extends OutboxRecord>(r: R, error: string): R {
  return { ...r, state: 'queued', lastError: error, nextAttemptAt: undefined };
}

export interface SyncAnswer {
  clientUuid: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
  code?: string;
  ids?: Record<string, unknown>;
}

/** The server's answer for one record: accepted and duplicate are both done (the server has it once). */
export function afterAnswer<R extends OutboxRecord>(r: R, a: SyncAnswer): R {
  if (a.status === 'rejected')
    return { ...r, state: 'rejected', attempts: r.attempts + 1, lastError: a.reason ?? a.code ?? 'rejected', nextAttemptAt: undefined };
  return { ...r, state: 'done', attempts: r.attempts + 1, lastError: undefined, nextAttemptAt: undefined, ids: a.ids, duplicate: a.status === 'duplicate' };
}

/** Outbox counts for the badge and the outbox screen. */
export function outboxCounts(records: OutboxRecord[], userId: number) {
  const mine = records.filter((r) => r.userId === userId);
  return {
    queued: mine.filter((r) => r.state === 'queued').length,
    sending: mine.filter((r) => r.state === 'sending').length,
    done: mine.filter((r) => r.state === 'done').length,
    rejected: mine.filter((r) => r.state === 'rejected').length,
    othersPending: records.filter((r) => r.userId !== userId && isPending(r)).length,
  };
}

// ---- rule 8: another user's unsent records on a shared phone ----

/** Another user's records still waiting on this phone, oldest first (the current user cannot send them). */
export function foreignPending(records: OutboxRecord[], userId: number): OutboxRecord[] {
  return records.filter((r) => r.userId !== userId && isPending(r)).sort(byAge);
}

/**
 * What a supervisor may discard (with a reason reported to the server first): every unsent record of
 * one other user (`ownerId`) or of all others, taken whole so a result never loses its photos and a
 * photo is never left behind. Nobody else discards anything; nobody discards his own records.
 */
export function discardable(records: OutboxRecord[], userId: number, mayDiscard: boolean, ownerId?: number): OutboxRecord[] {
  if (!mayDiscard || ownerId === userId) return [];
  return foreignPending(records, userId).filter((r) => ownerId === undefined || r.userId === ownerId);
}

/** The discard report's line for one record: what it was, without a photo's image. */
export function discardLine(r: OutboxRecord) {
  const payload = r.kind === 'photo' ? Object.fromEntries(Object.entries(r.payload as Record<string, unknown>).filter(([k]) => k !== 'blob')) : r.payload;
  return {
    clientUuid: r.clientUuid,
    kind: r.kind,
    ownerId: r.userId,
    estateId: r.estateId,
    recordedAt: r.createdAt,
    attempts: r.attempts,
    ...(r.lastError ? { lastError: r.lastError.slice(0, 500) } : {}),
    payload,
  };
}

/** Per owner: how many records wait, of which kinds, the oldest's age (ms) — for the supervisor's screen. */
export function foreignSummary(records: OutboxRecord[], userId: number, nowMs: number) {
  const out = new Map<number, { ownerId: number; ownerName?: string; count: number; kinds: Partial<Record<OutboxKind, number>>; oldestMs: number }>();
  for (const r of foreignPending(records, userId)) {
    const o = out.get(r.userId) ?? { ownerId: r.userId, ownerName: r.userName, count: 0, kinds: {}, oldestMs: 0 };
    o.count++;
    o.kinds[r.kind] = (o.kinds[r.kind] ?? 0) + 1;
    o.oldestMs = Math.max(o.oldestMs, nowMs - Date.parse(r.createdAt));
    o.ownerName ??= r.userName;
    out.set(r.userId, o);
  }
  return [...out.values()];
}

// ---- round results: photos are referenced by client UUID until the server has given their ids ----

export interface LocalIssue {
  description: string;
  photoUuids: string[];
  fixedOnSpot?: boolean;
  afterPhotoUuids?: string[];
  /** A renovation checkpoint's grading (sync.schemas issue.severity / issue.category). */
  severity?: 'minor' | 'major';
  category?: string;
  /** Days given to put a minor renovation violation right (renovation.ts MINOR_RECTIFY_*). */
  rectifyDays?: number;
}
export interface LocalAnswer {
  itemId: number;
  value: string | number;
  issue?: LocalIssue;
}
export interface LocalRoundResult {
  taskId: number;
  checkpointId: number;
  scanMethod: 'qr' | 'nfc' | 'manual';
  scannedToken?: string;
  manualReason?: string;
  observedAt: string;
  lat?: number;
  lng?: number;
  accuracy?: number;
  note?: string;
  answers: LocalAnswer[];
}

/** Photos a result needs, in order (issue photos, then after-photos). */
export function photoUuidsOf(p: LocalRoundResult): string[] {
  return p.answers.flatMap((a) => (a.issue ? [...a.issue.photoUuids, ...(a.issue.afterPhotoUuids ?? [])] : []));
}

/** The payload the sync API takes: photo client UUIDs replaced by the ids the server returned. */
export function toWireResult(p: LocalRoundResult, photoIdOf: (uuid: string) => number | undefined) {
  const id = (u: string) => {
    const v = photoIdOf(u);
    if (v === undefined) throw new Error(`photo ${u} not uploaded`);
    return v;
  };
  return {
    ...p,
    answers: p.answers.map((a) => {
      if (!a.issue) return { itemId: a.itemId, value: a.value };
      const { photoUuids, afterPhotoUuids, ...rest } = a.issue;
      return {
        itemId: a.itemId,
        value: a.value,
        issue: { ...rest, photoIds: photoUuids.map(id), ...(afterPhotoUuids ? { afterPhotoIds: afterPhotoUuids.map(id) } : {}) },
      };
    }),
  };
}

// ---- small helpers the phone pages share ----

/** UUID v4 from 16 random bytes (crypto.randomUUID is missing on plain-HTTP LAN pages). */
export function uuidFromBytes(bytes: Uint8Array): string {
  const b = Array.from(bytes.slice(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Size of a photo resized so its long edge is at most `maxEdge` (never enlarged). */
export function fitLongEdge(width: number, height: number, maxEdge = 1600): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxEdge) return { width, height };
  const k = maxEdge / long;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** The checkpoint token in a scanned QR: the printed label holds a /field/scan?t=… link or the bare token. */
export function tokenFromScan(text: string): string {
  const s = text.trim();
  try {
    const u = new URL(s);
    const t = u.searchParams.get('t');
    if (t) return t;
  } catch {
    /* not a URL: the bare token */
  }
  return s;
}

/** Share of the storage quota in use; the outbox screen warns from 80 %. */
export function storageWarning(usage: number | undefined, quota: number | undefined): { ratio: number; warn: boolean } {
  if (!usage || !quota) return { ratio: 0, warn: false };
  const ratio = usage / quota;
  return { ratio, warn: ratio >= 0.8 };
}
