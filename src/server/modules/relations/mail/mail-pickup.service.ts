import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { codeMatches, type MailKind, type MailStatus, pickupStatement, signatureProblem, signatureSvg, WAITING } from '../../../../core/mail.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import { chinaDay } from '../../../db/codec.ts';
import type { Database } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { labelOf } from './mail.repository.ts';
import type { pickupInput } from './mail.schemas.ts';
import type { MailService } from './mail.service.ts';

/**
 * The handover at the counter: the items (one unit's, several at once) checked by their codes or
 * the picker's ID, his printed name, the statement he signs and the signature drawn on the front
 * desk's pad, rendered to a PNG by the server from the strokes. A pickup is a fact: never changed.
 */
export class MailPickupService {
  constructor(
    private database: Database,
    private clock: Clock,
    private audit: AuditService,
    private mail: MailService,
    private storage: FileStorage,
  ) {}

  async pickup(actor: Actor, auth: AuthContext, input: z.infer<typeof pickupInput>, lang: 'zh-CN' | 'en-US') {
    const db = this.database.db;
    if (!seesEstate(auth.scope, input.estateId)) throw outOfScope();
    const ids = input.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) throw invalid('items', 'field.duplicateItems');
    const rows = await db.selectFrom('mail_items').selectAll().where('id', 'in', ids).execute();
    for (const [n, it] of input.items.entries()) {
      const r = rows.find((x) => x.id === it.id);
      if (!r || !seesArea(auth.scope, r.estate_id, r.area_id)) throw notFound('entity.mailItem');
      if (r.estate_id !== input.estateId) throw invalid(`items.${n}.id`, 'field.notInEstate');
      if (!WAITING.includes(r.status as MailStatus)) throw conflict('conflict.mailLeft', { number: r.number });
    }
    const unitIds = [...new Set(rows.map((r) => r.unit_id))];
    if (unitIds.length > 1) throw invalid('items', 'field.mailOneUnit');
    const unitId = unitIds[0] ?? null;
    // Checked before the codes, so a locked unit learns nothing from another try.
    await this.mail.assertCodesOpen(db, auth.user.id, [unitId]);
    if (input.method === 'code') {
      for (const [n, it] of input.items.entries()) {
        const r = rows.find((x) => x.id === it.id)!;
        if (!it.code) throw invalid(`items.${n}.code`, 'field.required');
        if (!codeMatches(r.pickup_code, it.code)) {
          await this.mail.recordWrongCode(input.estateId, auth.user.id, unitId);
          throw invalid(`items.${n}.code`, 'field.pickupCodeWrong');
        }
      }
    }
    const needsId = input.method === 'id' || rows.some((r) => r.requires_signature === 1);
    if (needsId && !input.idType) throw invalid('idType', rows.some((r) => r.requires_signature === 1) ? 'field.mailIdForRegistered' : 'field.required');
    if (needsId && !input.idLast4) throw invalid('idLast4', 'field.required');
    if (unitId == null && input.method === 'code') throw invalid('method', 'field.mailNoUnit');
    const today = localDate(this.clock.now());
    let authorization: { id: number; name: string } | null = null;
    if (input.relation === 'authorised') {
      if (!input.authorizationId) throw invalid('authorizationId', 'field.required');
      const a = await db.selectFrom('mail_authorizations').selectAll().where('id', '=', input.authorizationId).executeTakeFirst();
      if (!a || a.unit_id !== unitId) throw invalid('authorizationId', 'field.mailAuthorizationUnit');
      if (a.revoked_at || a.from_date > today || a.to_date < today) throw invalid('authorizationId', 'field.mailAuthorizationInactive');
      if (a.name !== input.pickerName) throw invalid('pickerName', 'field.mailAuthorizationName', { name: a.name });
      authorization = { id: a.id, name: a.name };
    } else if (input.authorizationId) throw invalid('authorizationId', 'field.mailAuthorizationRelation');
    const problem = signatureProblem(input.signature.strokes);
    if (problem) throw invalid('signature', problem);

