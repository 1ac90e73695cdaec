/**
 * A supervisor discards, on a shared phone, records another user queued and never sent (design A.3.6
 * rule 8). The phone removes them only after this report is stored: one row per record in
 * field_discards and one audit entry each, and the owner is told, so nothing vanishes silently.
 * A record the server already has (field_sync_log) is answered `arrived`: it was not lost.
 */
import type { z } from 'zod';
import type { Clock } from '../../../../core/clock.ts';
import { seesEstate, seesWholeEstate } from '../../../../core/scope.ts';
import { fromJson, toJson } from '../../../db/codec.ts';
import type { Db } from '../../../db/database.ts';
import { forbidden, invalid, type Msg, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { discardBody, discardQuery } from './sync.schemas.ts';

/** A discarded record's content is kept as evidence up to this size (photos are sent without the image). */
const PAYLOAD_MAX = 20_000;

export class DiscardService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
  ) {}

  async report(actor: Actor, auth: AuthContext, body: z.infer<typeof discardBody>) {
    const at = this.clock.now().toISOString();
    // Every record first: a bad one refuses the whole report, nothing half-written.
    for (const [i, it] of body.items.entries()) {
      if (!seesEstate(auth.scope, it.estateId) || !seesWholeEstate(auth.scope, it.estateId)) throw forbidden();
      if (it.ownerId === actor.id) throw invalid(`items.${i}.ownerId`, 'field.discard.self');
      const json = it.payload === undefined ? null : JSON.stringify(it.payload);
      if (json && json.length > PAYLOAD_MAX) throw invalid(`items.${i}.payload`, 'field.discard.payloadSize', { max: PAYLOAD_MAX });
      if (body.items.findIndex((x) => x.clientUuid.toLowerCase() === it.clientUuid.toLowerCase()) !== i) throw invalid(`items.${i}.clientUuid`, 'field.discard.twice');
    }
    const ownerIds = [...new Set(body.items.map((x) => x.ownerId))];
    const owners = await this.db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ownerIds).execute();
    const bad = body.items.findIndex((x) => !owners.some((o) => o.id === x.ownerId));
    if (bad >= 0) throw invalid(`items.${bad}.ownerId`, 'field.discard.owner');
    const nameOf = (id: number) => {
      const o = owners.find((x) => x.id === id)!;
      return o.display_name || o.username;
    };

    const told: Array<{ userIds: number[]; title: Msg; body: Msg }> = [];
    const results = await this.db.transaction().execute(async (trx) => {
      const out: Array<{ clientUuid: string; status: 'recorded' | 'duplicate' | 'arrived' }> = [];
      const byOwner = new Map<number, { estateId: number; kinds: Set<string>; n: number }>();
      for (const it of body.items) {
        const arrived = await trx.selectFrom('field_sync_log').select('id').where('estate_id', '=', it.estateId).where('client_uuid', '=', it.clientUuid).executeTakeFirst();
        const photo = !arrived && it.kind === 'photo' ? await trx.selectFrom('field_photos').select('id').where('estate_id', '=', it.estateId).where('client_uuid', '=', it.clientUuid).executeTakeFirst() : undefined;
        if (arrived || photo) {
          out.push({ clientUuid: it.clientUuid, status: 'arrived' });
          continue;
        }
        const dup = await trx.selectFrom('field_discards').select('id').where('estate_id', '=', it.estateId).where('client_uuid', '=', it.clientUuid).executeTakeFirst();
        if (dup) {
          out.push({ clientUuid: it.clientUuid, status: 'duplicate' });
          continue;
        }
        const row = await trx
          .insertInto('field_discards')
          .values({
            estate_id: it.estateId, client_uuid: it.clientUuid, kind: it.kind, owner_id: it.ownerId, recorded_at: new Date(it.recordedAt).toISOString(), attempts: it.attempts,
            last_error: it.lastError ?? null, payload: it.payload === undefined ? null : fromJson(it.payload), reason: body.reason, device_id: body.deviceId, discarded_by: actor.id!, at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.audit.record(trx, actor, {
          action: 'discard',
          entity: 'field_record',
          entityId: row.id,
          estateId: it.estateId,
          ref: it.clientUuid,
          summary: { key: 'audit.field.discard', params: { owner: nameOf(it.ownerId), kind: `type.fieldRecord.${it.kind}`, uuid: it.clientUuid, reason: body.reason } },
          detail: { clientUuid: it.clientUuid, kind: it.kind, ownerId: it.ownerId, recordedAt: it.recordedAt, attempts: it.attempts, lastError: it.lastError ?? null, deviceId: body.deviceId, reason: body.reason },
        });
        const o = byOwner.get(it.ownerId) ?? { estateId: it.estateId, kinds: new Set<string>(), n: 0 };
        o.kinds.add(it.kind);
        o.n++;
        byOwner.set(it.ownerId, o);
        out.push({ clientUuid: it.clientUuid, status: 'recorded' });
      }
      const by = actor.displayName ?? actor.name;
      for (const [ownerId, o] of byOwner) {
        const title: Msg = { key: 'notify.fieldDiscard.title', params: { n: o.n } };
        const text: Msg = { key: 'notify.fieldDiscard.body', params: { by, n: o.n, reason: body.reason } };
        const userIds = await this.notifications.notify(trx, { userIds: [ownerId], estateId: o.estateId, kind: 'field_discard', title, body: text, dedupeKey: `field-discard:${body.deviceId}:${at}:${ownerId}` });
        told.push({ userIds, title, body: text });
      }
      return out;
    });
    for (const d of told) await this.notifications.deliver(d.userIds, d.title, d.body).catch((err) => console.error('discard notification failed', err));
    return { results };
  }

  async list(auth: AuthContext, q: z.infer<typeof discardQuery>) {
    if (!seesEstate(auth.scope, q.estateId)) throw notFound('entity.estate');
    const base = this.db.selectFrom('field_discards as d').where('d.estate_id', '=', q.estateId);
    const [rows, count] = await Promise.all([
      base
        .innerJoin('users as o', 'o.id', 'd.owner_id')
        .innerJoin('users as b', 'b.id', 'd.discarded_by')
        .selectAll('d')
        .select(['o.display_name as owner_name', 'o.username as owner_username', 'b.display_name as by_name', 'b.username as by_username'])
        .orderBy('d.at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        id: r.id, clientUuid: r.client_uuid, kind: r.kind, ownerId: r.owner_id, ownerName: r.owner_name || r.owner_username, recordedAt: r.recorded_at, attempts: r.attempts,
        lastError: r.last_error, payload: r.payload == null ? null : toJson(r.payload), reason: r.reason, deviceId: r.device_id, discardedByName: r.by_name || r.by_username, at: r.at,
      })),
    };
  }
}
