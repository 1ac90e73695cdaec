/**
 * Surveys 问卷 (manual 3.4 工作标准, 4.6.2; design B.3.2): the assistant builds a survey, publishing
 * locks its questions and makes one slot per unit of the audience; answers come from the portal, on
 * paper (pre-printed form number), by phone or on a visit; a sample of staff-entered answers is
 * called back by someone else. The report prints its formulas.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { seesArea, seesEstate, seesWholeEstate } from '../../../../core/scope.ts';
import { type AnswerValue, answerProblems, editable, IllegalSurveyTransition, mismatchRate, pickSample, type Question, type QuestionType, RATING5_LABELS, returnRate, type SurveyAction, type SurveyStatus, satisfaction, surveyTransition } from '../../../../core/surveys.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { fromBool, fromJson, splitList, toBool, toJson } from '../../../db/codec.ts';
import { AppError, conflict, forbidden, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import type { Lang } from '../../../i18n/messages.ts';
import { t } from '../../../i18n/messages.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { unitRef } from '../../audit/audit.refs.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { inScope } from '../../../db/scope-sql.ts';
import type { audience, audiencePreviewInput, markInput, staffResponseInput, surveyInput, surveyPatch, verifyInput } from './surveys.schemas.ts';

/** Labels compare without spaces, with any dash or full-width hyphen as '-'. */
const normalLabel = (l: string) => l.normalize('NFKC').replace(/\s+/g, '').replace(/[－—–‐]/g, '-').toUpperCase();

export type SurveyIn = z.infer<typeof surveyInput>;
type Answers = Record<string, AnswerValue>;

