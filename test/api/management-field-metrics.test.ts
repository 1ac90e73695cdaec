/**
 * The field and relations metric sources (management/metrics/field-relations.metrics.ts): each
 * figure through the registry against an independent count from the tables, null over nothing,
 * and the director's pack no longer saying "no data source yet" for them. Small demo + rows
 * written here (the small demo has no walked rounds, surveys or home visits).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricContext } from '../../src/server/modules/management/metrics/metric.registry.ts';
import { monthsPeriod } from '../../src/server/modules/management/period.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let estate: number;
let tz: string;
const month = '2026-03';
const NOW = '2026-03-10T02:00:00.000Z';
const CODES = ['field.roundsCompletion', 'relations.surveyReturnRate', 'relations.surveySatisfaction', 'relations.careVisitCoverage', 'relations.householdVisits', 'field.renovationDailyInspection', 'field.signChecks'];

const ctxFor = (m: string, areaIds: number[] | null) => metricContext(t.db, { estateId: estate, areaIds, assigneeId: null }, monthsPeriod(m, m, tz, NOW));
const compute = (code: string, m: string, areaIds: number[] | null) => t.services.management.metrics.get(code)!.compute(ctxFor(m, areaIds));
const rows = async <T>(q: ReturnType<typeof sql>) => (await q.execute(t.db)).rows as T[];

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  estate = ids.estate;
  t.clock.setTo(new Date(NOW));
  tz = (await t.db.selectFrom('estates').select('time_zone').where('id', '=', estate).executeTakeFirstOrThrow()).time_zone;
  const at = '2026-03-01T00:00:00.000Z';

  // Round tasks: March tasks in every status in both areas, a make-up of a missed one, a February one.
  const plan = await t.db.selectFrom('round_plans').select('id').where('estate_id', '=', estate).orderBy('id').executeTakeFirstOrThrow();
  let k = 0;
  const task = async (area: number, slot: string, status: string, makeupOf: number | null = null) =>
    Number(
      (
        await t.db
          .insertInto('round_tasks')
          .values({ estate_id: estate, area_id: area, plan_id: plan.id, task_key: `test-${k++}`, kind: 'patrol', slot_start: slot, slot_end: slot, lead_min: 0, grace_min: 30, ordered: 0, assignee_id: null, status, makeup_of: makeupOf, started_at: null, finished_at: null, swept_at: null, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  for (const s of ['done', 'done', 'partial', 'cancelled', 'pending', 'in_progress']) await task(ids.east, '2026-03-03T01:00:00.000Z', s);
  const missed = await task(ids.east, '2026-03-04T01:00:00.000Z', 'missed');
  await task(ids.east, '2026-03-04T05:00:00.000Z', 'done', missed);
  await task(ids.east, '2026-03-05T01:00:00.000Z', 'missed');
  for (const s of ['done', 'missed', 'missed']) await task(ids.west, '2026-03-06T01:00:00.000Z', s);
  await task(ids.west, '2026-02-20T01:00:00.000Z', 'done');

  // Surveys: one published, open in March, with slots in both areas; a draft and a January one that do not count.
  const survey = async (status: string, opens: string, closes: string, kind = 'satisfaction') =>
    Number(
      (
        await t.db
          .insertInto('surveys')
          .values({ estate_id: estate, title: `问卷 ${status} ${opens} ${kind}`, kind, intro: null, audience: 'all', channels: 'paper', opens_on: opens, closes_on: closes, anonymous: 0, target_return: 70, target_satisfaction: 90, status, created_by: null, published_at: status === 'draft' ? null : at, closed_at: null, archived_at: null, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const question = async (surveyId: number, seq: number, type: string, counts: number) =>
    Number(
      (
        await t.db
          .insertInto('survey_questions')
          .values({ estate_id: estate, survey_id: surveyId, seq, type, text: `题 ${seq}`, required: 0, options: '[]', dimension: null, counts_for_satisfaction: counts, archived_at: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  // One slot per unit and survey: a pool of units in each area.
  const pool = async (area: number) => t.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['u.id', 'u.building_id as buildingId']).where('b.area_id', '=', area).orderBy('u.id').limit(20).execute();
  const pools = { [ids.east]: await pool(ids.east), [ids.west]: await pool(ids.west) } as Record<number, Array<{ id: number; buildingId: number }>>;
  const used = new Map<string, number>();
  const recipient = async (surveyId: number, _unit: unknown, area: number, status: string, answers?: Record<string, unknown>) => {
    const n = used.get(`${surveyId}:${area}`) ?? 0;
    used.set(`${surveyId}:${area}`, n + 1);
    const unit = pools[area]![n]!;
    const r = await t.db
      .insertInto('survey_recipients')
      .values({ estate_id: estate, survey_id: surveyId, unit_id: unit.id, household_id: null, area_id: area, building_id: unit.buildingId, status, channel: status === 'pending' ? null : 'paper', issued_at: status === 'pending' ? null : at, form_no: null, responded_at: null, reason: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (answers) await t.db.insertInto('survey_responses').values({ estate_id: estate, survey_id: surveyId, recipient_id: Number(r.id), channel: 'paper', answers: JSON.stringify(answers), entered_by: null, respondent_user_id: null, respondent_name: null, submitted_at: at }).execute();
  };
  // An activity's feedback survey in March is left out of the estate's figures (its own report has them).
  for (const [status, opens, closes, kind] of [
    ['published', '2026-03-01', '2026-03-20', 'satisfaction'],
    ['draft', '2026-03-01', '2026-03-20', 'satisfaction'],
    ['closed', '2026-01-05', '2026-01-25', 'satisfaction'],
    ['published', '2026-03-02', '2026-03-16', 'activity_feedback'],
  ] as const) {
    const s = await survey(status, opens, closes, kind);
    const q1 = await question(s, 1, 'rating5', 1);
    const q2 = await question(s, 2, 'rating5', 0);
    const q3 = await question(s, 3, 'text', 0);
    const ans = (a: number | null, b: number) => ({ [q1]: a, [q2]: b, [q3]: '很好' });
    await recipient(s, ids.eastUnit, ids.east, 'responded', ans(5, 1));
    await recipient(s, ids.eastUnit, ids.east, 'responded', ans(4, 1));
    await recipient(s, ids.eastUnit, ids.east, 'responded', ans(2, 5));
    await recipient(s, ids.eastUnit, ids.east, 'responded', ans(null, 5));
    await recipient(s, ids.eastUnit, ids.east, 'invalid', ans(5, 5));
    await recipient(s, ids.eastUnit, ids.east, 'issued');
    await recipient(s, ids.eastUnit, ids.east, 'refused');
    await recipient(s, ids.eastUnit, ids.east, 'pending');
    await recipient(s, ids.westUnit, ids.west, 'responded', ans(3, 5));
    await recipient(s, ids.westUnit, ids.west, 'unreachable');
    await recipient(s, ids.westUnit, ids.west, 'issued');
  }

  // Home visits: a special-care household in the east met recently, others met long ago, not home, or after the period.
  const eastMember = await t.db.selectFrom('household_members').select('id').where('household_id', '=', ids.eastUnit.householdId!).orderBy('id').executeTakeFirstOrThrow();
  await t.db.updateTable('household_members').set({ care_flags: 'elderly' }).where('id', '=', eastMember.id).execute();
  const westMember = await t.db.selectFrom('household_members').select('id').where('household_id', '=', ids.westUnit.householdId!).orderBy('id').executeTakeFirstOrThrow();
  await t.db.updateTable('household_members').set({ care_flags: 'disabled' }).where('id', '=', westMember.id).execute();
  const visit = async (unit: { id: number; householdId: number | null }, area: number, on: string, outcome: string) =>
    t.db
      .insertInto('home_visits')
      .values({ estate_id: estate, area_id: area, household_id: unit.householdId!, unit_id: unit.id, plan_item_id: null, visitor_id: ids.users.cs1, visitor_name: 'cs1', companions: null, purpose: 'routine', method: 'in_home', outcome, visited_at: `${on}T02:00:00.000Z`, visited_on: on, minutes: null, members_met: null, opinions: null, tags: '', satisfaction: null, needs: null, need_type: null, ticket_id: null, care_concern: 0, care_note: null, follow_up_on: null, arrears_step_id: null, survey_recipient_id: null, created_at: at })
      .execute();
  await visit(ids.eastUnit, ids.east, '2026-03-06', 'met'); // special, within 7 days of 03-10
  await visit(ids.westUnit, ids.west, '2026-02-25', 'met'); // special, 13 days before 03-10: out of cycle in March, in cycle for February
  await visit(ids.westUnit, ids.west, '2026-03-08', 'not_home');
  await visit(ids.westRented, ids.west, '2026-01-15', 'met'); // regular, within 90 days
  await visit(ids.owner1Unit, ids.east, '2025-10-01', 'met'); // regular, out of cycle

  // Renovations: one active in the east since 03-02 (local), one in the west accepted on 03-05; inspections on some days, a second one the same day, one after acceptance.
  const reno = async (unit: { id: number; buildingId: number }, area: number, no: string, permittedAt: string, status: string, actualEnd: string | null) => {
    const r = await t.db
      .insertInto('renovations')
      .values({ estate_id: estate, area_id: area, building_id: unit.buildingId, unit_id: unit.id, number: no, kind: 'full', applicant_kind: 'owner', applicant_name: '业主', applicant_phone: '13800000000', applicant_user_id: null, owner_consent_by: null, owner_consent_at: null, owner_consent_method: null, contractor: '装修队', licence_no: null, lead_name: '王工', lead_phone: '13900000000', fire_name: null, fire_phone: null, scope: '[]', description: '装修', touches_structure: 0, design_doc: null, engineering_opinion: null, planned_start: '2026-03-02', planned_end: '2026-04-30', actual_start: null, actual_end: actualEnd, deposit_amount: 0, agreement_signed_at: null, permit_no: null, permitted_at: permittedAt, status, inspector_id: null, prev_unit_status: null, approved_by: null, approved_at: null, decision_note: null, created_by: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await t.db
      .insertInto('checkpoints')
      .values({ estate_id: estate, area_id: area, code: `R-${no}`, name: no, target: 'unit', building_id: unit.buildingId, unit_id: unit.id, facility_id: null, ref_kind: 'renovation', ref_id: Number(r.id), location: null, lat: null, lng: null, qr_token: `qr-${no}`, nfc_uid: null, template_family_id: null, active: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(c.id);
  };
  let u = 0;
  const inspect = (checkpoint: number, observedAt: string, counts = 1) =>
    t.db
      .insertInto('round_results')
      .values({ estate_id: estate, client_uuid: `reno-${u++}`, task_id: null, checkpoint_id: checkpoint, template_id: null, by_user_id: ids.users.cs1, device_id: null, scan_method: 'qr', manual_reason: null, device_observed_at: observedAt, observed_at: observedAt, received_at: observedAt, skew_ms: 0, timing: null, lat: null, lng: null, accuracy: null, far: 0, out_of_sequence: 0, after_reassignment: 0, late_sync: 0, skew_flag: 0, stale: 0, counts, answers: '[]', note: null, created_at: observedAt })
      .execute();
  const eastReno = await reno(ids.eastUnit, ids.east, 'ZX-T1', '2026-03-01T17:00:00.000Z', 'in_progress', null); // 03-02 local
  const westReno = await reno(ids.westUnit, ids.west, 'ZX-T2', '2026-03-02T02:00:00.000Z', 'accepted', '2026-03-05');
  for (const at2 of ['2026-03-02T03:00:00.000Z', '2026-03-02T07:00:00.000Z', '2026-03-04T03:00:00.000Z', '2026-03-06T03:00:00.000Z', '2026-03-08T03:00:00.000Z']) await inspect(eastReno, at2);
  await inspect(eastReno, '2026-03-07T03:00:00.000Z', 0); // does not count (stale)
  await inspect(eastReno, '2026-03-10T01:00:00.000Z'); // today: not in the figure yet
  for (const at2 of ['2026-03-02T03:00:00.000Z', '2026-03-03T03:00:00.000Z', '2026-03-06T03:00:00.000Z']) await inspect(westReno, at2); // 03-06 after acceptance

  // Sign groups: one in the east since February, one in the west created 03-05 (local); checks in slots, a repeat, one outside every slot, today's.
  const group = async (area: number, name: string, createdAt: string) =>
    Number((await t.db.insertInto('sign_groups').values({ estate_id: estate, area_id: area, building_id: null, name, location: null, active: 1, created_at: createdAt }).returning('id').executeTakeFirstOrThrow()).id);
  const check = (g: number, area: number, date: string, slot: number | null) =>
    t.db.insertInto('sign_checks').values({ estate_id: estate, area_id: area, sign_group_id: g, checked_at: `${date}T01:00:00.000Z`, local_date: date, slot, result: 'ok', note: null, by_user: ids.users.cs1, round_result_id: null, created_at: at }).execute();
  const eastGroup = await group(ids.east, '测试东区标识组', '2026-02-01T00:00:00.000Z');
  const westGroup = await group(ids.west, '测试西区标识组', '2026-03-04T17:00:00.000Z');
  for (const [d, slot] of [['2026-03-01', 0], ['2026-03-01', 1], ['2026-03-01', 1], ['2026-03-02', 0], ['2026-03-03', null], ['2026-03-09', 1], ['2026-03-10', 0], ['2026-02-27', 0]] as const) await check(eastGroup, ids.east, d, slot);
  for (const [d, slot] of [['2026-03-04', 0], ['2026-03-05', 0], ['2026-03-05', 1], ['2026-03-08', 1]] as const) await check(westGroup, ids.west, d, slot);
});
afterAll(() => t.close());

/** Independent counts from the tables, in plain SQL and plain arithmetic. */
async function expected(m: string, areaIds: number[] | null) {
  const p = monthsPeriod(m, m, tz, NOW);
  const inArea = (a: number | null) => areaIds == null || (a != null && areaIds.includes(a));
  // rounds
  const tasks = await rows<{ id: number; area_id: number | null; status: string; makeup_of: number | null; slot_start: string }>(sql`select id, area_id, status, makeup_of, slot_start from round_tasks where estate_id = ${estate}`);
  const madeUp = new Set(tasks.filter((x) => x.makeup_of != null && x.status === 'done').map((x) => Number(x.makeup_of)));
  const due = tasks.filter((x) => x.makeup_of == null && inArea(x.area_id) && x.slot_start >= p.from && x.slot_start < p.to && ['done', 'partial', 'missed'].includes(x.status));
  const rounds = { due: due.length, done: due.filter((x) => x.status === 'done' || madeUp.has(Number(x.id))).length };
  // surveys
  const surveyIds = (await rows<{ id: number }>(sql`select id from surveys where estate_id = ${estate} and status <> 'draft' and kind <> 'activity_feedback' and published_at is not null and opens_on <= ${p.toDate} and closes_on >= ${p.fromDate}`)).map((s) => Number(s.id));
  const recips = (await rows<{ id: number; survey_id: number; area_id: number | null; status: string }>(sql`select id, survey_id, area_id, status from survey_recipients where estate_id = ${estate}`)).filter((r) => surveyIds.includes(Number(r.survey_id)) && inArea(r.area_id));
  const issued = recips.filter((r) => r.status !== 'pending').length;
  const returned = recips.filter((r) => r.status === 'responded' || r.status === 'invalid').length;
  const counting = new Set((await rows<{ id: number }>(sql`select id from survey_questions where type = 'rating5' and counts_for_satisfaction = 1 and archived_at is null`)).map((q) => String(q.id)));
  const responded = new Set(recips.filter((r) => r.status === 'responded').map((r) => Number(r.id)));
  let answered = 0;
  let satisfied = 0;
  for (const r of await rows<{ recipient_id: number; answers: string }>(sql`select recipient_id, answers from survey_responses`)) {
    if (!responded.has(Number(r.recipient_id))) continue;
    for (const [q, v] of Object.entries(JSON.parse(r.answers) as Record<string, unknown>)) {
      if (!counting.has(q) || typeof v !== 'number') continue;
      answered++;
      if (v >= 4) satisfied++;
    }
  }
  // visits: as of the period end, or today while it runs; cycles from the estate's settings or the defaults (90 / 7 days)
  const set = (await rows<{ regular_days: number; special_days: number }>(sql`select regular_days, special_days from visit_settings where estate_id = ${estate}`))[0];
  const asOf = p.toDate < '2026-03-10' ? p.toDate : '2026-03-10';
  const hh = await rows<{ id: number; area_id: number | null }>(sql`select h.id, b.area_id from households h join units u on u.id = h.unit_id join buildings b on b.id = u.building_id where h.estate_id = ${estate} and h.moved_out_on is null and u.archived_at is null`);
  const special = new Set((await rows<{ household_id: number }>(sql`select household_id from household_members where moved_out_on is null and care_flags <> ''`)).map((x) => Number(x.household_id)));
  const met = await rows<{ household_id: number; visited_on: string }>(sql`select household_id, visited_on from home_visits where outcome = 'met' and visited_on <= ${asOf}`);
  const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
  let households = 0;
  let visited = 0;
  let sp = 0;
  let spVisited = 0;
  for (const h of hh.filter((x) => inArea(x.area_id))) {
    const isSpecial = special.has(Number(h.id));
    const cycle = isSpecial ? (set?.special_days ?? 7) : (set?.regular_days ?? 90);
    const ok = met.some((v) => Number(v.household_id) === Number(h.id) && days(v.visited_on, asOf) <= cycle);
    households++;
    if (ok) visited++;
    if (isSpecial) {
      sp++;
      if (ok) spVisited++;
    }
  }
  // renovations: renovation-days from permit (local day) to acceptance (or on, if active), up to yesterday; inspected days among them
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
  const lastDay = p.toDate < '2026-03-09' ? p.toDate : '2026-03-09';
  const renos = (await rows<{ id: number; area_id: number | null; status: string; permitted_at: string | null; actual_end: string | null }>(sql`select id, area_id, status, permitted_at, actual_end from renovations where estate_id = ${estate}`)).filter((r) => r.permitted_at && inArea(r.area_id));
  const results = await rows<{ ref_id: number; observed_at: string }>(sql`select c.ref_id, x.observed_at from round_results x join checkpoints c on c.id = x.checkpoint_id where c.ref_kind = 'renovation' and x.counts = 1`);
  let renoDays = 0;
  let inspected = 0;
  for (const r of renos) {
    const end = r.actual_end ?? (['permitted', 'in_progress', 'suspended', 'completion_requested'].includes(r.status) ? '9999-12-31' : local(r.permitted_at!));
    for (let d = p.fromDate; d <= lastDay; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
      if (d < local(r.permitted_at!) || d > end) continue;
      renoDays++;
      if (results.some((x) => Number(x.ref_id) === Number(r.id) && local(x.observed_at) === d)) inspected++;
    }
  }
  // signs: active groups × slots × days (from each group's creation day, up to yesterday); distinct group, day and slot checked
  const slotCount = ((await rows<{ sign_check_slots: string }>(sql`select sign_check_slots from field_settings where estate_id = ${estate}`))[0] ? JSON.parse((await rows<{ sign_check_slots: string }>(sql`select sign_check_slots from field_settings where estate_id = ${estate}`))[0]!.sign_check_slots).length : 2) as number;
  const groups = (await rows<{ id: number; area_id: number | null; created_at: string }>(sql`select id, area_id, created_at from sign_groups where estate_id = ${estate} and active = 1`)).filter((g) => inArea(g.area_id));
  const checks = await rows<{ sign_group_id: number; local_date: string; slot: number | null }>(sql`select sign_group_id, local_date, slot from sign_checks where estate_id = ${estate}`);
  let slotsDue = 0;
  const slotsDone = new Set<string>();
  for (const g of groups) {
    for (let d = p.fromDate; d <= lastDay; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
      if (d < local(g.created_at)) continue;
      slotsDue += slotCount;
      for (const c of checks) if (Number(c.sign_group_id) === Number(g.id) && c.local_date === d && c.slot != null && Number(c.slot) < slotCount) slotsDone.add(`${g.id}|${d}|${c.slot}`);
    }
  }
  return {
    'field.signChecks': [slotsDone.size, slotsDue],
    'field.renovationDailyInspection': [inspected, renoDays],
    'field.roundsCompletion': [rounds.done, rounds.due],
    'relations.surveyReturnRate': [returned, issued],
    'relations.surveySatisfaction': [satisfied, answered],
    'relations.careVisitCoverage': [spVisited, sp],
    'relations.householdVisits': [visited, households],
  } as Record<string, [number, number]>;
}

