/**
 * Handover inspection 验房 and legacy defects 遗留问题 (manual 3.12): the inspection lists defects by room
 * and element class; one desk ticket of type `legacy` per handover carries them to the owner-facing
 * timeline; the handover closes when every defect is verified (or closed, or out of warranty).
 */
import type { z } from 'zod';
import { type Clock, localDate, todayOf } from '../../../../core/clock.ts';
import { canMoveDefect, type DefectClass, type DefectStatus, defectSettled, dueBy, warrantyEnd } from '../../../../core/handover.ts';
import { seesArea, type Scope } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import type { addDefectInput, handoverInput, handoverQuery, inspectInput, moveInput } from './handover.schemas.ts';

type DefectIn = z.infer<typeof addDefectInput>;

export class HandoverService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  private base(db: Executor) {
    return db
      .selectFrom('handovers as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('tickets as t', 't.id', 'h.ticket_id')
      .selectAll('h')
      .select(['b.code', 'u.entrance', 'u.number', 'u.delivered_on', 't.number as ticket_number']);
  }

  async list(scope: Scope, q: z.infer<typeof handoverQuery>) {
    let query = this.base(this.db).where(inScope(scope, 'h.estate_id', 'h.area_id'));
    if (q.estateId) query = query.where('h.estate_id', '=', q.estateId);
    if (q.status) query = query.where('h.status', '=', q.status);
    const [rows, count] = await Promise.all([
      query.orderBy('h.scheduled_at', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await Promise.all(rows.map((r) => this.view(this.db, r))), total: Number(count.n) };
  }

  async get(scope: Scope, id: number) {
    return this.view(this.db, await this.require(this.db, scope, id));
  }

  private async require(db: Executor, scope: Scope, id: number) {
    const h = await this.base(db).where('h.id', '=', id).executeTakeFirst();
    if (!h || !seesArea(scope, h.estate_id, h.area_id)) throw notFound('entity.handover');
    return h;
  }

  private async view(db: Executor, h: Awaited<ReturnType<HandoverService['require']>>) {
    const defects = await db.selectFrom('handover_defects').selectAll().where('handover_id', '=', h.id).orderBy('id').execute();
    const events = defects.length
      ? await db.selectFrom('handover_defect_events as e').leftJoin('users as u', 'u.id', 'e.by_user').selectAll('e').select('u.display_name').where('e.defect_id', 'in', defects.map((d) => d.id)).orderBy('e.id').execute()
      : [];
    return {
      id: h.id, estateId: h.estate_id, areaId: h.area_id, unitId: h.unit_id, unitLabel: unitLabel(h.code, h.entrance, h.number), type: h.type, scheduledAt: h.scheduled_at,
      inspectedAt: h.inspected_at, inspectors: h.inspectors, ownerPresent: h.owner_present, keysHanded: h.keys_handed, result: h.result, status: h.status, ticketId: h.ticket_id,
      ticketNumber: h.ticket_number ?? null, openDefects: defects.filter((d) => !defectSettled(d.status as DefectStatus)).length,
      defects: defects.map((d) => ({
        id: d.id, handoverId: d.handover_id, room: d.room, element: d.element, description: d.description, responsible: d.responsible, warrantyEnd: d.warranty_end, dueBy: d.due_by, status: d.status,
        events: events.filter((e) => e.defect_id === d.id).map((e) => ({ from: e.from_status, to: e.to_status, note: e.note, byName: e.display_name ?? null, at: e.at })),
      })),
    };
  }

  async create(actor: Actor, scope: Scope, input: z.infer<typeof handoverInput>) {
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, scope, input.unitId);
      if (input.type === 'first_delivery' || input.type === 'resale_move_in') {
        // A delivery hands the unit to its buyer: he must be in the archive first.
        const owner = await trx.selectFrom('ownerships').select('id').where('unit_id', '=', unit.id).where('ended_on', 'is', null).executeTakeFirst();
        if (!owner) throw conflict('handover.noOwner');
      }
      const open = await trx.selectFrom('handovers').select('id').where('unit_id', '=', unit.id).where('status', '=', 'scheduled').executeTakeFirst();
      if (open) throw conflict('handover.scheduledExists');
      const at = this.clock.now().toISOString();
      const { id } = await trx
        .insertInto('handovers')
        .values({ estate_id: unit.estate_id, area_id: unit.area_id, unit_id: unit.id, type: input.type, scheduled_at: input.scheduledAt, inspected_at: null, inspectors: input.inspectors ?? null, owner_present: null, keys_handed: null, result: null, status: 'scheduled', ticket_id: null, created_by: actor.id, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const label = unitLabel(unit.building_code, unit.entrance, unit.number);
      await this.audit.record(trx, actor, { action: 'create', entity: 'handover', entityId: id, estateId: unit.estate_id, ref: label, summary: { key: 'audit.handover.create', params: { unit: label, type: `status.handoverType.${input.type}` } } });
      return this.view(trx, await this.require(trx, scope, id));
    });
  }

  /** The inspection: defects recorded, and with any, one legacy ticket holding them for the owner. */
  async inspect(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof inspectInput>) {
    if (input.result === 'accepted_clean' && input.defects.length) throw invalid('defects', 'handover.cleanWithDefects');
    if (input.result === 'accepted_with_defects' && !input.defects.length) throw invalid('defects', 'handover.defectsMissing');
    const notify: Array<() => Promise<void>> = [];
    const out = await this.db.transaction().execute(async (trx) => {
      const h = await this.require(trx, auth.scope, id);
      if (h.status !== 'scheduled') throw conflict('handover.notScheduled', { status: `status.handover.${h.status}` });
      const now = this.clock.now();
      const at = now.toISOString();
      const label = unitLabel(h.code, h.entrance, h.number);
      const deliveredOn = h.delivered_on ?? (h.type === 'first_delivery' ? localDate(now) : null);
      if (h.type === 'first_delivery' && !h.delivered_on) await trx.updateTable('units').set({ delivered_on: deliveredOn, updated_at: at }).where('id', '=', h.unit_id).execute();
      let ticketId: number | null = null;
      if (input.defects.length) {
        const reg = await this.tickets.register(trx, actor, auth, {
          unitId: h.unit_id, type: 'legacy', channel: 'visit', title: `${label} 交付遗留问题 ${input.defects.length} 项`,
          description: input.defects.map((d, i) => `${i + 1}. [${d.room}/${d.element}] ${d.description}`).join('\n').slice(0, 4000), department: 'engineering',
          priority: 'normal', complex: true, emergency: false, reporterName: input.ownerPresent,
        } as never, null);
        ticketId = reg.id;
        notify.push(() => this.notifications.deliver(reg.notified, reg.title, reg.body));
      }
      const status = input.defects.length ? 'inspected' : 'closed';
      await trx.updateTable('handovers').set({ inspected_at: at, inspectors: input.inspectors, owner_present: input.ownerPresent, keys_handed: input.keysHanded, result: input.result, status, ticket_id: ticketId, updated_at: at }).where('id', '=', id).where('status', '=', 'scheduled').execute();
      for (const d of input.defects) await this.insertDefect(trx, actor, h, d, deliveredOn);
      await this.audit.record(trx, actor, { action: 'update', entity: 'handover', entityId: id, estateId: h.estate_id, ref: label, summary: { key: 'audit.handover.inspect', params: { unit: label, count: input.defects.length } }, detail: { status: [h.status, status], result: input.result } });
      return this.view(trx, await this.require(trx, auth.scope, id));
    });
    for (const n of notify) await n();
    return out;
  }

  private async insertDefect(trx: Executor, actor: Actor, h: { id: number; estate_id: number; unit_id: number }, d: DefectIn, deliveredOn: string | null) {
    const at = this.clock.now().toISOString();
    const { id } = await trx
      .insertInto('handover_defects')
      .values({ estate_id: h.estate_id, handover_id: h.id, unit_id: h.unit_id, room: d.room, element: d.element, description: d.description, responsible: d.responsible, warranty_end: warrantyEnd(d.element as DefectClass, deliveredOn), due_by: dueBy(d.element as DefectClass, todayOf(this.clock)), status: 'open', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('handover_defect_events').values({ estate_id: h.estate_id, defect_id: id, from_status: null, to_status: 'open', note: null, by_user: actor.id, at }).execute();
    return id;
  }

  /** A defect found after the inspection (still within the handover's follow-up). */
  async addDefect(actor: Actor, scope: Scope, id: number, input: DefectIn) {
    return this.db.transaction().execute(async (trx) => {
      const h = await this.require(trx, scope, id);
      if (h.status !== 'inspected') throw conflict('handover.notInspected', { status: `status.handover.${h.status}` });
      const defectId = await this.insertDefect(trx, actor, h, input, h.delivered_on);
      if (h.ticket_id) await ticketRepository.insertEvent(trx, { estate_id: h.estate_id, ticket_id: h.ticket_id, at: this.clock.now().toISOString(), actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'comment', from_status: null, to_status: null, note: `新增遗留问题：[${input.room}/${input.element}] ${input.description}`, internal: 0, data: null });
      const label = unitLabel(h.code, h.entrance, h.number);
      await this.audit.record(trx, actor, { action: 'create', entity: 'handover_defect', entityId: defectId, estateId: h.estate_id, ref: label, summary: { key: 'audit.defect.create', params: { unit: label } } });
      return this.view(trx, await this.require(trx, scope, id));
    });
  }

  /** A defect's step; the last one settled closes the handover and notes it on the legacy ticket. */
  async move(actor: Actor, scope: Scope, defectId: number, input: z.infer<typeof moveInput>) {
    return this.db.transaction().execute(async (trx) => {
      const d = await trx.selectFrom('handover_defects').selectAll().where('id', '=', defectId).executeTakeFirst();
      if (!d) throw notFound('entity.defect');
      const h = await this.require(trx, scope, d.handover_id).catch(() => {
        throw notFound('entity.defect');
      });
      if (!canMoveDefect(d.status as DefectStatus, input.to)) throw conflict('handover.defectMove', { from: `status.defect.${d.status}`, to: `status.defect.${input.to}` });
      if ((input.to === 'verified' || input.to === 'disputed' || input.to === 'out_of_warranty') && !input.note) throw invalid('note', 'handover.noteRequired');
      const at = this.clock.now().toISOString();
      const res = await trx.updateTable('handover_defects').set({ status: input.to, updated_at: at }).where('id', '=', defectId).where('status', '=', d.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('handover.defectMove', { from: `status.defect.${d.status}`, to: `status.defect.${input.to}` });
      await trx.insertInto('handover_defect_events').values({ estate_id: d.estate_id, defect_id: defectId, from_status: d.status, to_status: input.to, note: input.note ?? null, by_user: actor.id, at }).execute();
      const label = unitLabel(h.code, h.entrance, h.number);
      const rest = await trx.selectFrom('handover_defects').select('status').where('handover_id', '=', h.id).execute();
      const settled = rest.every((x) => defectSettled(x.status as DefectStatus));
      if (settled && h.status === 'inspected') await trx.updateTable('handovers').set({ status: 'closed', updated_at: at }).where('id', '=', h.id).execute();
      if (!settled && h.status === 'closed') await trx.updateTable('handovers').set({ status: 'inspected', updated_at: at }).where('id', '=', h.id).execute();
      if (h.ticket_id) {
        const note = `遗留问题「${d.description.slice(0, 30)}」：${d.status} → ${input.to}${input.note ? `（${input.note}）` : ''}${settled ? '；全部遗留问题已验证' : ''}`;
        await ticketRepository.insertEvent(trx, { estate_id: d.estate_id, ticket_id: h.ticket_id, at, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'comment', from_status: null, to_status: null, note, internal: 0, data: null });
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'handover_defect', entityId: defectId, estateId: d.estate_id, ref: label, summary: { key: 'audit.defect.move', params: { unit: label, from: `status.defect.${d.status}`, to: `status.defect.${input.to}` } }, detail: { status: [d.status, input.to] } });
      return this.view(trx, await this.require(trx, scope, h.id));
    });
  }
}
