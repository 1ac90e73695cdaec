/**
 * Renovation 装修 from application to close (manual 3.6, 4.2.2; design A.3.1): every step checks
 * core/renovation.ts, writes the renovation, its timeline event and an audit entry in one
 * transaction. Scope: staff their estates/areas (404 outside), owners their own units.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { maskIdNumber, maskPhone } from '../../../../core/mask.ts';
import {
  actionsFrom,
  approvalNeeds,
  datesProblem,
  EXTENDABLE_STATUSES,
  isEditable,
  isOpenMajor,
  LIVE_STATUSES,
  nextStatus,
  permitMissing,
  type RenoAction,
  type RenoStatus,
  type ViolationStatus,
} from '../../../../core/renovation.ts';
import { can } from '../../../../core/roles.ts';
import { seesArea } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import { fromBool, joinList, splitList, toBool, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { billRenoFees, renoFeeLines, RENO_FEE_CODES } from './renovation.fees.ts';
import { type RenoFilter, type RenoRow, renoRepository as repo } from './renovation.repository.ts';
import type { renoCreate } from './renovation.schemas.ts';

/** Default deposit of a renovation (guess; the manual leaves the amount to the estate): 2,000 元, none for an AC installation. */
export const DEFAULT_DEPOSIT = { full: 200_000, partial: 100_000, ac_install: 0 } as const;

/** The form code of the signed 装修审批及竣工验收表 scans in form_scans (record key: the renovation's id). */
/** The signed 装修审批及竣工验收表 (5.7): the form kit's `reno-approval` (management/forms/field-relations.forms.ts). */
/** The columns an application's form sets, written alike when it is made and when a returned one is revised. */
export function applicationColumns(input: Pick<z.infer<typeof renoCreate>, 'kind' | 'applicantKind' | 'applicantName' | 'applicantPhone' | 'contractor' | 'licenceNo' | 'leadName' | 'leadPhone' | 'fireName' | 'firePhone' | 'scope' | 'description' | 'touchesStructure' | 'designDoc' | 'plannedStart' | 'plannedEnd'>) {
  return {
    kind: input.kind,
    applicant_kind: input.applicantKind,
    applicant_name: input.applicantName,
    applicant_phone: input.applicantPhone,
    contractor: input.contractor,
    licence_no: input.licenceNo,
    lead_name: input.leadName,
    lead_phone: input.leadPhone,
    fire_name: input.fireName,
    fire_phone: input.firePhone,
    scope: joinList(input.scope),
    description: input.description,
    touches_structure: fromBool(input.touchesStructure),
    design_doc: input.designDoc,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
  };
}

export const RENO_ACCEPTANCE_FORM = 'reno-approval';

export const forbiddenBecause = (key: string) => new AppError('FORBIDDEN', { key });

