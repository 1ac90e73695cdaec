/**
 * Signage 标识 (manual 4.3): new signs come only from an approved 《标识使用清单》 (4.3.4); every sign
 * group is checked twice a day (4.3.5); a defect opens a repair ticket and marks the sign defective.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { seesArea, type Scope } from '../../../../core/scope.ts';
import { canMoveSign, chinaTime, compliance, defectDepartment, requestNext, type SignDefect, type SignStatus, signCode, slotAt, temporaryEndProblem } from '../../../../core/signs.ts';
import { LIVE } from '../../../../core/tickets.ts';
import { fromBool, toBool } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, forbidden, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { fieldSettings } from './field-settings.ts';
import type { activateInput, checkInput, decideInput, groupInput, groupQuery, removeInput, requestInput, requestQuery, signQuery } from './signs.schemas.ts';
import { SIGN_DEFECT_LABELS } from './signs.messages.ts';

const now = (clock: Clock) => clock.now().toISOString();

export class SignService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  // ---- groups ---------------------------------------------------------------------------

  async groups(scope: Scope, q: z.infer<typeof groupQuery>, db: Executor = this.db) {
    let query = db.selectFrom('sign_groups as g').where(inScope(scope, 'g.estate_id', 'g.area_id')).where('g.active', '=', 1);
    if (q.estateId) query = query.where('g.estate_id', '=', q.estateId);
    if (q.areaId) query = query.where('g.area_id', '=', q.areaId);
    const rows = await query
      .selectAll('g')
      .select((eb) => eb.selectFrom('signs as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.sign_group_id', '=', 'g.id').where('s.status', '!=', 'removed').as('sign_count'))
      .orderBy('g.name')
      .execute();
    return rows.map((g) => ({ id: g.id, estateId: g.estate_id, areaId: g.area_id, buildingId: g.building_id, name: g.name, location: g.location, signCount: Number(g.sign_count ?? 0) }));
  }

  async createGroup(actor: Actor, scope: Scope, input: z.infer<typeof groupInput>) {
    return this.db.transaction().execute(async (trx) => {
      const areaId = await this.placeOf(trx, scope, input.estateId, input.areaId ?? null, input.buildingId ?? null);
      const clash = await trx.selectFrom('sign_groups').select('id').where('estate_id', '=', input.estateId).where('name', '=', input.name).executeTakeFirst();
      if (clash) throw conflict('sign.groupExists', { name: input.name }, { name: { key: 'sign.groupExists', params: { name: input.name } } });
      const { id } = await trx
        .insertInto('sign_groups')
        .values({ estate_id: input.estateId, area_id: areaId, building_id: input.buildingId ?? null, name: input.name, location: input.location ?? null, active: 1, created_at: now(this.clock) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'sign_group', entityId: id, estateId: input.estateId, summary: { key: 'audit.signGroup.create', params: { name: input.name } }, ref: input.name });
      return (await this.groups(scope, { estateId: input.estateId }, trx)).find((g) => g.id === id)!;
    });
  }

  /** The area a record lands in (the building's when one is named); 403 outside the caller's areas. */
  private async placeOf(db: Executor, scope: Scope, estateId: number, areaId: number | null, buildingId: number | null) {
    let area = areaId;
    if (buildingId) {
      const b = await db.selectFrom('buildings').select(['estate_id', 'area_id']).where('id', '=', buildingId).executeTakeFirst();
      if (!b || b.estate_id !== estateId) throw invalid('buildingId', 'field.notInEstate');
      area = b.area_id ?? area;
    }
    if (area) {
      const a = await db.selectFrom('areas').select('estate_id').where('id', '=', area).executeTakeFirst();
      if (!a || a.estate_id !== estateId) throw invalid('areaId', 'field.notInEstate');
    }
    // An area administrator's record without an area lands in his own (when he has only one there).
    const mine = scope.areas.filter((a) => a.estateId === estateId);
    if (area == null && !seesArea(scope, estateId, null) && mine.length === 1) area = mine[0]!.areaId;
    if (!seesArea(scope, estateId, area)) throw forbidden();
    return area;
  }

  private async requireGroup(db: Executor, scope: Scope, id: number, field = 'signGroupId') {
    const g = await db.selectFrom('sign_groups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!g || !g.active || !seesArea(scope, g.estate_id, g.area_id)) throw invalid(field, 'sign.unknownGroup');
    return g;
  }

  // ---- signs ----------------------------------------------------------------------------

  private signsBase(db: Executor, scope: Scope) {
    return db
      .selectFrom('signs as s')
      .leftJoin('sign_groups as g', 'g.id', 's.sign_group_id')
      .leftJoin('tickets as t', 't.id', 's.ticket_id')
      .where(inScope(scope, 's.estate_id', 's.area_id'))
      .selectAll('s')
      .select(['g.name as group_name', 't.number as ticket_number']);
  }

  async list(scope: Scope, q: z.infer<typeof signQuery>) {
    let query = this.signsBase(this.db, scope);
    if (q.estateId) query = query.where('s.estate_id', '=', q.estateId);
    if (q.areaId) query = query.where('s.area_id', '=', q.areaId);
    if (q.groupId) query = query.where('s.sign_group_id', '=', q.groupId);
    if (q.category) query = query.where('s.category', '=', q.category);
    if (q.place) query = query.where('s.place', '=', q.place);
    if (q.status) query = query.where('s.status', '=', q.status);
    if (q.temporary) query = query.where('s.temporary', '=', Number(q.temporary));
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([sql<boolean>`s.code like ${like} escape '\\'`, sql<boolean>`s.content like ${like} escape '\\'`, sql<boolean>`s.location like ${like} escape '\\'`]));
    }
    const [items, count] = await Promise.all([
      query.orderBy('s.code').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(present), total: Number(count.n) };
  }

  async get(scope: Scope, id: number) {
    const row = await this.signsBase(this.db, scope).where('s.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('entity.sign');
    return present(row);
  }

  /** Installation (approved → active) or back in order after its repair ticket is done (defective → active). */
  async activate(actor: Actor, scope: Scope, id: number, input: z.infer<typeof activateInput>) {
    return this.db.transaction().execute(async (trx) => {
      const s = await this.requireSign(trx, scope, id);
      if (!canMoveSign(s.status as SignStatus, 'active')) throw conflict('sign.cannotMove', { status: `status.sign.${s.status}` });
      if (s.status === 'defective' && s.ticket_id) {
        const t = await trx.selectFrom('tickets').select(['status', 'number']).where('id', '=', s.ticket_id).executeTakeFirst();
        if (t && (LIVE as string[]).includes(t.status)) throw conflict('sign.ticketOpen', { number: t.number });
      }
      const today = todayOf(this.clock);
      const installedOn = input.installedOn ?? s.installed_on ?? today;
      if (installedOn > today) throw invalid('installedOn', 'sign.installFuture');
      await trx.updateTable('signs').set({ status: 'active', installed_on: installedOn, updated_at: now(this.clock) }).where('id', '=', id).where('status', '=', s.status).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'sign', entityId: id, estateId: s.estate_id, summary: { key: s.status === 'approved' ? 'audit.sign.install' : 'audit.sign.repaired', params: { code: s.code } }, ref: s.code, detail: { status: [s.status, 'active'] } });
      return present((await this.signsBase(trx, scope).where('s.id', '=', id).executeTakeFirst())!);
    });
  }

  async remove(actor: Actor, scope: Scope, id: number, input: z.infer<typeof removeInput>) {
    return this.db.transaction().execute(async (trx) => {
      const s = await this.requireSign(trx, scope, id);
      if (!canMoveSign(s.status as SignStatus, 'removed')) throw conflict('sign.cannotMove', { status: `status.sign.${s.status}` });
      await trx.updateTable('signs').set({ status: 'removed', removed_reason: input.reason, updated_at: now(this.clock) }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'sign', entityId: id, estateId: s.estate_id, summary: { key: 'audit.sign.remove', params: { code: s.code, reason: input.reason } }, ref: s.code, detail: { status: [s.status, 'removed'] } });
      return present((await this.signsBase(trx, scope).where('s.id', '=', id).executeTakeFirst())!);
    });
  }

  private async requireSign(db: Executor, scope: Scope, id: number) {
    const s = await db.selectFrom('signs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s || !seesArea(scope, s.estate_id, s.area_id)) throw notFound('entity.sign');
    return s;
  }

  // ---- 《标识使用清单》 requests -----------------------------------------------------------

  async requests(scope: Scope, q: z.infer<typeof requestQuery>) {
    let query = this.db.selectFrom('sign_requests as r').where(inScope(scope, 'r.estate_id', 'r.area_id'));
    if (q.estateId) query = query.where('r.estate_id', '=', q.estateId);
    if (q.status) query = query.where('r.status', '=', q.status);
    const [rows, count] = await Promise.all([
      query.select('r.id').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: await Promise.all(rows.map((r) => this.requestView(this.db, r.id))), total: Number(count.n) };
  }

  async request(scope: Scope, id: number) {
    await this.requireRequest(this.db, scope, id);
    return this.requestView(this.db, id);
  }

  private async requireRequest(db: Executor, scope: Scope, id: number) {
    const r = await db.selectFrom('sign_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !seesArea(scope, r.estate_id, r.area_id)) throw notFound('entity.signRequest');
    return r;
  }

  private async requestView(db: Executor, id: number) {
    const r = await db
      .selectFrom('sign_requests as r')
      .leftJoin('users as a', 'a.id', 'r.requested_by')
      .leftJoin('users as d', 'd.id', 'r.decided_by')
      .selectAll('r')
      .select(['a.display_name as requester', 'd.display_name as decider'])
      .where('r.id', '=', id)
      .executeTakeFirstOrThrow();
    const lines = await db.selectFrom('sign_request_lines').selectAll().where('request_id', '=', id).orderBy('seq').execute();
    const signs = await db.selectFrom('signs').select('id').where('request_id', '=', id).orderBy('id').execute();
    return {
      id: r.id, estateId: r.estate_id, areaId: r.area_id, reason: r.reason, costEstimate: r.cost_estimate == null ? null : Number(r.cost_estimate), status: r.status,
      requestedBy: r.requester ?? null, submittedAt: r.submitted_at, decidedBy: r.decider ?? null, decidedAt: r.decided_at, decisionNote: r.decision_note, createdAt: r.created_at,
      lines: lines.map((l) => ({ id: l.id, seq: l.seq, category: l.category, place: l.place, signGroupId: l.sign_group_id, location: l.location, content: l.content, size: l.size, material: l.material, quantity: l.quantity, temporaryUntil: l.temporary_until })),
      signIds: signs.map((s) => s.id),
    };
  }

  async createRequest(actor: Actor, scope: Scope, input: z.infer<typeof requestInput>) {
    const today = todayOf(this.clock);
    input.lines.forEach((l, i) => {
      // Place 4.3.2.6 is the temporary signs': it and an end date go together.
      if (l.place === 'temporary' || l.temporaryUntil) {
        const problem = temporaryEndProblem(today, l.temporaryUntil);
        if (problem) throw invalid(`lines.${i}.temporaryUntil`, problem);
      }
    });
    return this.db.transaction().execute(async (trx) => {
      const areaId = await this.placeOf(trx, scope, input.estateId, input.areaId ?? null, null);
      for (const [i, l] of input.lines.entries()) {
        if (l.signGroupId) {
          const g = await this.requireGroup(trx, scope, l.signGroupId, `lines.${i}.signGroupId`);
          if (g.estate_id !== input.estateId) throw invalid(`lines.${i}.signGroupId`, 'sign.unknownGroup');
        }
      }
      const at = now(this.clock);
      const { id } = await trx
        .insertInto('sign_requests')
        .values({ estate_id: input.estateId, area_id: areaId, reason: input.reason, cost_estimate: input.costEstimate ?? null, status: input.submit ? 'submitted' : 'draft', requested_by: actor.id, submitted_at: input.submit ? at : null, decided_by: null, decided_at: null, decision_note: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('sign_request_lines')
        .values(input.lines.map((l, i) => ({ estate_id: input.estateId, request_id: id, seq: i + 1, category: l.category, place: l.place, sign_group_id: l.signGroupId ?? null, location: l.location, content: l.content, size: l.size ?? null, material: l.material ?? null, quantity: l.quantity, temporary_until: l.temporaryUntil ?? null })))
        .execute();
      const count = input.lines.reduce((n, l) => n + l.quantity, 0);
      await this.audit.record(trx, actor, { action: 'create', entity: 'sign_request', entityId: id, estateId: input.estateId, summary: { key: input.submit ? 'audit.signRequest.submit' : 'audit.signRequest.create', params: { reason: input.reason.slice(0, 60), count } }, ref: input.reason.slice(0, 60) });
      return this.requestView(trx, id);
    });
  }

  async submit(actor: Actor, scope: Scope, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireRequest(trx, scope, id);
      if (!seesArea(scope, r.estate_id, r.area_id)) throw forbidden();
      await this.step(trx, r, 'submit', { submitted_at: now(this.clock) });
      await this.audit.record(trx, actor, { action: 'update', entity: 'sign_request', entityId: id, estateId: r.estate_id, summary: { key: 'audit.signRequest.submit', params: { reason: r.reason.slice(0, 60), count: await this.signCount(trx, id) } }, ref: r.reason.slice(0, 60), detail: { status: [r.status, 'submitted'] } });
      return this.requestView(trx, id);
    });
  }

  /** The superior's decision (4.3.4); approval turns every line into `quantity` approved signs. */
  async decide(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof decideInput>) {
    if (!input.approve && !input.note) throw invalid('note', 'sign.noteRequired');
    return this.db.transaction().execute(async (trx) => {
      const r = await this.requireRequest(trx, auth.scope, id);
      // Nobody approves his own list: it goes to his superior.
      if (r.requested_by === actor.id && auth.user.role !== 'director') throw conflict('sign.ownRequest');
      const at = now(this.clock);
      await this.step(trx, r, input.approve ? 'approve' : 'reject', { decided_by: actor.id, decided_at: at, decision_note: input.note ?? null });
      const codes: string[] = [];
      if (input.approve) {
        const lines = await trx.selectFrom('sign_request_lines').selectAll().where('request_id', '=', id).orderBy('seq').execute();
        for (const l of lines) {
          const g = l.sign_group_id ? await trx.selectFrom('sign_groups').select('area_id').where('id', '=', l.sign_group_id).executeTakeFirst() : null;
          for (let k = 0; k < l.quantity; k++) {
            const code = signCode(await nextSeq(trx, r.estate_id));
            codes.push(code);
            await trx
              .insertInto('signs')
              .values({
                estate_id: r.estate_id, area_id: g?.area_id ?? r.area_id, code, category: l.category, place: l.place, sign_group_id: l.sign_group_id, location: l.location,
                content: l.content, size: l.size, material: l.material, temporary: fromBool(l.place === 'temporary' || l.temporary_until != null), expires_on: l.temporary_until,
                status: 'approved', request_id: id, request_line_id: l.id, installed_on: null, removed_reason: null, ticket_id: null, created_by: actor.id, created_at: at, updated_at: at,
              })
              .execute();
          }
        }
      }
      await this.audit.record(trx, actor, {
        action: input.approve ? 'approve' : 'reject',
        entity: 'sign_request',
        entityId: id,
        estateId: r.estate_id,
        summary: { key: input.approve ? 'audit.signRequest.approve' : 'audit.signRequest.reject', params: { reason: r.reason.slice(0, 60), count: codes.length } },
        ref: r.reason.slice(0, 60),
        detail: { status: [r.status, input.approve ? 'approved' : 'rejected'], note: input.note, codes },
      });
      return this.requestView(trx, id);
    });
  }

  private async step(trx: Executor, r: { id: number; status: string }, action: 'submit' | 'approve' | 'reject', set: Record<string, unknown>) {
    const to = requestNext(r.status as never, action);
    if (!to) throw conflict('sign.requestState', { status: `status.signRequest.${r.status}` });
    const res = await trx.updateTable('sign_requests').set({ ...set, status: to }).where('id', '=', r.id).where('status', '=', r.status).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('sign.requestState', { status: `status.signRequest.${r.status}` });
  }

  private async signCount(db: Executor, id: number) {
    const r = await db.selectFrom('sign_request_lines').select((eb) => eb.fn.sum<number>('quantity').as('n')).where('request_id', '=', id).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  // ---- the twice-daily check (4.3.5) -----------------------------------------------------

  /**
   * One check of a sign group: "all OK" or defects by sign. A defect files a repair ticket (channel
   * patrol) unless the sign already has a live one, which gets a "found again" note instead.
   */
  async check(actor: Actor, auth: AuthContext, input: z.infer<typeof checkInput>, roundResultId: number | null = null) {
    if (input.result === 'ok' && input.defects.length) throw invalid('defects', 'sign.okWithDefects');
    if (input.result === 'issue' && !input.defects.length) throw invalid('defects', 'sign.issueNeedsDefects');
    const notify: Array<{ notified: number[]; title: { key: string; params?: Record<string, string | number> }; body: string }> = [];
    const out = await this.db.transaction().execute(async (trx) => {
      const g = await this.requireGroup(trx, auth.scope, input.signGroupId);
      if (!seesArea(auth.scope, g.estate_id, g.area_id)) throw forbidden();
      const settings = await fieldSettings(trx, g.estate_id);
      const instant = this.clock.now();
      const at = instant.toISOString();
      const slot = slotAt(settings.signCheckSlots, chinaTime(instant));
      const { id } = await trx
        .insertInto('sign_checks')
        .values({ estate_id: g.estate_id, area_id: g.area_id, sign_group_id: g.id, checked_at: at, local_date: todayOf(this.clock), slot, result: input.result, note: input.note ?? null, by_user: actor.id, round_result_id: roundResultId, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [i, d] of input.defects.entries()) {
        const s = await trx.selectFrom('signs').selectAll().where('id', '=', d.signId).executeTakeFirst();
        if (!s || s.sign_group_id !== g.id) throw invalid(`defects.${i}.signId`, 'sign.notInGroup');
        if (s.status === 'removed' || s.status === 'approved') throw invalid(`defects.${i}.signId`, 'sign.notChecked');
        let ticketId = s.ticket_id;
        const live = ticketId ? await trx.selectFrom('tickets').select(['status']).where('id', '=', ticketId).executeTakeFirst() : null;
        const label = SIGN_DEFECT_LABELS[d.defect as SignDefect];
        if (ticketId && live && (LIVE as string[]).includes(live.status)) {
          await ticketRepository.insertEvent(trx, { estate_id: s.estate_id, ticket_id: ticketId, at, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'comment', from_status: null, to_status: null, note: `再次发现 ${chinaTime(instant)} ${actor.displayName ?? actor.name}：${label.zh}${d.note ? `，${d.note}` : ''}`, internal: 1, data: null });
        } else {
          const reg = await this.tickets.register(trx, actor, auth, {
            estateId: s.estate_id, areaId: s.area_id, type: 'repair', channel: 'patrol', title: `[标识] ${s.code} · ${label.zh}`,
            description: `${s.location}：${s.content}。${label.zh}${d.note ? `：${d.note}` : ''}`, department: defectDepartment(d.defect as SignDefect),
            priority: d.defect === 'missing' && s.category === 'safety' ? 'high' : 'normal', complex: false, emergency: false, reporterName: actor.displayName ?? actor.name,
          } as never, actor.id);
          ticketId = reg.id;
          notify.push(reg);
        }
        await trx.insertInto('sign_check_defects').values({ estate_id: s.estate_id, check_id: id, sign_id: s.id, defect: d.defect, note: d.note ?? null, ticket_id: ticketId }).execute();
        await trx.updateTable('signs').set({ status: 'defective', ticket_id: ticketId, updated_at: at }).where('id', '=', s.id).execute();
      }
      await this.audit.record(trx, actor, { action: 'create', entity: 'sign_check', entityId: id, estateId: g.estate_id, summary: { key: input.result === 'ok' ? 'audit.signCheck.ok' : 'audit.signCheck.issue', params: { name: g.name, count: input.defects.length } }, ref: g.name });
      return { id, slot, result: input.result, tickets: notify.length };
    });
    for (const n of notify) await this.notifications.deliver(n.notified, n.title as never, n.body);
    return out;
  }

  /** A day's checks per group and slot, with the day's compliance (counted slots ÷ 2 × groups). */
  async day(scope: Scope, estateId: number, date = todayOf(this.clock)) {
    const settings = await fieldSettings(this.db, estateId);
    const groups = await this.groups(scope, { estateId });
    const checks = await this.db
      .selectFrom('sign_checks as c')
      .leftJoin('users as u', 'u.id', 'c.by_user')
      .selectAll('c')
      .select('u.display_name')
      .where('c.estate_id', '=', estateId)
      .where('c.local_date', '=', date)
      .where(inScope(scope, 'c.estate_id', 'c.area_id'))
      .orderBy('c.checked_at')
      .execute();
    const defects = checks.length
      ? await this.db
          .selectFrom('sign_check_defects as d')
          .innerJoin('signs as s', 's.id', 'd.sign_id')
          .leftJoin('tickets as t', 't.id', 'd.ticket_id')
          .select(['d.check_id', 's.code', 'd.defect', 't.number'])
          .where('d.check_id', 'in', checks.map((c) => c.id))
          .execute()
      : [];
    return {
      date,
      slots: settings.signCheckSlots,
      compliance: compliance(checks.map((c) => ({ groupId: c.sign_group_id, slot: c.slot })), groups.map((g) => g.id), settings.signCheckSlots.length),
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        checks: checks
          .filter((c) => c.sign_group_id === g.id)
          .map((c) => ({ id: c.id, checkedAt: c.checked_at, slot: c.slot, result: c.result, byName: c.display_name ?? null, note: c.note, defects: defects.filter((d) => d.check_id === c.id).map((d) => ({ signCode: d.code, defect: d.defect, ticketNumber: d.number ?? null })) })),
      })),
    };
  }
}

async function nextSeq(db: Executor, estateId: number): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ estate_id: estateId, name: 'sign', value: 1 })
    .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

type SignRow = { id: number; estate_id: number; area_id: number | null; code: string; category: string; place: string; sign_group_id: number | null; group_name: string | null; location: string; content: string; size: string | null; material: string | null; temporary: number; expires_on: string | null; status: string; request_id: number | null; installed_on: string | null; removed_reason: string | null; ticket_id: number | null; ticket_number: string | null };
function present(s: SignRow) {
  return {
    id: s.id, estateId: s.estate_id, areaId: s.area_id, code: s.code, category: s.category, place: s.place, groupId: s.sign_group_id, groupName: s.group_name ?? null,
    location: s.location, content: s.content, size: s.size, material: s.material, temporary: toBool(s.temporary), expiresOn: s.expires_on, status: s.status,
    requestId: s.request_id, installedOn: s.installed_on, removedReason: s.removed_reason, ticketId: s.ticket_id, ticketNumber: s.ticket_number ?? null,
  };
}
