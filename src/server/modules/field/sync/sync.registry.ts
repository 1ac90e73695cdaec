/**
 * Kinds of offline records the field app sends through POST /api/v1/field/sync. Rounds registers
 * `round_result`; renovation violations, home visits and others add theirs with `registerSyncKind`.
 */
import type { z } from 'zod';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';

export interface SyncContext {
  actor: Actor;
  auth: AuthContext;
  clientUuid: string;
  deviceId: string;
  /** device clock − server clock for this batch, ms (positive: the device runs ahead) */
  skewMs: number;
  /** |skew| above 2 minutes: store corrected times and flag them (A.3.6 rule 4) */
  skewFlag: boolean;
  serverNow: Date;
}

export interface SyncOutcome {
  /** the estate the record belongs to: idempotency is per (estate, client UUID) */
  estateId: number;
  /** ids the client keeps (resultId, findingIds, ticketIds…) and gets back again on a replay */
  ids: Record<string, number | number[]>;
  /** work after commit (outside notification delivery) */
  after?: Array<() => Promise<void>>;
}

/**
 * Runs inside the item's own transaction. Throw `SyncRejection` (rounds/results.service.ts) for a
 * refusal the user should see; an AppError is turned into a rejection too. Anything written is
 * rolled back on a throw.
 */
export type SyncHandler<T> = (trx: Executor, ctx: SyncContext, payload: T) => Promise<SyncOutcome>;

export interface SyncKind<T = any> {
  schema: z.ZodType<T>;
  handler: SyncHandler<T>;
}

export class SyncRegistry {
  private kinds = new Map<string, SyncKind>();

  registerSyncKind<S extends z.ZodType>(kind: string, schema: S, handler: SyncHandler<z.infer<S>>) {
    if (!/^[a-z][a-z0-9_]{1,31}$/.test(kind)) throw new Error(`bad sync kind ${kind}`);
    if (this.kinds.has(kind)) throw new Error(`sync kind ${kind} registered twice`);
    this.kinds.set(kind, { schema, handler });
  }

  get(kind: string): SyncKind | undefined {
    return this.kinds.get(kind);
  }

  names(): string[] {
    return [...this.kinds.keys()].sort();
  }
}
