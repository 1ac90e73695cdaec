import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../core/clock.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { FileStorage } from '../storage/storage.ts';
import type { TicketService } from './tickets.service.ts';

/** Photos of a ticket (the report and the finished work), kept in the file storage. */
export class PhotoService {
  constructor(
    private db: Db,
    private clock: Clock,
    private storage: FileStorage,
    private tickets: TicketService,
  ) {}

  async add(actor: Actor, auth: AuthContext, ticketId: number, files: Array<{ data: Buffer; mime: string }>) {
    const t = await this.tickets.visibleTicket(auth, ticketId);
    const at = this.clock.now().toISOString();
    const ext = (mime: string) => mime.split('/')[1];
    const stored: Array<{ key: string; data: Buffer; mime: string }> = [];
    for (const f of files) {
      const key = `tickets/${t.estateId}/${t.id}/${randomBytes(12).toString('hex')}.${ext(f.mime)}`;
      await this.storage.put(key, f.data);
      stored.push({ key, ...f });
    }
    return this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('actor_id', '=', actor.id ?? -1).orderBy('id', 'desc').executeTakeFirst();
      const ids: number[] = [];
      for (const s of stored) {
        const { id } = await trx
          .insertInto('ticket_photos')
          .values({ estate_id: t.estateId, ticket_id: ticketId, event_id: last?.id ?? null, file_key: s.key, mime: s.mime, size: s.data.length, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(id);
      }
      return ids;
    });
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
