import type { AuthContext } from '../../auth/auth.service.ts';

/**
 * Where a printed form's record lives. Each module that prints a form registers one source; the
 * scans route then works for it with no further code: `locate` says which estate the record is in
 * and throws 404 when the caller may not see it, `sample` names a record for the forms gallery.
 */
export interface FormSource {
  /** Stable code the web kit and the scans table use, e.g. 'complaint' (表 5.8). */
  code: string;
  /** The manual's form number when it has one ('5.8'), else null. */
  number: string | null;
  /** i18n key of the title (server messages). */
  title: string;
  /** Record keys are ids or composite keys such as `unitId@period`; this pattern refuses the rest early. */
  keyPattern: RegExp;
  locate(auth: AuthContext, key: string): Promise<{ estateId: number; ref: string }>;
  sample?(auth: AuthContext, estateId: number): Promise<string | null>;
}

export class FormRegistry {
  private sources = new Map<string, FormSource>();

  register(source: FormSource) {
    if (this.sources.has(source.code)) throw new Error(`form ${source.code} registered twice`);
    this.sources.set(source.code, source);
  }

  get(code: string) {
    return this.sources.get(code);
  }

  all() {
    return [...this.sources.values()];
  }
}
