/**
 * POST /api/v1/field/sync: each item in its own transaction, idempotent on (estate, client UUID):
 * a replay answers `duplicate` with the ids of the first time. Device time is corrected by the
 * batch's skew (A.3.6 rule 4). A refusal is an answer for that item, never a failed batch.
 */
import type { z } from 'zod';
import { SKEW_FLAG_MS, skewOf } from '../../../../core/rounds.ts';
import type { Clock } from '../../../../core/clock.ts';
import { visibleEstateIds } from '../../../../core/scope.ts';
import { fromJson, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { type Lang, t } from '../../../i18n/messages.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { SyncRejection } from '../rounds/results.service.ts';
import type { SyncRegistry } from './sync.registry.ts';
import type { syncBody, syncResult } from './sync.schemas.ts';

type Result = z.infer<typeof syncResult>;

export class SyncService {
  constructor(
    private db: Db,
    private clock: Clock,
    private registry: SyncRegistry,
  ) {}

  private async previous(db: Executor, auth: AuthContext, clientUuid: string) {
    let q = db.selectFrom('field_sync_log').select(['estate_id', 'ids', 'user_id']).where('client_uuid', '=', clientUuid);
    const estates = visibleEstateIds(auth.scope);
    if (estates !== 'all') q = q.where('estate_id', 'in', estates.length ? estates : [-1]);
    return q.executeTakeFirst();
  }

  async sync(actor: Actor, auth: AuthContext, body: z.infer<typeof syncBody>, lang: Lang) {
    const serverNow = this.clock.now();
    const skewMs = skewOf(new Date(body.deviceNow), serverNow);
    const skewFlag = Math.abs(skewMs) > SKEW_FLAG_MS;
    const results: Result[] = [];
    const rejected = (clientUuid: string, code: string, key: string, params?: Record<string, string | number>): Result => ({ clientUuid, status: 'rejected', code, reason: t(lang, key, params) });
    for (const item of body.items) {
      const prev = await this.previous(this.db, auth, item.clientUuid);
      if (prev) {
        results.push({ clientUuid: item.clientUuid, status: 'duplicate', ids: toJson(prev.ids) ?? {} });
        continue;
      }
      // A supervisor discarded it on the device (rule 8): it stays discarded.
      const gone = await this.db.selectFrom('field_discards').select('id').where('client_uuid', '=', item.clientUuid).where('owner_id', '=', actor.id!).executeTakeFirst();
      if (gone) {
        results.push(rejected(item.clientUuid, 'DISCARDED', 'field.sync.discarded'));
        continue;
      }
      const kind = this.registry.get(item.kind);
      if (!kind) {
        results.push(rejected(item.clientUuid, 'UNKNOWN_KIND', 'field.sync.unknownKind', { kind: item.kind.slice(0, 32) }));
        continue;
      }
      const parsed = kind.schema.safeParse(item.payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const path = issue.path.join('.') || 'payload';
        results.push(rejected(item.clientUuid, 'VALIDATION', 'field.sync.invalid', { field: path, message: issue.message.startsWith('field.') ? t(lang, issue.message) : issue.message }));
        continue;
      }
      const ctx = { actor, auth, clientUuid: item.clientUuid, deviceId: body.deviceId, skewMs, skewFlag, serverNow };
      try {
        const out = await this.db.transaction().execute(async (trx) => {
          const o = await kind.handler(trx, ctx, parsed.data);
          await trx.insertInto('field_sync_log').values({ estate_id: o.estateId, client_uuid: item.clientUuid, kind: item.kind, user_id: actor.id!, device_id: body.deviceId, ids: fromJson(o.ids)!, at: serverNow.toISOString() }).execute();
          return o;
        });
        results.push({ clientUuid: item.clientUuid, status: 'accepted', ids: out.ids });
        for (const f of out.after ?? []) await f().catch((err) => console.error('sync after-commit step failed', err));
      } catch (err) {
        // The same UUID sent twice at once: the loser of the unique key answers as a replay.
        const again = await this.previous(this.db, auth, item.clientUuid);
        if (again) results.push({ clientUuid: item.clientUuid, status: 'duplicate', ids: toJson(again.ids) ?? {} });
        else if (err instanceof SyncRejection) results.push(rejected(item.clientUuid, err.code, err.msg.key, err.msg.params));
        else if (err instanceof AppError) {
          const field = err.fields ? Object.values(err.fields)[0] : undefined;
          results.push(rejected(item.clientUuid, err.code, (field ?? err.msg).key, (field ?? err.msg).params));
        } else throw err;
      }
    }
    return { serverNow: serverNow.toISOString(), skewMs, results };
  }
}
