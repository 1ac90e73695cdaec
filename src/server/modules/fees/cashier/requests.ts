/**
 * Requests decided by someone else (manual 4.1.3: 冲正 and 减免 are asked for with a reason and
 * decided by the assistant or the director): the columns of a new request, who may decide it, and
 * the one conditional update that lets only the first decision win.
 */
import type { Executor } from '../../../db/database.ts';
import { conflict } from '../../../http/errors.ts';
import type { Actor } from '../../audit/audit.service.ts';

/** The columns of a new, undecided request. */
export function pendingRequest(actor: Actor, at: string) {
  return {
    status: 'pending',
    requested_by: actor.id,
    requested_by_name: actor.displayName ?? actor.name,
    requested_at: at,
    decided_by: null,
    decided_by_name: null,
    decided_at: null,
    decision_note: null,
  } as const;
}

/** 409 unless the request is still pending and the actor did not ask for it himself. */
export function assertDecidable(r: { status: string; requested_by: number | null }, actor: Actor) {
  if (r.status !== 'pending') throw conflict('conflict.decided');
  if (r.requested_by != null && r.requested_by === actor.id) throw conflict('conflict.ownRequest');
}

/** Decides a pending request (with `extra` columns); 409 when another decision came first. */
export async function markDecided(trx: Executor, table: 'payment_reversals' | 'fee_waivers', id: number, d: { actor: Actor; approve: boolean; note: string | null; at: string }, extra: { business_date?: string | null } = {}) {
  const res = await trx
    .updateTable(table)
    .set({ status: d.approve ? 'approved' : 'rejected', decided_by: d.actor.id, decided_by_name: d.actor.displayName ?? d.actor.name, decided_at: d.at, decision_note: d.note, ...extra })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.decided');
}

/** The decision part of a request as the API shows it. */
interface Decision {
  status: string;
  reason: string;
  requested_by_name: string;
  requested_at: string;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export function presentDecision(r: Decision) {
  return {
    status: r.status as 'pending' | 'approved' | 'rejected',
    reason: r.reason,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  };
}