export class RenovationService {
  /** Steps run in the permit's transaction (the daily inspection plan of the area, rounds.plug.ts). */
  readonly onPermit: Array<(trx: Executor, r: RenoRow, today: string) => Promise<void>> = [];

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
    private notifications: NotificationService,
  ) {}

  /** The renovation if the caller may see it: staff in scope, an owner for his own unit. */
  async require(db: Executor, auth: AuthContext, id: number): Promise<RenoRow> {
    const r = await repo.find(db, id);
    const visible = r && (auth.user.role === 'owner' ? auth.scope.units.includes(r.unit_id) && this.portalSees(auth, r) : seesArea(auth.scope, r.estate_id, r.area_id));
    if (!r || !visible) throw notFound('entity.renovation');
    return r;
  }

  /** An owner sees the renovations begun in his time, or the ones he applied for. */
  private portalSees(auth: AuthContext, r: RenoRow): boolean {
    const since = auth.scope.unitsSince?.[r.unit_id];
    return r.applicant_user_id === auth.user.id || since === undefined || localDate(new Date(r.created_at)) >= since;
  }

  async list(auth: AuthContext, f: Omit<RenoFilter, 'scope' | 'units'>) {
    const owner = auth.user.role === 'owner';
    const { items, total } = await repo.list(this.db, { ...f, scope: auth.scope, units: owner ? auth.scope.units : undefined });
    const visible = owner ? items.filter((r) => this.portalSees(auth, r)) : items;
    return { items: visible.map((r) => this.summary(r, auth)), total: owner ? visible.length : total };
  }

  private summary(r: RenoRow, auth: AuthContext) {
    const reveal = can(auth.user.role, 'pii.reveal');
    return {
      id: r.id,
      number: r.number,
      estateId: r.estate_id,
      areaId: r.area_id,
      areaName: r.area_name,
      unitId: r.unit_id,
      unitLabel: unitLabel(r.building_code, r.unit_entrance, r.unit_number),
      kind: r.kind,
      status: r.status as RenoStatus,
      applicantKind: r.applicant_kind,
      applicantName: r.applicant_name,
      applicantPhone: reveal ? r.applicant_phone : maskPhone(r.applicant_phone),
      contractor: r.contractor,
      leadName: r.lead_name,
      leadPhone: reveal ? r.lead_phone : maskPhone(r.lead_phone),
      scope: splitList(r.scope),
      touchesStructure: toBool(r.touches_structure),
      plannedStart: r.planned_start,
      plannedEnd: r.planned_end,
      actualStart: r.actual_start,
      actualEnd: r.actual_end,
      permitNo: r.permit_no,
      createdAt: r.created_at,
      overdueSince: EXTENDABLE_STATUSES.includes(r.status as RenoStatus) ? r.overdue_since : null,
      version: r.version,
    };
  }

  async get(auth: AuthContext, id: number) {
    const r = await this.require(this.db, auth, id);
    const owner = auth.user.role === 'owner';
    const reveal = can(auth.user.role, 'pii.reveal');
    const [workers, events, violations, acceptances, deposits, lines, extensions, scans, versions] = await Promise.all([
      this.db.selectFrom('renovation_workers').selectAll().where('renovation_id', '=', id).where('removed_at', 'is', null).orderBy('id').execute(),
      this.db.selectFrom('renovation_events').selectAll().where('renovation_id', '=', id).orderBy('at').orderBy('id').execute(),
      this.db.selectFrom('renovation_violations').selectAll().where('renovation_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('renovation_acceptances').selectAll().where('renovation_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('deposits').select(['id']).where('renovation_id', '=', id).orderBy('id').execute(),
      renoFeeLines(this.db, id),
      this.db.selectFrom('renovation_extensions').selectAll().where('renovation_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('form_scans').select(['id', 'mime', 'size', 'file_name', 'created_at']).where('form_code', '=', RENO_ACCEPTANCE_FORM).where('record_key', '=', String(id)).orderBy('id').execute(),
      this.db.selectFrom('renovation_versions').select(['version', 'data', 'returned_note', 'saved_at']).where('renovation_id', '=', id).orderBy('version').execute(),
    ]);
    // The daily inspection on the rounds engine: its checkpoint (QR on the 开工证) and what was found.
    const checkpoint = await this.db.selectFrom('checkpoints').select(['id', 'qr_token']).where('ref_kind', '=', 'renovation').where('ref_id', '=', id).where('estate_id', '=', r.estate_id).executeTakeFirst();
    const inspections = checkpoint
      ? await this.db
          .selectFrom('round_results as x')
          .leftJoin('users as u', 'u.id', 'x.by_user_id')
          .select(['x.id', 'x.observed_at', 'x.scan_method', 'x.timing', 'x.counts', 'u.display_name'])
          .where('x.checkpoint_id', '=', checkpoint.id)
          .orderBy('x.observed_at', 'desc')
          .limit(60)
          .execute()
      : [];
    return {
      ...this.summary(r, auth),
      ownerConsentBy: r.owner_consent_by,
      ownerConsentAt: r.owner_consent_at,
      ownerConsentMethod: r.owner_consent_method,
      licenceNo: r.licence_no,
      fireName: r.fire_name,
      firePhone: reveal ? r.fire_phone : maskPhone(r.fire_phone),
      description: r.description,
      designDoc: r.design_doc,
      engineeringOpinion: r.engineering_opinion,
      depositAmount: r.deposit_amount,
      agreementSignedAt: r.agreement_signed_at,
      permittedAt: r.permitted_at,
      decisionNote: r.decision_note,
      approvalNeeds: approvalNeeds({ touchesStructure: toBool(r.touches_structure), scope: splitList(r.scope) }),
      actions: actionsFrom(r.status as RenoStatus),
      workers: workers.map((w) => ({
        id: w.id,
        name: w.name,
        role: w.role,
        idNumber: reveal ? w.id_number : maskIdNumber(w.id_number),
        phone: reveal ? w.phone : maskPhone(w.phone),
        passNo: w.pass_no,
        issuedAt: w.issued_at,
        returnedAt: w.returned_at,
      })),
      // The owner sees the steps, not the staff's internal notes on them.
      timeline: events.map((e) => ({ id: e.id, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: owner ? null : e.note, actorName: e.actor_name, at: e.at })),
      violations: violations.map((v) => presentViolation(v)),
      openMajors: violations.filter(isOpenMajor).length,
      acceptances: acceptances.map((a) => ({ id: a.id, result: a.result, checklist: toJson(a.checklist), signatures: toJson(a.signatures), scanRef: a.scan_ref, scanId: a.scan_id, reasons: a.reasons, engineerName: a.engineer_name, at: a.at })),
      depositIds: deposits.map((d) => d.id),
      inspection: {
        checkpointId: checkpoint?.id ?? null,
        // the QR printed on the 开工证 (what the field app scans); not for the portal
        scanPath: checkpoint && !owner ? `/field/scan?t=${checkpoint.qr_token}` : null,
        results: inspections.map((x) => ({ id: x.id, observedAt: x.observed_at, day: localDate(new Date(x.observed_at)), scanMethod: x.scan_method, timing: x.timing, counts: toBool(x.counts), inspector: x.display_name })),
      },
      extensions: extensions.map((e) => ({ id: e.id, oldEnd: e.old_end, newEnd: e.new_end, reason: e.reason, via: e.via, requestedByName: e.requested_by_name, requestedAt: e.requested_at, status: e.status, decidedByName: e.decided_by_name, decidedAt: e.decided_at, decisionNote: owner ? null : e.decision_note })),
      // Earlier versions of a returned application, as they were when edited (nothing is deleted).
      versions: owner ? versions.map((v) => ({ version: v.version, returnedNote: v.returned_note, savedAt: v.saved_at, data: null })) : versions.map((v) => ({ version: v.version, returnedNote: v.returned_note, savedAt: v.saved_at, data: toJson<Record<string, unknown>>(v.data) })),
      acceptanceScans: owner ? [] : scans.map((x) => ({ id: x.id, mime: x.mime, size: x.size, fileName: x.file_name, uploadedAt: x.created_at })),
      canRevise: isEditable(r.status as RenoStatus) && (!owner || r.applicant_user_id === auth.user.id),
      feeLines: lines.map((l) => ({ id: l.id, itemName: l.item_name, amount: l.amount, paid: l.paid, open: toBool(l.open), dueOn: l.due_on })),
    };
  }

  /** An application at the desk (staff) or from the owner portal (`portal`: the caller applies for his own unit). */
  async create(actor: Actor, auth: AuthContext, input: z.infer<typeof renoCreate>, portal = false) {
    const now = this.clock.now();
    const today = localDate(now);
    const id = await this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, auth.scope, input.unitId);
      if (portal && !auth.scope.units.includes(unit.id)) throw notFound('entity.unit');
      const owners = await trx.selectFrom('ownerships').select(['owner_name']).where('unit_id', '=', unit.id).where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)])).execute();
      if (!owners.length) throw conflict('conflict.renoNoOwner');
      if (input.applicantKind === 'tenant' && !input.ownerConsentBy) throw invalid('ownerConsentBy', 'field.renoConsent');
      const dates = datesProblem(input.plannedStart, input.plannedEnd, today);
      if (dates === 'startPast') throw invalid('plannedStart', 'field.renoStartPast');
      if (dates === 'endBeforeStart') throw invalid('plannedEnd', 'field.renoEndBeforeStart');
      if (dates === 'tooLong') throw invalid('plannedEnd', 'field.renoTooLong');
      if (input.touchesStructure && !input.designDoc) throw invalid('designDoc', 'field.renoDesignDoc');
      const leads = input.workers.filter((w) => w.role === 'lead').length;
      if (leads > 1) throw invalid('workers', 'field.renoOneLead');
      if (input.submit) await this.assertNoLive(trx, unit.estate_id, unit.id);
      const number = await repo.next(trx, unit.estate_id, 'ZX', today.slice(0, 4));
      const status: RenoStatus = input.submit ? 'submitted' : 'draft';
      const row = await trx
        .insertInto('renovations')
        .values({
          estate_id: unit.estate_id,
          area_id: unit.area_id,
          building_id: unit.building_id,
          unit_id: unit.id,
          number,
          ...applicationColumns(input),
          applicant_user_id: portal ? actor.id : null,
          owner_consent_by: input.applicantKind === 'tenant' ? input.ownerConsentBy : null,
          owner_consent_at: input.applicantKind === 'tenant' ? now.toISOString() : null,
          owner_consent_method: input.applicantKind === 'tenant' ? (input.ownerConsentMethod ?? 'paper') : null,
          engineering_opinion: null,
          actual_start: null,
          actual_end: null,
          deposit_amount: input.depositAmount ?? DEFAULT_DEPOSIT[input.kind],
          agreement_signed_at: null,
          permit_no: null,
          permitted_at: null,
          status,
          inspector_id: null,
          prev_unit_status: null,
          approved_by: null,
          approved_at: null,
          decision_note: null,
          created_by: actor.id,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const w of input.workers) {
        await trx
          .insertInto('renovation_workers')
          .values({ estate_id: unit.estate_id, renovation_id: row.id, name: w.name, role: w.role, id_number: w.idNumber, phone: w.phone, pass_no: w.passNo, issued_at: w.passNo ? now.toISOString() : null, returned_at: null, created_at: now.toISOString() })
          .execute();
      }
      await repo.event(trx, { estate_id: unit.estate_id, renovation_id: row.id, action: 'create', from_status: null, to_status: status, note: null, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, at: now.toISOString() });
      const label = unitLabel(unit.building_code, unit.entrance, unit.number);
      await this.audit.record(trx, actor, { action: 'create', entity: 'renovation', entityId: row.id, estateId: unit.estate_id, ref: number, summary: { key: 'audit.reno.create', params: { number, unit: label } }, detail: { unitId: unit.id, kind: input.kind, status, portal } });
      if (input.submit) await this.notifyApprovers(trx, unit.estate_id, row.id, number, label);
      return row.id;
    });
    return this.get(auth, id);
  }

  /** Rule 1: one live renovation per unit. The counters row serialises two desks applying at once. */
  async assertNoLive(trx: Executor, estateId: number, unitId: number, except?: number) {
    await trx
      .insertInto('counters')
      .values({ estate_id: estateId, name: `lock:reno-unit:${unitId}`, value: 0 })
      .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb.ref('counters.value') })))
      .execute();
    let q = trx.selectFrom('renovations').select(['number']).where('unit_id', '=', unitId).where('status', 'in', [...LIVE_STATUSES]);
    if (except) q = q.where('id', '!=', except);
    const live = await q.executeTakeFirst();
    if (live) throw conflict('conflict.renoLive', { number: live.number });
  }

  async notifyApprovers(trx: Executor, estateId: number, id: number, number: string, unit: string, round = '') {
    const users = await trx
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select('u.id')
      .where('u.role', 'in', ['assistant', 'director'])
      .where('u.active', '=', 1)
      .where('s.estate_id', '=', estateId)
      .execute();
    await this.notifications.notify(trx, { userIds: users.map((u) => u.id), estateId, kind: 'renovation', title: { key: 'notify.reno.submitted.title', params: { number } }, body: { key: 'notify.reno.submitted.body', params: { number, unit } }, dedupeKey: `reno:${id}:submitted${round}` });
  }

  /**
   * One step of the state machine. `portal`: the owner's own steps (submit, request completion,
   * cancel before the permit). The body carries a reason (return, reject, suspend, cancel, fail)
   * or the approval's engineering opinion.
   */
  async step(actor: Actor, auth: AuthContext, id: number, action: RenoAction, body: { reason?: string | null; engineeringOpinion?: string | null; note?: string | null }, portal = false) {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const today = localDate(now);
    await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      if (!portal && auth.user.role !== 'owner') await this.property.requireUnit(trx, auth.scope, r.unit_id);
      const from = r.status as RenoStatus;
      if (portal && !['submit', 'request_completion', 'cancel'].includes(action)) throw forbiddenBecause('error.forbidden');
      if (['accept', 'fail', 'request_refund'].includes(action)) throw conflict('conflict.renoUseOwnStep');
      const to = nextStatus(from, action);
      if (!to) throw conflict('conflict.renoStep', { from: `status.reno.${from}`, action: `action.reno.${action}` });
      const set: Record<string, unknown> = { status: to, updated_at: nowIso };
      const needsReason = ['return', 'reject', 'suspend', 'cancel'].includes(action);
      if (needsReason && !body.reason) throw invalid('reason', 'field.required');
      if (action === 'submit') {
        await this.assertNoLive(trx, r.estate_id, r.unit_id, r.id);
        if (r.planned_start < today) throw invalid('plannedStart', 'field.renoStartPast');
      }
      if (action === 'approve') {
        const needs = approvalNeeds({ touchesStructure: toBool(r.touches_structure), scope: splitList(r.scope) });
        if (needs.director && auth.user.role !== 'director') throw forbiddenBecause('error.renoDirector');
        if (needs.engineeringOpinion && !body.engineeringOpinion) throw invalid('engineeringOpinion', 'field.renoOpinion');
        Object.assign(set, { approved_by: actor.id, approved_at: nowIso, engineering_opinion: body.engineeringOpinion ?? null, decision_note: body.note ?? null });
      }
      if (action === 'reject' || action === 'return') set.decision_note = body.reason;
      if (action === 'permit') {
        const held = await trx.selectFrom('deposits').select('id').where('renovation_id', '=', r.id).where('status', '=', 'held').executeTakeFirst();
        const lines = await renoFeeLines(trx, r.id);
        const missing = permitMissing({
          agreementSigned: r.agreement_signed_at != null,
          depositRequired: r.deposit_amount > 0,
          depositHeld: !!held,
          feesBilled: r.kind === 'ac_install' || RENO_FEE_CODES.every((c) => lines.some((l) => l.charge_key?.endsWith(`:${c}`))),
        });
        if (missing.length) throw conflict('conflict.renoPermitMissing', undefined, Object.fromEntries(missing.map((m) => [m, { key: `field.renoMissing.${m}` }])));
        set.permit_no = `KG-${r.number.slice(3)}`;
        set.permitted_at = nowIso;
        for (const fn of this.onPermit) await fn(trx, r, today);
      }
      if (action === 'start') {
        if (r.planned_start > today) throw conflict('conflict.renoNotYet', { date: r.planned_start });
        const unit = await trx.selectFrom('units').select('status').where('id', '=', r.unit_id).executeTakeFirstOrThrow();
        set.actual_start = today;
        set.prev_unit_status = unit.status;
        // Rule 5: the unit shows as renovating while the works go on; acceptance restores it.
        await trx.updateTable('units').set({ status: 'renovating', updated_at: nowIso }).where('id', '=', r.unit_id).execute();
      }
      if (action === 'settle') {
        // Closing by hand is for a renovation that holds nothing (an AC installation); a deposit closes it when settled.
        const unsettled = await trx.selectFrom('deposits').select('id').where('renovation_id', '=', r.id).where('status', '!=', 'settled').executeTakeFirst();
        if (unsettled) throw conflict('conflict.renoDepositHeld');
        if (await repo.openMajors(trx, r.id)) throw conflict('conflict.renoOpenMajors');
      }
      if (action === 'cancel') {
        // A held deposit goes back in full (design A.3.1): asked for here, approved and paid like any refund.
        const held = await trx.selectFrom('deposits').select(['id']).where('renovation_id', '=', r.id).where('status', '!=', 'settled').executeTakeFirst();
        if (held) throw conflict('conflict.renoDepositHeld');
      }
      await trx.updateTable('renovations').set(set).where('id', '=', r.id).where('status', '=', from).execute();
      await this.record(trx, actor, r, action, from, to, body.reason ?? body.note ?? body.engineeringOpinion ?? null);
    });
    return this.get(auth, id);
  }

  /** The 管理服务协议 and 承诺书 signed at the desk (a precondition of the permit). */
  async signAgreement(actor: Actor, auth: AuthContext, id: number) {
    const nowIso = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      if (r.status !== 'approved') throw conflict('conflict.renoStep', { from: `status.reno.${r.status}`, action: 'action.reno.agreement' });
      if (r.agreement_signed_at) throw conflict('conflict.renoAgreementSigned');
      await trx.updateTable('renovations').set({ agreement_signed_at: nowIso, updated_at: nowIso }).where('id', '=', r.id).execute();
      await this.record(trx, actor, r, 'agreement', r.status, r.status, null);
    });
    return this.get(auth, id);
  }

  /** Bills the renovation's one-off fees once (charge keys `reno:{id}:{code}`); a repeat bills nothing. */
  async billFees(actor: Actor, auth: AuthContext, id: number) {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      if (r.status !== 'approved' || r.kind === 'ac_install') throw conflict('conflict.renoStep', { from: `status.reno.${r.status}`, action: 'action.reno.fees' });
      const ids = await billRenoFees(trx, r, actor.id, localDate(now), now.toISOString());
      if (ids.length) await this.record(trx, actor, r, 'fees', r.status, r.status, null, { lineIds: ids });
    });
    return this.get(auth, id);
  }

  /** Acceptance with engineering (M 4.2.2.1): pass → accepted (unit status restored), fail → back to works. */
  async accept(actor: Actor, auth: AuthContext, id: number, input: { result: 'pass' | 'fail'; checklist: Array<{ item: string; ok: boolean; note?: string | null }>; signatures: Record<string, { name: string; signed: boolean } | undefined>; scanRef?: string | null; scanId?: number | null; reasons?: string | null }, problemOf: (openMajors: number) => string | null) {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    if (auth.user.role === 'dept_staff' && auth.user.department !== 'engineering') throw forbiddenBecause('error.renoEngineering');
    await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      const from = r.status as RenoStatus;
      const action = input.result === 'pass' ? 'accept' : 'fail';
      const to = nextStatus(from, action);
      if (!to) throw conflict('conflict.renoStep', { from: `status.reno.${from}`, action: `action.reno.${action}` });
      if (input.scanId != null) {
        // The signed 验收单 uploaded for this renovation (form_scans, form reno-approval), not any file.
        const scan = await trx.selectFrom('form_scans').select('id').where('id', '=', input.scanId).where('form_code', '=', RENO_ACCEPTANCE_FORM).where('record_key', '=', String(r.id)).executeTakeFirst();
        if (!scan) throw invalid('scanId', 'field.renoScan');
      }
      if (input.result === 'pass') {
        const problem = problemOf(await repo.openMajors(trx, r.id));
        if (problem === 'openMajors') throw conflict('conflict.renoOpenMajors');
        if (problem === 'checklist') throw invalid('checklist', 'field.renoChecklist');
        if (problem === 'signatures') throw invalid('signatures', 'field.renoSignatures');
      } else if (!input.reasons) throw invalid('reasons', 'field.required');
      await trx
        .insertInto('renovation_acceptances')
        .values({ estate_id: r.estate_id, renovation_id: r.id, result: input.result, checklist: JSON.stringify(input.checklist), signatures: JSON.stringify(input.signatures), scan_ref: input.scanRef ?? null, scan_id: input.scanId ?? null, reasons: input.reasons ?? null, engineer_id: actor.id, engineer_name: actor.displayName ?? actor.name, at: nowIso })
        .execute();
      const set: Record<string, unknown> = { status: to, updated_at: nowIso };
      if (to === 'accepted') {
        set.actual_end = localDate(now);
        if (r.prev_unit_status) await trx.updateTable('units').set({ status: r.prev_unit_status, updated_at: nowIso }).where('id', '=', r.unit_id).where('status', '=', 'renovating').execute();
      }
      await trx.updateTable('renovations').set(set).where('id', '=', r.id).where('status', '=', from).execute();
      await this.record(trx, actor, r, action, from, to, input.reasons ?? null);
    });
    return this.get(auth, id);
  }

  /** Marks a worker's pass returned (a pass returned twice is a 409). */
  async returnPass(actor: Actor, auth: AuthContext, id: number, workerId: number) {
    const nowIso = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await this.require(trx, auth, id);
      const w = await trx.selectFrom('renovation_workers').selectAll().where('id', '=', workerId).where('renovation_id', '=', r.id).executeTakeFirst();
      if (!w) throw notFound('entity.renoWorker');
      if (w.returned_at) throw conflict('conflict.renoPassReturned');
      await trx.updateTable('renovation_workers').set({ returned_at: nowIso }).where('id', '=', w.id).where('returned_at', 'is', null).execute();
      await this.record(trx, actor, r, 'pass_returned', r.status, r.status, w.name);
    });
    return this.get(auth, id);
  }

  /** Timeline event and audit entry of a step, in the caller's transaction. */
  async record(trx: Executor, actor: Actor, r: RenoRow, action: string, from: string, to: string, note: string | null, detail?: Record<string, unknown>) {
    const at = this.clock.now().toISOString();
    await repo.event(trx, { estate_id: r.estate_id, renovation_id: r.id, action, from_status: from, to_status: to, note, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, at });
    await this.audit.record(trx, actor, {
      action: 'update',
      entity: 'renovation',
      entityId: r.id,
      estateId: r.estate_id,
      ref: r.number,
      summary: { key: 'audit.reno.step', params: { number: r.number, action: `audit.reno.action.${action}`, status: `status.reno.${to}` } },
      detail: { action, from, to, note, ...detail },
    });
  }
}

