/**
 * The daily renovation inspection (M 4.2.1.1; design A.3.1 rule 6) on the rounds engine: each
 * area gets a `reno_daily` plan driven by the generator `active_renovations` (every renovation from
 * its permit until acceptance is a checkpoint, whose QR is printed on the 开工证), made the first
 * time a permit is issued there; the field app records violations offline as sync kind
 * `reno_violation`; the Saturday report counts the round results.
 */
import { z } from 'zod';
import { localDate } from '../../../../core/clock.ts';
import { ACTIVE_STATUSES, MINOR_RECTIFY_MAX_DAYS, RENO_DAILY_ITEMS, type RenoStatus, severityOf, VIOLATION_CATEGORIES, violationCategoryOf } from '../../../../core/renovation.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Services } from '../../../app.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { id as idField, text } from '../../../http/fields.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { SYSTEM } from '../../desk/tickets.service.ts';
import { SyncRejection } from '../rounds/results.service.ts';
import type { RenoRow } from './renovation.repository.ts';

export const RENO_GENERATOR = 'active_renovations';

const SYSTEM_AUTH: AuthContext = { sessionId: '', user: { id: 0, username: 'system', displayName: '系统', role: 'admin', department: null }, scope: { all: true, estates: [], areas: [], units: [] } };

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Offline violation from the phone: photos are field photos already uploaded (POST /api/v1/field/photos). */
const violationPayload = z
  .object({
    renovationId: idField,
    category: z.enum(VIOLATION_CATEGORIES),
    severity: z.enum(['minor', 'major']),
    description: text(1000),
    photoIds: z.array(idField).max(9).default([]),
    fixedOnSpot: z.boolean().default(false),
    afterPhotoIds: z.array(idField).max(9).default([]),
    rectifyDays: z.number().int().min(1).max(MINOR_RECTIFY_MAX_DAYS).nullish(),
  })
  .strict();