describe('field and relations metric sources', () => {
  it('are registered with their units and directions', () => {
    for (const code of CODES) {
      const src = t.services.management.metrics.get(code);
      expect(src, code).toBeTruthy();
      expect(src!.unit).toBe('rate');
      expect(src!.direction).toBe('higher');
      expect(src!.label.zh && src!.label.en && src!.formula.zh && src!.formula.en).toBeTruthy();
    }
  });

  for (const [m, scope] of [
    ['2026-03', 'estate'],
    ['2026-03', 'east'],
    ['2026-03', 'west'],
    ['2026-02', 'estate'],
  ] as const) {
    it(`match an independent count: ${m}, ${scope}`, async () => {
      const areaIds = scope === 'estate' ? null : [scope === 'east' ? ids.east : ids.west];
      const want = await expected(m, areaIds);
      for (const code of CODES) {
        const got = await compute(code, m, areaIds);
        const [n, d] = want[code]!;
        expect([got.numerator, got.denominator], `${code} ${m} ${scope}`).toEqual([n, d]);
        expect(got.value, code).toBe(d > 0 ? n / d : null);
      }
    });
  }

  it('the March figures are the ones written above (not vacuous)', async () => {
    const r = await compute('field.roundsCompletion', month, [ids.east]);
    expect([r.numerator, r.denominator]).toEqual([3, 5]); // done, done, missed-but-made-up of done, done, partial, missed, missed
    const rr = await compute('relations.surveyReturnRate', month, null);
    expect([rr.numerator, rr.denominator]).toEqual([6, 10]);
    const sat = await compute('relations.surveySatisfaction', month, null);
    expect([sat.numerator, sat.denominator]).toEqual([2, 4]);
    const care = await compute('relations.careVisitCoverage', month, [ids.east]);
    expect(care.numerator).toBe(1);
    const careWest = await compute('relations.careVisitCoverage', month, [ids.west]);
    expect(careWest.numerator).toBe(0);
    expect(careWest.denominator).toBeGreaterThan(0);
    expect((await compute('relations.careVisitCoverage', '2026-02', [ids.west])).numerator).toBe(1);
    const reno = await compute('field.renovationDailyInspection', month, null);
    const signs = await compute('field.signChecks', month, [ids.east, ids.west]);
    expect([signs.numerator, signs.denominator]).toEqual([4 + 3, 9 * 2 + 5 * 2]); // east (since Feb) 03-01…03-09: 03-01 slots 0 and 1, 03-02 slot 0, 03-09 slot 1; west from 03-05: 03-05 ×2, 03-08 (03-04 is before its creation day)
    expect([reno.numerator, reno.denominator]).toEqual([4 + 2, 8 + 4]); // east 03-02…03-09: 02, 04, 06, 08; west 03-02…03-05: 02, 03
  });

  it('a rate over nothing is null', async () => {
    for (const code of CODES) {
      const r = await compute(code, month, []);
      expect([r.numerator, r.denominator, r.value], code).toEqual([0, 0, null]);
    }
    for (const code of ['field.roundsCompletion', 'relations.surveyReturnRate', 'relations.surveySatisfaction', 'field.renovationDailyInspection', 'field.signChecks']) {
      const r = await compute(code, '2025-06', null);
      expect([r.denominator, r.value], code).toEqual([0, null]);
    }
  });

  it('the pack no longer says "no data source yet" for them', async () => {
    const res = await t.as('director', 'GET', `/api/v1/management/pack?estateId=${estate}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const by = Object.fromEntries((res.json().rows as Array<{ code: string; metric: string; month: { status: string; value: number | null } }>).map((r) => [r.code, r]));
    for (const code of ['satisfaction', 'surveyReturn', 'householdVisits', 'renovation', 'signs']) {
      expect(by[code]!.month.status, code).not.toBe('no_source');
      expect(['green', 'red']).toContain(by[code]!.month.status);
    }
    expect(by.surveyReturn!.month.value).toBeCloseTo(0.6);
    expect(by.surveyReturn!.month.status).toBe('red');
    expect(by.satisfaction!.month.value).toBeCloseTo(0.5);
    expect(by.renovation!.month.value).toBeCloseTo(0.5);
  });
});
