import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { WAITING } from '../../../../core/mail.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import { sinceInstant } from '../../households/portal-scope.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { findUnit, labelOf } from './mail.repository.ts';
import type { authorizationInput, deliveredInput, subscriptionInput } from './mail.schemas.ts';

type AuthRow = { id: number; unit_id: number; name: string; phone_last4: string; from_date: string; to_date: string; revoked_at: string | null; entrance: string | null; unit_number: string | null; building_code: string | null };

/**
 * What belongs to a household rather than an item: the owner's authorisations of who may pick
 * up for the unit, newspaper subscriptions and their daily deliveries, and the owner's portal view.
 */
export class MailHouseholdService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  private today() {
    return localDate(this.clock.now());
  }

  private authorizations(unitIds: number[]) {
    return this.db
      .selectFrom('mail_authorizations as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['a.id', 'a.unit_id', 'a.name', 'a.phone_last4', 'a.from_date', 'a.to_date', 'a.revoked_at', 'u.entrance', 'u.number as unit_number', 'b.code as building_code'])
      .where('a.unit_id', 'in', unitIds.length ? unitIds : [-1])
      .orderBy('a.id', 'desc')
      .execute();
  }

  private presentAuthorization(a: AuthRow) {
    const today = this.today();
    return {
      id: a.id, unitId: a.unit_id, unitLabel: labelOf(a)!, name: a.name, phoneLast4: a.phone_last4, fromDate: a.from_date, toDate: a.to_date,
      revokedAt: a.revoked_at, active: !a.revoked_at && a.from_date <= today && a.to_date >= today,
    };
  }

  /** Staff at the counter: the unit's authorisations (to check a picker who is not of the household). */
  async unitAuthorizations(auth: AuthContext, unitId: number) {
    const unit = await findUnit(this.db, unitId);
    if (!unit || !seesArea(auth.scope, unit.estate_id, unit.area_id)) throw notFound('entity.unit');
    const rows = await this.authorizations([unitId]);
    return { total: rows.length, items: rows.map((a) => this.presentAuthorization(a)) };
  }

  /** The owner names who may pick up for one of his units, for a period. */
  async authorize(actor: Actor, auth: AuthContext, input: z.infer<typeof authorizationInput>) {
    if (!auth.scope.units.includes(input.unitId)) throw notFound('entity.unit');
    if (input.toDate < this.today()) throw invalid('toDate', 'field.mailPast');
    const unit = (await findUnit(this.db, input.unitId))!;
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('mail_authorizations')
        .values({ estate_id: unit.estate_id, unit_id: input.unitId, name: input.name, phone_last4: input.phoneLast4, from_date: input.fromDate, to_date: input.toDate, created_by: auth.user.id, created_at: this.clock.now().toISOString(), revoked_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'mail_authorization', entityId: id, estateId: unit.estate_id, ref: labelOf(unit), summary: { key: 'audit.mail.authorize', params: { name: input.name, unit: labelOf(unit)!, from: input.fromDate, to: input.toDate } } });
      return id;
    });
    const [row] = (await this.authorizations([input.unitId])).filter((a) => a.id === id);
    return this.presentAuthorization(row!);
  }

  async revoke(actor: Actor, auth: AuthContext, id: number) {
    const a = await this.db.selectFrom('mail_authorizations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a || !auth.scope.units.includes(a.unit_id)) throw notFound('entity.mailAuthorization');
    if (a.revoked_at) throw conflict('conflict.alreadyEnded');
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('mail_authorizations').set({ revoked_at: this.clock.now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      await this.audit.record(trx, actor, { action: 'end', entity: 'mail_authorization', entityId: id, estateId: a.estate_id, summary: { key: 'audit.mail.revoke', params: { name: a.name } } });
    });
    const [row] = (await this.authorizations([a.unit_id])).filter((x) => x.id === id);
    return this.presentAuthorization(row!);
  }

  /** The owner's items (of his units, since his time there), codes of those waiting, and his authorisations. */
  async portal(auth: AuthContext) {
    const units = auth.scope.units;
    const rows = await this.db
      .selectFrom('mail_items as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('mail_pickups as p', 'p.id', 'm.pickup_id')
      .select(['m.id', 'm.number', 'm.kind', 'm.carrier', 'm.addressee', 'm.unit_id', 'm.shelf', 'm.pieces', 'm.status', 'm.received_at', 'm.left_at', 'm.pickup_code', 'p.picker_name', 'u.entrance', 'u.number as unit_number', 'b.code as building_code'])
      .where('m.unit_id', 'in', units.length ? units : [-1])
      .orderBy('m.received_at', 'desc')
      .limit(200)
      .execute();
    const mine = rows.filter((r) => {
      const since = auth.scope.unitsSince?.[r.unit_id!];
      return since === undefined || r.received_at >= sinceInstant(since);
    });
    const unitRows = await this.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['u.id', 'u.entrance', 'u.number as unit_number', 'b.code as building_code']).where('u.id', 'in', units.length ? units : [-1]).execute();
    const auths = await this.authorizations(units);
    return {
      items: mine.map((r) => ({
        id: r.id, number: r.number, kind: r.kind as never, carrier: r.carrier as never, addressee: r.addressee, unitId: r.unit_id, unitLabel: labelOf(r), shelf: r.shelf,
        pieces: r.pieces, status: r.status as never, receivedAt: r.received_at, leftAt: r.left_at, pickerName: r.picker_name ?? null,
        pickupCode: (WAITING as readonly string[]).includes(r.status) ? r.pickup_code : null,
      })),
      authorizations: auths.map((a) => this.presentAuthorization(a)),
      units: unitRows.map((u) => ({ id: u.id, label: labelOf(u)! })),
    };
  }

  // ---- newspapers ----------------------------------------------------------------------------

  private subscriptionsQuery() {
    return this.db
      .selectFrom('mail_subscriptions as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['s.id', 's.estate_id', 's.unit_id', 's.publication', 's.copies', 's.from_date', 's.to_date', 's.delivery', 's.note', 's.ended_on', 'u.entrance', 'u.number as unit_number', 'b.code as building_code']);
  }

  private presentSubscription(s: Awaited<ReturnType<ReturnType<MailHouseholdService['subscriptionsQuery']>['execute']>>[number]) {
    return {
      id: s.id, estateId: s.estate_id, unitId: s.unit_id, unitLabel: labelOf(s)!, publication: s.publication, copies: s.copies, fromDate: s.from_date, toDate: s.to_date,
      delivery: s.delivery as 'mailbox' | 'door', note: s.note, endedOn: s.ended_on,
    };
  }

  async subscriptions(auth: AuthContext, f: { estateId: number; active?: string; page: number; pageSize: number }) {
    let q = this.subscriptionsQuery().where('s.estate_id', '=', f.estateId).where(inScope(auth.scope, 's.estate_id', 's.area_id'));
    if (f.active) {
      const today = this.today();
      q = q.where('s.to_date', '>=', today).where((eb) => eb.or([eb('s.ended_on', 'is', null), eb('s.ended_on', '>', today)]));
    }
    const rows = await q.orderBy('b.code').orderBy('u.number').orderBy('s.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    const count = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { total: Number(count.n), items: rows.map((s) => this.presentSubscription(s)) };
  }

  async subscribe(actor: Actor, auth: AuthContext, input: z.infer<typeof subscriptionInput>) {
    const unit = await findUnit(this.db, input.unitId);
    if (!unit) throw invalid('unitId', 'field.notInEstate');
    if (!seesEstate(auth.scope, unit.estate_id)) throw outOfScope();
    if (!seesArea(auth.scope, unit.estate_id, unit.area_id)) throw notFound('entity.unit');
    const id = await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('mail_subscriptions')
        .values({ estate_id: unit.estate_id, area_id: unit.area_id, unit_id: unit.id, publication: input.publication, copies: input.copies, from_date: input.fromDate, to_date: input.toDate, delivery: input.delivery, note: input.note, created_by: actor.id, created_at: this.clock.now().toISOString(), ended_on: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'mail_subscription', entityId: id, estateId: unit.estate_id, ref: labelOf(unit), summary: { key: 'audit.mail.subscribe', params: { publication: input.publication, unit: labelOf(unit)! } } });
      return id;
    });
    return this.presentSubscription((await this.subscriptionsQuery().where('s.id', '=', id).executeTakeFirstOrThrow()));
  }

  /** Ends a subscription from a day on (the record stays, as everything entered does). */
  async endSubscription(actor: Actor, auth: AuthContext, id: number, endedOn: string) {
    const s = await this.db.selectFrom('mail_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s || !seesArea(auth.scope, s.estate_id, s.area_id)) throw notFound('entity.mailSubscription');
    if (s.ended_on) throw conflict('conflict.alreadyEnded');
    if (endedOn < s.from_date) throw invalid('endedOn', 'field.dateOrder');
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('mail_subscriptions').set({ ended_on: endedOn }).where('id', '=', id).where('ended_on', 'is', null).execute();
      await this.audit.record(trx, actor, { action: 'end', entity: 'mail_subscription', entityId: id, estateId: s.estate_id, summary: { key: 'audit.mail.subscriptionEnd', params: { publication: s.publication, date: endedOn } } });
    });
    return this.presentSubscription((await this.subscriptionsQuery().where('s.id', '=', id).executeTakeFirstOrThrow()));
  }

  /** The day's delivery list: subscriptions running that day, by building and unit, with what was delivered. */
  async deliveries(auth: AuthContext, estateId: number, date: string) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const rows = await this.subscriptionsQuery()
      .leftJoin('mail_deliveries as d', (j) => j.onRef('d.subscription_id', '=', 's.id').on('d.date', '=', date))
      .select('d.delivered_at')
      .where('s.estate_id', '=', estateId)
      .where(inScope(auth.scope, 's.estate_id', 's.area_id'))
      .where('s.from_date', '<=', date)
      .where('s.to_date', '>=', date)
      .where((eb) => eb.or([eb('s.ended_on', 'is', null), eb('s.ended_on', '>', date)]))
      .orderBy('b.code')
      .orderBy('u.entrance')
      .orderBy('u.number')
      .limit(5000)
      .execute();
    return { total: rows.length, items: rows.map((r) => ({ ...this.presentSubscription(r), deliveredAt: r.delivered_at ?? null })) };
  }

  /** Marks the day's copies delivered, several at once; marking one twice changes nothing. */
  async delivered(actor: Actor, auth: AuthContext, input: z.infer<typeof deliveredInput>) {
    if (!seesEstate(auth.scope, input.estateId)) throw outOfScope();
    if (input.date > this.today()) throw invalid('date', 'field.future');
    const list = await this.deliveries(auth, input.estateId, input.date);
    const due = new Map(list.items.map((i) => [i.id, i]));
    for (const [n, id] of input.subscriptionIds.entries()) if (!due.has(id)) throw invalid(`subscriptionIds.${n}`, 'field.mailNotDue');
    return this.db.transaction().execute(async (trx) => {
      const at = this.clock.now().toISOString();
      let added = 0;
      for (const id of [...new Set(input.subscriptionIds)]) {
        if (due.get(id)!.deliveredAt) continue;
        const res = await trx.insertInto('mail_deliveries').values({ estate_id: input.estateId, subscription_id: id, date: input.date, delivered_at: at, delivered_by: actor.id }).onConflict((oc) => oc.columns(['subscription_id', 'date']).doNothing()).executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
      await this.audit.record(trx, actor, { action: 'create', entity: 'mail_delivery', entityId: null, estateId: input.estateId, ref: input.date, summary: { key: 'audit.mail.delivered', params: { count: added, date: input.date } } });
      return { delivered: added };
    });
  }
}
