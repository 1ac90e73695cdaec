/**
 * Signage and vacant units on the rounds engine (field/rounds/README.md): sign groups are the
 * checkpoints of a twice-daily `sign_check` plan (generator `active_signs`), registrations due for a
 * check are the checkpoints of a `vacant_check` plan (generator `due_vacant_units`); each engine result
 * on those checkpoints becomes a sign-check record or a 5.10/5.11 vacant-check record. Findings → tickets
 * stay the engine's (one bridge, one dedupe).
 */
import { type Clock, localDate } from '../../../../core/clock.ts';
import { chinaTime, slotAt } from '../../../../core/signs.ts';
import { nextCheckOn, VACANT_CHECK_ITEMS } from '../../../../core/vacant.ts';
import { fromJson, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { FieldServices } from '../field.module.ts';
import { VACANT_ITEM_LABELS } from '../vacant/vacant.messages.ts';
import { fieldSettings } from './field-settings.ts';
import { unitLabel } from '../../../../core/units.ts';

export const SIGN_GROUP_REF = 'sign_group';
export const VACANT_REF = 'vacant_registration';
const SYSTEM: Actor = { id: null, name: 'rounds', ip: null };

export function registerFieldGenerators(field: FieldServices) {
  // Every sign group of the plan's area with a sign to look at (in use or awaiting repair).
  field.registerRoundGenerator('active_signs', async (trx, ctx) => {
    let q = trx
      .selectFrom('sign_groups as g')
      .select(['g.id', 'g.name', 'g.area_id', 'g.building_id', 'g.location'])
      .where('g.estate_id', '=', ctx.estateId)
      .where('g.active', '=', 1)
      .where((eb) => eb.exists(eb.selectFrom('signs as s').select('s.id').whereRef('s.sign_group_id', '=', 'g.id').where('s.status', 'in', ['active', 'defective'])));
    if (ctx.areaId) q = q.where('g.area_id', '=', ctx.areaId);
    const ids: number[] = [];
    for (const g of await q.orderBy('g.name').execute()) {
      ids.push(await field.ensureCheckpoint(trx, { estateId: ctx.estateId, areaId: g.area_id, refKind: SIGN_GROUP_REF, refId: g.id, name: `标识 · ${g.name}`, target: 'sign_group', buildingId: g.building_id, location: g.location }));
    }
    return ids;
  });
  // Registrations whose next check falls on or before the slot's day.
  field.registerRoundGenerator('due_vacant_units', async (trx, ctx) => {
    let q = trx
      .selectFrom('vacant_registrations as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['r.id', 'r.area_id', 'r.unit_id', 'u.building_id', 'b.code', 'u.entrance', 'u.number'])
      .where('r.estate_id', '=', ctx.estateId)
      .where('r.ended_on', 'is', null)
      .where('r.next_check_on', '<=', ctx.date);
    if (ctx.areaId) q = q.where('r.area_id', '=', ctx.areaId);
    const ids: number[] = [];
    for (const r of await q.orderBy('b.code').orderBy('u.number').execute()) {
      ids.push(await field.ensureCheckpoint(trx, { estateId: ctx.estateId, areaId: r.area_id, refKind: VACANT_REF, refId: r.id, name: `空置房 ${unitLabel(r.code, r.entrance, r.number)}`, target: 'unit', buildingId: r.building_id, unitId: r.unit_id }));
    }
    return ids;
  });
}

/** The estate's sign-check and vacant-check templates and, per area, the two plans (once). */
export async function ensureFieldPlans(field: FieldServices, db: Executor, actor: Actor, auth: AuthContext, estateId: number, areaId: number | null, startsOn: string) {
  const familyOf = async (kind: 'sign_check' | 'vacant_check') => {
    const found = await db.selectFrom('check_templates').select(['id', 'family_id']).where('estate_id', '=', estateId).where('kind', '=', kind).where('status', '=', 'published').orderBy('id').executeTakeFirst();
    if (found) return found.family_id ?? found.id;
    const items =
      kind === 'sign_check'
        ? [{ label: '标识完好（无缺失、损坏、污损、字迹不清、过时、位置不当）', answer: 'ok_issue' as const, unit: null, photoOnIssue: true, fixableOnSpot: true, severity: 'minor' as const, ticketType: 'repair' as const, department: 'engineering' as const }]
        : VACANT_CHECK_ITEMS.map((k) => ({ label: VACANT_ITEM_LABELS[k][0], answer: 'ok_issue' as const, unit: null, photoOnIssue: true, fixableOnSpot: false, severity: (k === 'leaks' ? 'major' : 'minor') as 'major' | 'minor', ticketType: (k === 'leaks' || k === 'valves_closed' ? 'repair' : 'report') as 'repair' | 'report', department: (k === 'leaks' || k === 'valves_closed' ? 'engineering' : 'customer_service') as 'engineering' | 'customer_service' }));
    const id = await field.config.createTemplate(actor, auth, { estateId, kind, name: kind === 'sign_check' ? '标识检查（每日两遍）' : '空置房巡查（5.11）', items }, true, db);
    return (await db.selectFrom('check_templates').select(['id', 'family_id']).where('id', '=', id).executeTakeFirstOrThrow()).family_id ?? id;
  };
  const existing = await db.selectFrom('round_plans').select(['generator']).where('estate_id', '=', estateId).where(areaId == null ? (eb) => eb('area_id', 'is', null) : (eb) => eb('area_id', '=', areaId)).execute();
  const made: number[] = [];
  const area = areaId == null ? '' : ((await db.selectFrom('areas').select('name').where('id', '=', areaId).executeTakeFirst())?.name ?? '');
  if (!existing.some((p) => p.generator === 'active_signs')) {
    const slots = (await fieldSettings(db, estateId)).signCheckSlots;
    made.push(await field.config.createPlan(actor, auth, { estateId, areaId, name: `${area}标识检查`, kind: 'sign_check', generator: 'active_signs', templateFamilyId: await familyOf('sign_check'), assigneeRule: 'area_admin', recurrence: 'daily', days: [], slots, leadMin: 30, graceMin: 30, startsOn, enabled: true }, db));
  }
  if (!existing.some((p) => p.generator === 'due_vacant_units')) {
    made.push(await field.config.createPlan(actor, auth, { estateId, areaId, name: `${area}空置房巡查`, kind: 'vacant_check', generator: 'due_vacant_units', templateFamilyId: await familyOf('vacant_check'), assigneeRule: 'area_admin', recurrence: 'daily', days: [], slots: [{ start: '09:00', windowMin: 480 }], leadMin: 30, graceMin: 30, startsOn, enabled: true }, db));
  }
  return made;
}

/**
 * Engine results on sign groups and vacant registrations not yet turned into records: each becomes
 * one sign check (slot from its observed time) or one vacant check (items by label, the first
 * finding's ticket). Idempotent: a result is linked once by `round_result_id`.
 */
export async function importRoundResults(db: Db, clock: Clock, audit: AuditService) {
  const rows = await db
    .selectFrom('round_results as r')
    .innerJoin('checkpoints as c', 'c.id', 'r.checkpoint_id')
    .select(['r.id', 'r.estate_id', 'r.answers', 'r.note', 'r.observed_at', 'r.by_user_id', 'c.ref_kind', 'c.ref_id'])
    .where('c.ref_kind', 'in', [SIGN_GROUP_REF, VACANT_REF])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sign_checks as s').select('s.id').whereRef('s.round_result_id', '=', 'r.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('vacant_checks as v').select('v.id').whereRef('v.round_result_id', '=', 'r.id'))))
    .orderBy('r.id')
    .limit(500)
    .execute();
  let made = 0;
  for (const r of rows) {
    await db.transaction().execute(async (trx) => {
      const answers = toJson<Array<{ itemId: number; value: unknown }>>(r.answers) ?? [];
      const items = answers.length ? await trx.selectFrom('check_template_items').select(['id', 'label']).where('id', 'in', answers.map((a) => a.itemId)).execute() : [];
      const issue = answers.some((a) => a.value === 'issue');
      const finding = await trx.selectFrom('round_findings').select('ticket_id').where('result_id', '=', r.id).where('ticket_id', 'is not', null).orderBy('id').executeTakeFirst();
      const observed = new Date(r.observed_at);
      const at = clock.now().toISOString();
      const actor: Actor = r.by_user_id ? { ...SYSTEM, id: r.by_user_id } : SYSTEM;
      if (r.ref_kind === SIGN_GROUP_REF) {
        const g = await trx.selectFrom('sign_groups').select(['id', 'estate_id', 'area_id', 'name']).where('id', '=', r.ref_id!).executeTakeFirst();
        if (!g) return;
        const slots = (await fieldSettings(trx, g.estate_id)).signCheckSlots;
        const { id } = await trx
          .insertInto('sign_checks')
          .values({ estate_id: g.estate_id, area_id: g.area_id, sign_group_id: g.id, checked_at: observed.toISOString(), local_date: localDate(observed), slot: slotAt(slots, chinaTime(observed)), result: issue ? 'issue' : 'ok', note: r.note, by_user: r.by_user_id, round_result_id: r.id, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record(trx, actor, { action: 'create', entity: 'sign_check', entityId: id, estateId: g.estate_id, ref: g.name, summary: { key: issue ? 'audit.signCheck.issue' : 'audit.signCheck.ok', params: { name: g.name, count: answers.filter((a) => a.value === 'issue').length } } });
      } else {
        const reg = await trx.selectFrom('vacant_registrations').selectAll().where('id', '=', r.ref_id!).executeTakeFirst();
        if (!reg) return;
        const byLabel = new Map(VACANT_CHECK_ITEMS.map((k) => [VACANT_ITEM_LABELS[k][0], k]));
        const mapped: Record<string, string> = {};
        for (const a of answers) {
          const key = byLabel.get(items.find((i) => i.id === a.itemId)?.label ?? '');
          if (key && (a.value === 'ok' || a.value === 'issue')) mapped[key] = a.value;
        }
        const on = localDate(observed);
        const time = chinaTime(observed);
        const { id } = await trx
          .insertInto('vacant_checks')
          .values({ estate_id: reg.estate_id, area_id: reg.area_id, registration_id: reg.id, unit_id: reg.unit_id, checked_on: on, time_in: time, time_out: time, checker_id: r.by_user_id, companion: null, entered: 0, key_no_used: null, items: fromJson(mapped)!, result: issue ? 'issue' : 'pass', note: r.note, ticket_id: finding?.ticket_id ?? null, round_result_id: r.id, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        const last = await trx.selectFrom('vacant_checks').select((eb) => eb.fn.max('checked_on').as('on')).where('registration_id', '=', reg.id).executeTakeFirst();
        if (!reg.ended_on) await trx.updateTable('vacant_registrations').set({ next_check_on: nextCheckOn(String(last?.on ?? on), reg.registered_on, reg.check_interval_days), updated_at: at }).where('id', '=', reg.id).execute();
        const label = await trx.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['b.code', 'u.entrance', 'u.number']).where('u.id', '=', reg.unit_id).executeTakeFirstOrThrow();
        const unit = unitLabel(label.code, label.entrance, label.number);
        await audit.record(trx, actor, { action: 'create', entity: 'vacant_check', entityId: id, estateId: reg.estate_id, ref: unit, summary: { key: issue ? 'audit.vacantCheck.issue' : 'audit.vacantCheck.pass', params: { unit, on } } });
      }
      made++;
    });
  }
  return made;
}