export function plugRenovationIntoRounds(services: Services, db: Db) {
  const { field, renovation } = services;

  field.registerRoundGenerator(RENO_GENERATOR, async (trx, ctx) => {
    let q = trx
      .selectFrom('renovations as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'r.building_id')
      .select(['r.id', 'r.number', 'r.area_id', 'r.building_id', 'r.unit_id', 'b.code as building_code', 'u.entrance', 'u.number as unit_number'])
      .where('r.estate_id', '=', ctx.estateId)
      .where('r.status', 'in', [...ACTIVE_STATUSES])
      .where('r.permitted_at', '<', new Date(`${dayAfter(ctx.date)}T00:00:00+08:00`).toISOString());
    if (ctx.areaId) q = q.where('r.area_id', '=', ctx.areaId);
    const rows = await q.orderBy('b.code').orderBy('u.floor').orderBy('u.number').execute();
    const ids: number[] = [];
    for (const r of rows) {
      ids.push(
        await field.ensureCheckpoint(trx, { estateId: ctx.estateId, areaId: r.area_id, refKind: 'renovation', refId: r.id, name: `${unitLabel(r.building_code, r.entrance, r.unit_number)} 装修 ${r.number}`, target: 'unit', buildingId: r.building_id, unitId: r.unit_id }),
      );
    }
    return ids;
  });

  field.registerSyncKind('reno_violation', violationPayload, async (trx, ctx, p) => {
    const r = await renovation.renovations.require(trx, ctx.auth, p.renovationId);
    const photos = [];
    for (const pid of p.photoIds) photos.push(await renovation.violations.adoptFieldPhoto(trx, r.id, r.estate_id, pid, 'photoIds'));
    const after = [];
    for (const pid of p.afterPhotoIds) after.push(await renovation.violations.adoptFieldPhoto(trx, r.id, r.estate_id, pid, 'afterPhotoIds'));
    const violationId = await renovation.violations.record(ctx.actor, ctx.auth, r.id, { category: p.category, severity: p.severity, description: p.description, photos, afterPhotos: after, fixedOnSpot: p.fixedOnSpot, rectifyDays: p.rectifyDays, clientUuid: ctx.clientUuid }, null, trx);
    return { estateId: r.estate_id, ids: { violationId } };
  });

  // An issue on the daily round becomes a violation of the renovation, not a desk ticket (one record,
  // one flow: notice, re-inspection, escalation); while one from the same checkpoint and item is
  // still open, the renovation's timeline notes it was seen again instead (like tickets' 再次发现).
  field.registerFindingHandler('renovation', async (trx, ctx) => {
    const r = await renovation.renovations.require(trx, ctx.auth, ctx.checkpoint.ref_id!).catch(() => null);
    if (!r || !ACTIVE_STATUSES.includes(r.status as RenoStatus)) return null;
    const category = violationCategoryOf(ctx.issue.category, ctx.item.label);
    const severity = severityOf(category, ctx.issue.severity ?? (ctx.item.severity === 'major' ? 'major' : 'minor'));
    if (severity === 'major' && ctx.issue.fixedOnSpot) throw new SyncRejection('BAD_ANSWER', { key: 'field.renoMajorNotOnSpot' });
    const live = await trx
      .selectFrom('round_findings as f')
      .innerJoin('renovation_violations as v', 'v.id', 'f.handled_id')
      .select(['v.id'])
      .where('f.handled_kind', '=', 'renovation_violation')
      .where('f.checkpoint_id', '=', ctx.checkpoint.id)
      .where('f.item_id', '=', ctx.item.id)
      .where('v.status', 'not in', ['closed', 'rectified_on_site'])
      .orderBy('v.id', 'desc')
      .executeTakeFirst();
    if (live && !ctx.issue.fixedOnSpot) {
      await renovation.renovations.record(trx, ctx.actor, r, 'violation_seen_again', r.status, r.status, ctx.issue.description, { violationId: live.id, findingId: ctx.findingId });
      return { kind: 'renovation_violation', id: live.id };
    }
    const photos = [];
    for (const pid of ctx.issue.photoIds) photos.push(await renovation.violations.adoptFieldPhoto(trx, r.id, r.estate_id, pid, 'photoIds'));
    const after = [];
    for (const pid of ctx.issue.afterPhotoIds) after.push(await renovation.violations.adoptFieldPhoto(trx, r.id, r.estate_id, pid, 'afterPhotoIds'));
    const id = await renovation.violations.record(ctx.actor, ctx.auth, r.id, { category, severity, description: ctx.issue.description, photos, afterPhotos: after, fixedOnSpot: ctx.issue.fixedOnSpot, rectifyDays: ctx.issue.rectifyDays, clientUuid: null }, ctx.resultId, trx);
    return { kind: 'renovation_violation', id };
  });

  renovation.violations.onClosed.push((trx, violationId) => field.engine.handledFinal(trx, 'renovation_violation', violationId));

  // The area's daily plan, made with the first permit there (and its estate's template with it).
  renovation.renovations.onPermit.push(async (trx, r, today) => {
    await ensureDailyPlan(services, trx, r, today);
    // the checkpoint now, so the 开工证 printed today already carries its QR
    await field.ensureCheckpoint(trx, { estateId: r.estate_id, areaId: r.area_id, refKind: 'renovation', refId: r.id, name: `${unitLabel(r.building_code, r.unit_entrance, r.unit_number)} 装修 ${r.number}`, target: 'unit', buildingId: r.building_id, unitId: r.unit_id });
  });

  renovation.reports.inspections = async (estateId, from, to) => {
    const rows = await db
      .selectFrom('round_results as x')
      .innerJoin('checkpoints as c', 'c.id', 'x.checkpoint_id')
      .leftJoin('users as u', 'u.id', 'x.by_user_id')
      .select(['c.ref_id', 'x.observed_at', 'x.scan_method', 'u.display_name'])
      .where('c.estate_id', '=', estateId)
      .where('c.ref_kind', '=', 'renovation')
      .where('x.counts', '=', 1)
      .where('x.observed_at', '>=', new Date(`${from}T00:00:00+08:00`).toISOString())
      .where('x.observed_at', '<', new Date(`${dayAfter(to)}T00:00:00+08:00`).toISOString())
      .orderBy('x.observed_at')
      .execute();
    return rows.map((r) => ({ renovationId: Number(r.ref_id), day: localDate(new Date(r.observed_at)), inspector: r.display_name, manual: r.scan_method === 'manual' }));
  };
}

async function ensureDailyPlan(services: Services, trx: Executor, r: RenoRow, today: string) {
  const existing = await trx.selectFrom('round_plans').select('id').where('estate_id', '=', r.estate_id).where('generator', '=', RENO_GENERATOR).where((eb) => (r.area_id ? eb('area_id', '=', r.area_id) : eb('area_id', 'is', null))).executeTakeFirst();
  if (existing) return;
  let template = await trx.selectFrom('check_templates').select('family_id').where('estate_id', '=', r.estate_id).where('kind', '=', 'reno_daily').where('status', '=', 'published').orderBy('id').executeTakeFirst();
  if (!template) {
    const id = await services.field.config.createTemplate(
      SYSTEM,
      SYSTEM_AUTH,
      { estateId: r.estate_id, kind: 'reno_daily', name: '装修巡查表', items: RENO_DAILY_ITEMS.map((i) => ({ label: i.label, answer: 'ok_issue' as const, unit: null, photoOnIssue: true, fixableOnSpot: i.fixable, severity: i.severity, ticketType: 'report' as const, department: 'customer_service' as const })) },
      true,
      trx,
    );
    template = { family_id: id };
  }
  await services.field.config.createPlan(
    SYSTEM,
    SYSTEM_AUTH,
    {
      estateId: r.estate_id,
      areaId: r.area_id,
      name: `装修日常巡检${r.area_name ? `（${r.area_name}）` : ''}`,
      kind: 'reno_daily',
      generator: RENO_GENERATOR,
      templateFamilyId: template.family_id,
      assigneeRule: 'area_admin',
      recurrence: 'daily',
      days: [],
      // Every day, holidays too (the manual: 每天一次); 08:00–20:00 is the design's guess.
      slots: [{ start: '08:00', windowMin: 720 }],
      leadMin: 30,
      graceMin: 30,
      startsOn: today,
      enabled: true,
    },
    trx,
  );
}
