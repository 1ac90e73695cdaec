import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { type ActivityAction, type ActivityStatus, type ActivityType, activitySummary, activityTarget, admit, canActivity, checkActivityPlan, checkinAnswer, checkinCode, DEFAULT_TASKS, HOLDS_PLACE, promote, type RegistrationStatus, registrationOpen } from '../../../../core/activities.ts';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { maskPhone } from '../../../../core/mask.ts';
import type { AudienceKind } from '../../../../core/notices.ts';
import { seesEstate, seesWholeEstate } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Db, Executor } from '../../../db/database.ts';
import type { ActivityTable } from '../../../db/schema-notices.ts';
import { AppError, conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import { t as translate } from '../../../i18n/messages.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { audienceUnits, nextNumber } from '../notices/notices.repository.ts';
import type { NoticeService } from '../notices/notices.service.ts';
import type { SurveyService } from '../surveys/surveys.service.ts';
import { feedbackAnswers, feedbackOf, feedbackSurvey } from './feedback.ts';
import type { activityCreate, activityUpdate, feedbackInput, registerInput, reviewInput, taskInput, walkInInput } from './activities.schemas.ts';

type Row = { [K in keyof ActivityTable]: ActivityTable[K] extends { __select__: infer S } ? S : ActivityTable[K] };
const headcount = (r: { adults: number; children: number }) => r.adults + r.children;

/** Community cultural activities (design B.3.4; manual 4.10.2–4.10.5). */
export class ActivityService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
    private notices: NoticeService,
    private surveys: SurveyService,
  ) {}

  private now() {
    return this.clock.now();
  }

  private async load(db: Executor, auth: AuthContext, id: number): Promise<Row> {
    const a = await db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound('entity.activity');
    // an owner reaches only published activities; each portal step then checks his unit
    const visible = auth.user.role === 'owner' ? a.notice_id != null && !['draft', 'approved'].includes(a.status) : seesEstate(auth.scope, a.estate_id);
    if (!visible) throw notFound('entity.activity');
    return a as Row;
  }

  private checkPlan(p: { startsAt: string; endsAt: string; opensAt: string; closesAt: string; capacity: number; perUnitLimit: number }) {
    const e = Object.entries(checkActivityPlan(p));
    if (e.length) throw new AppError('VALIDATION', { key: 'error.validation' }, Object.fromEntries(e.map(([f, k]) => [f, { key: k }])));
  }

  private async checkFacility(db: Executor, estateId: number, facilityId: number | null | undefined) {
    if (facilityId == null) return;
    const f = await db.selectFrom('facilities').select('id').where('id', '=', facilityId).where('estate_id', '=', estateId).where('archived_at', 'is', null).executeTakeFirst();
    if (!f) throw invalid('facilityId', 'activity.facilityUnknown');
  }

  async create(actor: Actor, auth: AuthContext, input: z.infer<typeof activityCreate>) {
    return this.db.transaction().execute(async (trx) => {
      await this.notices.checkAudience(trx, auth, input.estateId, input.audienceKind, input.audienceIds);
      this.checkPlan(input);
      await this.checkFacility(trx, input.estateId, input.facilityId);
      const at = this.now().toISOString();
      const year = localDate(this.now()).slice(0, 4);
      const number = `HD-${year}-${String(await nextNumber(trx, input.estateId, `activity:${year}`)).padStart(3, '0')}`;
      const { id } = await trx
        .insertInto('activities')
        .values({
          estate_id: input.estateId,
          number,
          title: input.title,
          type: input.type,
          goals: input.goals,
          agenda: input.agenda,
          budget: JSON.stringify(input.budget),
          staffing: JSON.stringify(input.staffing),
          facility_id: input.facilityId,
          venue: input.venue,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          opens_at: input.opensAt,
          closes_at: input.closesAt,
          capacity: input.capacity,
          per_unit_limit: input.perUnitLimit,
          audience_kind: input.audienceKind,
          audience_ids: JSON.stringify(input.audienceKind === 'estate' ? [] : input.audienceIds),
          status: 'draft',
          notice_id: null,
          approved_by: null,
          cancel_reason: null,
          actual_cost: null,
          lessons: null,
          created_by: actor.id!,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // the preparation checklist of manual 4.10.2–4.10.5, due relative to the start
      const start = new Date(input.startsAt).getTime();
      await trx
        .insertInto('activity_tasks')
        .values(DEFAULT_TASKS.map((tk, i) => ({ estate_id: input.estateId, activity_id: id, seq: i + 1, key: tk.key, title: translate('zh-CN', `activity.task.${tk.key}`), owner_id: null, due_at: new Date(start + tk.offsetMin * 60_000).toISOString(), done_at: null, done_by: null, note: null })))
        .execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'activity', entityId: id, estateId: input.estateId, ref: number, summary: { key: 'audit.activity.create', params: { title: input.title } } });
      return { id };
    });
  }

  async update(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof activityUpdate>) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      this.guard('edit', a);
      const kind = (input.audienceKind ?? a.audience_kind) as AudienceKind;
      const ids = input.audienceIds ?? (input.audienceKind ? [] : (JSON.parse(a.audience_ids) as Array<number | string>));
      if (input.audienceKind !== undefined || input.audienceIds !== undefined) await this.notices.checkAudience(trx, auth, a.estate_id, kind, ids);
      else if (!seesEstate(auth.scope, a.estate_id)) throw outOfScope();
      this.checkPlan({
        startsAt: input.startsAt ?? a.starts_at,
        endsAt: input.endsAt ?? a.ends_at,
        opensAt: input.opensAt ?? a.opens_at,
        closesAt: input.closesAt ?? a.closes_at,
        capacity: input.capacity ?? a.capacity,
        perUnitLimit: input.perUnitLimit ?? a.per_unit_limit,
      });
      if (input.facilityId !== undefined) await this.checkFacility(trx, a.estate_id, input.facilityId);
      const map: Array<[keyof typeof input, keyof ActivityTable, (v: any) => unknown]> = [
        ['title', 'title', (v) => v],
        ['type', 'type', (v) => v],
        ['goals', 'goals', (v) => v],
        ['agenda', 'agenda', (v) => v],
        ['budget', 'budget', (v) => JSON.stringify(v)],
        ['staffing', 'staffing', (v) => JSON.stringify(v)],
        ['facilityId', 'facility_id', (v) => v],
        ['venue', 'venue', (v) => v],
        ['startsAt', 'starts_at', (v) => v],
        ['endsAt', 'ends_at', (v) => v],
        ['opensAt', 'opens_at', (v) => v],
        ['closesAt', 'closes_at', (v) => v],
        ['capacity', 'capacity', (v) => v],
        ['perUnitLimit', 'per_unit_limit', (v) => v],
        ['audienceKind', 'audience_kind', (v) => v],
      ];
      const set: Record<string, unknown> = { updated_at: this.now().toISOString() };
      for (const [k, col, f] of map) if (input[k] !== undefined) set[col] = f(input[k]);
      if (input.audienceKind !== undefined || input.audienceIds !== undefined) set.audience_ids = JSON.stringify(kind === 'estate' ? [] : ids);
      await trx.updateTable('activities').set(set as never).where('id', '=', id).where('status', '=', 'draft').execute();
      if (input.startsAt) {
        const start = new Date(input.startsAt).getTime();
        for (const tk of DEFAULT_TASKS) await trx.updateTable('activity_tasks').set({ due_at: new Date(start + tk.offsetMin * 60_000).toISOString() }).where('activity_id', '=', id).where('key', '=', tk.key).where('done_at', 'is', null).execute();
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.update', params: { title: input.title ?? a.title } }, detail: { fields: Object.keys(input) } });
      return { id };
    });
  }

  private guard(action: ActivityAction, a: Row) {
    if (!canActivity(action, a.status as ActivityStatus)) throw conflict('activity.badState', { action: `activity.action.${action}`, status: `activity.status.${a.status}` });
  }

  private async move(trx: Executor, a: Row, action: Exclude<ActivityAction, 'edit'>, set: Record<string, unknown> = {}) {
    this.guard(action, a);
    const res = await trx.updateTable('activities').set({ ...set, status: activityTarget(action), updated_at: this.now().toISOString() } as never).where('id', '=', a.id).where('status', '=', a.status).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('activity.badState', { action: `activity.action.${action}`, status: `activity.status.${a.status}` });
  }

  /** One step of the activity's life; publish creates its notice, finish marks no-shows and asks attendees for feedback. */
  async step(actor: Actor, auth: AuthContext, id: number, action: Exclude<ActivityAction, 'edit' | 'review' | 'cancel'>) {
    const out = await this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      if (!seesWholeEstate(auth.scope, a.estate_id) && action === 'approve') throw outOfScope();
      let notified: number[] = [];
      if (action === 'publish') {
        this.guard('publish', a);
        if (new Date(a.closes_at).getTime() <= this.now().getTime()) throw invalid('closesAt', 'activity.closesInPast');
        const when = `${fmt(a.starts_at)}—${fmt(a.ends_at)}`;
        const venue = a.venue ?? (a.facility_id ? (await trx.selectFrom('facilities').select('name').where('id', '=', a.facility_id).executeTakeFirst())?.name : null) ?? '';
        const body = [`活动时间：${when}`, venue ? `活动地点：${venue}` : '', `报名时间：${fmt(a.opens_at)} 至 ${fmt(a.closes_at)}，名额 ${a.capacity} 人，每户最多 ${a.per_unit_limit} 人。`, a.agenda ? `活动安排：\n${a.agenda}` : '', '请在业主服务页面报名，报名后凭签到码入场。']
          .filter(Boolean)
          .join('\n');
        const n = await this.notices.publishForActivity(trx, actor, auth, {
          estateId: a.estate_id,
          category: 'activity',
          title: a.title,
          body,
          audienceKind: a.audience_kind as AudienceKind,
          audienceIds: JSON.parse(a.audience_ids),
          audiencePeople: 'residents',
          requireAck: false,
          pinned: false,
          publishAt: null,
          expiresAt: a.ends_at,
        }, a.id);
        await this.move(trx, a, 'publish', { notice_id: n.id });
      } else if (action === 'finish') {
        await this.move(trx, a, 'finish');
        await trx.updateTable('activity_registrations').set({ status: 'no_show' }).where('activity_id', '=', id).where('status', '=', 'registered').execute();
        const attended = await trx.selectFrom('activity_registrations').select(['user_id', 'unit_id']).where('activity_id', '=', id).where('status', '=', 'attended').execute();
        const units = [...new Set(attended.map((r) => r.unit_id).filter((u): u is number => u != null))];
        // Surveys ask homes; a shop that came gives its feedback on the activity's own record.
        const homes = units.length ? (await trx.selectFrom('units').select('id').where('id', 'in', units).where('usage', '=', 'residential').execute()).map((u) => u.id) : [];
        if (homes.length) {
          const survey = await this.surveys.publishWithin(trx, actor, feedbackSurvey(a, homes, this.now()));
          await trx.updateTable('activities').set({ feedback_survey_id: survey.id }).where('id', '=', id).execute();
        }
        const attendees = attended.filter((r) => r.user_id != null);
        notified = await this.notifications.notify(trx, { userIds: attendees.map((r) => r.user_id!), estateId: a.estate_id, kind: 'activity_feedback', title: { key: 'activity.notify.feedbackTitle' }, body: a.title, dedupeKey: `activity-feedback:${id}` });
      } else {
        await this.move(trx, a, action, action === 'approve' ? { approved_by: actor.id } : {});
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.step', params: { title: a.title, step: `activity.action.${action}` } } });
      return { notified, title: a.title };
    });
    if (out.notified.length) await this.notifications.deliver(out.notified, { key: 'activity.notify.feedbackTitle' }, out.title);
    return this.statusOf(id);
  }

  async review(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof reviewInput>) {
    await this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      await this.move(trx, a, 'review', { actual_cost: input.actualCost, lessons: input.lessons });
      await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.step', params: { title: a.title, step: 'activity.action.review' } } });
    });
    return this.statusOf(id);
  }

  /** Cancelled with a reason; everyone holding or waiting for a place is told. Registrations are kept. */
  async cancel(actor: Actor, auth: AuthContext, id: number, reason: string) {
    const out = await this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      await this.move(trx, a, 'cancel', { cancel_reason: reason });
      const regs = await trx.selectFrom('activity_registrations').select('user_id').where('activity_id', '=', id).where('status', 'in', ['registered', 'waitlisted']).where('user_id', 'is not', null).execute();
      const notified = await this.notifications.notify(trx, { userIds: regs.map((r) => r.user_id!), estateId: a.estate_id, kind: 'activity_cancelled', title: { key: 'activity.notify.cancelledTitle', params: { title: a.title } }, body: reason, dedupeKey: `activity-cancel:${id}` });
      if (a.notice_id) await trx.updateTable('resident_notices').set({ status: 'withdrawn', withdrawn_at: this.now().toISOString(), withdraw_reason: reason }).where('id', '=', a.notice_id).where('status', 'in', ['scheduled', 'published']).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.cancel', params: { title: a.title, reason } } });
      return { notified, title: a.title };
    });
    await this.notifications.deliver(out.notified, { key: 'activity.notify.cancelledTitle', params: { title: out.title } }, reason);
    return this.statusOf(id);
  }

  private async statusOf(id: number) {
    const a = await this.db.selectFrom('activities').select(['id', 'status', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
    return { id: a.id, status: a.status as ActivityStatus, number: a.number };
  }

  // ---- registration -------------------------------------------------------------------------

  /**
   * Registers a unit's people: over the unit's limit → 409; no room → waitlisted (not an error).
   * The activity row is touched first so concurrent registrations queue behind one another.
   */
  async register(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof registerInput>, opts: { portal: boolean }) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      if (opts.portal && !auth.scope.units.includes(input.unitId)) throw outOfScope();
      const units = await audienceUnits(trx, a.estate_id, a.audience_kind as AudienceKind, JSON.parse(a.audience_ids));
      if (!units.includes(input.unitId)) throw invalid('unitId', 'activity.unitNotInvited');
      if (opts.portal ? !registrationOpen({ status: a.status as ActivityStatus, opensAt: a.opens_at, closesAt: a.closes_at }, this.now()) : !['published', 'registration_closed'].includes(a.status)) throw conflict('activity.registrationClosed');
      await trx.updateTable('activities').set({ updated_at: this.now().toISOString() }).where('id', '=', id).execute();
      const regs = await trx.selectFrom('activity_registrations').select(['unit_id', 'adults', 'children', 'status']).where('activity_id', '=', id).execute();
      const taken = regs.filter((r) => HOLDS_PLACE.includes(r.status as RegistrationStatus)).reduce((s, r) => s + headcount(r), 0);
      const unitActive = regs.filter((r) => r.unit_id === input.unitId && ['registered', 'attended', 'waitlisted'].includes(r.status)).reduce((s, r) => s + headcount(r), 0);
      const verdict = admit({ capacity: a.capacity, perUnitLimit: a.per_unit_limit, taken, unitActive, waiting: regs.filter((r) => r.status === 'waitlisted').length }, headcount(input));
      if (verdict === 'over_limit') throw conflict('activity.overUnitLimit', { limit: a.per_unit_limit }, { adults: { key: 'activity.overUnitLimit', params: { limit: a.per_unit_limit } } });
      const code = await this.freshCode(trx, id);
      const at = this.now().toISOString();
      const { id: regId } = await trx
        .insertInto('activity_registrations')
        .values({ estate_id: a.estate_id, activity_id: id, unit_id: input.unitId, user_id: opts.portal ? actor.id : null, names: input.names, adults: input.adults, children: input.children, phone: input.phone || null, status: verdict, code, registered_at: at, promoted_at: null, cancelled_at: null, checked_in_at: null, checked_in_by: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: verdict === 'registered' ? 'audit.activity.register' : 'audit.activity.waitlist', params: { title: a.title, names: input.names } } });
      return { id: regId, status: verdict, code };
    });
  }

  private async freshCode(trx: Executor, activityId: number) {
    for (;;) {
      const code = checkinCode(() => randomInt(0, 1_000_000_000) / 1_000_000_000);
      const had = await trx.selectFrom('activity_registrations').select('id').where('activity_id', '=', activityId).where('code', '=', code).executeTakeFirst();
      if (!had) return code;
    }
  }

  /** Cancelling frees places; the waitlist moves first-in-first-out. After the start it is too late (409). */
  async cancelRegistration(actor: Actor, auth: AuthContext, id: number, regId: number, opts: { portal: boolean }) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      const r = await trx.selectFrom('activity_registrations').selectAll().where('id', '=', regId).where('activity_id', '=', id).executeTakeFirst();
      if (!r || (opts.portal && (r.unit_id == null || !auth.scope.units.includes(r.unit_id)))) throw notFound('entity.registration');
      if (!['registered', 'waitlisted'].includes(r.status)) throw conflict('activity.registrationNotActive');
      if (new Date(a.starts_at).getTime() <= this.now().getTime() || !['published', 'registration_closed'].includes(a.status)) throw conflict('activity.tooLateToCancel');
      if (opts.portal && new Date(a.closes_at).getTime() <= this.now().getTime()) throw conflict('activity.registrationClosed');
      await trx.updateTable('activities').set({ updated_at: this.now().toISOString() }).where('id', '=', id).execute();
      await trx.updateTable('activity_registrations').set({ status: 'cancelled', cancelled_at: this.now().toISOString() }).where('id', '=', regId).where('status', '=', r.status).execute();
      const promoted = await this.promoteWaitlist(trx, a);
      await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.cancelRegistration', params: { title: a.title, names: r.names } } });
      return { ok: true, promoted };
    });
  }

  private async promoteWaitlist(trx: Executor, a: Row) {
    const regs = await trx.selectFrom('activity_registrations').select(['id', 'adults', 'children', 'status', 'user_id']).where('activity_id', '=', a.id).orderBy('registered_at').orderBy('id').execute();
    const taken = regs.filter((r) => HOLDS_PLACE.includes(r.status as RegistrationStatus)).reduce((s, r) => s + headcount(r), 0);
    const queue = regs.filter((r) => r.status === 'waitlisted').map((r) => ({ id: r.id, headcount: headcount(r), userId: r.user_id }));
    const ids = promote(a.capacity, taken, queue);
    if (!ids.length) return [];
    await trx.updateTable('activity_registrations').set({ status: 'registered', promoted_at: this.now().toISOString() }).where('id', 'in', ids).where('status', '=', 'waitlisted').execute();
    const users = queue.filter((q) => ids.includes(q.id) && q.userId != null).map((q) => q.userId!);
    await this.notifications.notify(trx, { userIds: users, estateId: a.estate_id, kind: 'activity_promoted', title: { key: 'activity.notify.promotedTitle', params: { title: a.title } }, body: a.title, dedupeKey: `activity-promoted:${a.id}:${ids.join(',')}` });
    return ids;
  }

  /** Scanning a resident's code: Odoo's answers; only "confirmed" writes. */
  async checkin(actor: Actor, auth: AuthContext, id: number, code: string) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      const r = /^\d{8}$/.test(code) ? await trx.selectFrom('activity_registrations').selectAll().where('activity_id', '=', id).where('code', '=', code).executeTakeFirst() : undefined;
      const result = checkinAnswer({ status: a.status as ActivityStatus, startsAt: a.starts_at, endsAt: a.ends_at }, r ? { status: r.status as RegistrationStatus } : null, this.now());
      if (result === 'confirmed' && r) {
        const res = await trx.updateTable('activity_registrations').set({ status: 'attended', checked_in_at: this.now().toISOString(), checked_in_by: actor.id }).where('id', '=', r.id).where('status', '=', 'registered').executeTakeFirst();
        if (!Number(res.numUpdatedRows)) return { result: 'already' as const, registration: await this.oneReg(trx, r.id) };
        await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.checkin', params: { title: a.title, names: r.names } } });
      }
      return { result, registration: r ? await this.oneReg(trx, r.id) : null };
    });
  }

  async walkIn(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof walkInInput>) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      if (checkinAnswer({ status: a.status as ActivityStatus, startsAt: a.starts_at, endsAt: a.ends_at }, { status: 'registered' }, this.now()) === 'not_ongoing') throw conflict('activity.notOngoing');
      if (input.unitId != null) {
        const u = await trx.selectFrom('units').select('id').where('id', '=', input.unitId).where('estate_id', '=', a.estate_id).executeTakeFirst();
        if (!u) throw invalid('unitId', 'activity.unitNotInvited');
      }
      const at = this.now().toISOString();
      const { id: regId } = await trx
        .insertInto('activity_registrations')
        .values({ estate_id: a.estate_id, activity_id: id, unit_id: input.unitId ?? null, user_id: null, names: input.names, adults: input.adults, children: input.children, phone: null, status: 'walk_in', code: await this.freshCode(trx, id), registered_at: at, promoted_at: null, cancelled_at: null, checked_in_at: at, checked_in_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.walkIn', params: { title: a.title, names: input.names } } });
      return { id: regId };
    });
  }

  async task(actor: Actor, auth: AuthContext, id: number, taskId: number, input: z.infer<typeof taskInput>) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      const tk = await trx.selectFrom('activity_tasks').selectAll().where('id', '=', taskId).where('activity_id', '=', id).executeTakeFirst();
      if (!tk) throw notFound('entity.activityTask');
      if (['reviewed', 'cancelled'].includes(a.status)) throw conflict('activity.badState', { action: 'activity.action.task', status: `activity.status.${a.status}` });
      if (input.ownerId != null) {
        const u = await trx.selectFrom('users as u').innerJoin('user_scopes as s', 's.user_id', 'u.id').select('u.id').where('u.id', '=', input.ownerId).where('s.estate_id', '=', a.estate_id).where('u.role', '!=', 'owner').executeTakeFirst();
        if (!u) throw invalid('ownerId', 'activity.ownerUnknown');
      }
      const set: Record<string, unknown> = {};
      if (input.ownerId !== undefined) set.owner_id = input.ownerId;
      if (input.dueAt !== undefined) set.due_at = input.dueAt;
      if (input.note !== undefined) set.note = input.note;
      if (input.done === true && !tk.done_at) Object.assign(set, { done_at: this.now().toISOString(), done_by: actor.id });
      if (input.done === false && tk.done_at) throw conflict('activity.taskDone');
      if (!Object.keys(set).length) return { ok: true };
      await trx.updateTable('activity_tasks').set(set as never).where('id', '=', taskId).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.task', params: { title: a.title, task: tk.title } } });
      return { ok: true };
    });
  }

  /** Feedback of manual 4.10.5 from an attendee, once per registration, after the activity. */
  async feedback(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof feedbackInput>) {
    return this.db.transaction().execute(async (trx) => {
      const a = await this.load(trx, auth, id);
      const r = await trx.selectFrom('activity_registrations').selectAll().where('id', '=', input.registrationId).where('activity_id', '=', id).executeTakeFirst();
      if (!r || r.unit_id == null || !auth.scope.units.includes(r.unit_id)) throw notFound('entity.registration');
      if (!['finished', 'reviewed'].includes(a.status)) throw conflict('activity.feedbackNotYet');
      if (r.status !== 'attended') throw conflict('activity.feedbackAttendeesOnly');
      // The unit's slot of the feedback survey: one answer a unit, from here or the portal's surveys.
      // A unit the survey has no slot for (a shop; surveys ask homes) keeps the activity's own record.
      const slot = a.feedback_survey_id == null ? undefined : await trx.selectFrom('survey_recipients').select('status').where('survey_id', '=', a.feedback_survey_id).where('unit_id', '=', r.unit_id).executeTakeFirst();
      if (slot) {
        if (slot.status === 'responded') throw conflict('activity.feedbackGiven');
        await this.surveys.answerWithin(trx, actor, a.feedback_survey_id!, r.unit_id, feedbackAnswers(input), { userId: auth.user.id, name: actor.displayName ?? actor.name });
      } else {
        const had = await trx.selectFrom('activity_feedback').select('id').where('registration_id', '=', r.id).executeTakeFirst();
        if (had) throw conflict('activity.feedbackGiven');
        await trx.insertInto('activity_feedback').values({ estate_id: a.estate_id, activity_id: id, registration_id: r.id, user_id: actor.id, rating: input.rating, liked: input.liked, suggestions: input.suggestions, at: this.now().toISOString() }).execute();
      }
      await this.audit.record(trx, actor, { action: 'create', entity: 'activity', entityId: id, estateId: a.estate_id, ref: a.number, summary: { key: 'audit.activity.feedback', params: { title: a.title, rating: input.rating } } });
      return { ok: true };
    });
  }

  // ---- reads --------------------------------------------------------------------------------

  async list(auth: AuthContext, f: { estateId?: number; status?: ActivityStatus; page: number; pageSize: number }) {
    const estates = auth.scope.all ? null : [...new Set([...auth.scope.estates, ...auth.scope.areas.map((a) => a.estateId)])];
    let q = this.db.selectFrom('activities');
    if (estates) q = q.where('estate_id', 'in', estates.length ? estates : [-1]);
    if (f.estateId) q = q.where('estate_id', '=', f.estateId);
    if (f.status) q = q.where('status', '=', f.status);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), items: await this.present(rows as Row[]) };
  }

  private async present(rows: Row[]) {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const regs = await this.db.selectFrom('activity_registrations').select(['activity_id', 'status', 'adults', 'children']).where('activity_id', 'in', ids).execute();
    const fb = await feedbackOf(this.db, rows);
    const fac = [...new Set(rows.map((r) => r.facility_id).filter((v): v is number => v != null))];
    const facilities = new Map((await this.db.selectFrom('facilities').select(['id', 'name']).where('id', 'in', fac.length ? fac : [-1]).execute()).map((f) => [f.id, f.name]));
    return rows.map((a) => {
      const mine = regs.filter((r) => r.activity_id === a.id).map((r) => ({ status: r.status as RegistrationStatus, headcount: headcount(r) }));
      const budget = JSON.parse(a.budget) as Array<{ item: string; amount: number }>;
      return {
        id: a.id,
        estateId: a.estate_id,
        number: a.number,
        title: a.title,
        type: a.type as ActivityType,
        goals: a.goals,
        agenda: a.agenda,
        budget,
        staffing: JSON.parse(a.staffing) as Array<{ role: string; name: string; userId?: number | null }>,
        facilityId: a.facility_id,
        facilityName: a.facility_id ? (facilities.get(a.facility_id) ?? null) : null,
        venue: a.venue,
        startsAt: a.starts_at,
        endsAt: a.ends_at,
        opensAt: a.opens_at,
        closesAt: a.closes_at,
        capacity: a.capacity,
        perUnitLimit: a.per_unit_limit,
        audienceKind: a.audience_kind as AudienceKind,
        audienceIds: JSON.parse(a.audience_ids) as Array<number | string>,
        status: a.status as ActivityStatus,
        noticeId: a.notice_id,
        feedbackSurveyId: a.feedback_survey_id,
        cancelReason: a.cancel_reason,
        lessons: a.lessons,
        taken: mine.filter((r) => HOLDS_PLACE.includes(r.status)).reduce((s, r) => s + r.headcount, 0),
        summary: { ...activitySummary(mine, fb.get(a.id)!.map((f) => f.rating)), budgetTotal: budget.reduce((s, b) => s + b.amount, 0), actualCost: a.actual_cost },
      };
    });
  }

  async get(auth: AuthContext, id: number) {
    const a = await this.load(this.db, auth, id);
    const [base] = await this.present([a]);
    const tasks = await this.db.selectFrom('activity_tasks as t').leftJoin('users as u', 'u.id', 't.owner_id').select(['t.id', 't.seq', 't.key', 't.title', 't.owner_id', 'u.display_name', 't.due_at', 't.done_at', 't.note']).where('t.activity_id', '=', id).orderBy('t.seq').execute();
    const feedback = (await feedbackOf(this.db, [a])).get(id)!.map(({ rating, liked, suggestions, at }) => ({ rating, liked, suggestions, at }));
    return { ...base!, tasks: tasks.map((t) => ({ id: t.id, seq: t.seq, key: t.key, title: t.title, ownerId: t.owner_id, ownerName: t.display_name ?? null, dueAt: t.due_at, doneAt: t.done_at, note: t.note })), feedback };
  }

  private async regRows(db: Executor, where: { activityId?: number; id?: number; units?: number[] }) {
    let q = db
      .selectFrom('activity_registrations as r')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .leftJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['r.id', 'r.activity_id', 'r.unit_id', 'r.user_id', 'r.names', 'r.adults', 'r.children', 'r.phone', 'r.status', 'r.code', 'r.registered_at', 'r.checked_in_at', 'b.code as bcode', 'u.entrance', 'u.number']);
    if (where.activityId) q = q.where('r.activity_id', '=', where.activityId);
    if (where.id) q = q.where('r.id', '=', where.id);
    if (where.units) q = q.where('r.unit_id', 'in', where.units.length ? where.units : [-1]);
    return q.orderBy('r.registered_at').orderBy('r.id').execute();
  }

  private shape(r: Awaited<ReturnType<ActivityService['regRows']>>[number], position: number | null) {
    return {
      id: r.id,
      unitId: r.unit_id,
      unitLabel: r.bcode ? unitLabel(r.bcode, r.entrance ?? null, r.number!) : null,
      names: r.names,
      adults: r.adults,
      children: r.children,
      phone: maskPhone(r.phone),
      status: r.status as RegistrationStatus,
      registeredAt: r.registered_at,
      checkedInAt: r.checked_in_at,
      waitlistPosition: position,
    };
  }

  private async oneReg(db: Executor, id: number) {
    const [r] = await this.regRows(db, { id });
    return r ? this.shape(r, null) : null;
  }

  async registrations(auth: AuthContext, id: number) {
    await this.load(this.db, auth, id);
    const rows = await this.regRows(this.db, { activityId: id });
    let pos = 0;
    const items = rows.map((r) => this.shape(r, r.status === 'waitlisted' ? ++pos : null));
    return { items, total: items.length };
  }

  // ---- owner portal -------------------------------------------------------------------------

  /** Activities open to one of his units: published onwards (not drafts), newest first. */
  async portalList(auth: AuthContext) {
    if (!auth.scope.units.length) return { items: [], total: 0 };
    const rows = (await this.db.selectFrom('activities').selectAll().where('status', 'in', ['published', 'registration_closed', 'in_progress', 'finished', 'reviewed', 'cancelled']).where('notice_id', 'is not', null).orderBy('starts_at', 'desc').limit(50).execute()) as Row[];
    const out = [];
    for (const a of rows) {
      const units = await audienceUnits(this.db, a.estate_id, a.audience_kind as AudienceKind, JSON.parse(a.audience_ids));
      if (!units.some((u) => auth.scope.units.includes(u))) continue;
      out.push(await this.portalShape(auth, a));
    }
    return { items: out, total: out.length };
  }

  async portalGet(auth: AuthContext, id: number) {
    const a = (await this.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
    if (!a || a.notice_id == null || ['draft', 'approved'].includes(a.status)) throw notFound('entity.activity');
    const units = await audienceUnits(this.db, a.estate_id, a.audience_kind as AudienceKind, JSON.parse(a.audience_ids));
    if (!units.some((u) => auth.scope.units.includes(u))) throw notFound('entity.activity');
    return this.portalShape(auth, a);
  }

  private async portalShape(auth: AuthContext, a: Row) {
    const [base] = await this.present([a]);
    const mine = await this.regRows(this.db, { activityId: a.id, units: auth.scope.units });
    const given = (await feedbackOf(this.db, [a])).get(a.id)!;
    // Rated: its own feedback (before 028), or its unit's answer to the feedback survey.
    const rated = (r: { id: number; unit_id: number | null }) => given.some((f) => (f.registrationId != null ? f.registrationId === r.id : f.unitId === r.unit_id));
    const all = await this.db.selectFrom('activity_registrations').select(['id', 'status']).where('activity_id', '=', a.id).orderBy('registered_at').orderBy('id').execute();
    const queue = all.filter((r) => r.status === 'waitlisted').map((r) => r.id);
    return {
      id: a.id,
      number: a.number,
      title: a.title,
      type: a.type as ActivityType,
      agenda: a.agenda,
      venue: a.venue,
      facilityName: base!.facilityName,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      opensAt: a.opens_at,
      closesAt: a.closes_at,
      capacity: a.capacity,
      perUnitLimit: a.per_unit_limit,
      status: a.status as ActivityStatus,
      taken: base!.taken,
      open: registrationOpen({ status: a.status as ActivityStatus, opensAt: a.opens_at, closesAt: a.closes_at }, this.now()),
      mine: mine.map((r) => ({ ...this.shape(r, r.status === 'waitlisted' ? queue.indexOf(r.id) + 1 : null), code: r.code, rated: rated(r) })),
    };
  }
}

const fmt = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};
