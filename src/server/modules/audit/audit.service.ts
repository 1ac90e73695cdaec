import { maskIdNumber, maskPhone } from '../../../core/mask.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Scope } from '../../../core/scope.ts';
import type { Db, Executor } from '../../db/database.ts';
import { fromJson, toJson } from '../../db/codec.ts';
import { auditRepository as repo, type AuditFilter } from './audit.repository.ts';

export interface Actor {
  id: number | null;
  /** The login name, as the audit log records it. */
  name: string;
  ip: string | null;
  /** The person's name, as timelines and printed forms show it. */
  displayName?: string;
}

export interface AuditEntry {
  action: 'create' | 'update' | 'archive' | 'reveal' | 'login' | 'import' | 'transfer' | 'end' | 'clock' | string;
  entity: string;
  entityId: number | string | null;
  estateId: number | null;
  summary: string;
  detail?: unknown;
}

/** Append-only log of every change and every reveal (R-AUDIT); written inside the caller's transaction. */
export class AuditService {
  constructor(
    private db: Db,
    private clock: Clock,
  ) {}

  record(trx: Executor, actor: Actor, e: AuditEntry) {
    return repo.insert(trx, {
      at: this.clock.now().toISOString(),
      estate_id: e.estateId,
      actor_id: actor.id,
      actor_name: actor.name,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId == null ? null : String(e.entityId),
      summary: e.summary.slice(0, 500),
      detail: fromJson(e.detail ?? null),
      ip: actor.ip,
    });
  }

  async list(filter: AuditFilter & { scope: Scope }) {
    const { items, total } = await repo.list(this.db, filter);
    return {
      total,
      items: items.map((r) => ({
        id: r.id,
        at: r.at,
        estateId: r.estate_id,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        summary: r.summary,
        detail: toJson<unknown>(r.detail),
        ip: r.ip,
      })),
    };
  }
}

/** Field-by-field difference of two records, for the audit detail of an update. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined || before[key] === after[key]) continue;
    // The audit log is readable by more people than may see full numbers: keep them masked here too.
    const mask = key.includes('phone') ? maskPhone : key.includes('id_number') ? maskIdNumber : null;
    out[key] = mask ? [mask(before[key] as string), mask(after[key] as string)] : [before[key], after[key]];
  }
  return out;
}
