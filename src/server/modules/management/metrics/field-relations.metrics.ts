import { sql } from 'kysely';
import { localDate } from '../../../../core/clock.ts';
import { ACTIVE_STATUSES, activeDays } from '../../../../core/renovation.ts';
import { type AnswerValue, type Question, type QuestionType, returnRate, satisfaction } from '../../../../core/surveys.ts';
import { coverage } from '../../../../core/visits.ts';
import { toBool, toJson } from '../../../db/codec.ts';
import { fieldSettings } from '../../field/signs/field-settings.ts';
import { visitsRepository } from '../../relations/visits/visits.repository.ts';
import type { MetricContext, MetricRegistry } from './metric.registry.ts';
import { higherRate, inSubjectAreas } from './metric.registry.ts';

const prevDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The estate's calendar: today and yesterday in its time zone, and the local day of an instant. */
function estateDays(ctx: MetricContext) {
  return ctx.memo('estate.days', async () => {
    const { time_zone } = await ctx.db.selectFrom('estates').select('time_zone').where('id', '=', ctx.estateId).executeTakeFirstOrThrow();
    const today = localDate(new Date(ctx.now), time_zone);
    return { today, yesterday: prevDay(today), day: (at: string) => localDate(new Date(at), time_zone) };
  });
}

/** The last day a figure counts: the period's end, or `through` (today, yesterday) while the period runs. */
const lastDay = (ctx: MetricContext, through: string) => (ctx.toDate < through ? ctx.toDate : through);

/**
 * Round tasks whose slot starts in the period (make-ups excluded: they are the original task done
 * late). Due = done, partial or missed (pending / in progress / cancelled are not counted); done =
 * status done, or a make-up of it was done (as the rounds report counts a made-up checkpoint done).
 */
async function rounds(ctx: MetricContext) {
  return ctx.memo('field.rounds', async () => {
    let q = ctx.db
      .selectFrom('round_tasks as t')
      .where('t.estate_id', '=', ctx.estateId)
      .where('t.slot_start', '>=', ctx.from)
      .where('t.slot_start', '<', ctx.to)
      .where('t.makeup_of', 'is', null)
      .where('t.status', 'in', ['done', 'partial', 'missed'])
      .where(inSubjectAreas(ctx, 't.area_id'));
    if (ctx.assigneeId != null) q = q.where('t.assignee_id', '=', ctx.assigneeId);
    const r = await q
      .select([
        sql<number>`count(*)`.as('due'),
        sql<number>`coalesce(sum(case when t.status = 'done' or exists (select 1 from round_tasks m where m.makeup_of = t.id and m.status = 'done') then 1 else 0 end), 0)`.as('done'),
      ])
      .executeTakeFirstOrThrow();
    return { due: Number(r.due), done: Number(r.done) };
  });
}

/**
 * Surveys published in the estate (published, closed or archived after publication) whose window
 * [opens_on, closes_on] overlaps the period; the subject's slots (by area) and valid answers,
 * summed over those surveys with the survey report's own formulas (core/surveys.ts). An activity's
 * feedback survey is left out: a handful of attendees rating a party is not the estate's service
 * satisfaction (manual 4.6.2) nor its survey return; it has its own report.
 */
async function surveys(ctx: MetricContext) {
  return ctx.memo('relations.surveys', async () => {
    const list = await ctx.db
      .selectFrom('surveys')
      .select('id')
      .where('estate_id', '=', ctx.estateId)
      .where('published_at', 'is not', null)
      .where('status', '<>', 'draft')
      .where('kind', '<>', 'activity_feedback')
      .where('opens_on', '<=', ctx.toDate)
      .where('closes_on', '>=', ctx.fromDate)
      .execute();
    const ids = list.map((s) => s.id);
    if (!ids.length) return { issued: 0, returned: 0, answered: 0, satisfied: 0 };
    const byStatus = await ctx.db
      .selectFrom('survey_recipients as r')
      .where('r.survey_id', 'in', ids)
      .where(inSubjectAreas(ctx, 'r.area_id'))
      .select(['r.status', sql<number>`count(*)`.as('n')])
      .groupBy('r.status')
      .execute();
    const rr = returnRate(Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)])));
    const qs = await ctx.db.selectFrom('survey_questions').selectAll().where('survey_id', 'in', ids).where('archived_at', 'is', null).where('type', '=', 'rating5').execute();
    const questions = new Map<number, Question[]>();
    for (const q of qs) {
      const l = questions.get(q.survey_id) ?? [];
      l.push({ id: q.id, type: q.type as QuestionType, required: toBool(q.required), options: [], dimension: q.dimension, countsForSatisfaction: toBool(q.counts_for_satisfaction) });
      questions.set(q.survey_id, l);
    }
    let answered = 0;
    let satisfied = 0;
    if (qs.length) {
      const rows = await ctx.db
        .selectFrom('survey_responses as sr')
        .innerJoin('survey_recipients as r', 'r.id', 'sr.recipient_id')
        .select(['sr.survey_id', 'sr.answers'])
        .where('sr.survey_id', 'in', ids)
        .where('r.status', '=', 'responded')
        .where(inSubjectAreas(ctx, 'r.area_id'))
        .execute();
      const bySurvey = new Map<number, Array<Record<string, AnswerValue>>>();
      for (const r of rows) {
        const l = bySurvey.get(r.survey_id) ?? [];
        l.push(toJson<Record<string, AnswerValue>>(r.answers) ?? {});
        bySurvey.set(r.survey_id, l);
      }
      for (const [id, answers] of bySurvey) {
        const s = satisfaction(questions.get(id) ?? [], answers).overall;
        answered += s.answered;
        satisfied += s.satisfied;
      }
    }
    return { issued: rr.issued, returned: rr.returned, answered, satisfied };
  });
}

