import { maskIdNumber, maskPhone } from '../../../core/mask.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Scope } from '../../../core/scope.ts';
import type { Db, Executor } from '../../db/database.ts';
import { fromJson, toJson } from '../../db/codec.ts';
import type { Msg } from '../../http/errors.ts';
import { hasKey, type Lang, t } from '../../i18n/messages.ts';
import { auditActionLabel, auditEntityLabel } from './audit.labels.ts';
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
  /** A key from audit.messages.ts with its parameters, so each reader gets his language. */
  summary: Msg | string;
  /** The record's business number as people know it: receipt number, close date, ticket number, unit label. */
  ref?: string | null;
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
      summary: (typeof e.summary === 'string' ? e.summary : renderAudit('zh-CN', e.summary)).slice(0, 500),
      message: typeof e.summary === 'string' ? null : fromJson(e.summary),
      entity_ref: e.ref == null ? null : e.ref.slice(0, 200),
      detail: fromJson(e.detail ?? null),
      ip: actor.ip,
    });
  }

  async list(filter: AuditFilter & { scope: Scope }, lang: Lang = 'zh-CN') {
    const { items, total } = await repo.list(this.db, filter);
    return {
      total,
      items: items.map((r) => ({
        id: r.id,
        at: r.at,
        estateId: r.estate_id,
        actorId: r.actor_id,
        actorName: r.actor_name,
        actorDisplayName: r.actor_display_name ?? r.actor_name,
        action: r.action,
        actionLabel: auditActionLabel(r.action, lang),
        entity: r.entity,
        entityLabel: auditEntityLabel(r.entity, lang),
        entityId: r.entity_id,
        entityRef: r.entity_ref,
        // Rows written before migration 009 keep their stored Chinese text.
        summary: r.message ? renderAudit(lang, toJson<Msg>(r.message)!) : r.summary,
        detail: toJson<unknown>(r.detail),
        ip: r.ip,
      })),
    };
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || v === 0;
const paramText = (lang: Lang, v: string | number) => (typeof v === 'string' && /^(audit|status|notice|activity)\./.test(v) && hasKey(v) ? t(lang, v) : String(v));

/** An audit message in `lang`: optional `[ … ]` parts only when their parameters are not empty. */
export function renderAudit(lang: Lang, m: Msg): string {
  const p = m.params ?? {};
  return t(lang, m.key)
    .replace(/\[([^[\]]*)\]/g, (_, inner: string) => ([...inner.matchAll(/\{(\w+)\}/g)].some((x) => isEmpty(p[x[1]!])) ? '' : inner))
    .replace(/\{(\w+)\}/g, (whole, k: string) => (k in p ? paramText(lang, p[k]!) : whole));
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
