/**
 * Photos the field app uploads before the records that name them (A.3.6: photos first). Each is
 * decoded and re-encoded by desk/photos.image.ts (no metadata survives, long side ≤ 2560) and kept
 * in the file storage; a replay of the same client UUID answers the first photo's id.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../../core/clock.ts';
import { seesEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { AppError, conflict, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { reencodePhoto } from '../../desk/photos.image.ts';
import type { FileStorage } from '../../storage/storage.ts';

export class FieldPhotoService {
  constructor(
    private db: Db,
    private clock: Clock,
    private storage: FileStorage,
    private dailyQuota: number,
  ) {}

  private async existing(estateId: number, clientUuid: string, actor: Actor) {
    const row = await this.db.selectFrom('field_photos').select(['id', 'uploaded_by']).where('estate_id', '=', estateId).where('client_uuid', '=', clientUuid).executeTakeFirst();
    if (row && row.uploaded_by !== actor.id) throw conflict('field.photo.uuidTaken');
    return row;
  }

  async add(actor: Actor, auth: AuthContext, estateId: number, clientUuid: string, file: { data: Buffer; mime: string; name?: string }) {
    if (!seesEstate(auth.scope, estateId)) throw outOfScope();
    const prev = await this.existing(estateId, clientUuid, actor);
    if (prev) return { photoId: prev.id, clientUuid, duplicate: true };
    const since = new Date(this.clock.now().getTime() - 86_400_000).toISOString();
    const mine = await this.db.selectFrom('field_photos').select((eb) => eb.fn.countAll<number>().as('n')).where('uploaded_by', '=', actor.id!).where('created_at', '>', since).executeTakeFirstOrThrow();
    if (Number(mine.n) >= this.dailyQuota) {
      const msg = { key: 'error.photoDailyQuota', params: { max: this.dailyQuota, count: Number(mine.n) } };
      throw conflict(msg.key, msg.params, { file: msg });
    }
    const photo = await reencodePhoto(file.data, file.mime);
    if (!photo) {
      const msg = { key: 'error.photoUnreadable', params: { file: (file.name ?? '#1').slice(0, 100) } };
      throw new AppError('VALIDATION', msg, { file: msg });
    }
    const key = `field/${estateId}/${createHash('sha256').update(clientUuid).digest('hex').slice(0, 16)}-${randomBytes(6).toString('hex')}.${photo.mime.split('/')[1]}`;
    await this.storage.put(key, photo.data);
    const at = this.clock.now().toISOString();
    const row = await this.db
      .insertInto('field_photos')
      .values({ estate_id: estateId, client_uuid: clientUuid, file_key: key, mime: photo.mime, size: photo.data.length, uploaded_by: actor.id!, created_at: at })
      .onConflict((oc) => oc.columns(['estate_id', 'client_uuid']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return { photoId: row.id, clientUuid, duplicate: false };
    // The same UUID arrived twice at once: the first one stands.
    const first = await this.existing(estateId, clientUuid, actor);
    return { photoId: first!.id, clientUuid, duplicate: true };
  }

  async get(auth: AuthContext, id: number) {
    const p = await this.db.selectFrom('field_photos').selectAll().where('id', '=', id).executeTakeFirst();
    if (!p || !seesEstate(auth.scope, p.estate_id)) throw notFound('entity.photo');
    const data = await this.storage.get(p.file_key);
    if (!data) throw notFound('entity.photo');
    return { mime: p.mime, data };
  }
}