/**
 * Visit coverage as of the period's last day (or today, while the period runs): the coverage
 * report's rule (core/visits.ts coverage) over households living in the subject's area now.
 */
async function visits(ctx: MetricContext) {
  return ctx.memo('relations.visits', async () => {
    const asOf = lastDay(ctx, (await estateDays(ctx)).today);
    const settings = await visitsRepository.settings(ctx.db, ctx.estateId);
    const rows = await ctx.db
      .selectFrom('households as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .where('h.estate_id', '=', ctx.estateId)
      .where('h.moved_out_on', 'is', null)
      .where('u.archived_at', 'is', null)
      .where(inSubjectAreas(ctx, 'b.area_id'))
      .select((eb) => [
        eb.exists(eb.selectFrom('household_members as m').select('m.id').whereRef('m.household_id', '=', 'h.id').where('m.moved_out_on', 'is', null).where('m.care_flags', '<>', '')).as('special'),
        eb.selectFrom('home_visits as v').select((e) => e.fn.max('v.visited_on').as('last')).whereRef('v.household_id', '=', 'h.id').where('v.outcome', '=', 'met').where('v.visited_on', '<=', asOf).as('last'),
      ])
      .execute();
    return coverage(rows.map((r) => ({ specialCare: Boolean(Number(r.special)), lastVisitOn: r.last == null ? null : String(r.last) })), settings, asOf);
  });
}

/**
 * Daily renovation inspection (M 4.2.1.1), as the Saturday renovation report counts it: one
 * inspection required per renovation and local day from its permit to its acceptance (a cancelled
 * or rejected one stops at once); done = days with at least one counting round result on the
 * renovation's checkpoint. Days run to the period's end, or to yesterday while the period runs
 * (today's inspection is not missed yet).
 */
async function renovations(ctx: MetricContext) {
  return ctx.memo('field.renovations', async () => {
    const { yesterday, day } = await estateDays(ctx);
    const last = lastDay(ctx, yesterday);
    if (last < ctx.fromDate) return { required: 0, done: 0 };
    const renos = await ctx.db
      .selectFrom('renovations as r')
      .select(['r.id', 'r.status', 'r.permitted_at', 'r.actual_end'])
      .where('r.estate_id', '=', ctx.estateId)
      .where('r.permitted_at', 'is not', null)
      .where(inSubjectAreas(ctx, 'r.area_id'))
      .execute();
    // renovation report.service.ts activeUntil: until acceptance; a cancelled or rejected one stopped at its permit day
    const ranges = new Map(renos.map((r) => [r.id, { activeFrom: day(r.permitted_at!), activeTo: r.actual_end ?? (ACTIVE_STATUSES.includes(r.status as never) ? null : day(r.permitted_at!)) }]));
    let required = 0;
    for (const range of ranges.values()) required += activeDays(range, ctx.fromDate, last);
    if (!required) return { required: 0, done: 0 };
    const rows = await ctx.db
      .selectFrom('round_results as x')
      .innerJoin('checkpoints as c', 'c.id', 'x.checkpoint_id')
      .select(['c.ref_id', 'x.observed_at'])
      .where('c.estate_id', '=', ctx.estateId)
      .where('c.ref_kind', '=', 'renovation')
      .where('x.counts', '=', 1)
      .where('x.observed_at', '>=', ctx.from)
      .where('x.observed_at', '<', ctx.to)
      .execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const range = ranges.get(Number(r.ref_id));
      const d = day(r.observed_at);
      if (!range || d > last || activeDays(range, d, d) === 0) continue;
      seen.add(`${r.ref_id}|${d}`);
    }
    return { required, done: seen.size };
  });
}

/**
 * Sign-group checks (M 4.3.5, twice a day), as the signs day view counts compliance: slots due =
 * the estate's check slots per day × the active sign groups (from the day each was created);
 * slots done = distinct group, day and slot with a check recorded in that slot. Days run to the
 * period's end, or to yesterday while the period runs.
 */
