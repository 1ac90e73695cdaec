/**
 * Renovation violations (M 4.2.1.2; design A.3.1 rule 7): minor ones put right on the spot with an
 * after-photo; major ones (art. 5 acts) get a 《装修违规整改通知书》 ZG-number with a deadline,
 * the owner's receipt (签收), a re-inspection, and escalation to the director when not put right.
 * Photos are re-encoded like the desk's and stored under the renovation.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { ACTIVE_STATUSES, MINOR_RECTIFY_DAYS, minorOverdue, nextViolationStatus, RECTIFY_DAYS, type RenoStatus, severityOf, type Severity, type ViolationStatus } from '../../../../core/renovation.ts';
import { toJson } from '../../../db/codec.ts';
import { inScope } from '../../../db/scope-sql.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { reencodePhoto } from '../../desk/photos.image.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { renoRepository as repo } from './renovation.repository.ts';
import type { violationCreate, violationStep } from './renovation.schemas.ts';
import { SYSTEM } from '../../desk/tickets.service.ts';
import { renoOwners, renoStaff } from './notify-targets.ts';
import { forbiddenBecause, presentViolation, type RenovationService } from './renovation.service.ts';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const PHOTO_NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

export class ViolationService {
  /** Steps run in the transaction that closes a violation (the round finding it came from, rounds.plug.ts). */
  readonly onClosed: Array<(trx: Executor, violationId: number) => Promise<void>> = [];

  constructor(
    private db: Db,
    private clock: Clock,
    private renovations: RenovationService,
    private storage: FileStorage,
    private notifications: NotificationService,
  ) {}

  /** A photo for a violation of this renovation; answers the name to list in `photos`. */
  async addPhoto(auth: AuthContext, renovationId: number, file: { data: Buffer; mime: string }) {
    const r = await this.renovations.require(this.db, auth, renovationId);
    const photo = await reencodePhoto(file.data, file.mime);
    if (!photo) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    const name = `${randomUUID()}.${photo.mime === 'image/png' ? 'png' : photo.mime === 'image/webp' ? 'webp' : 'jpg'}`;
    await this.storage.put(`reno/${r.id}/${name}`, photo.data);
    return { name };
  }

  /** A photo the field app uploaded (field_photos), copied under the renovation so it is served like the others. */
  async adoptFieldPhoto(db: Executor, renovationId: number, estateId: number, photoId: number, field: string): Promise<string> {
    const p = await db.selectFrom('field_photos').select(['file_key', 'mime']).where('id', '=', photoId).where('estate_id', '=', estateId).executeTakeFirst();
    const data = p && (await this.storage.get(p.file_key));
    if (!p || !data) throw invalid(field, 'field.renoPhoto');
    const name = `${randomUUID()}.${p.mime === 'image/png' ? 'png' : p.mime === 'image/webp' ? 'webp' : 'jpg'}`;
    await this.storage.put(`reno/${renovationId}/${name}`, data);
    return name;
  }

  async photo(auth: AuthContext, renovationId: number, name: string) {
    const r = await this.renovations.require(this.db, auth, renovationId);
    if (!PHOTO_NAME.test(name)) throw notFound('entity.photo');
    const data = await this.storage.get(`reno/${r.id}/${name}`);
    if (!data) throw notFound('entity.photo');
    return { data, mime: name.endsWith('.png') ? 'image/png' : name.endsWith('.webp') ? 'image/webp' : 'image/jpeg' };
  }

  private async checkPhotos(renovationId: number, names: string[], field: string) {
    for (const n of names) {
      if (!PHOTO_NAME.test(n) || !(await this.storage.get(`reno/${renovationId}/${n}`))) throw invalid(field, 'field.renoPhoto');
    }
  }

  async create(actor: Actor, auth: AuthContext, renovationId: number, input: z.infer<typeof violationCreate>) {
    return this.get(auth, await this.record(actor, auth, renovationId, input, null, null));
  }

  /** Writes a violation; `within` is the caller's transaction (an offline sync item). Answers its id. */
  async record(actor: Actor, auth: AuthContext, renovationId: number, input: z.infer<typeof violationCreate>, roundResultId: number | null, within: Executor | null): Promise<number> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const r0 = await this.renovations.require(within ?? this.db, auth, renovationId);
    const severity: Severity = severityOf(input.category, input.severity);
    if (severity === 'major' && input.photos.length === 0) throw invalid('photos', 'field.renoMajorPhoto');
    if (input.fixedOnSpot && severity === 'major') throw invalid('fixedOnSpot', 'field.renoMajorNotOnSpot');
    if (input.fixedOnSpot && input.afterPhotos.length === 0) throw invalid('afterPhotos', 'field.renoAfterPhoto');
    // A major's deadline is the notice's; one put right on the spot has none.
    if (input.rectifyDays != null && (severity === 'major' || input.fixedOnSpot)) throw invalid('rectifyDays', 'field.renoRectifyMinorOnly');
    await this.checkPhotos(r0.id, input.photos, 'photos');
    await this.checkPhotos(r0.id, input.afterPhotos, 'afterPhotos');
    const write = async (trx: Executor) => {
      const r = await this.renovations.require(trx, auth, renovationId);
      if (input.clientUuid) {
        const dup = await trx.selectFrom('renovation_violations').select('id').where('estate_id', '=', r.estate_id).where('client_uuid', '=', input.clientUuid).executeTakeFirst();
        if (dup) return dup.id;
      }
      if (!ACTIVE_STATUSES.includes(r.status as RenoStatus)) throw conflict('conflict.renoNotActive');
      const status: ViolationStatus = input.fixedOnSpot ? 'rectified_on_site' : 'open';
      const photos = [...input.photos.map((key) => ({ key, stage: 'before' })), ...input.afterPhotos.map((key) => ({ key, stage: 'after' }))];
      const row = await trx
        .insertInto('renovation_violations')
        .values({
          estate_id: r.estate_id,
          area_id: r.area_id,
          renovation_id: r.id,
          round_result_id: roundResultId,
          client_uuid: input.clientUuid,
          severity,
          category: input.category,
          description: input.description,
          photos: JSON.stringify(photos),
          found_at: nowIso,
          found_by: actor.id,
          found_by_name: actor.displayName ?? actor.name,
          status,
          notice_no: null,
          notice_at: null,
          notice_by_name: null,
          delivery: null,
          acknowledged_at: null,
          acknowledged_by: null,
          // A minor not put right on the spot is due by the next inspection; the reno-daily job escalates it after.
          rectify_by: severity === 'minor' && !input.fixedOnSpot ? addDays(localDate(now), input.rectifyDays ?? MINOR_RECTIFY_DAYS) : null,
          reinspected_at: null,
          reinspected_by_name: null,
          reinspect_note: null,
          escalated_at: null,
          escalated_to: null,
          closed_at: null,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.renovations.record(trx, actor, r, severity === 'major' ? 'violation_major' : 'violation_minor', r.status, r.status, input.description, { violationId: row.id, category: input.category });
      return row.id;
    };
    // Inside the caller's transaction (an offline sync item), else in its own.
    return within ? write(within) : this.db.transaction().execute(write);
  }

  private async requireViolation(db: Executor, auth: AuthContext, id: number) {
    const v = await db.selectFrom('renovation_violations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!v) throw notFound('entity.renoViolation');
    const r = await this.renovations.require(db, auth, v.renovation_id).catch(() => {
      throw notFound('entity.renoViolation');
    });
    return { v, r };
  }

  async get(auth: AuthContext, id: number) {
    const { v, r } = await this.requireViolation(this.db, auth, id);
    return { ...presentViolation(v), renovationNumber: r.number, unitId: r.unit_id, contractor: r.contractor, applicantName: r.applicant_name };
  }

  async list(auth: AuthContext, f: { estateId?: number; status?: string; severity?: string; page: number; pageSize: number }) {
    let q = this.db.selectFrom('renovation_violations as v').innerJoin('renovations as r', 'r.id', 'v.renovation_id').selectAll('v').select(['r.number as renovation_number']).where(inScope(auth.scope, 'v.estate_id', 'v.area_id'));
    if (f.estateId) q = q.where('v.estate_id', '=', f.estateId);
    if (f.status) q = q.where('v.status', '=', f.status);
    if (f.severity) q = q.where('v.severity', '=', f.severity);
    const [items, count] = await Promise.all([
      q.orderBy('v.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((v) => ({ ...presentViolation(v), renovationNumber: v.renovation_number })), total: Number(count.n) };
  }

  /** Notice, rectification reported, re-inspection, escalation. */
  async step(actor: Actor, auth: AuthContext, id: number, input: z.infer<typeof violationStep>, portal = false) {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const today = localDate(now);
    if (portal && input.action !== 'report_rectified') throw forbiddenBecause('error.forbidden');
    if (input.action === 'escalate' && !portal && !['assistant', 'director'].includes(auth.user.role)) throw forbiddenBecause('error.renoEscalate');
    const pre = await this.requireViolation(this.db, auth, id);
    await this.checkPhotos(pre.r.id, input.photos, 'photos');
    await this.db.transaction().execute(async (trx) => {
      const { v, r } = await this.requireViolation(trx, auth, id);
      const to = nextViolationStatus(v.status as ViolationStatus, v.severity as Severity, input.action);
      if (!to) throw conflict('conflict.renoViolationStep', { from: `status.renoViolation.${v.status}`, action: `action.renoViolation.${input.action}` });
      const set: Record<string, unknown> = { status: to, updated_at: nowIso };
      if (input.action === 'issue_notice') {
        if (v.severity !== 'major') throw conflict('conflict.renoNoticeMinor');
        if (input.rectifyBy && input.rectifyBy < today) throw invalid('rectifyBy', 'field.renoRectifyPast');
        Object.assign(set, { notice_no: await repo.next(trx, r.estate_id, 'ZG', today.slice(0, 4)), notice_at: nowIso, notice_by_name: actor.displayName ?? actor.name, delivery: input.delivery ?? 'in_person', rectify_by: input.rectifyBy ?? addDays(today, RECTIFY_DAYS) });
      }
      if (input.action === 'report_rectified' && input.photos.length === 0) throw invalid('photos', 'field.renoAfterPhoto');
      if (input.action === 'report_rectified' || input.action === 'reinspect_ok' || input.action === 'reinspect_fail') {
        if (input.photos.length) {
          const photos = [...(toJson<Array<{ key: string; stage: string }>>(v.photos) ?? []), ...input.photos.map((key) => ({ key, stage: 'after' }))];
          set.photos = JSON.stringify(photos);
        }
      }
      if (input.action === 'reinspect_ok' || input.action === 'reinspect_fail') {
        Object.assign(set, { reinspected_at: nowIso, reinspected_by_name: actor.displayName ?? actor.name, reinspect_note: input.note });
        if (to === 'closed') set.closed_at = nowIso;
      }
      if (input.action === 'escalate') {
        if (!input.escalatedTo) throw invalid('escalatedTo', 'field.required');
        Object.assign(set, { escalated_at: nowIso, escalated_to: input.escalatedTo });
      }
      const res = await trx.updateTable('renovation_violations').set(set).where('id', '=', v.id).where('status', '=', v.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.renoViolationBusy');
      if (to === 'closed') for (const fn of this.onClosed) await fn(trx, v.id);
      await this.renovations.record(trx, actor, r, `violation_${input.action}`, r.status, r.status, input.note ?? input.escalatedTo ?? null, { violationId: v.id });
      if (input.action === 'escalate') {
        const directors = await trx.selectFrom('users as u').innerJoin('user_scopes as s', 's.user_id', 'u.id').select('u.id').where('u.role', '=', 'director').where('u.active', '=', 1).where('s.estate_id', '=', r.estate_id).execute();
        await this.notifications.notify(trx, { userIds: directors.map((d) => d.id), estateId: r.estate_id, kind: 'renovation', title: { key: 'notify.reno.escalated.title', params: { number: r.number } }, body: { key: 'notify.reno.escalated.body', params: { number: r.number, description: v.description.slice(0, 100) } }, dedupeKey: `reno-violation:${v.id}:escalated` });
      }
    });
    return this.get(auth, id);
  }

  /**
   * The job (design A.3.1 rule 7): a minor still open after its deadline becomes major, once
   * (conditional update); the assistant, the area's administrator, engineering and the owner hear of it.
   */
  async escalateOverdueMinors() {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const today = localDate(now);
    const rows = await this.db.selectFrom('renovation_violations').select(['id', 'severity', 'status', 'rectify_by']).where('severity', '=', 'minor').where('status', '=', 'open').where('rectify_by', '<', today).execute();
    let upgraded = 0;
    for (const row of rows.filter((v) => minorOverdue(v, today))) {
      await this.db.transaction().execute(async (trx) => {
        const res = await trx.updateTable('renovation_violations').set({ severity: 'major', upgraded_at: nowIso, updated_at: nowIso }).where('id', '=', row.id).where('severity', '=', 'minor').where('status', '=', 'open').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        upgraded++;
        const v = await trx.selectFrom('renovation_violations').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
        const r = (await repo.find(trx, v.renovation_id))!;
        await this.renovations.record(trx, SYSTEM, r, 'violation_upgraded', r.status, r.status, v.description.slice(0, 200), { violationId: v.id, rectifyBy: v.rectify_by });
        const userIds = [...(await renoStaff(trx, r.estate_id, r.area_id, { engineering: true })), ...(await renoOwners(trx, r.unit_id, today))];
        await this.notifications.notify(trx, { userIds, estateId: r.estate_id, kind: 'renovation', title: { key: 'notify.reno.upgraded.title', params: { number: r.number } }, body: { key: 'notify.reno.upgraded.body', params: { number: r.number, date: v.rectify_by ?? '', description: v.description.slice(0, 100) } }, dedupeKey: `reno-violation:${v.id}:upgraded` });
      });
    }
    return upgraded;
  }

  /** The owner's receipt of a notice (签收) in the portal, or recorded at the desk with his printed name. */
  async acknowledge(actor: Actor, auth: AuthContext, id: number, name: string) {
    const nowIso = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const { v, r } = await this.requireViolation(trx, auth, id);
      if (!v.notice_no) throw conflict('conflict.renoNoNotice');
      if (v.acknowledged_at) throw conflict('conflict.renoAcknowledged');
      await trx.updateTable('renovation_violations').set({ acknowledged_at: nowIso, acknowledged_by: name, updated_at: nowIso }).where('id', '=', v.id).where('acknowledged_at', 'is', null).execute();
      await this.renovations.record(trx, actor, r, 'violation_ack', r.status, r.status, name, { violationId: v.id });
    });
    return this.get(auth, id);
  }
}
