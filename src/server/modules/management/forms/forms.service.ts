import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../../core/clock.ts';
import { seesEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { reencodePhoto } from '../../desk/photos.image.ts';
import type { FileStorage } from '../../storage/storage.ts';
import type { FormRegistry, FormSource } from './forms.registry.ts';

/** A signed scan is a PDF or a photo of the sheet; a PDF is kept as sent, a photo re-encoded. */
function isPdf(d: Buffer) {
  return d.length > 8 && d.toString('latin1', 0, 5) === '%PDF-' && d.subarray(Math.max(0, d.length - 1024)).toString('latin1').includes('%%EOF');
}

export interface ScanFile {
  data: Buffer;
  mime: string;
  name?: string;
}

/** The archive copies of signed paper forms (X5, M 4.2.2.2): upload, list, download; never changed or deleted. */
export class FormScanService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private storage: FileStorage,
    readonly registry: FormRegistry,
  ) {}

  private source(code: string, key: string): FormSource {
    const s = this.registry.get(code);
    if (!s) throw notFound('entity.form');
    if (!s.keyPattern.test(key)) throw notFound('entity.formRecord');
    return s;
  }

  catalog() {
    return this.registry.all().map((s) => ({ code: s.code, number: s.number, title: s.title }));
  }

  /** For the forms gallery: one record of each form the caller can open in the estate. */
  async samples(auth: AuthContext, estateId: number) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const out: Record<string, string | null> = {};
    for (const s of this.registry.all()) out[s.code] = s.sample ? await s.sample(auth, estateId).catch(() => null) : null;
    return out;
  }

  async list(auth: AuthContext, code: string, key: string) {
    await this.source(code, key).locate(auth, key);
    const rows = await this.db
      .selectFrom('form_scans as s')
      .leftJoin('users as u', 'u.id', 's.uploaded_by')
      .select(['s.id', 's.form_code', 's.record_key', 's.mime', 's.size', 's.file_name', 's.note', 's.created_at', 'u.display_name as uploader'])
      .where('s.form_code', '=', code)
      .where('s.record_key', '=', key)
      .orderBy('s.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, form: r.form_code, record: r.record_key, mime: r.mime, size: r.size, fileName: r.file_name, note: r.note, uploadedAt: r.created_at, uploadedBy: r.uploader ?? null }));
  }

  async add(actor: Actor, auth: AuthContext, code: string, key: string, file: ScanFile, note: string | null) {
    const src = this.source(code, key);
    const { estateId, ref } = await src.locate(auth, key);
    let data: Buffer;
    let mime: string;
    if (isPdf(file.data)) {
      data = file.data;
      mime = 'application/pdf';
    } else {
      const photo = await reencodePhoto(file.data, file.mime);
      if (!photo) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'error.scanUnreadable' } });
      data = photo.data;
      mime = photo.mime;
    }
    const ext = mime === 'application/pdf' ? 'pdf' : mime.split('/')[1];
    const fileKey = `forms/${estateId}/${code}/${randomBytes(12).toString('hex')}.${ext}`;
    await this.storage.put(fileKey, data);
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('form_scans')
        .values({ estate_id: estateId, form_code: code, record_key: key, file_key: fileKey, mime, size: data.length, file_name: file.name?.slice(0, 200) ?? null, note, uploaded_by: actor.id, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'form_scan', entityId: id, estateId, ref, summary: { key: 'audit.formScan.upload', params: { form: src.title, ref } } });
      return id;
    });
  }

  async file(auth: AuthContext, id: number) {
    const row = await this.db.selectFrom('form_scans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('entity.formScan');
    await this.source(row.form_code, row.record_key)
      .locate(auth, row.record_key)
      .catch(() => {
        throw notFound('entity.formScan');
      });
    const data = await this.storage.get(row.file_key);
    if (!data) throw notFound('entity.formScan');
    return { mime: row.mime, data, name: row.file_name };
  }
}
