/**
 * Who runs a billing run. A run carries its owner (host:pid:boot of the server instance) and a
 * heartbeat, renewed as chunks complete and on a timer while a long step runs. A run whose owner
 * is gone — its lease expired, or it ran on this host in a process that no longer exists (or in
 * this very process's previous life, as a restarted container has the same pid) — no longer
 * blocks its period: it is marked interrupted at start-up, or when a new run of the period asks.
 * Lines are idempotent by charge key, so the rerun completes the period without duplicates.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** A run that showed no life for this long is taken as dead. */
export const RUN_LEASE_MS = 120_000;
/** How often a running run renews its lease even when no chunk completed. */
export const HEARTBEAT_MS = 20_000;

/** This host's name as the owner field writes it (INSTANCE_ID overrides it where host names repeat). */
export const INSTANCE_HOST = (process.env.INSTANCE_ID || os.hostname()).replaceAll(':', '_');
/** This server process. */
export const INSTANCE = `${INSTANCE_HOST}:${process.pid}:${randomBytes(4).toString('hex')}`;

export interface LeasedRun {
  owner: string | null;
  heartbeat_at: string | null;
  created_at: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a run still marked running has no living owner any more. */
export function ownerGone(run: LeasedRun, now: Date): boolean {
  const last = Date.parse(run.heartbeat_at ?? run.created_at);
  if (last < now.getTime() - RUN_LEASE_MS) return true;
  if (!run.owner || run.owner === INSTANCE) return false;
  const [host, pidText] = run.owner.split(':');
  const pid = Number(pidText);
  if (host !== INSTANCE_HOST || !Number.isInteger(pid) || pid <= 0) return false;
  return pid === process.pid || !processAlive(pid);
}
