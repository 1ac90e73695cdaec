/**
 * Offline home visits: the phone app's outbox (field/sync on branch w-rounds, FIELD-CONTRACT.md)
 * sends items of kind `home_visit` whose payload is the same body as POST /api/v1/home-visits.
 * The visit time is corrected by the batch's device-clock skew; every rule of the online form
 * applies (an AppError becomes the item's rejection). Registered from app.ts when the field module
 * is present (its `registerSyncKind`), so this branch builds with or without it.
 */
import type { z } from 'zod';
import { can } from '../../../../core/roles.ts';
import { forbidden } from '../../../http/errors.ts';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { visitInput } from './visits.schemas.ts';
import type { HomeVisitService } from './visits.service.ts';

/** The part of field/sync's SyncRegistry this module needs. */
export interface SyncKindRegistrar {
  registerSyncKind(
    kind: string,
    schema: z.ZodType,
    handler: (trx: Executor, ctx: { actor: Actor; auth: AuthContext; skewMs: number }, payload: any) => Promise<{ estateId: number; ids: Record<string, number | number[]>; after?: Array<() => Promise<void>> }>,
  ): void;
}

export function homeVisitSyncHandler(visits: HomeVisitService) {
  return async (trx: Executor, ctx: { actor: Actor; auth: AuthContext; skewMs: number }, payload: z.infer<typeof visitInput>) => {
    // The sync route admits everyone who works in the field; a visit record needs what the form's route needs.
    if (!can(ctx.auth.user.role, 'visit.write')) throw forbidden();
    const visitedAt = new Date(Date.parse(payload.visitedAt) - ctx.skewMs).toISOString();
    const done = await visits.recordIn(trx, ctx.actor, ctx.auth, { ...payload, visitedAt });
    const row = await trx.selectFrom('home_visits').select('estate_id').where('id', '=', done.id).executeTakeFirstOrThrow();
    return {
      estateId: row.estate_id,
      ids: { visitId: done.id, ...(done.ticketId ? { ticketId: done.ticketId } : {}) },
      after: done.deliveries.map((d) => () => visits.deliver(d)),
    };
  };
}

export function registerHomeVisitSync(field: SyncKindRegistrar, visits: HomeVisitService) {
  field.registerSyncKind('home_visit', visitInput, homeVisitSyncHandler(visits));
}
