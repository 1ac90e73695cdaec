import type { z } from 'zod';
import { HomeVisitService } from '../visits/visits.service.ts';
import { type Clock, localDate, todayOf } from '../../../../core/clock.ts';
import { can } from '../../../../core/roles.ts';
import { type AudienceKind, type AudiencePeople, canNotice, checkNoticeDates, COVERAGE_ORDER, coverageOf, coverageSummary, type NoticeAction, type NoticeCategory, type NoticeStatus, needsApproval, portalOrder, releaseStatus, reminderDue } from '../../../../core/notices.ts';
import { seesArea, seesEstate, seesWholeEstate } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Db, Executor } from '../../../db/database.ts';
import type { ResidentNoticeTable } from '../../../db/schema-notices.ts';
import { AppError, conflict, forbidden, invalid, type Msg, notFound, outOfScope } from '../../../http/errors.ts';
import { withLock } from '../../../jobs/lock.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { inHisTime } from '../../households/portal-scope.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { approversOf, audienceUnits, nextNumber, portalUsersByUnit, portalUsersOf, staffOf } from './notices.repository.ts';
import type { noticeCreate, noticeUpdate, offlineInput } from './notices.schemas.ts';

type Row = { [K in keyof ResidentNoticeTable]: ResidentNoticeTable[K] extends { __select__: infer S } ? S : ResidentNoticeTable[K] };
type Pending = { userIds: number[]; title: Msg; body: Msg | string };

const OUTAGES = ['water_outage', 'power_outage'];

/**
 * Resident notices (design B.3.3): drafts, approval, scheduled release and expiry, per-unit
 * recipients with read and 签收, the coverage board, reminders, and the desk's outage notice.
 */
