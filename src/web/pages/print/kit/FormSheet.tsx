import { createContext, type ReactNode, useContext } from 'react';
import { useMe } from '../../../app/session.tsx';
import { formatDateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { formDef } from './catalog.ts';
import { QrCode, appUrl } from './QrCode.tsx';
import { ScanBar } from './ScanBar.tsx';

/** Whether the sheet is the blank paper version: values give way to empty lines. */
const BlankContext = createContext(false);
export const useBlank = () => useContext(BlankContext);

export interface SheetProps {
  /** Code of the form in kit/catalog.ts: gives its title, its number (表 5.8) and where its QR leads. */
  form: string;
  estate: ReactNode;
  /** The record this sheet prints; omitted on a blank sheet. `key` keys scans and the QR, `no` is printed (null: the meta already shows it). */
  record?: { key: string; no?: ReactNode | null } | null;
  /** Page x of y in a batch (one record a page). */
  page?: [number, number];
  /** Overrides the catalog's title (e.g. a notice whose wording depends on the arrears step). */
  title?: ReactNode;
  /** Facts printed under the title, beside the record number. */
  meta?: ReactNode[];
  blank?: boolean;
  className?: string;
  /** False for forms no one signs (a notice copy, labels): the QR prints, no scan bar above. */
  scans?: boolean;
  /** Extra data-* attributes for tests and styling. */
  data?: Record<string, string | number>;
  children: ReactNode;
}

/**
 * One A4 page of a form: estate, title, form number and record number, page x / y, a QR code back
 * to the record, and a footer with who printed it and when. A batch prints one of these per record.
 */
export function FormSheet({ form, estate, record, page = [1, 1], title, meta = [], blank = false, scans = true, className, data = {}, children }: SheetProps) {
  const t = useT();
  const me = useMe().data;
  const def = formDef(form);
  const dataAttrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  const landscape = def?.landscape ? ' wd-landscape' : '';
  return (
    <BlankContext.Provider value={blank}>
      {record && !blank && scans && <ScanBar form={form} record={record.key} />}
      <article className={`wd-a4 wd-form${landscape}${className ? ` ${className}` : ''}`} data-testid="print-sheet" data-form={form} data-blank={blank ? 1 : 0} {...dataAttrs}>
        <header className="wd-print-head wd-form-head">
          {record && !blank && def && <QrCode text={appUrl(def.record(record.key))} testId="form-qr" />}
          {def?.number && (
            <div className="wd-form-code" data-testid="form-code">
              {t('kit.formNo', { no: def.number })}
            </div>
          )}
          <div className="wd-print-estate">{blank && !estate ? <span className="wd-print-line wd-form-estate-line" /> : estate}</div>
          <h1>{title ?? (def ? t(def.title) : form)}</h1>
          <div className="wd-print-meta">
            {record?.no !== null && (
              <span data-testid="form-record-no">
                {t('kit.recordNo')}
                {t('print.colon')}
                {blank || !record ? <span className="wd-print-line wd-form-no-line" /> : <b className="wd-mono">{record.no ?? record.key}</b>}
              </span>
            )}
            {meta.map((m, i) => (
              <span key={i}>{m}</span>
            ))}
            <span data-testid="form-page">{t('kit.page', { x: page[0], y: page[1] })}</span>
          </div>
        </header>
        <div className="wd-form-body">{children}</div>
        <footer className="wd-form-foot">
          <span>
            {t('kit.printedBy')}
            {t('print.colon')}
            {me?.user.displayName ?? ''}
          </span>
          <span>
            {t('kit.printedAt')}
            {t('print.colon')}
            {formatDateTime(new Date().toISOString()).slice(0, 16)}
          </span>
          {blank && <span>{t('kit.blankNote')}</span>}
        </footer>
      </article>
    </BlankContext.Provider>
  );
}

/** A value on the sheet, or an empty writing line on the blank version. */
export function V({ children, width }: { children?: ReactNode; width?: string }) {
  const blank = useBlank();
  if (blank) return <span className="wd-print-line wd-form-fill" style={width ? { width } : undefined} />;
  return <>{children}</>;
}