    const png = await sharp(Buffer.from(signatureSvg(input.signature.strokes))).png({ compressionLevel: 9 }).toBuffer();
    const key = `mail/${input.estateId}/signatures/${randomBytes(12).toString('hex')}.png`;
    await this.storage.put(key, png);
    const numbers = input.items.map((it) => rows.find((r) => r.id === it.id)!.number);
    const statement = pickupStatement(lang, input.pickerName, numbers);
    const id = await db.transaction().execute(async (trx) => {
      const at = this.clock.now().toISOString();
      const { id } = await trx
        .insertInto('mail_pickups')
        .values({
          estate_id: input.estateId, unit_id: unitId, at, method: input.method, picker_name: input.pickerName, relation: input.relation,
          authorization_id: authorization?.id ?? null, id_type: input.idType ?? null, id_last4: input.idLast4 ?? null, statement, signature_key: key, handled_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const r of rows) {
        // Only from the status read: a second handover of the same item at the same moment finds 0 rows.
        const res = await trx
          .updateTable('mail_items')
          .set({ status: 'picked_up', pickup_id: id, left_at: at, left_by: actor.id, updated_at: at })
          .where('id', '=', r.id)
          .where('status', '=', r.status)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.mailLeft', { number: r.number });
      }
      await this.audit.record(trx, actor, {
        action: 'create', entity: 'mail_pickup', entityId: id, estateId: input.estateId, ref: numbers.join(',').slice(0, 200),
        summary: { key: 'audit.mail.pickup', params: { count: numbers.length, name: input.pickerName, relation: `status.mailRelation.${input.relation}` } },
      });
      return id;
    });
    return this.get(auth, id);
  }

  async get(auth: AuthContext, id: number) {
    const db = this.database.db;
    const p = await db
      .selectFrom('mail_pickups as p')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('users as h', 'h.id', 'p.handled_by')
      .leftJoin('mail_authorizations as a', 'a.id', 'p.authorization_id')
      .selectAll('p')
      .select(['b.area_id', 'u.entrance', 'u.number as unit_number', 'b.code as building_code', 'h.display_name as handled_by_name', 'a.name as authorization_name'])
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!p || !seesArea(auth.scope, p.estate_id, p.area_id ?? null)) throw notFound('entity.mailPickup');
    const items = await db.selectFrom('mail_items').select(['id', 'number', 'kind', 'carrier', 'addressee', 'pieces', 'received_at']).where('pickup_id', '=', id).orderBy('id').execute();
    return {
      id: p.id,
      estateId: p.estate_id,
      unitLabel: labelOf(p),
      at: p.at,
      method: p.method as 'code' | 'id',
      pickerName: p.picker_name,
      relation: p.relation as never,
      authorizationName: p.authorization_name ?? null,
      idType: p.id_type,
      idLast4: p.id_last4,
      statement: p.statement,
      handledByName: p.handled_by_name ?? null,
      items: items.map((i) => ({ id: i.id, number: i.number, kind: i.kind as MailKind, carrier: i.carrier as never, addressee: i.addressee, pieces: i.pieces, receivedAt: i.received_at })),
    };
  }

  /** A day's pickups: the ledger printed with the signatures. */
  async day(auth: AuthContext, estateId: number, date: string) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const day = chinaDay(this.database.dialect, 'p.at');
    const ids = await this.database.db
      .selectFrom('mail_pickups as p')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('buildings as b', 'b.id', 'u.building_id')
      .select('p.id')
      .where('p.estate_id', '=', estateId)
      .where(day, '=', date)
      .where(inScope(auth.scope, 'p.estate_id', 'b.area_id'))
      .orderBy('p.at')
      .limit(500)
      .execute();
    const items = [];
    for (const { id } of ids) items.push(await this.get(auth, id));
    return { items, total: items.length };
  }

  async signature(auth: AuthContext, id: number) {
    await this.get(auth, id);
    const { signature_key } = await this.database.db.selectFrom('mail_pickups').select('signature_key').where('id', '=', id).executeTakeFirstOrThrow();
    const data = await this.storage.get(signature_key);
    if (!data) throw notFound('entity.photo');
    return data;
  }
}

