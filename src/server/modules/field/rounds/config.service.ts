/**
 * What the office sets up for rounds: check templates (versioned, a published version never
 * changes), checkpoints with their QR tokens, routes and plans. Scope: reads outside the caller's
 * estate/area are 404, writes 403; every write is audited in its transaction.
 */
import type { z } from 'zod';
import type { Clock } from '../../../../core/clock.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import { fromBool, fromJson, joinList, splitList, toBool, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { DEFAULT_TEMPLATES } from './defaults.ts';
import type { RoundsEngine } from './engine.ts';
import { newToken } from './tokens.ts';
import type { checkpointCreate, checkpointUpdate, planCreate, planUpdate, routeCreate, routeUpdate, templateCreate, templateDraft, templateItemIn } from './rounds.schemas.ts';

type ItemIn = z.output<typeof templateItemIn>;


export class RoundsConfigService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private engine: RoundsEngine,
  ) {}

  private now() {
    return this.clock.now().toISOString();
  }

  private estateRead(auth: AuthContext, estateId: number) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
  }
  private areaWrite(auth: AuthContext, estateId: number, areaId: number | null | undefined) {
    if (!seesArea(auth.scope, estateId, areaId ?? null)) throw outOfScope();
  }
  private async checkArea(db: Executor, estateId: number, areaId: number | null | undefined) {
    if (!areaId) return;
    const a = await db.selectFrom('areas').select('estate_id').where('id', '=', areaId).executeTakeFirst();
    if (!a || a.estate_id !== estateId) throw invalid('areaId', 'field.rounds.areaEstate');
  }

  /** A new estate's published default templates (called from EstateService.onCreated, like deskConfig.seedDefaults). */
  async seedDefaults(trx: Executor, estateId: number) {
    const at = this.now();
    for (const t of DEFAULT_TEMPLATES) {
      const { id } = await trx
        .insertInto('check_templates')
        .values({ estate_id: estateId, family_id: null, version: 1, kind: t.kind, name: t.name, status: 'published', published_at: at, created_by: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('check_templates').set({ family_id: id }).where('id', '=', id).execute();
      await this.writeItems(
        trx,
        estateId,
        id,
        t.items.map((i) => ({ label: i.label, answer: 'ok_issue' as const, unit: null, photoOnIssue: true, fixableOnSpot: i.fixable ?? false, severity: i.severity ?? 'minor', ticketType: i.ticketType ?? 'repair', department: i.department, qualityDept: i.quality ?? null })),
      );
    }
  }

  // ---- templates --------------------------------------------------------------------------

  async listTemplates(auth: AuthContext, estateId: number) {
    this.estateRead(auth, estateId);
    const rows = await this.db
      .selectFrom('check_templates as t')
      .select(['t.id', 't.estate_id', 't.family_id', 't.version', 't.kind', 't.name', 't.status', 't.published_at'])
      .select((eb) => eb.selectFrom('check_template_items as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.template_id', '=', 't.id').as('n'))
      .where('t.estate_id', '=', estateId)
      .orderBy('t.family_id')
      .orderBy('t.version', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, estateId: r.estate_id, familyId: r.family_id ?? r.id, version: r.version, kind: r.kind, name: r.name, status: r.status, publishedAt: r.published_at, itemCount: Number(r.n ?? 0) }));
  }

  async getTemplate(auth: AuthContext, id: number) {
    const t = await this.db.selectFrom('check_templates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t || !seesEstate(auth.scope, t.estate_id)) throw notFound('entity.checkTemplate');
    const items = await this.db.selectFrom('check_template_items').selectAll().where('template_id', '=', id).orderBy('seq').execute();
    return {
      id: t.id,
      estateId: t.estate_id,
      familyId: t.family_id ?? t.id,
      version: t.version,
      kind: t.kind,
      name: t.name,
      status: t.status,
      publishedAt: t.published_at,
      itemCount: items.length,
      items: items.map((i) => ({
        id: i.id,
        seq: i.seq,
        label: i.label,
        answer: i.answer,
        min: i.min,
        max: i.max,
        unit: i.unit,
        options: toJson<string[]>(i.options),
        photoOnIssue: toBool(i.photo_on_issue),
        fixableOnSpot: toBool(i.fixable_on_spot),
        severity: i.severity,
        ticketType: i.ticket_type,
        department: i.department,
        categoryId: i.category_id,
        qualityDept: i.quality_dept,
      })),
    };
  }

  private async writeItems(trx: Executor, estateId: number, templateId: number, items: ItemIn[]) {
    for (const [i, it] of items.entries()) {
      if (it.categoryId) {
        const c = await trx.selectFrom('ticket_categories').select('estate_id').where('id', '=', it.categoryId).executeTakeFirst();
        if (!c || c.estate_id !== estateId) throw invalid(`items.${i}.categoryId`, 'field.categoryEstate');
      }
      await trx
        .insertInto('check_template_items')
        .values({
          estate_id: estateId,
          template_id: templateId,
          seq: i + 1,
          label: it.label,
          answer: it.answer,
          min: it.answer === 'number' ? (it.min ?? null) : null,
          max: it.answer === 'number' ? (it.max ?? null) : null,
          unit: it.answer === 'number' ? (it.unit ?? null) : null,
          options: it.answer === 'choice' ? fromJson(it.options ?? []) : null,
          photo_on_issue: fromBool(it.photoOnIssue),
          fixable_on_spot: fromBool(it.fixableOnSpot),
          severity: it.severity,
          ticket_type: it.ticketType,
          department: it.department ?? null,
          category_id: it.categoryId ?? null,
          quality_dept: it.qualityDept ?? null,
        })
        .execute();
    }
  }

  /** A new template, as a draft version 1 (or published at once for seeding). */
  async createTemplate(actor: Actor, auth: AuthContext, input: z.output<typeof templateCreate>, publish = false, db: Executor | null = null): Promise<number> {
    this.areaWrite(auth, input.estateId, null);
    const run = async (trx: Executor) => {
      const at = this.now();
      const { id } = await trx
        .insertInto('check_templates')
        .values({ estate_id: input.estateId, family_id: null, version: 1, kind: input.kind, name: input.name, status: publish ? 'published' : 'draft', published_at: publish ? at : null, created_by: actor.id, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('check_templates').set({ family_id: id }).where('id', '=', id).execute();
      await this.writeItems(trx, input.estateId, id, input.items);
      await this.audit.record(trx, actor, { action: 'create', entity: 'check_template', entityId: id, estateId: input.estateId, summary: { key: 'audit.rounds.template.create', params: { name: input.name } }, ref: input.name });
      return id;
    };
    return db ? run(db) : this.db.transaction().execute(run);
  }

  /** Replaces a draft's name and items; a published version is immutable (409). */
  async saveDraft(actor: Actor, auth: AuthContext, id: number, input: z.output<typeof templateDraft>) {
    await this.db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('check_templates').selectAll().where('id', '=', id).executeTakeFirst();
      if (!t || !seesEstate(auth.scope, t.estate_id)) throw notFound('entity.checkTemplate');
      this.areaWrite(auth, t.estate_id, null);
      const took = await trx.updateTable('check_templates').set({ name: input.name, updated_at: this.now() }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
      if (Number(took.numUpdatedRows) !== 1) throw conflict('conflict.rounds.published');
      // A draft's items are one form being written: replaced as a whole until it is published.
      await trx.deleteFrom('check_template_items').where('template_id', '=', id).execute();
      await this.writeItems(trx, t.estate_id, id, input.items);
      await this.audit.record(trx, actor, { action: 'update', entity: 'check_template', entityId: id, estateId: t.estate_id, summary: { key: 'audit.rounds.template.draft', params: { name: input.name, version: t.version } }, ref: input.name });
    });
  }

  async publish(actor: Actor, auth: AuthContext, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('check_templates').selectAll().where('id', '=', id).executeTakeFirst();
      if (!t || !seesEstate(auth.scope, t.estate_id)) throw notFound('entity.checkTemplate');
      this.areaWrite(auth, t.estate_id, null);
      const took = await trx.updateTable('check_templates').set({ status: 'published', published_at: this.now(), updated_at: this.now() }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
      if (Number(took.numUpdatedRows) !== 1) throw conflict('conflict.rounds.published');
      await this.audit.record(trx, actor, { action: 'update', entity: 'check_template', entityId: id, estateId: t.estate_id, summary: { key: 'audit.rounds.template.publish', params: { name: t.name, version: t.version } }, ref: t.name });
    });
  }

  /** Editing a published template: a new draft version with its items copied. */
  async revise(actor: Actor, auth: AuthContext, id: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('check_templates').selectAll().where('id', '=', id).executeTakeFirst();
      if (!t || !seesEstate(auth.scope, t.estate_id)) throw notFound('entity.checkTemplate');
      this.areaWrite(auth, t.estate_id, null);
      const family = t.family_id ?? t.id;
      const draft = await trx.selectFrom('check_templates').select('id').where('family_id', '=', family).where('status', '=', 'draft').executeTakeFirst();
      if (draft) throw conflict('conflict.rounds.draftExists');
      const top = await trx.selectFrom('check_templates').select((eb) => eb.fn.max('version').as('v')).where('family_id', '=', family).executeTakeFirstOrThrow();
      const at = this.now();
      const version = Number(top.v) + 1;
      const { id: newId } = await trx
        .insertInto('check_templates')
        .values({ estate_id: t.estate_id, family_id: family, version, kind: t.kind, name: t.name, status: 'draft', published_at: null, created_by: actor.id, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const items = await trx.selectFrom('check_template_items').selectAll().where('template_id', '=', id).orderBy('seq').execute();
      for (const { id: _old, ...it } of items) await trx.insertInto('check_template_items').values({ ...it, template_id: newId }).execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'check_template', entityId: newId, estateId: t.estate_id, summary: { key: 'audit.rounds.template.revise', params: { name: t.name, version } }, ref: t.name });
      return newId;
    });
  }

  // ---- checkpoints ------------------------------------------------------------------------

  async listCheckpoints(auth: AuthContext, estateId: number) {
    this.estateRead(auth, estateId);
    const rows = await this.db
      .selectFrom('checkpoints as c')
      .leftJoin('check_templates as t', 't.id', 'c.template_family_id')
      .selectAll('c')
      .select('t.name as template_name')
      .where('c.estate_id', '=', estateId)
      .orderBy('c.code')
      .execute();
    return rows.filter((c) => seesArea(auth.scope, c.estate_id, c.area_id)).map(checkpointOut);
  }

  private async checkTargets(trx: Executor, estateId: number, input: { buildingId?: number | null; unitId?: number | null; facilityId?: number | null; templateFamilyId?: number | null }) {
    const same = async (table: 'buildings' | 'units' | 'facilities' | 'check_templates', id: number | null | undefined, field: string) => {
      if (!id) return;
      const row = await trx.selectFrom(table).select('estate_id').where('id', '=', id).executeTakeFirst();
      if (!row || row.estate_id !== estateId) throw invalid(field, 'field.rounds.sameEstate');
    };
    await same('buildings', input.buildingId, 'buildingId');
    await same('units', input.unitId, 'unitId');
    await same('facilities', input.facilityId, 'facilityId');
    await same('check_templates', input.templateFamilyId, 'templateFamilyId');
  }

  async createCheckpoint(actor: Actor, auth: AuthContext, input: z.output<typeof checkpointCreate>, refKind: string | null = null, refId: number | null = null, db: Executor | null = null): Promise<number> {
    this.areaWrite(auth, input.estateId, input.areaId);
    const run = async (trx: Executor) => {
      await this.checkArea(trx, input.estateId, input.areaId);
      await this.checkTargets(trx, input.estateId, input);
      const taken = await trx.selectFrom('checkpoints').select('id').where('estate_id', '=', input.estateId).where('code', '=', input.code).executeTakeFirst();
      if (taken) throw conflict('conflict.rounds.code', { code: input.code }, { code: { key: 'conflict.rounds.code', params: { code: input.code } } });
      const at = this.now();
      const { id } = await trx
        .insertInto('checkpoints')
        .values({
          estate_id: input.estateId,
          area_id: input.areaId ?? null,
          code: input.code,
          name: input.name,
          target: input.target,
          building_id: input.buildingId ?? null,
          unit_id: input.unitId ?? null,
          facility_id: input.facilityId ?? null,
          ref_kind: refKind,
          ref_id: refId,
          location: input.location ?? null,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          qr_token: newToken(),
          nfc_uid: input.nfcUid ?? null,
          template_family_id: input.templateFamilyId ?? null,
          active: 1,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'checkpoint', entityId: id, estateId: input.estateId, summary: { key: 'audit.rounds.checkpoint.create', params: { code: input.code, name: input.name } }, ref: input.code });
      return id;
    };
    return db ? run(db) : this.db.transaction().execute(run);
  }

  async updateCheckpoint(actor: Actor, auth: AuthContext, id: number, input: z.output<typeof checkpointUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
      if (!c || !seesArea(auth.scope, c.estate_id, c.area_id)) throw notFound('entity.checkpoint');
      if (input.areaId !== undefined) {
        this.areaWrite(auth, c.estate_id, input.areaId);
        await this.checkArea(trx, c.estate_id, input.areaId);
      }
      await this.checkTargets(trx, c.estate_id, input);
      const patch = {
        ...(input.areaId !== undefined ? { area_id: input.areaId } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.target !== undefined ? { target: input.target } : {}),
        ...(input.buildingId !== undefined ? { building_id: input.buildingId } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
        ...(input.facilityId !== undefined ? { facility_id: input.facilityId } : {}),
        ...(input.location !== undefined ? { location: input.location } : {}),
        ...(input.lat !== undefined ? { lat: input.lat } : {}),
        ...(input.lng !== undefined ? { lng: input.lng } : {}),
        ...(input.nfcUid !== undefined ? { nfc_uid: input.nfcUid } : {}),
        ...(input.templateFamilyId !== undefined ? { template_family_id: input.templateFamilyId } : {}),
        ...(input.active !== undefined ? { active: fromBool(input.active) } : {}),
      };
      await trx.updateTable('checkpoints').set({ ...patch, updated_at: this.now() }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'checkpoint', entityId: id, estateId: c.estate_id, summary: { key: 'audit.rounds.checkpoint.update', params: { code: c.code } }, ref: c.code, detail: input });
    });
  }

  /** A new QR token: the old label stops working (a lost or copied label). */
  async rotate(actor: Actor, auth: AuthContext, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
      if (!c || !seesArea(auth.scope, c.estate_id, c.area_id)) throw notFound('entity.checkpoint');
      await trx.updateTable('checkpoints').set({ qr_token: newToken(), updated_at: this.now() }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'checkpoint', entityId: id, estateId: c.estate_id, summary: { key: 'audit.rounds.checkpoint.rotate', params: { code: c.code } }, ref: c.code });
    });
  }

  /** What a printed label carries: the scan URL with the token (config roles only). */
  async labels(auth: AuthContext, estateId: number, ids: number[] | null) {
    this.estateRead(auth, estateId);
    let q = this.db.selectFrom('checkpoints').select(['id', 'code', 'name', 'location', 'qr_token', 'area_id', 'estate_id']).where('estate_id', '=', estateId).where('active', '=', 1);
    if (ids) q = q.where('id', 'in', ids.length ? ids : [-1]);
    const rows = await q.orderBy('code').limit(500).execute();
    return rows.filter((c) => seesArea(auth.scope, c.estate_id, c.area_id)).map((c) => ({ id: c.id, code: c.code, name: c.name, location: c.location, url: `/field/scan?t=${c.qr_token}` }));
  }

  // ---- routes -----------------------------------------------------------------------------

  async listRoutes(auth: AuthContext, estateId: number) {
    this.estateRead(auth, estateId);
    const routes = await this.db.selectFrom('round_routes').selectAll().where('estate_id', '=', estateId).orderBy('id').execute();
    const points = routes.length
      ? await this.db
          .selectFrom('round_route_points as rp')
          .innerJoin('checkpoints as c', 'c.id', 'rp.checkpoint_id')
          .select(['rp.route_id', 'c.id', 'c.code', 'c.name'])
          .where('rp.route_id', 'in', routes.map((r) => r.id))
          .orderBy('rp.route_id')
          .orderBy('rp.seq')
          .execute()
      : [];
    return routes
      .filter((r) => seesArea(auth.scope, r.estate_id, r.area_id))
      .map((r) => ({ id: r.id, estateId: r.estate_id, areaId: r.area_id, name: r.name, ordered: toBool(r.ordered), active: toBool(r.active), checkpoints: points.filter((p) => p.route_id === r.id).map((p) => ({ id: p.id, code: p.code, name: p.name })) }));
  }

  private async setRoutePoints(trx: Executor, estateId: number, routeId: number, ids: number[]) {
    if (new Set(ids).size !== ids.length) throw invalid('checkpointIds', 'field.rounds.duplicate');
    const found = ids.length ? await trx.selectFrom('checkpoints').select('id').where('id', 'in', ids).where('estate_id', '=', estateId).execute() : [];
    if (found.length !== ids.length) throw invalid('checkpointIds', 'field.rounds.sameEstate');
    // A route's list of points is configuration, replaced as a whole (like a user's scopes).
    await trx.deleteFrom('round_route_points').where('route_id', '=', routeId).execute();
    for (const [i, cp] of ids.entries()) await trx.insertInto('round_route_points').values({ estate_id: estateId, route_id: routeId, seq: i + 1, checkpoint_id: cp }).execute();
  }

  async createRoute(actor: Actor, auth: AuthContext, input: z.output<typeof routeCreate>, db: Executor | null = null): Promise<number> {
    this.areaWrite(auth, input.estateId, input.areaId);
    const run = async (trx: Executor) => {
      await this.checkArea(trx, input.estateId, input.areaId);
      const at = this.now();
      const { id } = await trx.insertInto('round_routes').values({ estate_id: input.estateId, area_id: input.areaId ?? null, name: input.name, ordered: fromBool(input.ordered), active: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await this.setRoutePoints(trx, input.estateId, id, input.checkpointIds);
      await this.audit.record(trx, actor, { action: 'create', entity: 'round_route', entityId: id, estateId: input.estateId, summary: { key: 'audit.rounds.route.create', params: { name: input.name, n: input.checkpointIds.length } }, ref: input.name });
      return id;
    };
    return db ? run(db) : this.db.transaction().execute(run);
  }

  async updateRoute(actor: Actor, auth: AuthContext, id: number, input: z.output<typeof routeUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('round_routes').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r || !seesArea(auth.scope, r.estate_id, r.area_id)) throw notFound('entity.roundRoute');
      if (input.areaId !== undefined) {
        this.areaWrite(auth, r.estate_id, input.areaId);
        await this.checkArea(trx, r.estate_id, input.areaId);
      }
      const patch = {
        ...(input.areaId !== undefined ? { area_id: input.areaId } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.ordered !== undefined ? { ordered: fromBool(input.ordered) } : {}),
        ...(input.active !== undefined ? { active: fromBool(input.active) } : {}),
      };
      await trx.updateTable('round_routes').set({ ...patch, updated_at: this.now() }).where('id', '=', id).execute();
      if (input.checkpointIds) await this.setRoutePoints(trx, r.estate_id, id, input.checkpointIds);
      await this.audit.record(trx, actor, { action: 'update', entity: 'round_route', entityId: id, estateId: r.estate_id, summary: { key: 'audit.rounds.route.update', params: { name: input.name ?? r.name } }, ref: r.name, detail: input });
    });
  }

  // ---- plans ------------------------------------------------------------------------------

  async listPlans(auth: AuthContext, estateId: number) {
    this.estateRead(auth, estateId);
    const rows = await this.db
      .selectFrom('round_plans as p')
      .leftJoin('round_routes as r', 'r.id', 'p.route_id')
      .leftJoin('users as u', 'u.id', 'p.assignee_id')
      .selectAll('p')
      .select(['r.name as route_name', 'u.display_name as assignee_name'])
      .where('p.estate_id', '=', estateId)
      .orderBy('p.id')
      .execute();
    return rows.filter((p) => seesArea(auth.scope, p.estate_id, p.area_id)).map((p) => ({
      id: p.id,
      estateId: p.estate_id,
      areaId: p.area_id,
      name: p.name,
      kind: p.kind,
      routeId: p.route_id,
      routeName: p.route_name,
      generator: p.generator,
      templateFamilyId: p.template_family_id,
      assigneeRule: p.assignee_rule,
      assigneeId: p.assignee_id,
      assigneeName: p.assignee_name,
      recurrence: p.recurrence,
      days: splitList(p.days).map(Number),
      everyN: p.every_n,
      slots: toJson<Array<{ start: string; windowMin: number }>>(p.slots) ?? [],
      leadMin: p.lead_min,
      graceMin: p.grace_min,
      startsOn: String(p.starts_on),
      endsOn: p.ends_on ? String(p.ends_on) : null,
      enabled: toBool(p.enabled),
    }));
  }

  /** The plan as it will be after the change must make sense as a whole (design A.3.3 bad-input rules). */
  private async checkPlan(trx: Executor, estateId: number, p: { routeId: number | null; generator: string | null; templateFamilyId: number | null; assigneeRule: string; assigneeId: number | null; recurrence: string; days: number[]; everyN: number | null; enabled: boolean; startsOn: string; endsOn: string | null }) {
    if (!p.routeId && !p.generator) throw invalid('routeId', 'field.rounds.routeOrGenerator');
    if (p.routeId && p.generator) throw invalid('generator', 'field.rounds.routeOrGenerator');
    if (p.generator && !this.engine.generatorKinds().includes(p.generator)) throw invalid('generator', 'field.rounds.generatorUnknown', { kinds: this.engine.generatorKinds().join(', ') || '—' });
    if (p.routeId) {
      const r = await trx.selectFrom('round_routes').select(['estate_id']).where('id', '=', p.routeId).executeTakeFirst();
      if (!r || r.estate_id !== estateId) throw invalid('routeId', 'field.rounds.sameEstate');
      if (p.enabled) {
        const n = await trx.selectFrom('round_route_points').select((eb) => eb.fn.countAll<number>().as('n')).where('route_id', '=', p.routeId).executeTakeFirstOrThrow();
        if (Number(n.n) === 0) throw invalid('routeId', 'field.rounds.routeEmpty');
      }
    }
    if (p.templateFamilyId) {
      const t = await trx.selectFrom('check_templates').select('estate_id').where('id', '=', p.templateFamilyId).executeTakeFirst();
      if (!t || t.estate_id !== estateId) throw invalid('templateFamilyId', 'field.rounds.sameEstate');
    }
    if (p.assigneeRule === 'user') {
      if (!p.assigneeId) throw invalid('assigneeId', 'field.required');
      const u = await trx.selectFrom('users as u').innerJoin('user_scopes as s', 's.user_id', 'u.id').select('u.id').where('u.id', '=', p.assigneeId).where('u.active', '=', 1).where('s.estate_id', '=', estateId).where('u.role', '!=', 'owner').executeTakeFirst();
      if (!u) throw invalid('assigneeId', 'field.rounds.assignee');
    }
    if (p.recurrence === 'weekdays' && (!p.days.length || p.days.some((d) => d > 7))) throw invalid('days', 'field.rounds.weekdays');
    if (p.recurrence === 'month_days' && !p.days.length) throw invalid('days', 'field.rounds.monthDays');
    if (p.recurrence === 'every_n_days' && !p.everyN) throw invalid('everyN', 'field.required');
    if (p.endsOn && p.endsOn < p.startsOn) throw invalid('endsOn', 'field.rounds.endsBefore');
  }

  async createPlan(actor: Actor, auth: AuthContext, input: z.output<typeof planCreate>, db: Executor | null = null): Promise<number> {
    this.areaWrite(auth, input.estateId, input.areaId);
    const run = async (trx: Executor) => {
      await this.checkArea(trx, input.estateId, input.areaId);
      await this.checkPlan(trx, input.estateId, { ...input, routeId: input.routeId ?? null, generator: input.generator ?? null, templateFamilyId: input.templateFamilyId ?? null, assigneeId: input.assigneeId ?? null, everyN: input.everyN ?? null, endsOn: input.endsOn ?? null });
      const at = this.now();
      const { id } = await trx
        .insertInto('round_plans')
        .values({
          estate_id: input.estateId,
          area_id: input.areaId ?? null,
          name: input.name,
          kind: input.kind,
          route_id: input.routeId ?? null,
          generator: input.generator ?? null,
          template_family_id: input.templateFamilyId ?? null,
          assignee_rule: input.assigneeRule,
          assignee_id: input.assigneeRule === 'user' ? (input.assigneeId ?? null) : null,
          recurrence: input.recurrence,
          days: joinList(input.days.map(String)),
          every_n: input.everyN ?? null,
          slots: fromJson(input.slots)!,
          lead_min: input.leadMin,
          grace_min: input.graceMin,
          starts_on: input.startsOn,
          ends_on: input.endsOn ?? null,
          enabled: fromBool(input.enabled),
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'round_plan', entityId: id, estateId: input.estateId, summary: { key: 'audit.rounds.plan.create', params: { name: input.name } }, ref: input.name });
      return id;
    };
    return db ? run(db) : this.db.transaction().execute(run);
  }

  async updatePlan(actor: Actor, auth: AuthContext, id: number, input: z.output<typeof planUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('round_plans').selectAll().where('id', '=', id).executeTakeFirst();
      if (!p || !seesArea(auth.scope, p.estate_id, p.area_id)) throw notFound('entity.roundPlan');
      if (input.areaId !== undefined) {
        this.areaWrite(auth, p.estate_id, input.areaId);
        await this.checkArea(trx, p.estate_id, input.areaId);
      }
      const merged = {
        routeId: input.routeId !== undefined ? input.routeId : p.route_id,
        generator: input.generator !== undefined ? input.generator : p.generator,
        templateFamilyId: input.templateFamilyId !== undefined ? input.templateFamilyId : p.template_family_id,
        assigneeRule: input.assigneeRule ?? p.assignee_rule,
        assigneeId: input.assigneeId !== undefined ? input.assigneeId : p.assignee_id,
        recurrence: input.recurrence ?? p.recurrence,
        days: input.days ?? splitList(p.days).map(Number),
        everyN: input.everyN !== undefined ? input.everyN : p.every_n,
        enabled: input.enabled ?? toBool(p.enabled),
        startsOn: input.startsOn ?? String(p.starts_on),
        endsOn: input.endsOn !== undefined ? input.endsOn : p.ends_on ? String(p.ends_on) : null,
      };
      await this.checkPlan(trx, p.estate_id, { ...merged, routeId: merged.routeId ?? null, generator: merged.generator ?? null, templateFamilyId: merged.templateFamilyId ?? null, assigneeId: merged.assigneeId ?? null, everyN: merged.everyN ?? null, endsOn: merged.endsOn ?? null });
      const patch = {
        ...(input.areaId !== undefined ? { area_id: input.areaId } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.routeId !== undefined ? { route_id: input.routeId } : {}),
        ...(input.generator !== undefined ? { generator: input.generator } : {}),
        ...(input.templateFamilyId !== undefined ? { template_family_id: input.templateFamilyId } : {}),
        ...(input.assigneeRule !== undefined ? { assignee_rule: input.assigneeRule } : {}),
        ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
        ...(input.recurrence !== undefined ? { recurrence: input.recurrence } : {}),
        ...(input.days !== undefined ? { days: joinList(input.days.map(String)) } : {}),
        ...(input.everyN !== undefined ? { every_n: input.everyN } : {}),
        ...(input.slots !== undefined ? { slots: fromJson(input.slots)! } : {}),
        ...(input.leadMin !== undefined ? { lead_min: input.leadMin } : {}),
        ...(input.graceMin !== undefined ? { grace_min: input.graceMin } : {}),
        ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
        ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
        ...(input.enabled !== undefined ? { enabled: fromBool(input.enabled) } : {}),
      };
      await trx.updateTable('round_plans').set({ ...patch, updated_at: this.now() }).where('id', '=', id).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'round_plan', entityId: id, estateId: p.estate_id, summary: { key: 'audit.rounds.plan.update', params: { name: input.name ?? p.name } }, ref: p.name, detail: input });
    });
  }
}

function checkpointOut(c: {
  id: number;
  estate_id: number;
  area_id: number | null;
  code: string;
  name: string;
  target: string;
  building_id: number | null;
  unit_id: number | null;
  facility_id: number | null;
  location: string | null;
  lat: number | null;
  lng: number | null;
  nfc_uid: string | null;
  template_family_id: number | null;
  template_name: string | null;
  active: number;
  ref_kind: string | null;
}) {
  return {
    id: c.id,
    estateId: c.estate_id,
    areaId: c.area_id,
    code: c.code,
    name: c.name,
    target: c.target,
    buildingId: c.building_id,
    unitId: c.unit_id,
    facilityId: c.facility_id,
    location: c.location,
    lat: c.lat,
    lng: c.lng,
    nfcUid: c.nfc_uid,
    templateFamilyId: c.template_family_id,
    templateName: c.template_name,
    active: toBool(c.active),
    refKind: c.ref_kind,
  };
}