export function presentViolation(v: {
  id: number; renovation_id: number; severity: string; category: string; description: string; photos: string; found_at: string; found_by_name: string; status: string; notice_no: string | null; notice_at: string | null; notice_by_name: string | null; delivery: string | null; acknowledged_at: string | null; acknowledged_by: string | null; rectify_by: string | null; reinspected_at: string | null; reinspected_by_name: string | null; reinspect_note: string | null; escalated_at: string | null; escalated_to: string | null; closed_at: string | null; upgraded_at?: string | null;
}) {
  return {
    id: v.id,
    renovationId: v.renovation_id,
    severity: v.severity,
    category: v.category,
    description: v.description,
    photos: toJson<Array<{ key: string; stage: string }>>(v.photos) ?? [],
    foundAt: v.found_at,
    foundByName: v.found_by_name,
    status: v.status as ViolationStatus,
    noticeNo: v.notice_no,
    noticeAt: v.notice_at,
    noticeByName: v.notice_by_name,
    delivery: v.delivery,
    acknowledgedAt: v.acknowledged_at,
    acknowledgedBy: v.acknowledged_by,
    rectifyBy: v.rectify_by,
    reinspectedAt: v.reinspected_at,
    reinspectedByName: v.reinspected_by_name,
    reinspectNote: v.reinspect_note,
    escalatedAt: v.escalated_at,
    escalatedTo: v.escalated_to,
    closedAt: v.closed_at,
    /** when the reno-daily job made an overdue minor major */
    upgradedAt: v.upgraded_at ?? null,
  };
}
