import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../core/clock.ts';
import type { Db, Executor } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { FileStorage } from '../storage/storage.ts';
import { reencodePhoto } from './photos.image.ts';
import type { TicketService } from './tickets.service.ts';

export interface PhotoLimits {
  /** Photos a ticket holds per stage: the report, and the finished work (the upload form's 最多 6 张). */
  perStage: number;
  /** Photos one user may upload in 24 hours. */
  dailyQuota: number;
}

/** From resolution on, photos show the finished work; before, the reported problem. */
const WORK_STATUSES = ['resolved', 'confirmed', 'closed'];

/**
 * Photos of a ticket (the report and the finished work), kept in the file storage. Each file is
 * decoded and encoded anew (see photos.image.ts), and refused if it is not the image it claims to be.
 */
export class PhotoService {
  constructor(
    private db: Db,
    private clock: Clock,
    private storage: FileStorage,
    private tickets: TicketService,
    private limits: PhotoLimits = { perStage: 6, dailyQuota: 100 },
  ) {}

  async add(actor: Actor, auth: AuthContext, ticketId: number, files: Array<{ data: Buffer; mime: string; name?: string }>) {
    const t = await this.tickets.visibleTicket(auth, ticketId);
    // Checked before any decoding (past the limit is a 409 at no cost), and again under the ticket's lock.
    await this.checkLimits(this.db, actor, ticketId, files.length);
    const cleaned: Array<{ data: Buffer; mime: string }> = [];
    // One after another: an upload holds at most one libuv thread, leaving the rest to other requests.
    for (const [i, f] of files.entries()) {
      const photo = await reencodePhoto(f.data, f.mime);
      if (!photo) {
        const msg = { key: 'error.photoUnreadable', params: { file: (f.name ?? `#${i + 1}`).slice(0, 100) } };
        throw new AppError('VALIDATION', msg, { file: msg });
      }
      cleaned.push(photo);
    }
    const at = this.clock.now().toISOString();
    const ext = (mime: string) => mime.split('/')[1];
    const stored: Array<{ key: string; data: Buffer; mime: string }> = [];
    for (const f of cleaned) {
      const key = `tickets/${t.estateId}/${t.id}/${randomBytes(12).toString('hex')}.${ext(f.mime)}`;
      await this.storage.put(key, f.data);
      stored.push({ key, ...f });
    }
    return this.db.transaction().execute(async (trx) => {
      // Two uploads to one ticket at once queue here, so both cannot pass the count.
      await trx.updateTable('tickets').set({ updated_at: (eb) => eb.ref('updated_at') }).where('id', '=', ticketId).execute();
      const stage = await this.checkLimits(trx, actor, ticketId, stored.length);
      const last = await trx.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('actor_id', '=', actor.id ?? -1).orderBy('id', 'desc').executeTakeFirst();
      const ids: number[] = [];
      for (const s of stored) {
        const { id } = await trx
          .insertInto('ticket_photos')
          .values({ estate_id: t.estateId, ticket_id: ticketId, event_id: last?.id ?? null, file_key: s.key, mime: s.mime, size: s.data.length, created_at: at, uploaded_by: actor.id, stage })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(id);
      }
      return ids;
    });
  }

  /** The stage new photos belong to, or 409 past the ticket's or the user's limit. */
  private async checkLimits(db: Executor, actor: Actor, ticketId: number, adding: number): Promise<'report' | 'work'> {
    const { status } = await db.selectFrom('tickets').select('status').where('id', '=', ticketId).executeTakeFirstOrThrow();
    const stage = WORK_STATUSES.includes(status) ? 'work' : 'report';
    const { n } = await db.selectFrom('ticket_photos').select((eb) => eb.fn.countAll<number>().as('n')).where('ticket_id', '=', ticketId).where('stage', '=', stage).executeTakeFirstOrThrow();
    const count = Number(n);
    if (count + adding > this.limits.perStage) {
      const msg = { key: stage === 'work' ? 'error.photoWorkMax' : 'error.photoReportMax', params: { max: this.limits.perStage, count } };
      throw conflict(msg.key, msg.params, { file: msg });
    }
    if (actor.id != null) {
      const since = new Date(this.clock.now().getTime() - 24 * 3600_000).toISOString();
      const mine = await db.selectFrom('ticket_photos').select((eb) => eb.fn.countAll<number>().as('n')).where('uploaded_by', '=', actor.id).where('created_at', '>', since).executeTakeFirstOrThrow();
      const today = Number(mine.n);
      if (today + adding > this.limits.dailyQuota) {
        const msg = { key: 'error.photoDailyQuota', params: { max: this.limits.dailyQuota, count: today } };
        throw conflict(msg.key, msg.params, { file: msg });
      }
    }
    return stage;
  }

  async get(auth: AuthContext, photoId: number) {
    const p = await this.db.selectFrom('ticket_photos').selectAll().where('id', '=', photoId).executeTakeFirst();
    if (!p) throw notFound('entity.photo');
    await this.tickets.visibleTicket(auth, p.ticket_id).catch(() => {
      throw notFound('entity.photo');
    });
    const data = await this.storage.get(p.file_key);
    if (!data) throw notFound('entity.photo');
    return { mime: p.mime, data };
  }
}
