/**
 * A checkpoint result from the field (design A.3.0 rules 2–5, A.3.6 conflict rules 1–5, 7, 9) and
 * the finding → ticket bridge (X2). Results are facts: stored once per client UUID, never edited;
 * what a result did to its task (counted, completed a checkpoint, un-missed it) is decided here.
 */
import type { z } from 'zod';
import type { Clock } from '../../../../core/clock.ts';
import { countsForSlot, isFar, observationRefusal, STALE_DAYS, type Timing, timingOf } from '../../../../core/rounds.ts';
import { seesArea } from '../../../../core/scope.ts';
import { fromBool, fromJson, toBool, toJson } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import type { Msg } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { roundResultPayload } from '../sync/sync.schemas.ts';
import { type RoundsEngine, slotLabel } from './engine.ts';

type Payload = z.infer<typeof roundResultPayload>;

/** A refusal the client shows next to the item (A.3.6: rejected with a localized reason). */
export class SyncRejection extends Error {
  constructor(
    readonly code: string,
    readonly msg: Msg,
  ) {
    super(msg.key);
  }
}
const reject = (code: string, key: string, params?: Msg['params']) => new SyncRejection(code, { key, params });

export interface ResultContext {
  actor: Actor;
  auth: AuthContext;
  clientUuid: string;
  deviceId: string | null;
  skewMs: number;
  skewFlag: boolean;
}

const LIVE_TICKET = ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'reopened', 'resolved', 'confirmed'];

