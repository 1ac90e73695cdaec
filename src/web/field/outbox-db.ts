/**
 * The phone's own storage (IndexedDB): the outbox (one record per mutation, photos as blobs in their
 * records) and the cached task pack and session of the user who fetched them. Pages hear of every
 * change through `onOutboxChange`, also from other tabs (BroadcastChannel).
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type OutboxRecord, uuidFromBytes } from '../../core/outbox.ts';
import type { Me } from '../api/types.ts';
import type { TaskPack } from './types.ts';

export interface PhotoPayload {
  blob: Blob;
  /** Where the photo belongs, to show it beside its answer. */
  taskId: number;
  checkpointId: number;
  itemId: number;
  role: 'issue' | 'after';
}

interface Cached<T> {
  userId: number;
  savedAt: string;
  value: T;
}

interface FieldDB extends DBSchema {
  outbox: { key: string; value: OutboxRecord; indexes: { byCreated: string } };
  cache: { key: string; value: Cached<unknown> };
}

let dbp: Promise<IDBPDatabase<FieldDB>> | null = null;
function db() {
  dbp ??= openDB<FieldDB>('wuye-field', 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'clientUuid' }).createIndex('byCreated', 'createdAt');
      d.createObjectStore('cache');
    },
  });
  return dbp;
}

const events = new EventTarget();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('wuye-field-outbox');
channel?.addEventListener('message', () => events.dispatchEvent(new Event('change')));
function changed() {
  events.dispatchEvent(new Event('change'));
  channel?.postMessage('change');
}
export function onOutboxChange(fn: () => void): () => void {
  events.addEventListener('change', fn);
  return () => events.removeEventListener('change', fn);
}

export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

export async function allRecords(): Promise<OutboxRecord[]> {
  return (await db()).getAllFromIndex('outbox', 'byCreated');
}

/** Adds records in one transaction: a result and its photos are queued together or not at all. */
export async function addRecords(records: OutboxRecord[]): Promise<void> {
  const tx = (await db()).transaction('outbox', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.add(r)), tx.done]);
  changed();
}

export async function putRecords(records: OutboxRecord[]): Promise<void> {
  if (!records.length) return;
  const tx = (await db()).transaction('outbox', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  changed();
}

/** Removes records the server has answered for (a supervisor's discard, rule 8). */
export async function deleteRecords(uuids: string[]): Promise<void> {
  if (!uuids.length) return;
  const tx = (await db()).transaction('outbox', 'readwrite');
  await Promise.all([...uuids.map((u) => tx.store.delete(u)), tx.done]);
  changed();
}

export async function getCached<T>(key: string, userId?: number): Promise<Cached<T> | undefined> {
  const v = (await (await db()).get('cache', key)) as Cached<T> | undefined;
  if (v && userId !== undefined && v.userId !== userId) return undefined;
  return v;
}

export async function setCached<T>(key: string, userId: number, value: T): Promise<void> {
  await (await db()).put('cache', { userId, savedAt: new Date().toISOString(), value }, key);
}

export const PACK_KEY = 'pack';
export const ME_CACHE_KEY = 'me';
export const savePack = (userId: number, pack: TaskPack) => setCached(PACK_KEY, userId, pack);
export const loadPack = (userId: number) => getCached<TaskPack>(PACK_KEY, userId);
export const saveMe = (me: Me) => setCached(ME_CACHE_KEY, me.user.id, me);

/**
 * At logout (rule 10): the task pack, the cached session and what was already sent are removed;
 * records not yet sent stay for their user's next login, refused ones stay for him to read.
 */
export async function clearAtLogout(): Promise<void> {
  const d = await db();
  const tx = d.transaction(['outbox', 'cache'], 'readwrite');
  await tx.objectStore('cache').clear();
  let cursor = await tx.objectStore('outbox').openCursor();
  while (cursor) {
    if (cursor.value.state === 'done') await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
  changed();
}