async function signs(ctx: MetricContext) {
  return ctx.memo('field.signs', async () => {
    const { yesterday, day } = await estateDays(ctx);
    const last = lastDay(ctx, yesterday);
    if (last < ctx.fromDate) return { due: 0, done: 0 };
    const slotCount = (await fieldSettings(ctx.db, ctx.estateId)).signCheckSlots.length;
    const rows = await ctx.db.selectFrom('sign_groups as g').select(['g.id', 'g.created_at']).where('g.estate_id', '=', ctx.estateId).where('g.active', '=', 1).where(inSubjectAreas(ctx, 'g.area_id')).execute();
    const groups = new Map(rows.map((g) => [g.id, day(g.created_at)]));
    let due = 0;
    for (const since of groups.values()) due += activeDays({ activeFrom: since, activeTo: null }, ctx.fromDate, last) * slotCount;
    if (!due) return { due: 0, done: 0 };
    const checks = await ctx.db
      .selectFrom('sign_checks')
      .select(['sign_group_id', 'local_date', 'slot'])
      .distinct()
      .where('estate_id', '=', ctx.estateId)
      .where('slot', 'is not', null)
      .where('local_date', '>=', ctx.fromDate)
      .where('local_date', '<=', last)
      .execute();
    const done = checks.filter((c) => {
      const since = groups.get(c.sign_group_id);
      return since != null && c.local_date >= since && Number(c.slot) >= 0 && Number(c.slot) < slotCount;
    }).length;
    return { due, done };
  });
}

export function registerFieldRelationsMetrics(metrics: MetricRegistry) {
  metrics.register(
    higherRate(
      {
        code: 'field.roundsCompletion',
        additive: true,
        label: { zh: '巡查完成率', en: 'Rounds completion' },
        formula: {
          zh: '本期已完成的巡查任务（含补巡完成）÷ 本期应完成的巡查任务（已完成、部分完成、漏巡；不含已取消、未到期的任务和补巡任务本身）',
          en: 'Round tasks of the period done (or made up) ÷ round tasks due in the period (done, partial or missed; cancelled, not-yet-due and make-up tasks themselves excluded)',
        },
      },
      rounds,
      (r) => [r.done, r.due],
    ),
  );
  metrics.register(
    higherRate(
      {
        code: 'relations.surveyReturnRate',
        label: { zh: '调查表回收率', en: 'Survey return rate' },
        formula: {
          zh: '回收的调查表（有效 + 无效）÷ 发放的调查表（不含未发放），统计本期内开放的已发布问卷',
          en: 'Survey forms returned (valid + invalid) ÷ forms issued (not-yet-issued excluded), over published surveys open during the period',
        },
      },
      surveys,
      (r) => [r.returned, r.issued],
    ),
  );
  metrics.register(
    higherRate(
      {
        code: 'relations.surveySatisfaction',
        label: { zh: '业主满意率（问卷调查）', en: 'Owner satisfaction (surveys)' },
        formula: {
          zh: '评“满意”或“非常满意”的有效回答 ÷ 计入满意度的五级评分题的有效回答，统计本期内开放的已发布问卷',
          en: 'Valid answers "satisfied" or "very satisfied" ÷ valid answers to the five-point questions that count for satisfaction, over published surveys open during the period',
        },
      },
      surveys,
      (r) => [r.satisfied, r.answered],
    ),
  );
  metrics.register(
    higherRate(
      {
        code: 'relations.careVisitCoverage',
        asOfEnd: true,
        label: { zh: '特殊关怀户走访覆盖率', en: 'Special-care visit coverage' },
        formula: {
          zh: '在走访周期内（截至期末）见到人的特殊关怀户 ÷ 在住的特殊关怀户',
          en: 'Special-care households met within their visit cycle (as of the period end) ÷ special-care households living in the area',
        },
      },
      visits,
      (r) => [r.specialVisited, r.special],
    ),
  );
  metrics.register(
    higherRate(
      {
        code: 'relations.householdVisits',
        asOfEnd: true,
        label: { zh: '住户走访覆盖率', en: 'Household visit coverage' },
        formula: {
          zh: '在走访周期内（截至期末）见到人的在住户 ÷ 在住户数',
          en: 'Households met within their visit cycle (as of the period end) ÷ households living in the area',
        },
      },
      visits,
      (r) => [r.visited, r.households],
    ),
  );
  metrics.register(
    higherRate(
      {
        code: 'field.renovationDailyInspection',
        additive: true,
        label: { zh: '装修户每日巡检率', en: 'Renovations inspected daily' },
        formula: {
          zh: '有巡检记录的装修户·日 ÷ 应巡检的装修户·日（每户从开工证签发日到验收日每天一次；进行中的月份算到昨天）',
          en: 'Renovation-days with an inspection recorded ÷ renovation-days requiring one (each renovation daily from its permit to its acceptance; a running month counts to yesterday)',
        },
      },
      renovations,
      (r) => [r.done, r.required],
    ),
  );
  metrics.register(
    higherRate(
      {
        code: 'field.signChecks',
        additive: true,
        label: { zh: '辖区标识每日检查完成率', en: 'Sign checks done' },
        formula: {
          zh: '已检查的标识组·班次 ÷ 应检查的标识组·班次（每个在用标识组每天按设置的班次检查，默认 2 遍；进行中的月份算到昨天）',
          en: 'Sign-group check slots done ÷ slots due (every active sign group, each day, in each configured slot — twice a day by default; a running month counts to yesterday)',
        },
      },
      signs,
      (r) => [r.done, r.due],
    ),
  );
}