export class ResultService {
  constructor(
    private clock: Clock,
    private audit: AuditService,
    private engine: RoundsEngine,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  /** Stores one result inside the caller's transaction; returns its estate and the ids made. */
  async record(trx: Executor, ctx: ResultContext, p: Payload) {
    const now = this.clock.now();
    const cp = await trx.selectFrom('checkpoints').selectAll().where('id', '=', p.checkpointId).executeTakeFirst();
    if (!cp || !seesArea(ctx.auth.scope, cp.estate_id, cp.area_id)) throw reject('NOT_FOUND', 'error.notFound', { entity: 'entity.checkpoint' });

    // Proof of presence (rule 2): the scanned token must be this checkpoint's; manual needs a reason.
    if (p.scanMethod === 'qr' && p.scannedToken !== cp.qr_token) throw reject('TOKEN_MISMATCH', 'rounds.sync.tokenMismatch', { name: cp.name });
    if (p.scanMethod === 'nfc' && (!cp.nfc_uid || p.scannedToken?.toUpperCase() !== cp.nfc_uid.toUpperCase())) throw reject('TOKEN_MISMATCH', 'rounds.sync.tokenMismatch', { name: cp.name });
    if (p.scanMethod === 'manual' && !p.manualReason) throw reject('MANUAL_REASON', 'rounds.sync.manualReason');

    let task = p.taskId ? await trx.selectFrom('round_tasks').selectAll().where('id', '=', p.taskId).executeTakeFirst() : undefined;
    if (p.taskId && (!task || task.estate_id !== cp.estate_id)) throw reject('NOT_FOUND', 'error.notFound', { entity: 'entity.roundTask' });

    // Device clock (rule 4): put on the server's clock; refuse the impossible.
    const deviceObserved = new Date(p.observedAt);
    const observed = new Date(deviceObserved.getTime() - ctx.skewMs);
    const refusal = observationRefusal(observed, now, task ? new Date(task.slot_start) : null);
    if (refusal) throw reject(refusal === 'future' ? 'FUTURE' : 'TOO_EARLY', refusal === 'future' ? 'rounds.sync.future' : 'rounds.sync.tooEarly');
    const stale = now.getTime() - observed.getTime() > STALE_DAYS * 86_400_000;

    // The items answered against the version frozen on the task (or the newest published).
    const point = task ? await trx.selectFrom('round_task_points').selectAll().where('task_id', '=', task.id).where('checkpoint_id', '=', cp.id).executeTakeFirst() : undefined;
    const templateId = point?.template_id ?? (await this.engine.publishedVersion(trx, cp.template_family_id));
    const items = templateId ? await trx.selectFrom('check_template_items').selectAll().where('template_id', '=', templateId).orderBy('seq').execute() : [];
    const byId = new Map(items.map((i) => [i.id, i]));
    const answered = new Set<number>();
    const photoIds = new Set<number>();
    for (const [i, a] of p.answers.entries()) {
      const item = byId.get(a.itemId);
      if (!item) throw reject('BAD_ANSWER', 'rounds.sync.unknownItem', { n: i + 1 });
      if (answered.has(item.id)) throw reject('BAD_ANSWER', 'rounds.sync.duplicateItem', { item: item.label });
      answered.add(item.id);
      const v = a.value;
      if (item.answer === 'ok_issue' && v !== 'ok' && v !== 'issue') throw reject('BAD_ANSWER', 'rounds.sync.okIssue', { item: item.label });
      if (item.answer === 'number') {
        if (typeof v !== 'number') throw reject('BAD_ANSWER', 'rounds.sync.number', { item: item.label });
        // Outside its range the reading needs a word of explanation (design A.3.3).
        if (((item.min != null && v < item.min) || (item.max != null && v > item.max)) && !p.note && !a.issue) throw reject('BAD_ANSWER', 'rounds.sync.rangeNote', { item: item.label });
      }
      if (item.answer === 'choice' && !(toJson<string[]>(item.options) ?? []).includes(String(v))) throw reject('BAD_ANSWER', 'rounds.sync.choice', { item: item.label });
      if (item.answer === 'text' && typeof v !== 'string') throw reject('BAD_ANSWER', 'rounds.sync.text', { item: item.label });
      const isIssue = v === 'issue' || (a.issue != null && item.answer !== 'ok_issue');
      if (isIssue) {
        if (!a.issue || a.issue.description.length < 4) throw reject('ISSUE_DESCRIPTION', 'rounds.sync.issueDescription', { item: item.label });
        if (toBool(item.photo_on_issue) && !a.issue.photoIds.length) throw reject('ISSUE_PHOTO', 'rounds.sync.issuePhoto', { item: item.label });
        if (a.issue.fixedOnSpot && toBool(item.photo_on_issue) && !(a.issue.afterPhotoIds ?? []).length) throw reject('ISSUE_PHOTO', 'rounds.sync.afterPhoto', { item: item.label });
        for (const id of [...a.issue.photoIds, ...(a.issue.afterPhotoIds ?? [])]) photoIds.add(id);
      }
    }
    const missing = items.filter((i) => !answered.has(i.id));
    if (missing.length) throw reject('BAD_ANSWER', 'rounds.sync.missingItems', { items: missing.map((i) => i.label).join('、') });
    const photos = photoIds.size ? await trx.selectFrom('field_photos').select(['id', 'file_key', 'mime', 'size']).where('id', 'in', [...photoIds]).where('estate_id', '=', cp.estate_id).execute() : [];
    if (photos.length !== photoIds.size) throw reject('PHOTO_MISSING', 'rounds.sync.photoMissing');

    // What the result does to its task (rules 1–3, 8, 9).
    let counts = false;
    let lateSync = false;
    let outOfSequence = false;
    let afterReassignment = false;
    let timing: Timing | null = null;
    if (task && task.status === 'cancelled') task = undefined; // stored as an ad-hoc observation (rule 2)
    if (task && point) {
      afterReassignment = task.assignee_id != null && task.assignee_id !== ctx.actor.id;
      const start = new Date(task.slot_start);
      const end = new Date(task.slot_end);
      timing = task.makeup_of || stale ? 'late' : timingOf(observed, start, end);
      const inWindow = task.makeup_of ? observed.getTime() <= end.getTime() + task.grace_min * 60_000 : countsForSlot(observed, start, end, task.grace_min, task.lead_min);
      if (inWindow) {
        if (point.status !== 'done') {
          counts = true;
          lateSync = point.status === 'missed';
        } else if (point.result_id) {
          // Two staff on one checkpoint (rule 1): the earlier observation completes it.
          const other = await trx.selectFrom('round_results').select('observed_at').where('id', '=', point.result_id).executeTakeFirstOrThrow();
          counts = observed.getTime() < new Date(other.observed_at).getTime();
        }
      }
      if (task.ordered) {
        const earlier = await trx.selectFrom('round_task_points').select('id').where('task_id', '=', task.id).where('seq', '<', point.seq).where('status', '!=', 'done').executeTakeFirst();
        outOfSequence = !!earlier;
      }
    }
    const at = now.toISOString();
    const { id: resultId } = await trx
      .insertInto('round_results')
      .values({
        estate_id: cp.estate_id,
        client_uuid: ctx.clientUuid,
        task_id: task?.id ?? null,
        checkpoint_id: cp.id,
        template_id: templateId,
        by_user_id: ctx.actor.id!,
        device_id: ctx.deviceId,
        scan_method: p.scanMethod,
        manual_reason: p.scanMethod === 'manual' ? (p.manualReason ?? null) : null,
        device_observed_at: deviceObserved.toISOString(),
        observed_at: observed.toISOString(),
        received_at: at,
        skew_ms: Math.round(ctx.skewMs),
        timing,
        lat: p.lat ?? null,
        lng: p.lng ?? null,
        accuracy: p.accuracy ?? null,
        far: fromBool(isFar(cp, p)),
        out_of_sequence: fromBool(outOfSequence),
        after_reassignment: fromBool(afterReassignment),
        late_sync: fromBool(lateSync),
        skew_flag: fromBool(ctx.skewFlag),
        stale: fromBool(stale),
        counts: fromBool(counts),
        answers: fromJson(p.answers)!,
        note: p.note ?? null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const after: Array<() => Promise<void>> = [];
    if (task && point && counts) {
      await trx.updateTable('round_task_points').set({ status: 'done', result_id: resultId }).where('id', '=', point.id).execute();
      const before = task.status;
      const status = await this.engine.refreshTask(trx, task.id);
      if (lateSync && before !== status) {
        // Rule 3: the late result un-missed a checkpoint; those told of the miss hear it is resolved.
        const plan = await trx.selectFrom('round_plans').select('name').where('id', '=', task.plan_id).executeTakeFirstOrThrow();
        const users = [...(await this.tickets.areaManagers(trx, task.estate_id, task.area_id)), ...(await ticketRepository.staff(trx, task.estate_id, ['assistant']))];
        const title = { key: 'notice.rounds.resolved', params: { plan: plan.name, slot: slotLabel(task.slot_start), status: `status.round.${status}` } };
        const ids = await this.notifications.notify(trx, { userIds: users, estateId: task.estate_id, kind: 'rounds.resolved', title, body: title, dedupeKey: `rounds-resolved:${task.id}:${status}` });
        after.push(() => this.notifications.deliver(ids, title, title));
      }
    }

    // Findings and their tickets (X2).
    const findingIds: number[] = [];
    const ticketIds: number[] = [];
    const handled: Array<{ kind: string; id: number }> = [];
    const photoOf = new Map(photos.map((ph) => [ph.id, ph]));
    for (const a of p.answers) {
      if (!a.issue) continue;
      const item = byId.get(a.itemId)!;
      const fixed = !!a.issue.fixedOnSpot && toBool(item.fixable_on_spot);
      const { id: findingId } = await trx
        .insertInto('round_findings')
        .values({
          estate_id: cp.estate_id,
          area_id: cp.area_id,
          result_id: resultId,
          task_id: task?.id ?? null,
          checkpoint_id: cp.id,
          item_id: item.id,
          item_label: item.label,
          department: item.department,
          category_id: item.category_id,
          description: a.issue.description,
          severity: item.severity,
          photo_ids: fromJson(a.issue.photoIds)!,
          after_photo_ids: fromJson(a.issue.afterPhotoIds ?? [])!,
          status: fixed ? 'fixed_on_spot' : 'open',
          ticket_id: null,
          by_user_id: ctx.actor.id,
          observed_at: observed.toISOString(),
          created_at: at,
          closed_at: fixed ? at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      findingIds.push(findingId);
      // A module that owns the checkpoint's record takes the issue over (fixed on the spot too: it keeps the record).
      const handler = this.engine.findingHandler(cp.ref_kind);
      if (handler) {
        const issue = { description: a.issue.description, photoIds: a.issue.photoIds, afterPhotoIds: a.issue.afterPhotoIds ?? [], fixedOnSpot: fixed, severity: a.issue.severity, category: a.issue.category, rectifyDays: a.issue.rectifyDays };
        const made = await handler(trx, { actor: ctx.actor, auth: ctx.auth, findingId, checkpoint: cp, item, issue, resultId, observedAt: observed.toISOString() });
        if (made) {
          handled.push(made);
          if (!fixed) await trx.updateTable('round_findings').set({ status: 'referred', handled_kind: made.kind, handled_id: made.id }).where('id', '=', findingId).execute();
          else await trx.updateTable('round_findings').set({ handled_kind: made.kind, handled_id: made.id }).where('id', '=', findingId).execute();
          continue;
        }
      }
      if (fixed) continue;
      const ticketId = await this.ticketFor(trx, ctx, cp, item, a.issue.description, observed, a.issue.photoIds.map((id) => photoOf.get(id)!));
      ticketIds.push(ticketId);
      await trx.updateTable('round_findings').set({ status: 'ticketed', ticket_id: ticketId }).where('id', '=', findingId).execute();
    }
    await this.audit.record(trx, ctx.actor, {
      action: 'create',
      entity: 'round_result',
      entityId: resultId,
      estateId: cp.estate_id,
      summary: { key: 'audit.rounds.result', params: { checkpoint: `${cp.code} ${cp.name}`, method: p.scanMethod, findings: findingIds.length } },
      ref: cp.code,
    });
    return { estateId: cp.estate_id, ids: { resultId, findingIds, ticketIds, ...(handled.length ? { handledIds: handled.map((h) => h.id) } : {}) }, after };
  }

  /**
   * The desk ticket for a finding, or the live one already open for the same checkpoint and item,
   * which gets a "再次发现" comment instead (X2 dedupe; conflict rule 5).
   */
  private async ticketFor(
    trx: Executor,
    ctx: ResultContext,
    cp: { id: number; estate_id: number; area_id: number | null; code: string; name: string; unit_id: number | null },
    item: { id: number; label: string; ticket_type: string; department: string | null; category_id: number | null; severity: string },
    description: string,
    observed: Date,
    photos: Array<{ file_key: string; mime: string; size: number }>,
  ): Promise<number> {
    const at = this.clock.now().toISOString();
    const who = ctx.actor.displayName ?? ctx.actor.name;
    const live = await trx
      .selectFrom('round_findings as f')
      .innerJoin('tickets as t', 't.id', 'f.ticket_id')
      .select(['t.id', 't.number'])
      .where('f.checkpoint_id', '=', cp.id)
      .where('f.item_id', '=', item.id)
      .where('t.status', 'in', LIVE_TICKET)
      .orderBy('t.id', 'desc')
      .executeTakeFirst();
    if (live) {
      await ticketRepository.insertEvent(trx, { estate_id: cp.estate_id, ticket_id: live.id, at, actor_id: ctx.actor.id, actor_name: who, kind: 'comment', from_status: null, to_status: null, note: `再次发现 ${slotLabel(observed.toISOString())} ${who}：${description}`, internal: 0, data: null });
      return live.id;
    }
    // Registered as the staff member, within the checkpoint's estate (his scope was checked above).
    const auth: AuthContext = { ...ctx.auth, scope: { all: false, estates: [cp.estate_id], areas: [], units: [] } };
    const title = `[巡检] ${cp.name} · ${item.label}`.slice(0, 100);
    const reg = await this.tickets.register(
      trx,
      ctx.actor,
      auth,
      {
        estateId: cp.estate_id,
        areaId: cp.area_id,
        unitId: cp.unit_id,
        type: (item.ticket_type === 'report' ? 'report' : 'repair') as 'repair' | 'report',
        channel: 'patrol',
        reporterName: who,
        reporterPhone: null,
        categoryId: item.category_id,
        priority: item.severity === 'major' ? 'high' : 'normal',
        complex: false,
        emergency: false,
        title,
        description,
        department: item.department as never,
      },
      ctx.actor.id,
    );
    const { id: eventId } = await ticketRepository.insertEvent(trx, { estate_id: cp.estate_id, ticket_id: reg.id, at, actor_id: ctx.actor.id, actor_name: who, kind: 'comment', from_status: null, to_status: null, note: `巡检发现于 ${slotLabel(observed.toISOString())}（${cp.code} ${cp.name}）`, internal: 0, data: null });
    for (const ph of photos) {
      await trx.insertInto('ticket_photos').values({ estate_id: cp.estate_id, ticket_id: reg.id, event_id: eventId, file_key: ph.file_key, mime: ph.mime, size: ph.size, created_at: at, uploaded_by: ctx.actor.id, stage: 'report' }).execute();
    }
    return reg.id;
  }
}