export class NoticeService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
  ) {}

  private now() {
    return this.clock.now();
  }

  private async load(db: Executor, auth: AuthContext, id: number): Promise<Row> {
    const n = await db.selectFrom('resident_notices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!n || !seesEstate(auth.scope, n.estate_id)) throw notFound('entity.notice');
    return n as Row;
  }

  /** 403 when the author cannot address those people; 400 naming audienceIds when they are not the estate's. */
  async checkAudience(db: Executor, auth: AuthContext, estateId: number, kind: AudienceKind, ids: Array<number | string>) {
    if (!seesEstate(auth.scope, estateId)) throw outOfScope();
    if (kind === 'estate') {
      if (!seesWholeEstate(auth.scope, estateId)) throw outOfScope();
      return;
    }
    if (!ids.length) throw invalid('audienceIds', 'notice.audienceRequired');
    const nums = ids.filter((v): v is number => typeof v === 'number');
    const strs = ids.filter((v): v is string => typeof v === 'string');
    if ((kind === 'entrances' && nums.length) || (kind !== 'entrances' && strs.length)) throw invalid('audienceIds', 'notice.audienceKindMismatch');
    let areas: Array<number | null> = [];
    if (kind === 'areas') {
      const rows = await db.selectFrom('areas').select('id').where('estate_id', '=', estateId).where('id', 'in', nums).execute();
      if (rows.length !== new Set(nums).size) throw invalid('audienceIds', 'notice.audienceUnknown');
      areas = nums;
    } else if (kind === 'buildings' || kind === 'entrances') {
      const bIds = kind === 'buildings' ? nums : strs.map((s) => Number(s.split(':')[0]));
      const rows = await db.selectFrom('buildings').select(['id', 'area_id']).where('estate_id', '=', estateId).where('id', 'in', bIds).execute();
      if (rows.length !== new Set(bIds).size) throw invalid('audienceIds', 'notice.audienceUnknown');
      areas = rows.map((r) => r.area_id);
    } else {
      const rows = await db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['u.id', 'b.area_id']).where('u.estate_id', '=', estateId).where('u.id', 'in', nums).execute();
      if (rows.length !== new Set(nums).size) throw invalid('audienceIds', 'notice.audienceUnknown');
      areas = rows.map((r) => r.area_id);
    }
    if (areas.some((a) => !seesArea(auth.scope, estateId, a))) throw outOfScope();
  }

  async create(actor: Actor, auth: AuthContext, input: z.infer<typeof noticeCreate>, links: { ticketId?: number; correctsId?: number; activityId?: number } = {}) {
    return this.db.transaction().execute(async (trx) => this.createIn(trx, actor, auth, input, links));
  }

  async createIn(trx: Executor, actor: Actor, auth: AuthContext, input: z.infer<typeof noticeCreate>, links: { ticketId?: number; correctsId?: number; activityId?: number } = {}) {
    await this.checkAudience(trx, auth, input.estateId, input.audienceKind, input.audienceIds);
    this.checkDates(input, false, !!links.ticketId);
    const at = this.now().toISOString();
    const { id } = await trx
      .insertInto('resident_notices')
      .values({
        estate_id: input.estateId,
        number: null,
        category: input.category,
        title: input.title,
        body: input.body,
        audience_kind: input.audienceKind,
        audience_ids: JSON.stringify(input.audienceKind === 'estate' ? [] : input.audienceIds),
        audience_people: input.audiencePeople,
        require_ack: input.requireAck ? 1 : 0,
        pinned: input.pinned ? 1 : 0,
        publish_at: input.publishAt,
        expires_at: input.expiresAt,
        status: 'draft',
        ticket_id: links.ticketId ?? null,
        corrects_id: links.correctsId ?? null,
        activity_id: links.activityId ?? null,
        created_by: actor.id!,
        submitted_by: null,
        approved_by: null,
        approved_at: null,
        reject_reason: null,
        published_at: null,
        withdrawn_at: null,
        withdraw_reason: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.audit.record(trx, actor, { action: 'create', entity: 'resident_notice', entityId: id, estateId: input.estateId, summary: { key: 'audit.notice.create', params: { title: input.title } } });
    return { id };
  }

  private checkDates(n: { category: NoticeCategory; publishAt: string | null; expiresAt: string | null }, submitting: boolean, incident: boolean) {
    const errors = checkNoticeDates({ ...n, incident }, this.now(), { submitting });
    const keys = Object.entries(errors);
    if (keys.length) throw new AppError('VALIDATION', { key: 'error.validation' }, Object.fromEntries(keys.map(([f, k]) => [f, { key: k }])));
  }

  /** Only a draft changes; once submitted the text is fixed (409), corrections are new linked notices. */
  async update(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof noticeUpdate>) {
    return this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      this.guard('edit', n);
      const kind = (input.audienceKind ?? n.audience_kind) as AudienceKind;
      const ids = input.audienceIds ?? (input.audienceKind ? [] : (JSON.parse(n.audience_ids) as Array<number | string>));
      if (input.audienceKind !== undefined || input.audienceIds !== undefined) await this.checkAudience(trx, auth, n.estate_id, kind, ids);
      const category = (input.category ?? n.category) as NoticeCategory;
      const publishAt = input.publishAt === undefined ? n.publish_at : input.publishAt;
      const expiresAt = input.expiresAt === undefined ? n.expires_at : input.expiresAt;
      this.checkDates({ category, publishAt, expiresAt }, false, n.ticket_id != null);
      const set: Partial<Record<keyof ResidentNoticeTable, unknown>> = { updated_at: this.now().toISOString() };
      if (input.category !== undefined) set.category = input.category;
      if (input.title !== undefined) set.title = input.title;
      if (input.body !== undefined) set.body = input.body;
      if (input.audienceKind !== undefined) set.audience_kind = input.audienceKind;
      if (input.audienceKind !== undefined || input.audienceIds !== undefined) set.audience_ids = JSON.stringify(kind === 'estate' ? [] : ids);
      if (input.audiencePeople !== undefined) set.audience_people = input.audiencePeople;
      if (input.requireAck !== undefined) set.require_ack = input.requireAck ? 1 : 0;
      if (input.pinned !== undefined) set.pinned = input.pinned ? 1 : 0;
      if (input.publishAt !== undefined) set.publish_at = input.publishAt;
      if (input.expiresAt !== undefined) set.expires_at = input.expiresAt;
      await trx.updateTable('resident_notices').set(set as never).where('id', '=', id).where('status', '=', 'draft').execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, summary: { key: 'audit.notice.update', params: { title: input.title ?? n.title } }, detail: { fields: Object.keys(input) } });
      return { id };
    });
  }

  private guard(action: NoticeAction, n: Row) {
    if (!canNotice(action, n.status as NoticeStatus)) throw conflict('notice.badState', { action: `notice.action.${action}`, status: `notice.status.${n.status}` });
  }

  /**
   * Submit: a notice that needs approval waits for the assistant or director unless the author is
   * one; otherwise it is released now or scheduled for its time.
   */
  async submit(actor: Actor, auth: AuthContext, id: number) {
    const pending: Pending[] = [];
    const out = await this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      this.guard('submit', n);
      await this.checkAudience(trx, auth, n.estate_id, n.audience_kind as AudienceKind, JSON.parse(n.audience_ids));
      this.checkDates({ category: n.category as NoticeCategory, publishAt: n.publish_at, expiresAt: n.expires_at }, true, n.ticket_id != null);
      const number = n.number ?? (await this.numberFor(trx, n.estate_id));
      const approval = needsApproval({ category: n.category as NoticeCategory, audienceKind: n.audience_kind as AudienceKind }) && !can(auth.user.role, 'notice.publish');
      const at = this.now().toISOString();
      if (approval) {
        await this.move(trx, n, 'pending_approval', { number, submitted_by: actor.id, reject_reason: null });
        const approvers = await approversOf(trx, n.estate_id);
        const title: Msg = { key: 'notice.notify.approvalTitle', params: { number } };
        const fresh = await this.notifications.notify(trx, { userIds: approvers, estateId: n.estate_id, kind: 'notice_approval', title, body: n.title, dedupeKey: `notice-approval:${n.id}:${at}` });
        pending.push({ userIds: fresh, title, body: n.title });
      } else {
        await this.move(trx, n, 'scheduled', { number, submitted_by: actor.id, approved_by: actor.id, approved_at: at, reject_reason: null });
        if (releaseStatus(n.publish_at, this.now()) === 'published') pending.push(...(await this.release(trx, { ...n, number })));
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: number, summary: { key: 'audit.notice.submit', params: { title: n.title } } });
      return this.statusOf(trx, id);
    });
    await this.deliver(pending);
    return out;
  }

  async approve(actor: Actor, auth: AuthContext, id: number) {
    const pending: Pending[] = [];
    const out = await this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      this.guard('approve', n);
      if (!seesWholeEstate(auth.scope, n.estate_id)) throw outOfScope();
      // the time may have passed while it waited: it goes out at once then, and an end already past is refused
      if (n.expires_at && new Date(n.expires_at).getTime() <= this.now().getTime()) throw invalid('expiresAt', 'notice.expiresInPast');
      const at = this.now().toISOString();
      await this.move(trx, n, 'scheduled', { approved_by: actor.id, approved_at: at });
      if (releaseStatus(n.publish_at, this.now()) === 'published') pending.push(...(await this.release(trx, n)));
      if (n.submitted_by && n.submitted_by !== actor.id) {
        const title: Msg = { key: 'notice.notify.approvedTitle', params: { number: n.number ?? '' } };
        pending.push({ userIds: await this.notifications.notify(trx, { userIds: [n.submitted_by], estateId: n.estate_id, kind: 'notice_approved', title, body: n.title, dedupeKey: `notice-approved:${n.id}` }), title, body: n.title });
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.approve', params: { title: n.title } } });
      return this.statusOf(trx, id);
    });
    await this.deliver(pending);
    return out;
  }

  async reject(actor: Actor, auth: AuthContext, id: number, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      this.guard('reject', n);
      if (!seesWholeEstate(auth.scope, n.estate_id)) throw outOfScope();
      await this.move(trx, n, 'draft', { reject_reason: reason });
      if (n.submitted_by) await this.notifications.notify(trx, { userIds: [n.submitted_by], estateId: n.estate_id, kind: 'notice_rejected', title: { key: 'notice.notify.rejectedTitle', params: { number: n.number ?? '' } }, body: reason });
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.reject', params: { title: n.title, reason } } });
      return this.statusOf(trx, id);
    });
  }

  /** Withdrawal keeps the notice and its readers; they see it marked withdrawn with the reason. */
  async withdraw(actor: Actor, auth: AuthContext, id: number, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      this.guard('withdraw', n);
      if (!can(auth.user.role, 'notice.publish') && n.created_by !== actor.id) throw forbidden();
      await this.move(trx, n, 'withdrawn', { withdrawn_at: this.now().toISOString(), withdraw_reason: reason });
      // those who already read it are told it no longer holds
      const readers = await trx.selectFrom('notice_recipients').select('first_read_by').where('notice_id', '=', id).where('first_read_by', 'is not', null).execute();
      await this.notifications.notify(trx, { userIds: readers.map((r) => r.first_read_by!), estateId: n.estate_id, kind: 'notice_withdrawn', title: { key: 'notice.notify.withdrawnTitle', params: { number: n.number ?? '' } }, body: reason, dedupeKey: `notice-withdrawn:${id}` });
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.withdraw', params: { title: n.title, reason } } });
      return this.statusOf(trx, id);
    });
  }

  /** After publication only the expiry moves (design: condo's validBefore). */
  async extend(actor: Actor, auth: AuthContext, id: number, expiresAt: string) {
    return this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      this.guard('extend', n);
      const from = n.published_at ?? n.publish_at ?? this.now().toISOString();
      if (new Date(expiresAt).getTime() <= Math.max(new Date(from).getTime(), this.now().getTime())) throw invalid('expiresAt', 'notice.expiresInPast');
      await trx.updateTable('resident_notices').set({ expires_at: expiresAt, updated_at: this.now().toISOString() }).where('id', '=', id).where('status', '=', n.status).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.extend', params: { title: n.title, expiresAt } } });
      return this.statusOf(trx, id);
    });
  }

  /** A correction 更正: a new draft carrying the published one's text and audience, linked to it. */
  async correct(actor: Actor, auth: AuthContext, id: number) {
    return this.db.transaction().execute(async (trx) => {
      const n = await this.load(trx, auth, id);
      if (!['published', 'expired'].includes(n.status)) throw conflict('notice.badState', { action: 'notice.action.correct', status: `notice.status.${n.status}` });
      return this.createIn(trx, actor, auth, {
        estateId: n.estate_id,
        category: n.category as NoticeCategory,
        title: `更正：${n.title}`.slice(0, 200),
        body: n.body,
        audienceKind: n.audience_kind as AudienceKind,
        audienceIds: JSON.parse(n.audience_ids),
        audiencePeople: n.audience_people as AudiencePeople,
        requireAck: !!n.require_ack,
        pinned: !!n.pinned,
        publishAt: null,
        expiresAt: n.expires_at && new Date(n.expires_at) > this.now() ? n.expires_at : null,
      }, { correctsId: n.id, ticketId: n.ticket_id ?? undefined });
    });
  }

  /** Prefilled outage notice from an emergency ticket (water/power): the ticket's building, now to +12 h. */
  async fromTicket(actor: Actor, auth: AuthContext, ticketId: number) {
    return this.db.transaction().execute(async (trx) => {
      const tk = await trx.selectFrom('tickets as t').leftJoin('units as u', 'u.id', 't.unit_id').select(['t.id', 't.estate_id', 't.area_id', 't.number', 't.incident_type', 't.emergency', 't.title', 't.description', 'u.building_id']).where('t.id', '=', ticketId).executeTakeFirst();
      if (!tk || !seesArea(auth.scope, tk.estate_id, tk.area_id)) throw notFound('entity.ticket');
      if (!tk.emergency || !OUTAGES.includes(tk.incident_type ?? '')) throw conflict('notice.notOutage');
      const existing = await trx.selectFrom('resident_notices').select('id').where('ticket_id', '=', ticketId).where('status', 'in', ['draft', 'pending_approval', 'scheduled', 'published']).executeTakeFirst();
      if (existing) return { id: existing.id, existing: true };
      const start = this.now();
      const kindZh = tk.incident_type === 'water_outage' ? '停水' : '停电';
      const audience: { audienceKind: AudienceKind; audienceIds: number[] } = tk.building_id
        ? { audienceKind: 'buildings', audienceIds: [tk.building_id] }
        : tk.area_id
          ? { audienceKind: 'areas', audienceIds: [tk.area_id] }
          : { audienceKind: 'estate', audienceIds: [] };
      const { id } = await this.createIn(trx, actor, auth, {
        estateId: tk.estate_id,
        category: 'emergency',
        title: `${kindZh}通知`,
        body: `尊敬的住户：因${tk.title}，受影响范围内将临时${kindZh}，我们正在全力抢修，预计恢复时间另行通知。给您带来不便，敬请谅解。如有疑问请致电客服中心。（工单 ${tk.number}）`,
        ...audience,
        audiencePeople: 'residents',
        requireAck: false,
        pinned: true,
        publishAt: null,
        expiresAt: new Date(start.getTime() + 12 * 3600_000).toISOString(),
      }, { ticketId });
      return { id, existing: false };
    });
  }

  /**
   * The notice of an activity whose plan the assistant or director approved: that approval is the
   * notice's, so it is released at once (inside the activity's transaction).
   */
  async publishForActivity(trx: Executor, actor: Actor, auth: AuthContext, input: z.infer<typeof noticeCreate>, activityId: number) {
    const { id } = await this.createIn(trx, actor, auth, input, { activityId });
    const n = (await trx.selectFrom('resident_notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row;
    const number = await this.numberFor(trx, n.estate_id);
    await this.move(trx, n, 'scheduled', { number, submitted_by: actor.id, approved_by: actor.id, approved_at: this.now().toISOString() });
    await this.release(trx, { ...n, number, status: 'scheduled', approved_by: actor.id });
    return { id, number };
  }

  private async numberFor(trx: Executor, estateId: number) {
    const year = localDate(this.now()).slice(0, 4);
    return `TZ-${year}-${String(await nextNumber(trx, estateId, `notice:${year}`)).padStart(4, '0')}`;
  }

  private async move(trx: Executor, n: Row, to: NoticeStatus, set: Record<string, unknown>) {
    const res = await trx.updateTable('resident_notices').set({ ...set, status: to, updated_at: this.now().toISOString() } as never).where('id', '=', n.id).where('status', '=', n.status).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('notice.badState', { action: `notice.status.${to}`, status: `notice.status.${n.status}` });
  }

  /** Publication: recipients materialised per unit; staff-only notices go to the estate's staff. */
  private async release(trx: Executor, n: Row): Promise<Pending[]> {
    const at = this.now().toISOString();
    await trx.updateTable('resident_notices').set({ status: 'published', published_at: at, updated_at: at }).where('id', '=', n.id).where('status', '=', 'scheduled').execute();
    const title: Msg = { key: 'notice.notify.publishedTitle', params: { category: `notice.category.${n.category}` } };
    if (n.audience_people === 'staff') {
      const staff = await staffOf(trx, n.estate_id);
      return [{ userIds: await this.notifications.notify(trx, { userIds: staff, estateId: n.estate_id, kind: 'notice', title, body: n.title, dedupeKey: `notice:${n.id}` }), title, body: n.title }];
    }
    const people = n.audience_people as AudiencePeople;
    const units = await audienceUnits(trx, n.estate_id, n.audience_kind as AudienceKind, JSON.parse(n.audience_ids));
    const counts = await portalUsersByUnit(trx, units, people, todayOf(this.clock));
    for (let i = 0; i < units.length; i += 200) {
      await trx
        .insertInto('notice_recipients')
        .values(units.slice(i, i + 200).map((u) => ({ estate_id: n.estate_id, notice_id: n.id, unit_id: u, portal_users: counts.get(u) ?? 0, delivered_at: counts.get(u) ? at : null, reminders: 0 })))
        .onConflict((oc) => oc.columns(['notice_id', 'unit_id']).doNothing())
        .execute();
    }
    if (n.activity_id) await trx.updateTable('activity_tasks').set({ done_at: at, done_by: n.approved_by }).where('activity_id', '=', n.activity_id).where('key', '=', 'notify').where('done_at', 'is', null).execute();
    // emergencies are pushed to every reachable resident at once (condo: emergency always pushed)
    if (n.category !== 'emergency') return [];
    const users = (await portalUsersOf(trx, units, people, todayOf(this.clock))).map((u) => u.userId);
    return [{ userIds: await this.notifications.notify(trx, { userIds: users, estateId: n.estate_id, kind: 'notice', title, body: n.title, dedupeKey: `notice:${n.id}` }), title, body: n.title }];
  }

  private async deliver(pending: Pending[]) {
    for (const p of pending) await this.notifications.deliver(p.userIds, p.title, p.body);
  }

  private async statusOf(trx: Executor, id: number) {
    const n = await trx.selectFrom('resident_notices').select(['id', 'status', 'number']).where('id', '=', id).executeTakeFirstOrThrow();
    return { id: n.id, status: n.status as NoticeStatus, number: n.number };
  }

  // ---- reads --------------------------------------------------------------------------------

  async list(auth: AuthContext, f: { estateId?: number; status?: NoticeStatus; category?: NoticeCategory; page: number; pageSize: number }) {
    const estates = auth.scope.all ? null : [...new Set([...auth.scope.estates, ...auth.scope.areas.map((a) => a.estateId)])];
    let q = this.db.selectFrom('resident_notices as n');
    if (estates) q = q.where('n.estate_id', 'in', estates.length ? estates : [-1]);
    if (f.estateId) q = q.where('n.estate_id', '=', f.estateId);
    if (f.status) q = q.where('n.status', '=', f.status);
    if (f.category) q = q.where('n.category', '=', f.category);
    const [rows, count] = await Promise.all([
      q.selectAll('n').orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), items: await this.present(rows as Row[]) };
  }

  async get(auth: AuthContext, id: number) {
    const n = await this.load(this.db, auth, id);
    return (await this.present([n]))[0]!;
  }

  private async present(rows: Row[]) {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const recips = await this.db.selectFrom('notice_recipients').select(['notice_id', 'first_read_at', 'offline_at', 'ack_at', 'portal_users']).where('notice_id', 'in', ids).execute();
    const users = [...new Set(rows.flatMap((r) => [r.created_by, r.approved_by]).filter((v): v is number => v != null))];
    const names = new Map((await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', users.length ? users : [-1]).execute()).map((u) => [u.id, u.display_name]));
    return rows.map((n) => ({
      id: n.id,
      estateId: n.estate_id,
      number: n.number,
      category: n.category as NoticeCategory,
      title: n.title,
      body: n.body,
      audienceKind: n.audience_kind as AudienceKind,
      audienceIds: JSON.parse(n.audience_ids) as Array<number | string>,
      audiencePeople: n.audience_people as AudiencePeople,
      requireAck: !!n.require_ack,
      pinned: !!n.pinned,
      publishAt: n.publish_at,
      expiresAt: n.expires_at,
      status: n.status as NoticeStatus,
      ticketId: n.ticket_id,
      correctsId: n.corrects_id,
      activityId: n.activity_id,
      createdBy: n.created_by,
      createdByName: names.get(n.created_by) ?? null,
      approvedByName: n.approved_by ? (names.get(n.approved_by) ?? null) : null,
      rejectReason: n.reject_reason,
      publishedAt: n.published_at,
      withdrawnAt: n.withdrawn_at,
      withdrawReason: n.withdraw_reason,
      createdAt: n.created_at,
      needsApproval: needsApproval({ category: n.category as NoticeCategory, audienceKind: n.audience_kind as AudienceKind }),
      coverage: coverageSummary(recips.filter((r) => r.notice_id === n.id).map((r) => ({ firstReadAt: r.first_read_at, offlineAt: r.offline_at, ackAt: r.ack_at, portalUsers: r.portal_users }))),
    }));
  }

  /** The coverage board: unreachable (red) first, then unread, told offline, read. */
  async coverage(auth: AuthContext, id: number) {
    const n = await this.load(this.db, auth, id);
    const rows = await this.db
      .selectFrom('notice_recipients as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('notice_visit_requests as v', (j) => j.onRef('v.notice_id', '=', 'r.notice_id').onRef('v.unit_id', '=', 'r.unit_id'))
      .select(['r.unit_id', 'r.portal_users', 'r.delivered_at', 'r.first_read_at', 'r.ack_at', 'r.reminders', 'r.last_reminded_at', 'r.offline_at', 'r.offline_method', 'v.requested_at', 'b.code', 'b.area_id', 'u.entrance', 'u.number'])
      .where('r.notice_id', '=', n.id)
      .orderBy('b.code')
      .orderBy('u.number')
      .execute();
    const items = rows
      .filter((r) => seesArea(auth.scope, n.estate_id, r.area_id))
      .map((r) => ({
        unitId: r.unit_id,
        unitLabel: unitLabel(r.code, r.entrance, r.number),
        coverage: coverageOf({ firstReadAt: r.first_read_at, offlineAt: r.offline_at, portalUsers: r.portal_users }),
        portalUsers: r.portal_users,
        deliveredAt: r.delivered_at,
        firstReadAt: r.first_read_at,
        ackAt: r.ack_at,
        reminders: r.reminders,
        lastRemindedAt: r.last_reminded_at,
        offlineAt: r.offline_at,
        offlineMethod: r.offline_method,
        visitRequestedAt: r.requested_at ?? null,
      }));
    items.sort((a, b) => COVERAGE_ORDER[a.coverage] - COVERAGE_ORDER[b.coverage]);
    return { items, total: items.length };
  }

  private async recipient(trx: Executor, auth: AuthContext, id: number, unitId: number) {
    const n = await this.load(trx, auth, id);
    const r = await trx.selectFrom('notice_recipients as r').innerJoin('units as u', 'u.id', 'r.unit_id').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['r.id', 'r.offline_at', 'r.first_read_at', 'b.area_id', 'b.code', 'u.entrance', 'u.number']).where('r.notice_id', '=', id).where('r.unit_id', '=', unitId).executeTakeFirst();
    if (!r || !seesArea(auth.scope, n.estate_id, r.area_id)) throw notFound('entity.noticeRecipient');
    return { n, r, label: unitLabel(r.code, r.entrance, r.number) };
  }

  /** Told by phone, on a visit or by a slip under the door: recorded once, by whom and how. */
  async markOffline(actor: Actor, auth: AuthContext, id: number, unitId: number, input: z.infer<typeof offlineInput>) {
    return this.db.transaction().execute(async (trx) => {
      const { n, r, label } = await this.recipient(trx, auth, id, unitId);
      if (r.offline_at) throw conflict('notice.alreadyOffline');
      await trx.updateTable('notice_recipients').set({ offline_at: this.now().toISOString(), offline_by: actor.id, offline_method: input.method, offline_note: input.note }).where('id', '=', r.id).where('offline_at', 'is', null).execute();
      await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.offline', params: { unit: label, method: `notice.offline.${input.method}` } } });
      return { ok: true };
    });
  }

  /** "Add to visit plan": one open request per unit and notice, for relations/visits to pick up. */
  async requestVisit(actor: Actor, auth: AuthContext, id: number, unitId: number) {
    return this.db.transaction().execute(async (trx) => {
      const { n, label } = await this.recipient(trx, auth, id, unitId);
      const had = await trx.selectFrom('notice_visit_requests').select('id').where('notice_id', '=', id).where('unit_id', '=', unitId).executeTakeFirst();
      if (had) throw conflict('notice.visitRequested');
      const at = this.now().toISOString();
      // The unit's present household goes onto the area administrator's visit plan (relations/visits).
      const household = await trx.selectFrom('households').select('id').where('unit_id', '=', unitId).where('moved_out_on', 'is', null).orderBy('id', 'desc').executeTakeFirst();
      if (household) await HomeVisitService.requestVisit(trx, { estateId: n.estate_id, householdId: household.id, source: 'notice', ref: n.number ?? String(n.id), note: n.title, at });
      await trx.insertInto('notice_visit_requests').values({ estate_id: n.estate_id, notice_id: id, unit_id: unitId, reason: 'notice_delivery', requested_by: actor.id!, requested_at: at, taken_at: household ? at : null, visit_ref: household ? `visit_requests:${household.id}` : null }).execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'resident_notice', entityId: id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.visit', params: { unit: label } } });
      return { ok: true };
    });
  }

  /** Live outage and emergency notices of an estate: the front desk's script for callers. */
  async live(auth: AuthContext, estateId?: number) {
    const estates = auth.scope.all ? null : [...new Set([...auth.scope.estates, ...auth.scope.areas.map((a) => a.estateId)])];
    let q = this.db.selectFrom('resident_notices').select(['id', 'number', 'title', 'body', 'category', 'ticket_id', 'published_at', 'expires_at', 'estate_id']).where('status', '=', 'published').where((eb) => eb.or([eb('category', '=', 'emergency'), eb('ticket_id', 'is not', null)]));
    if (estates) q = q.where('estate_id', 'in', estates.length ? estates : [-1]);
    if (estateId) q = q.where('estate_id', '=', estateId);
    const rows = await q.orderBy('published_at', 'desc').limit(10).execute();
    return { items: rows.map((r) => ({ id: r.id, number: r.number, title: r.title, body: r.body, category: r.category, ticketId: r.ticket_id, publishedAt: r.published_at, expiresAt: r.expires_at })), total: rows.length };
  }

  // ---- owner portal -------------------------------------------------------------------------

  /** His notices: addressed to his units (owners-only ones to owners), published since his time there. */
  private async portalRows(auth: AuthContext) {
    if (!auth.scope.units.length) return [];
    const rows = await this.db
      .selectFrom('notice_recipients as r')
      .innerJoin('resident_notices as n', 'n.id', 'r.notice_id')
      .innerJoin('owner_units as ou', (j) => j.onRef('ou.unit_id', '=', 'r.unit_id').on('ou.user_id', '=', auth.user.id))
      .select(['n.id', 'n.estate_id', 'n.number', 'n.category', 'n.title', 'n.body', 'n.pinned', 'n.require_ack', 'n.published_at', 'n.expires_at', 'n.status', 'n.withdraw_reason', 'n.activity_id', 'n.audience_people', 'r.unit_id', 'r.first_read_at', 'r.ack_at', 'ou.ownership_id'])
      .where('r.unit_id', 'in', auth.scope.units)
      .where('n.status', 'in', ['published', 'expired', 'withdrawn'])
      .where('n.published_at', 'is not', null)
      .execute();
    const byNotice = new Map<number, (typeof rows)[number] & { read: boolean; acknowledged: boolean; units: number[] }>();
    for (const r of rows) {
      if (r.audience_people === 'owners' && r.ownership_id == null) continue;
      if (!inHisTime(auth.scope, r.unit_id, localDate(new Date(r.published_at!)))) continue;
      const had = byNotice.get(r.id);
      byNotice.set(r.id, { ...r, read: !!r.first_read_at || !!had?.read, acknowledged: !!r.ack_at || !!had?.acknowledged, units: [...(had?.units ?? []), r.unit_id] });
    }
    return [...byNotice.values()];
  }

  private portalShape(r: Awaited<ReturnType<NoticeService['portalRows']>>[number]) {
    return {
      id: r.id,
      number: r.number,
      category: r.category as NoticeCategory,
      title: r.title,
      body: r.body,
      pinned: !!r.pinned,
      requireAck: !!r.require_ack,
      publishedAt: r.published_at,
      expiresAt: r.expires_at,
      status: r.status as NoticeStatus,
      withdrawReason: r.withdraw_reason,
      read: r.read,
      acknowledged: r.acknowledged,
      activityId: r.activity_id,
    };
  }

  async portalList(auth: AuthContext, history: boolean) {
    const rows = (await this.portalRows(auth)).filter((r) => (history ? r.status !== 'published' : r.status === 'published'));
    const items = rows.map((r) => this.portalShape(r)).sort(portalOrder);
    const unread = (history ? (await this.portalRows(auth)).filter((r) => r.status === 'published') : rows).filter((r) => !r.read).length;
    return { items, total: items.length, unread };
  }

  async portalGet(auth: AuthContext, id: number) {
    const r = (await this.portalRows(auth)).find((x) => x.id === id);
    if (!r) throw notFound('entity.notice');
    return this.portalShape(r);
  }

  /** Opening the text: the first read of each of his units addressed is stamped once. */
  async portalRead(actor: Actor, auth: AuthContext, id: number, ack: boolean) {
    const r = (await this.portalRows(auth)).find((x) => x.id === id);
    if (!r) throw notFound('entity.notice');
    if (ack && r.status !== 'published') throw conflict('notice.notLive');
    if (ack && !r.require_ack) throw conflict('notice.noAck');
    const at = this.now().toISOString();
    const units = r.units;
    await this.db.transaction().execute(async (trx) => {
      const q = trx.updateTable('notice_recipients').where('notice_id', '=', id).where('unit_id', 'in', units);
      const read = await q.set({ first_read_at: at, first_read_by: actor.id }).where('first_read_at', 'is', null).executeTakeFirst();
      let acked = 0n;
      if (ack) acked = (await q.set({ ack_at: at, ack_by: actor.id }).where('ack_at', 'is', null).executeTakeFirst()).numUpdatedRows;
      if (Number(read.numUpdatedRows) || Number(acked)) {
        await this.audit.record(trx, actor, { action: 'update', entity: 'resident_notice', entityId: id, estateId: r.estate_id, ref: r.number, summary: { key: ack ? 'audit.notice.ack' : 'audit.notice.read', params: { title: r.title } } });
      }
    });
    return this.portalGet(auth, id);
  }

  // ---- the job ------------------------------------------------------------------------------

  /** Every minute: release scheduled notices, expire ended ones, remind at most once a day. */
  async sweep() {
    return withLock(this.db, this.clock, 'notices-sweep', 120_000, async () => {
      const now = this.now();
      const at = now.toISOString();
      const pending: Pending[] = [];
      const due = await this.db.selectFrom('resident_notices').selectAll().where('status', '=', 'scheduled').where((eb) => eb.or([eb('publish_at', 'is', null), eb('publish_at', '<=', at)])).execute();
      for (const n of due) {
        await this.db.transaction().execute(async (trx) => {
          pending.push(...(await this.release(trx, n as Row)));
          await this.audit.record(trx, { id: null, name: 'system', ip: null }, { action: 'update', entity: 'resident_notice', entityId: n.id, estateId: n.estate_id, ref: n.number, summary: { key: 'audit.notice.released', params: { title: n.title } } });
        });
      }
      const expired = await this.db.updateTable('resident_notices').set({ status: 'expired', updated_at: at }).where('status', '=', 'published').where('expires_at', 'is not', null).where('expires_at', '<=', at).executeTakeFirst();
      let reminded = 0;
      const ackNotices = await this.db.selectFrom('resident_notices').select(['id', 'estate_id', 'title', 'number', 'published_at', 'audience_people']).where('status', '=', 'published').where('require_ack', '=', 1).execute();
      for (const n of ackNotices) {
        const recips = await this.db.selectFrom('notice_recipients').selectAll().where('notice_id', '=', n.id).where('ack_at', 'is', null).where('offline_at', 'is', null).where('portal_users', '>', 0).execute();
        const dueUnits = recips.filter((r) => reminderDue({ ackAt: r.ack_at, offlineAt: r.offline_at, portalUsers: r.portal_users, lastRemindedAt: r.last_reminded_at }, n.published_at!, now));
        if (!dueUnits.length) continue;
        const day = localDate(now);
        await this.db.transaction().execute(async (trx) => {
          const users = await portalUsersOf(trx, dueUnits.map((r) => r.unit_id), n.audience_people as AudiencePeople, todayOf(this.clock));
          const title: Msg = { key: 'notice.notify.reminderTitle', params: { number: n.number ?? '' } };
          for (const r of dueUnits) {
            // conditional on the last reminder read, so a second instance cannot remind twice
            const q = trx.updateTable('notice_recipients').set({ last_reminded_at: at, reminders: r.reminders + 1 }).where('id', '=', r.id);
            const res = await (r.last_reminded_at ? q.where('last_reminded_at', '=', r.last_reminded_at) : q.where('last_reminded_at', 'is', null)).executeTakeFirst();
            if (!Number(res.numUpdatedRows)) continue;
            reminded++;
            const ids = users.filter((u) => u.unitId === r.unit_id).map((u) => u.userId);
            pending.push({ userIds: await this.notifications.notify(trx, { userIds: ids, estateId: n.estate_id, kind: 'notice_reminder', title, body: n.title, dedupeKey: `notice-remind:${n.id}:${day}` }), title, body: n.title });
          }
        });
      }
      await this.deliver(pending);
      return { released: due.length, expired: Number(expired.numUpdatedRows), reminded };
    });
  }
}
