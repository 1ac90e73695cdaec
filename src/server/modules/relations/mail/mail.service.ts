import { randomBytes, randomInt } from 'node:crypto';
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import {
  canMove, CODE_LOCK_MINUTES, codeLockedUntil, dailyNumber, dwellReport, type MailKind, type MailStatus, pickupCode, requiresSignature, returnCutoff, WAITING,
} from '../../../../core/mail.ts';
import { seesArea, seesEstate, type Scope } from '../../../../core/scope.ts';
import { chinaDay, contains } from '../../../db/codec.ts';
import type { Database, Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { AppError, conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { reencodePhoto } from '../../desk/photos.image.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { currentMembers, findUnit, ITEM_COLUMNS, type ItemRow, itemsQuery, labelOf, portalUsersOf, present } from './mail.repository.ts';
import type { closeInput, itemQuery, registerInput } from './mail.schemas.ts';

/** Same carrier and tracking number within this many days: probably the same parcel entered twice. */
const DUPLICATE_DAYS = 30;

/**
 * Items at the front desk (manual 3.7): registration with the unit and a pickup code, the owner's
 * notification, the list on the shelf, closing an item without a pickup, the mailbox slips for
 * units nobody reads in the portal, label photos and the dwell-time report.
 */
export class MailService {
  constructor(
    private database: Database,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
    readonly storage: FileStorage,
  ) {}

  private get db(): Db {
    return this.database.db;
  }

  private today() {
    return localDate(this.clock.now());
  }

  /** A staff member's write into an estate: 403 outside his estates. */
  private assertEstate(scope: Scope, estateId: number) {
    if (!seesEstate(scope, estateId)) throw outOfScope();
  }

  async register(actor: Actor, auth: AuthContext, input: z.infer<typeof registerInput>) {
    this.assertEstate(auth.scope, input.estateId);
    if (input.unitId == null && !input.unknownRecipient) throw invalid('unitId', 'field.mailUnitOrUnknown');
    if (input.unitId != null && input.unknownRecipient) throw invalid('unknownRecipient', 'field.mailUnitOrUnknown');
    const unit = input.unitId == null ? null : await findUnit(this.db, input.unitId);
    if (input.unitId != null) {
      if (!unit || unit.estate_id !== input.estateId) throw invalid('unitId', 'field.notInEstate');
      if (!seesArea(auth.scope, unit.estate_id, unit.area_id)) throw notFound('entity.unit');
      if (unit.archived_at) throw invalid('unitId', 'field.unitArchived');
    }
    const now = this.clock.now();
    const at = now.toISOString();
    const today = this.today();
    if (input.trackingNo && !input.confirmDuplicate) {
      const since = new Date(now.getTime() - DUPLICATE_DAYS * 86_400_000).toISOString();
      const twin = await this.db
        .selectFrom('mail_items')
        .select('number')
        .where('estate_id', '=', input.estateId)
        .where('carrier', '=', input.carrier)
        .where('tracking_no', '=', input.trackingNo)
        .where('received_at', '>', since)
        .executeTakeFirst();
      if (twin) throw conflict('conflict.mailDuplicate', { number: twin.number }, { trackingNo: { key: 'conflict.mailDuplicate', params: { number: twin.number } } });
    }
    const members = unit ? await currentMembers(this.db, unit.id) : [];
    const matched = members.find((m) => m.name === input.addressee) ?? null;
    const result = await this.db.transaction().execute(async (trx) => {
      const seq = await nextSeq(trx, input.estateId, `mail:${today}`);
      const number = dailyNumber(today, seq);
      const taken = new Set(
        (await trx.selectFrom('mail_items').select('pickup_code').where('estate_id', '=', input.estateId).where('status', 'in', [...WAITING]).execute()).map((r) => r.pickup_code),
      );
      const code = pickupCode(() => randomInt(0, 0x1_0000_0000 - 1), taken);
      const users = unit ? (await portalUsersOf(trx, [unit.id], today)).get(unit.id) ?? [] : [];
      const status: MailStatus = users.length ? 'notified' : 'received';
      const { id } = await trx
        .insertInto('mail_items')
        .values({
          estate_id: input.estateId, area_id: unit?.area_id ?? null, number, received_on: today, kind: input.kind, carrier: input.carrier, tracking_no: input.trackingNo,
          addressee: input.addressee, unit_id: unit?.id ?? null, member_id: matched?.id ?? null, phone_last4: input.phoneLast4 ?? null, shelf: input.shelf, pieces: input.pieces,
          note: input.note, requires_signature: requiresSignature(input.kind) ? 1 : 0, status, pickup_code: code, received_at: at, received_by: actor.id,
          notified_at: users.length ? at : null, slip_printed_at: null, reminders_sent: 0, last_reminder_at: null, pickup_id: null, left_at: null, left_by: null,
          left_note: null, photo_key: null, photo_mime: null, photo_deleted_at: null, updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const label = unit ? labelOf(unit) : null;
      if (users.length) {
        await this.notifications.notify(trx, {
          userIds: users, estateId: input.estateId, kind: 'mail',
          title: { key: 'mail.notice.arrivedTitle', params: { kind: `status.mailKind.${input.kind}` } },
          body: { key: 'mail.notice.arrived', params: { number, kind: `status.mailKind.${input.kind}`, shelf: input.shelf, code, unit: label ?? '' } },
          dedupeKey: `mail:${id}:arrived`,
        });
      }
      await this.audit.record(trx, actor, {
        action: 'create', entity: 'mail_item', entityId: id, estateId: input.estateId, ref: number,
        summary: { key: 'audit.mail.register', params: { number, kind: `status.mailKind.${input.kind}`, unit: label ?? '—', name: input.addressee } },
      });
      return { id, users };
    });
    const item = await this.get(auth, result.id);
    return { ...item, nameMatched: matched != null };
  }

  private async portalUnits(rows: Array<{ unit_id: number | null }>): Promise<Set<number>> {
    const ids = rows.map((r) => r.unit_id).filter((v): v is number => v != null);
    return new Set((await portalUsersOf(this.db, ids, this.today())).keys());
  }

  async list(auth: AuthContext, f: z.infer<typeof itemQuery>) {
    let q = itemsQuery(this.db).where(inScope(auth.scope, 'm.estate_id', 'm.area_id'));
    if (f.estateId) q = q.where('m.estate_id', '=', f.estateId);
    if (f.status === 'waiting') q = q.where('m.status', 'in', [...WAITING]);
    else if (f.status) q = q.where('m.status', '=', f.status);
    if (f.kind) q = q.where('m.kind', '=', f.kind);
    if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
    if (f.from) q = q.where('m.received_on', '>=', f.from);
    if (f.to) q = q.where('m.received_on', '<=', f.to);
    if (f.q) {
      const term = f.q;
      q = q.where((eb) => eb.or([eb('m.number', '=', term), contains('m.addressee', term), contains('m.tracking_no', term), eb('m.shelf', '=', term), eb('u.number', '=', term)]));
    }
    const [rows, count] = await Promise.all([
      q.select([...ITEM_COLUMNS]).orderBy('m.received_at', 'desc').orderBy('m.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const portal = await this.portalUnits(rows);
    const now = this.clock.now();
    return { total: Number(count.n), items: rows.map((r) => present(r as ItemRow, now, portal)) };
  }

  /** The item's row if the caller sees it (staff by estate/area), else 404. */
  async row(db: Executor, scope: Scope, id: number): Promise<ItemRow> {
    const r = (await itemsQuery(db).select([...ITEM_COLUMNS]).where('m.id', '=', id).executeTakeFirst()) as ItemRow | undefined;
    if (!r || !seesArea(scope, r.estate_id, r.area_id)) throw notFound('entity.mailItem');
    return r;
  }

  async get(auth: AuthContext, id: number) {
    const r = await this.row(this.db, auth.scope, id);
    return present(r, this.clock.now(), await this.portalUnits([r]));
  }

  /** The unit's current members, the one whose name is the addressee's, and what waits for the unit. */
  async match(auth: AuthContext, unitId: number, name?: string) {
    const unit = await findUnit(this.db, unitId);
    if (!unit || !seesArea(auth.scope, unit.estate_id, unit.area_id)) throw notFound('entity.unit');
    const members = await currentMembers(this.db, unitId);
    const users = await portalUsersOf(this.db, [unitId], this.today());
    const waiting = await this.db.selectFrom('mail_items').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unitId).where('status', 'in', [...WAITING]).executeTakeFirstOrThrow();
    return {
      unitId,
      unitLabel: labelOf(unit)!,
      members: members.map((m) => ({ id: m.id, name: m.name, matched: !!name && m.name === name })),
      hasPortalUser: users.has(unitId),
      waiting: Number(waiting.n),
    };
  }

  /** An item of the unknown-recipient queue, once its household is found: the unit, the name check and the notice. */
  async assign(actor: Actor, auth: AuthContext, id: number, unitId: number) {
    await this.db.transaction().execute(async (trx) => {
      const r = await this.row(trx, auth.scope, id);
      if (r.unit_id != null) throw conflict('conflict.mailHasUnit', { number: r.number });
      if (!WAITING.includes(r.status as MailStatus)) throw conflict('conflict.mailLeft', { number: r.number });
      const unit = await findUnit(trx, unitId);
      if (!unit || unit.estate_id !== r.estate_id) throw invalid('unitId', 'field.notInEstate');
      if (!seesArea(auth.scope, unit.estate_id, unit.area_id)) throw notFound('entity.unit');
      if (unit.archived_at) throw invalid('unitId', 'field.unitArchived');
      const matched = (await currentMembers(trx, unit.id)).find((m) => m.name === r.addressee) ?? null;
      const users = (await portalUsersOf(trx, [unit.id], this.today())).get(unit.id) ?? [];
      const at = this.clock.now().toISOString();
      const res = await trx
        .updateTable('mail_items')
        .set({ unit_id: unit.id, area_id: unit.area_id, member_id: matched?.id ?? null, status: users.length ? 'notified' : r.status, notified_at: users.length ? at : r.notified_at, updated_at: at })
        .where('id', '=', id)
        .where('unit_id', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.mailHasUnit', { number: r.number });
      const label = labelOf(unit)!;
      if (users.length) {
        await this.notifications.notify(trx, {
          userIds: users, estateId: r.estate_id, kind: 'mail',
          title: { key: 'mail.notice.arrivedTitle', params: { kind: `status.mailKind.${r.kind}` } },
          body: { key: 'mail.notice.arrived', params: { number: r.number, kind: `status.mailKind.${r.kind}`, shelf: r.shelf, code: r.pickup_code, unit: label } },
          dedupeKey: `mail:${id}:arrived`,
        });
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'mail_item', entityId: id, estateId: r.estate_id, ref: r.number, summary: { key: 'audit.mail.assign', params: { number: r.number, unit: label } } });
    });
    return this.get(auth, id);
  }

  /** Returned to the carrier, thrown away (newspapers) or found misdelivered: the item leaves without a pickup. */
  async close(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof closeInput>) {
    await this.db.transaction().execute(async (trx) => {
      const r = await this.row(trx, auth.scope, id);
      if (!canMove(r.status as MailStatus, input.outcome, r.kind as MailKind)) {
        throw conflict('conflict.mailStatus', { from: `status.mail.${r.status}`, to: `status.mail.${input.outcome}` });
      }
      const at = this.clock.now().toISOString();
      const res = await trx
        .updateTable('mail_items')
        .set({ status: input.outcome, left_at: at, left_by: actor.id, left_note: input.note, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', r.status)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.mailStatus', { from: `status.mail.${r.status}`, to: `status.mail.${input.outcome}` });
      await this.audit.record(trx, actor, {
        action: 'update', entity: 'mail_item', entityId: id, estateId: r.estate_id, ref: r.number,
        summary: { key: 'audit.mail.close', params: { number: r.number, status: `status.mail.${input.outcome}` } },
        detail: input.note ? { note: input.note } : undefined,
      });
    });
    return this.get(auth, id);
  }

  /** Day 14 and later, of the kinds that may go back (never registered letters or official documents). */
  async returnList(auth: AuthContext, estateId: number) {
    const rows = await itemsQuery(this.db)
      .select([...ITEM_COLUMNS])
      .where(inScope(auth.scope, 'm.estate_id', 'm.area_id'))
      .where('m.estate_id', '=', estateId)
      .where('m.status', 'in', [...WAITING])
      .where('m.kind', 'in', ['parcel', 'letter', 'other'])
      .where('m.received_at', '<=', returnCutoff(this.clock.now()))
      .orderBy('m.received_at')
      .limit(500)
      .execute();
    const portal = await this.portalUnits(rows);
    const now = this.clock.now();
    return { total: rows.length, items: rows.map((r) => present(r as ItemRow, now, portal)) };
  }

  /** Waiting items of units without a portal user: their owners learn of them from a slip in the mailbox. */
  async slips(auth: AuthContext, estateId: number) {
    const rows = await itemsQuery(this.db)
      .select([...ITEM_COLUMNS])
      .where(inScope(auth.scope, 'm.estate_id', 'm.area_id'))
      .where('m.estate_id', '=', estateId)
      .where('m.status', 'in', [...WAITING])
      .where('m.unit_id', 'is not', null)
      .orderBy('m.received_at')
      .limit(500)
      .execute();
    const portal = await this.portalUnits(rows);
    return rows.filter((r) => !portal.has(r.unit_id!)).map((r) => slipOf(r as ItemRow));
  }

  /** Printing slips shows their codes: recorded, and the items count as notified. */
  async printSlips(actor: Actor, auth: AuthContext, estateId: number, itemIds: number[]) {
    this.assertEstate(auth.scope, estateId);
    return this.db.transaction().execute(async (trx) => {
      const at = this.clock.now().toISOString();
      const out = [];
      for (const id of [...new Set(itemIds)]) {
        const r = await this.row(trx, auth.scope, id);
        if (r.estate_id !== estateId) throw invalid('itemIds', 'field.notInEstate');
        if (!WAITING.includes(r.status as MailStatus)) throw conflict('conflict.mailLeft', { number: r.number });
        if (r.unit_id == null) throw invalid('itemIds', 'field.mailNoUnit');
        await trx.updateTable('mail_items').set({ status: 'notified', notified_at: r.notified_at ?? at, slip_printed_at: at, updated_at: at }).where('id', '=', id).execute();
        out.push(slipOf({ ...r, slip_printed_at: at }));
      }
      await this.audit.record(trx, actor, {
        action: 'update', entity: 'mail_item', entityId: null, estateId, ref: out.map((s) => s.number).join(',').slice(0, 200),
        summary: { key: 'audit.mail.slips', params: { count: out.length } },
      });
      return out;
    });
  }

  /** Wrong codes of a unit or a person in the last 15 minutes: 429 once the fifth is reached. */
  async assertCodesOpen(db: Executor, userId: number, unitIds: Array<number | null>) {
    const since = new Date(this.clock.now().getTime() - CODE_LOCK_MINUTES * 60_000).toISOString();
    const units = unitIds.filter((u): u is number => u != null);
    const rows = await db
      .selectFrom('mail_code_attempts')
      .select(['at', 'user_id', 'unit_id'])
      .where('at', '>', since)
      .where((eb) => eb.or([eb('user_id', '=', userId), ...(units.length ? [eb('unit_id', 'in', units)] : [])]))
      .execute();
    const now = this.clock.now();
    const byUser = codeLockedUntil(rows.filter((r) => r.user_id === userId).map((r) => r.at), now);
    const byUnit = units.map((u) => codeLockedUntil(rows.filter((r) => r.unit_id === u).map((r) => r.at), now)).find(Boolean);
    const until = byUser ?? byUnit;
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      throw new AppError('RATE_LIMITED', { key: 'error.mailCodeLocked', params: { minutes } });
    }
  }

  /** A wrong code, written on its own so it counts even though the request fails. */
  async recordWrongCode(estateId: number, userId: number, unitId: number | null) {
    await this.db.insertInto('mail_code_attempts').values({ estate_id: estateId, unit_id: unitId, user_id: userId, at: this.clock.now().toISOString() }).execute();
  }

  /** Waiting items with this code (the resident shows it at the counter); a miss counts as a wrong code. */
  async lookup(auth: AuthContext, estateId: number, code: string) {
    this.assertEstate(auth.scope, estateId);
    await this.assertCodesOpen(this.db, auth.user.id, []);
    const rows = await itemsQuery(this.db)
      .select([...ITEM_COLUMNS])
      .where('m.estate_id', '=', estateId)
      .where('m.pickup_code', '=', code)
      .where('m.status', 'in', [...WAITING])
      .execute();
    const visible = rows.filter((r) => seesArea(auth.scope, r.estate_id, r.area_id));
    if (!visible.length) {
      await this.recordWrongCode(estateId, auth.user.id, null);
      throw invalid('code', 'field.pickupCodeWrong');
    }
    // Every waiting item of the same unit comes along, so one code shows what the household may take.
    const unitId = visible[0]!.unit_id;
    const all = unitId == null ? visible : ((await itemsQuery(this.db).select([...ITEM_COLUMNS]).where('m.unit_id', '=', unitId).where('m.status', 'in', [...WAITING]).orderBy('m.received_at').execute()) as ItemRow[]);
    const portal = await this.portalUnits(all);
    const now = this.clock.now();
    return { total: all.length, items: all.map((r) => ({ ...present(r as ItemRow, now, portal), codeMatched: r.pickup_code === code })) };
  }

  async addPhoto(actor: Actor, auth: AuthContext, id: number, file: { data: Buffer; mime: string; name?: string }) {
    const r = await this.row(this.db, auth.scope, id);
    if (!WAITING.includes(r.status as MailStatus)) throw conflict('conflict.mailLeft', { number: r.number });
    const photo = await reencodePhoto(file.data, file.mime);
    if (!photo) {
      const msg = { key: 'error.photoUnreadable', params: { file: (file.name ?? '#1').slice(0, 100) } };
      throw new AppError('VALIDATION', msg, { file: msg });
    }
    const key = `mail/${r.estate_id}/${r.id}/${randomBytes(12).toString('hex')}.${photo.mime.split('/')[1]}`;
    await this.storage.put(key, photo.data);
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now().toISOString();
      await trx.updateTable('mail_items').set({ photo_key: key, photo_mime: photo.mime, photo_deleted_at: null, updated_at: at }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'mail_item', entityId: id, estateId: r.estate_id, ref: r.number, summary: { key: 'audit.mail.photo', params: { number: r.number } } });
    });
    // The replaced photo is not needed: the label is the same item's.
    if (r.photo_key && r.photo_deleted_at == null) await this.storage.delete(r.photo_key);
    return { id };
  }

  async photo(auth: AuthContext, id: number) {
    await this.row(this.db, auth.scope, id);
    const row = await this.db.selectFrom('mail_items').select(['photo_key', 'photo_mime', 'photo_deleted_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const data = row.photo_key && !row.photo_deleted_at ? await this.storage.get(row.photo_key) : null;
    if (!data) throw notFound('entity.photo');
    return { mime: row.photo_mime ?? 'image/jpeg', data };
  }

  /** Dwell time from arrival to pickup, by kind and by day of pickup, with the day's arrivals. */
  async dwell(auth: AuthContext, estateId: number, from: string, to: string) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    if (to < from) throw invalid('to', 'field.dateOrder');
    const dialect = this.database.dialect;
    const day = chinaDay(dialect, 'm.left_at');
    const picked = await this.db
      .selectFrom('mail_items as m')
      .select(['m.kind', 'm.received_at', 'm.left_at', day.as('day')])
      .where(inScope(auth.scope, 'm.estate_id', 'm.area_id'))
      .where('m.estate_id', '=', estateId)
      .where('m.status', '=', 'picked_up')
      .where(day, '>=', from)
      .where(day, '<=', to)
      .limit(100_000)
      .execute();
    const received = await this.db
      .selectFrom('mail_items as m')
      .select(['m.received_on as day', (eb) => eb.fn.countAll<number>().as('n')])
      .where(inScope(auth.scope, 'm.estate_id', 'm.area_id'))
      .where('m.estate_id', '=', estateId)
      .where('m.received_on', '>=', from)
      .where('m.received_on', '<=', to)
      .groupBy('m.received_on')
      .orderBy('m.received_on')
      .execute();
    const waiting = await this.db
      .selectFrom('mail_items as m')
      .select([(eb) => eb.fn.countAll<number>().as('n')])
      .where(inScope(auth.scope, 'm.estate_id', 'm.area_id'))
      .where('m.estate_id', '=', estateId)
      .where('m.status', 'in', [...WAITING])
      .executeTakeFirstOrThrow();
    const returns = await this.returnList(auth, estateId);
    const report = dwellReport(picked.map((p) => ({ kind: p.kind as MailKind, receivedAt: p.received_at, pickedUpAt: p.left_at!, pickedOn: String(p.day) })));
    return { from, to, received: received.map((r) => ({ day: String(r.day), count: Number(r.n) })), ...report, waiting: Number(waiting.n), onReturnList: returns.total };
  }
}

function slipOf(r: ItemRow) {
  return {
    id: r.id, number: r.number, unitLabel: labelOf(r), addressee: r.addressee, kind: r.kind as MailKind, carrier: r.carrier as never, pieces: r.pieces,
    shelf: r.shelf, receivedAt: r.received_at, pickupCode: r.pickup_code, slipPrintedAt: r.slip_printed_at,
  };
}

/** The estate's counter for the day's numbers (the ticket counters' table), in the caller's transaction. */
async function nextSeq(trx: Executor, estateId: number, name: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ estate_id: estateId, name, value: 1 })
    .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