export class SurveyService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  private today() {
    return localDate(this.clock.now());
  }

  // ---- building --------------------------------------------------------------------------

  private async checkInput(db: Executor, input: SurveyIn) {
    if (input.closesOn < input.opensOn) throw invalid('closesOn', 'field.surveyCloses');
    input.questions.forEach((q, i) => {
      const choice = q.type === 'single' || q.type === 'multi';
      if (choice && q.options.length < 2) throw invalid(`questions.${i}.options`, 'field.surveyOptions');
      if (!choice && q.options.length) throw invalid(`questions.${i}.options`, 'field.surveyNoOptions');
      if (q.countsForSatisfaction && q.type !== 'rating5') throw invalid(`questions.${i}.countsForSatisfaction`, 'field.surveyRatingOnly');
    });
    const dims = new Set(await this.dimensions(db, input.estateId));
    input.questions.forEach((q, i) => {
      if (q.dimension && !dims.has(q.dimension)) throw invalid(`questions.${i}.dimension`, 'field.surveyDimension');
    });
    await this.checkAudience(db, input.estateId, input.audience);
  }

  private async checkAudience(db: Executor, estateId: number, a: z.infer<typeof audience>) {
    for (const [field, table, col] of [['areaIds', 'areas', 'id'], ['buildingIds', 'buildings', 'id'], ['unitIds', 'units', 'id']] as const) {
      const ids = a[field];
      if (!ids.length) continue;
      const found = await db.selectFrom(table).select(col).where('estate_id', '=', estateId).where(col, 'in', ids).execute();
      if (found.length !== new Set(ids).size) throw invalid(`audience.${field}`, 'field.surveyAudienceEstate');
    }
  }

  /** Dimensions: the estate's ticket categories plus 客服/收费/社区文化/停车 (same list as visit tags). */
  async dimensions(db: Executor, estateId: number): Promise<string[]> {
    const cats = await db.selectFrom('ticket_categories').select('category').distinct().where('estate_id', '=', estateId).where('archived_at', 'is', null).orderBy('category').execute();
    return [...new Set([...cats.map((c) => c.category), '客服', '收费', '社区文化', '停车'])];
  }

  private async writeQuestions(trx: Executor, estateId: number, surveyId: number, qs: SurveyIn['questions']) {
    let seq = 0;
    for (const q of qs) {
      await trx
        .insertInto('survey_questions')
        .values({
          estate_id: estateId,
          survey_id: surveyId,
          seq: ++seq,
          type: q.type,
          text: q.text,
          required: fromBool(q.required),
          options: fromJson(q.options.map((label, i) => ({ id: i + 1, label })))!,
          dimension: q.dimension ?? null,
          counts_for_satisfaction: fromBool(q.countsForSatisfaction),
          archived_at: null,
        })
        .execute();
    }
  }

  private row(input: SurveyIn) {
    return {
      title: input.title,
      kind: input.kind,
      intro: input.intro ?? null,
      audience: fromJson(input.audience)!,
      channels: input.channels.join(','),
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      anonymous: fromBool(input.anonymous),
      target_return: input.targetReturn,
      target_satisfaction: input.targetSatisfaction,
    };
  }

  async create(actor: Actor, auth: AuthContext, input: SurveyIn) {
    if (!seesWholeEstate(auth.scope, input.estateId)) throw outOfScope();
    return this.db.transaction().execute(async (trx) => {
      await this.checkInput(trx, input);
      const at = this.clock.now().toISOString();
      const s = await trx
        .insertInto('surveys')
        .values({ estate_id: input.estateId, ...this.row(input), status: 'draft', created_by: actor.id, published_at: null, closed_at: null, archived_at: null, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.writeQuestions(trx, input.estateId, s.id, input.questions);
      await this.audit.record(trx, actor, { action: 'create', entity: 'survey', entityId: s.id, estateId: input.estateId, summary: { key: 'audit.surveyCreate', params: { title: input.title } }, ref: input.title });
      return { id: s.id };
    });
  }

  /**
   * A survey made and published in one step inside the caller's transaction: an activity's feedback
   * survey to its attendees at 结束. The same checks as create and publish.
   */
  async publishWithin(trx: Executor, actor: Actor, input: SurveyIn): Promise<{ id: number; slots: number }> {
    await this.checkInput(trx, input);
    const at = this.clock.now().toISOString();
    const s = await trx
      .insertInto('surveys')
      .values({ estate_id: input.estateId, ...this.row(input), status: 'published', created_by: actor.id, published_at: at, closed_at: null, archived_at: null, created_at: at })
      .returning(['id', 'estate_id', 'audience'])
      .executeTakeFirstOrThrow();
    await this.writeQuestions(trx, input.estateId, s.id, input.questions);
    const slots = await this.makeSlots(trx, s);
    await this.audit.record(trx, actor, { action: 'create', entity: 'survey', entityId: s.id, estateId: input.estateId, summary: { key: 'audit.survey.publish', params: { title: input.title, slots } }, ref: input.title });
    return { id: s.id, slots };
  }

  /** A unit's answer to a survey given through another page (an activity's feedback form), in its transaction. */
  async answerWithin(trx: Executor, actor: Actor, surveyId: number, unitId: number, answers: (questionIds: number[]) => Answers, who: { userId: number | null; name: string | null }) {
    const r = await trx.selectFrom('survey_recipients').selectAll().where('survey_id', '=', surveyId).where('unit_id', '=', unitId).executeTakeFirst();
    if (!r) throw notFound('entity.surveyRecipient');
    const s = await trx.selectFrom('surveys').selectAll().where('id', '=', surveyId).executeTakeFirstOrThrow();
    const ids = (await this.questions(trx, surveyId)).map((q) => q.id);
    return this.respond(trx, actor, r, s, 'portal', answers(ids), { enteredBy: null, ...who });
  }

  /** A draft's changes; a given audience or question list replaces the old one (old questions archived, not deleted). */
  async patch(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof surveyPatch>) {
    await this.db.transaction().execute(async (trx) => {
      const s = await this.requireSurvey(trx, auth, id);
      if (!seesWholeEstate(auth.scope, s.estate_id)) throw outOfScope();
      if (!editable(s.status as SurveyStatus)) throw conflict('conflict.surveyLocked');
      const cur = await this.present(trx, s);
      const merged: SurveyIn = {
        estateId: s.estate_id,
        title: input.title ?? cur.title,
        kind: input.kind ?? cur.kind,
        intro: input.intro === undefined ? cur.intro : input.intro,
        audience: input.audience ?? cur.audience,
        channels: input.channels ?? cur.channels,
        opensOn: input.opensOn ?? cur.opensOn,
        closesOn: input.closesOn ?? cur.closesOn,
        anonymous: input.anonymous ?? cur.anonymous,
        targetReturn: input.targetReturn ?? cur.targetReturn,
        targetSatisfaction: input.targetSatisfaction ?? cur.targetSatisfaction,
        questions: input.questions ?? cur.questions.map((q) => ({ type: q.type, text: q.text, required: q.required, options: q.options.map((o) => o.label), dimension: q.dimension, countsForSatisfaction: q.countsForSatisfaction })),
      };
      await this.checkInput(trx, merged);
      const row = this.row(merged);
      const changed = Object.fromEntries(Object.entries(row).filter(([k, v]) => (s as Record<string, unknown>)[k] !== v));
      if (Object.keys(changed).length) await trx.updateTable('surveys').set(changed).where('id', '=', id).where('status', '=', 'draft').execute();
      if (input.questions) {
        const at = this.clock.now().toISOString();
        await trx.updateTable('survey_questions').set({ archived_at: at }).where('survey_id', '=', id).where('archived_at', 'is', null).execute();
        await this.writeQuestions(trx, s.estate_id, id, input.questions);
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'survey', entityId: id, estateId: s.estate_id, summary: { key: 'audit.surveyUpdate', params: { title: merged.title } }, ref: merged.title, detail: { fields: Object.keys(input) } });
    });
    return this.get(auth, id);
  }

  private async requireSurvey(db: Executor, auth: AuthContext, id: number) {
    const s = await db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s || !seesEstate(auth.scope, s.estate_id)) throw notFound('entity.survey');
    return s;
  }

  private async questions(db: Executor, surveyId: number) {
    const rows = await db.selectFrom('survey_questions').selectAll().where('survey_id', '=', surveyId).where('archived_at', 'is', null).orderBy('seq').execute();
    return rows.map((q) => ({
      id: q.id,
      seq: q.seq,
      type: q.type as QuestionType,
      text: q.text,
      required: toBool(q.required),
      options: toJson<Array<{ id: number; label: string }>>(q.options) ?? [],
      dimension: q.dimension,
      countsForSatisfaction: toBool(q.counts_for_satisfaction),
    }));
  }

  private async present(db: Executor, s: any) {
    const counts = await db
      .selectFrom('survey_recipients')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('survey_id', '=', s.id)
      .groupBy('status')
      .execute();
    const a = toJson<z.infer<typeof audience>>(s.audience)!;
    return {
      id: s.id,
      estateId: s.estate_id,
      title: s.title,
      kind: s.kind,
      intro: s.intro,
      audience: a,
      channels: splitList(s.channels) as any,
      opensOn: s.opens_on,
      closesOn: s.closes_on,
      anonymous: toBool(s.anonymous),
      targetReturn: s.target_return,
      targetSatisfaction: s.target_satisfaction,
      status: s.status,
      publishedAt: s.published_at,
      closedAt: s.closed_at,
      slots: counts.reduce((n, c) => n + Number(c.n), 0),
      // before publishing: how many units the audience reaches now (the slots publishing would make)
      audienceSize: s.status === 'draft' ? new Set((await this.audienceUnits(db, s.estate_id, a)).map((u) => u.id)).size : null,
      responded: Number(counts.find((c) => c.status === 'responded')?.n ?? 0),
      questions: await this.questions(db, s.id),
    };
  }

  async get(auth: AuthContext, id: number) {
    const s = await this.requireSurvey(this.db, auth, id);
    return this.present(this.db, s);
  }

  async list(auth: AuthContext, f: { estateId?: number; status?: string; page: number; pageSize: number }) {
    let q = this.db.selectFrom('surveys').selectAll();
    const ids = auth.scope.all ? null : [...new Set([...auth.scope.estates, ...auth.scope.areas.map((a) => a.estateId)])];
    if (ids) q = q.where('estate_id', 'in', ids.length ? ids : [-1]);
    if (f.estateId) q = q.where('estate_id', '=', f.estateId);
    if (f.status) q = q.where('status', '=', f.status);
    const [rows, count] = await Promise.all([
      q.orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = [];
    for (const s of rows) items.push(await this.present(this.db, s));
    return { total: Number(count.n), items };
  }

  // ---- states ----------------------------------------------------------------------------

  async act(actor: Actor, auth: AuthContext, id: number, action: SurveyAction) {
    return this.db.transaction().execute(async (trx) => {
      const s = await this.requireSurvey(trx, auth, id);
      if (!seesWholeEstate(auth.scope, s.estate_id)) throw outOfScope();
      let to: SurveyStatus;
      try {
        to = surveyTransition(action, s.status as SurveyStatus);
      } catch (e) {
        if (e instanceof IllegalSurveyTransition) throw conflict('conflict.surveyStatus');
        throw e;
      }
      const at = this.clock.now().toISOString();
      let slots = 0;
      if (action === 'publish') {
        const qs = await this.questions(trx, id);
        if (!qs.length) throw invalid('questions', 'field.surveyNoQuestions');
        slots = await this.makeSlots(trx, s);
        if (!slots) throw invalid('audience', 'field.surveyNoAudience');
      }
      const set = action === 'publish' ? { status: to, published_at: at } : action === 'close' ? { status: to, closed_at: at } : { status: to, archived_at: at };
      const res = await trx.updateTable('surveys').set(set).where('id', '=', id).where('status', '=', s.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.surveyStatus');
      await this.audit.record(trx, actor, { action: 'update', entity: 'survey', entityId: id, estateId: s.estate_id, summary: { key: `audit.survey.${action}`, params: { title: s.title, slots } }, ref: s.title });
      return { id, status: to, slots };
    });
  }

  /** The units an audience reaches (vacant ones only when asked): the slots publishing will make. */
  private async audienceUnits(db: Executor, estateId: number, a: z.infer<typeof audience>) {
    let q = db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
      .select(['u.id', 'u.building_id', 'b.area_id', 'h.id as household_id'])
      .where('u.estate_id', '=', estateId)
      .where('u.archived_at', 'is', null)
      .where('b.archived_at', 'is', null)
      .where('u.usage', '=', 'residential');
    if (!a.includeVacant) q = q.where('u.status', '<>', 'vacant');
    if (a.areaIds.length) q = q.where('b.area_id', 'in', a.areaIds);
    if (a.buildingIds.length) q = q.where('u.building_id', 'in', a.buildingIds);
    if (a.unitIds.length) q = q.where('u.id', 'in', a.unitIds);
    if (a.careFlags.length)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('household_members as m')
            .select('m.id')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.moved_out_on', 'is', null)
            .where((e2) => e2.or(a.careFlags.map((f) => e2('m.care_flags', 'like', `%${f}%`)))),
        ),
      );
    return q.orderBy('u.building_id').orderBy('u.id').execute();
  }

  /**
   * The builder's preview: pasted unit labels (楼栋-单元-房号 as the house records print them) turned
   * into unit ids, and how many units the audience reaches. Unknown labels are a 400 naming them.
   */
  async audiencePreview(auth: AuthContext, input: z.infer<typeof audiencePreviewInput>) {
    if (!seesWholeEstate(auth.scope, input.estateId)) throw outOfScope();
    const a = { ...input.audience };
    if (input.unitLabels.length) {
      const rows = await this.db
        .selectFrom('units as u')
        .innerJoin('buildings as b', 'b.id', 'u.building_id')
        .select(['u.id', 'u.entrance', 'u.number', 'b.code'])
        .where('u.estate_id', '=', input.estateId)
        .where('u.archived_at', 'is', null)
        .execute();
      const byLabel = new Map(rows.map((u) => [normalLabel(unitLabel(u.code, u.entrance, u.number)), u.id]));
      const unknown: string[] = [];
      const ids = new Set(a.unitIds);
      for (const l of input.unitLabels) {
        const id = byLabel.get(normalLabel(l));
        if (id == null) unknown.push(l);
        else ids.add(id);
      }
      if (unknown.length) throw invalid('unitLabels', 'field.surveyUnknownUnits', { labels: unknown.slice(0, 20).join('、') + (unknown.length > 20 ? ' …' : ''), n: unknown.length });
      a.unitIds = [...ids];
    }
    await this.checkAudience(this.db, input.estateId, a);
    const units = await this.audienceUnits(this.db, input.estateId, a);
    return { count: new Set(units.map((u) => u.id)).size, unitIds: a.unitIds };
  }

  /** One slot per unit of the audience, each with its pre-printed form number. */
  private async makeSlots(trx: Executor, s: { id: number; estate_id: number; audience: string }) {
    const a = toJson<z.infer<typeof audience>>(s.audience)!;
    const units = await this.audienceUnits(trx, s.estate_id, a);
    // A unit with two current households (rare; data error) still gets one slot.
    const seen = new Set<number>();
    let n = 0;
    for (const u of units) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      n++;
      await trx
        .insertInto('survey_recipients')
        .values({ estate_id: s.estate_id, survey_id: s.id, unit_id: u.id, household_id: u.household_id ?? null, area_id: u.area_id, building_id: u.building_id, status: 'pending', channel: null, issued_at: null, form_no: `${s.id}-${String(n).padStart(4, '0')}`, responded_at: null, reason: null })
        .execute();
    }
    return n;
  }

  // ---- slots -----------------------------------------------------------------------------

  async recipients(auth: AuthContext, surveyId: number, f: { status?: string; formNo?: string; page: number; pageSize: number }) {
    const s = await this.requireSurvey(this.db, auth, surveyId);
    let q = this.db
      .selectFrom('survey_recipients as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'r.building_id')
      .leftJoin('households as h', 'h.id', 'r.household_id')
      .leftJoin('survey_responses as sr', 'sr.recipient_id', 'r.id')
      .where('r.survey_id', '=', s.id)
      .where(inScope(auth.scope, 'r.estate_id', 'r.area_id'));
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.formNo) q = q.where('r.form_no', '=', f.formNo);
    const [rows, count] = await Promise.all([
      q.selectAll('r').select(['b.code', 'u.entrance', 'u.number', 'h.name as household_name', 'sr.id as response_id']).orderBy('r.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        id: r.id,
        surveyId: r.survey_id,
        unitId: r.unit_id,
        unitLabel: unitLabel(r.code, r.entrance, r.number),
        householdName: r.household_name ?? null,
        status: r.status as any,
        channel: r.channel,
        issuedAt: r.issued_at,
        formNo: r.form_no,
        respondedAt: r.responded_at,
        reason: r.reason,
        responseId: r.response_id ?? null,
      })),
    };
  }

  private async requireSlot(db: Executor, auth: AuthContext, id: number) {
    const r = await db.selectFrom('survey_recipients').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !seesArea(auth.scope, r.estate_id, r.area_id)) throw notFound('entity.surveyRecipient');
    const s = await db.selectFrom('surveys').selectAll().where('id', '=', r.survey_id).executeTakeFirstOrThrow();
    return { r, s };
  }

  private open(s: { status: string; opens_on: string; closes_on: string }) {
    if (s.status !== 'published') throw conflict('conflict.surveyNotOpen');
    const today = this.today();
    if (today > s.closes_on) throw conflict('conflict.surveyClosed', { date: s.closes_on });
    if (today < s.opens_on) throw conflict('conflict.surveyNotYet', { date: s.opens_on });
  }

  async issue(actor: Actor, auth: AuthContext, id: number, channel: string) {
    return this.db.transaction().execute(async (trx) => {
      const { r, s } = await this.requireSlot(trx, auth, id);
      this.open(s);
      if (!splitList(s.channels).includes(channel)) throw invalid('channel', 'field.surveyChannel');
      if (r.status !== 'pending') throw conflict('conflict.slotStatus');
      const at = this.clock.now().toISOString();
      await trx.updateTable('survey_recipients').set({ status: 'issued', channel, issued_at: at }).where('id', '=', id).where('status', '=', 'pending').execute();
      const ref = await unitRef(trx, r.unit_id);
      await this.audit.record(trx, actor, { action: 'update', entity: 'survey_recipient', entityId: id, estateId: r.estate_id, summary: { key: 'audit.surveyIssue', params: { title: s.title, unit: ref, channel: `audit.survey.channel.${channel}` } }, ref });
      return { id, status: 'issued' };
    });
  }

  async mark(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof markInput>) {
    return this.db.transaction().execute(async (trx) => {
      const { r, s } = await this.requireSlot(trx, auth, id);
      if (s.status !== 'published' && s.status !== 'closed') throw conflict('conflict.surveyNotOpen');
      // invalid judges a returned form; refused / unreachable describe a form that did not come back
      const from = input.status === 'invalid' ? ['responded'] : ['pending', 'issued'];
      if (!from.includes(r.status)) throw conflict('conflict.slotStatus');
      const at = this.clock.now().toISOString();
      await trx
        .updateTable('survey_recipients')
        .set({ status: input.status, reason: input.reason, issued_at: r.issued_at ?? at })
        .where('id', '=', id)
        .where('status', '=', r.status)
        .execute();
      const ref = await unitRef(trx, r.unit_id);
      await this.audit.record(trx, actor, { action: 'update', entity: 'survey_recipient', entityId: id, estateId: r.estate_id, summary: { key: 'audit.surveyMark', params: { title: s.title, unit: ref, status: `audit.survey.slot.${input.status}`, reason: input.reason } }, ref });
      return { id, status: input.status };
    });
  }

  private async respond(trx: Executor, actor: Actor, r: any, s: any, channel: string, answers: Answers, who: { enteredBy: number | null; userId: number | null; name: string | null }) {
    this.open(s);
    if (!splitList(s.channels).includes(channel)) throw invalid('channel', 'field.surveyChannel');
    if (!['pending', 'issued', 'refused', 'unreachable'].includes(r.status)) throw conflict('conflict.slotAnswered');
    const qs = await this.questions(trx, s.id);
    const problems = answerProblems(qs as Question[], answers);
    if (Object.keys(problems).length) throw new AppError('VALIDATION', { key: 'error.validation' }, Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, { key: v }])));
    const at = this.clock.now().toISOString();
    // One response per slot: the unique recipient_id refuses a second one even from two sessions at once.
    const upd = await trx.updateTable('survey_recipients').set({ status: 'responded', channel, responded_at: at, issued_at: r.issued_at ?? at, reason: null }).where('id', '=', r.id).where('status', '=', r.status).executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) throw conflict('conflict.slotAnswered');
    const res = await trx
      .insertInto('survey_responses')
      .values({ estate_id: r.estate_id, survey_id: s.id, recipient_id: r.id, channel, answers: fromJson(answers)!, entered_by: who.enteredBy, respondent_user_id: who.userId, respondent_name: who.name, submitted_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ref = await unitRef(trx, r.unit_id);
    await this.audit.record(trx, actor, { action: 'create', entity: 'survey_response', entityId: res.id, estateId: r.estate_id, summary: { key: 'audit.surveyResponse', params: { title: s.title, unit: ref, channel: `audit.survey.channel.${channel}` } }, ref });
    return { id: res.id, recipientId: r.id };
  }

  async enter(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof staffResponseInput>) {
    return this.db.transaction().execute(async (trx) => {
      const { r, s } = await this.requireSlot(trx, auth, id);
      if (input.channel === 'paper') {
        if (!input.formNo) throw invalid('formNo', 'field.required');
        if (input.formNo !== r.form_no) throw invalid('formNo', 'field.surveyFormNo');
      }
      return this.respond(trx, actor, r, s, input.channel, input.answers, { enteredBy: actor.id, userId: null, name: input.respondentName ?? null });
    });
  }

  // ---- portal ----------------------------------------------------------------------------

  async portalList(auth: AuthContext) {
    if (!auth.scope.units.length) return { items: [] };
    const rows = await this.db
      .selectFrom('survey_recipients as r')
      .innerJoin('surveys as s', 's.id', 'r.survey_id')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'r.building_id')
      .select(['r.id', 'r.survey_id', 'r.status', 's.title', 's.intro', 's.closes_on', 's.opens_on', 'b.code', 'u.entrance', 'u.number'])
      .where('r.unit_id', 'in', auth.scope.units)
      .where('s.status', '=', 'published')
      .where('s.channels', 'like', '%portal%')
      .where('s.opens_on', '<=', this.today())
      .orderBy('s.closes_on')
      .execute();
    const items = [];
    for (const r of rows) {
      items.push({
        recipientId: r.id,
        surveyId: r.survey_id,
        unitLabel: unitLabel(r.code, r.entrance, r.number),
        title: r.title,
        intro: r.intro,
        closesOn: r.closes_on,
        status: r.status as any,
        answered: r.status === 'responded' || r.status === 'invalid',
        questions: await this.questions(this.db, r.survey_id),
      });
    }
    return { items };
  }

  async portalAnswer(actor: Actor, auth: AuthContext, recipientId: number, answers: Answers) {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('survey_recipients').selectAll().where('id', '=', recipientId).executeTakeFirst();
      if (!r || !auth.scope.units.includes(r.unit_id)) throw notFound('entity.surveyRecipient');
      const s = await trx.selectFrom('surveys').selectAll().where('id', '=', r.survey_id).executeTakeFirstOrThrow();
      return this.respond(trx, actor, r, s, 'portal', answers, { enteredBy: null, userId: auth.user.id, name: actor.displayName ?? actor.name });
    });
  }

  /** The cashier's hint (manual 4.6.2 "usually at fee-collection time"): this unit's unanswered slots. */
  async pendingForUnit(auth: AuthContext, unitId: number) {
    const u = await this.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['u.id', 'u.estate_id', 'b.area_id']).where('u.id', '=', unitId).executeTakeFirst();
    if (!u || !seesArea(auth.scope, u.estate_id, u.area_id)) throw notFound('entity.unit');
    const rows = await this.db
      .selectFrom('survey_recipients as r')
      .innerJoin('surveys as s', 's.id', 'r.survey_id')
      .select(['r.id', 'r.survey_id', 's.title', 'r.form_no', 's.closes_on', 'r.status'])
      .where('r.unit_id', '=', unitId)
      .where('s.status', '=', 'published')
      .where('s.closes_on', '>=', this.today())
      .where('r.status', 'in', ['pending', 'issued'])
      .orderBy('s.closes_on')
      .execute();
    return { items: rows.map((r) => ({ recipientId: r.id, surveyId: r.survey_id, title: r.title, formNo: r.form_no, closesOn: r.closes_on, status: r.status })) };
  }

  // ---- verification (manual 4.6.2 回访核实) ------------------------------------------------

  private async sample(db: Executor, surveyId: number) {
    const staff = await db.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).where('entered_by', 'is not', null).orderBy('id').execute();
    return pickSample(staff.map((r) => r.id));
  }

  async verifications(auth: AuthContext, surveyId: number) {
    const s = await this.requireSurvey(this.db, auth, surveyId);
    const ids = await this.sample(this.db, s.id);
    if (!ids.length) return { items: [] };
    const rows = await this.db
      .selectFrom('survey_responses as sr')
      .innerJoin('survey_recipients as r', 'r.id', 'sr.recipient_id')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'r.building_id')
      .leftJoin('households as h', 'h.id', 'r.household_id')
      .leftJoin('users as e', 'e.id', 'sr.entered_by')
      .leftJoin('survey_verifications as v', 'v.response_id', 'sr.id')
      .leftJoin('users as vu', 'vu.id', 'v.verified_by')
      .select(['sr.id', 'sr.recipient_id', 'sr.channel', 'sr.submitted_at', 'b.code', 'u.entrance', 'u.number', 'h.name as household_name', 'e.display_name as entered_name', 'v.result', 'v.note', 'vu.display_name as verifier'])
      .where('sr.id', 'in', ids)
      .where(inScope(auth.scope, 'r.estate_id', 'r.area_id'))
      .orderBy('sr.id')
      .execute();
    return {
      items: rows.map((r) => ({
        responseId: r.id,
        recipientId: r.recipient_id,
        unitLabel: unitLabel(r.code, r.entrance, r.number),
        householdName: r.household_name ?? null,
        channel: r.channel,
        enteredBy: r.entered_name ?? null,
        submittedAt: r.submitted_at,
        result: (r.result as any) ?? null,
        note: r.note ?? null,
        verifiedBy: r.verifier ?? null,
      })),
    };
  }

  async verify(actor: Actor, auth: AuthContext, responseId: number, input: z.infer<typeof verifyInput>) {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.selectFrom('survey_responses').selectAll().where('id', '=', responseId).executeTakeFirst();
      if (!res || !seesEstate(auth.scope, res.estate_id)) throw notFound('entity.surveyResponse');
      if (!(await this.sample(trx, res.survey_id)).includes(responseId)) throw conflict('conflict.verifyNotSampled');
      // manual 4.6.2: the call-back checks the resident's evaluation, so the person who entered it may not
      if (res.entered_by === actor.id) throw forbidden();
      const had = await trx.selectFrom('survey_verifications').select('id').where('response_id', '=', responseId).executeTakeFirst();
      if (had) throw conflict('conflict.verifyDone');
      const at = this.clock.now().toISOString();
      const v = await trx.insertInto('survey_verifications').values({ estate_id: res.estate_id, survey_id: res.survey_id, response_id: responseId, result: input.result, note: input.note ?? null, verified_by: actor.id!, verified_at: at }).returning('id').executeTakeFirstOrThrow();
      const r = await trx.selectFrom('survey_recipients').select('unit_id').where('id', '=', res.recipient_id).executeTakeFirstOrThrow();
      const ref = await unitRef(trx, r.unit_id);
      await this.audit.record(trx, actor, { action: 'create', entity: 'survey_verification', entityId: v.id, estateId: res.estate_id, summary: { key: 'audit.surveyVerify', params: { unit: ref, result: `audit.survey.verify.${input.result}` } }, ref });
      return { id: v.id };
    });
  }

  // ---- report ----------------------------------------------------------------------------

  async report(auth: AuthContext, surveyId: number, lang: Lang) {
    const s = await this.requireSurvey(this.db, auth, surveyId);
    const whole = seesWholeEstate(auth.scope, s.estate_id);
    const slots = await this.db
      .selectFrom('survey_recipients as r')
      .innerJoin('buildings as b', 'b.id', 'r.building_id')
      .select(['r.id', 'r.status', 'b.name as building'])
      .where('r.survey_id', '=', s.id)
      .where(inScope(auth.scope, 'r.estate_id', 'r.area_id'))
      .execute();
    const counts: Record<string, number> = {};
    for (const r of slots) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const rr = returnRate(counts);
    const byB = new Map<string, Record<string, number>>();
    for (const r of slots) {
      const m = byB.get(r.building) ?? {};
      m[r.status] = (m[r.status] ?? 0) + 1;
      byB.set(r.building, m);
    }
    const valid = await this.db
      .selectFrom('survey_responses as sr')
      .innerJoin('survey_recipients as r', 'r.id', 'sr.recipient_id')
      .select(['sr.id', 'sr.answers'])
      .where('sr.survey_id', '=', s.id)
      .where('r.status', '=', 'responded')
      .where(inScope(auth.scope, 'r.estate_id', 'r.area_id'))
      .orderBy('sr.id')
      .execute();
    const answers = valid.map((v) => toJson<Answers>(v.answers) ?? {});
    const qs = await this.questions(this.db, s.id);
    const sat = satisfaction(qs as Question[], answers);
    const labels = RATING5_LABELS[lang === 'en-US' ? 'en' : 'zh'];
    const yesNo = lang === 'en-US' ? ['Yes', 'No'] : ['是', '否'];
    const perQ = qs.map((q) => {
      const c = new Map<string, number>();
      const comments: string[] = [];
      const bump = (k: string) => c.set(k, (c.get(k) ?? 0) + 1);
      if (q.type === 'rating5') for (let i = 5; i >= 1; i--) c.set(labels[i - 1]!, 0);
      if (q.type === 'single' || q.type === 'multi') for (const o of q.options) c.set(o.label, 0);
      for (const a of answers) {
        const v = a[String(q.id)];
        if (v === undefined || v === null) continue;
        if (q.type === 'rating5' && typeof v === 'number') bump(labels[v - 1]!);
        else if (q.type === 'single' && typeof v === 'number') bump(q.options.find((o) => o.id === v)?.label ?? String(v));
        else if (q.type === 'multi' && Array.isArray(v)) v.forEach((x) => bump(q.options.find((o) => o.id === x)?.label ?? String(x)));
        else if (q.type === 'yes_no') bump(v ? yesNo[0]! : yesNo[1]!);
        else if (q.type === 'number') bump(String(v));
        else if (q.type === 'text' && typeof v === 'string') comments.push(v);
      }
      return { id: q.id, seq: q.seq, text: q.text, type: q.type, counts: [...c].map(([label, count]) => ({ label, count })), comments };
    });
    const sampleIds = await this.sample(this.db, s.id);
    const vs = sampleIds.length ? await this.db.selectFrom('survey_verifications').select('result').where('response_id', 'in', sampleIds).execute() : [];
    const results = vs.map((v) => v.result);
    const f = (key: string, params?: Record<string, string | number>) => t(lang, key, params);
    return {
      surveyId: s.id,
      title: s.title,
      status: s.status,
      anonymous: toBool(s.anonymous),
      targetReturn: s.target_return,
      targetSatisfaction: s.target_satisfaction,
      counts,
      ...rr,
      satisfaction: sat.overall,
      byDimension: sat.byDimension,
      byBuilding: [...byB].map(([key, m]) => {
        const b = returnRate(m);
        return { key, issued: b.issued, returned: b.returned, returnRate: b.returnRate };
      }),
      questions: perQ,
      verification: { sample: sampleIds.length, done: results.length, confirmed: results.filter((r) => r === 'confirmed').length, mismatch: results.filter((r) => r === 'mismatch').length, unreachable: results.filter((r) => r === 'unreachable').length, mismatchRate: mismatchRate(results) },
      formulas: [
        f('report.surveyIssuedFormula'),
        f('report.surveyReturnFormula', { target: s.target_return }),
        f('report.surveyValidReturnFormula'),
        f('report.surveySatisfactionFormula', { target: s.target_satisfaction }),
        f('report.surveyIndexFormula'),
        f('report.surveyVerifyFormula'),
        ...(whole ? [] : [f('report.surveyAreaOnly')]),
      ],
    };
  }
}
