/** Zod building blocks shared by request schemas and web forms. Messages are i18n keys. */
import { z } from 'zod';
import { isValidIdNumber, PHONE_PATTERN } from '../../core/mask.ts';

/** An id in a JSON body: a JSON number, never `true` or `"12"` coerced into one. */
export const id = z.number().int().positive();
/** An id in a query string or a path: text by nature, so it is converted. */
export const queryId = z.coerce.number().int().positive();
export const idParam = z.object({ id: queryId });

// ---- text -------------------------------------------------------------------------------------

/** C0 controls except tab and line feed, DEL and C1: nothing a person types, and PostgreSQL refuses NUL. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Characters that show nothing: zero-width spaces and joiners, BOM, word joiner, bidi embeddings, overrides and isolates. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Line ends as \n, composed (NFC) so the same name is stored and searched one way, trimmed. */
export function normalizeText(v: string): string {
  return v.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}
export const hasControl = (v: string) => CONTROL.test(v);
/** Whether anything visible is left once invisible characters and white space are removed. */
export const isVisible = (v: string) => v.replace(INVISIBLE, '').trim() !== '';

/**
 * The path (`owners.0.name`) of the first string holding a NUL anywhere in a parsed JSON body, or
 * null. PostgreSQL cannot store or even compare a NUL, so the JSON parser refuses such a body
 * before any field that is not a text helper (a username, a password) reaches a query.
 */
export function nulPath(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path || 'body' : null;
  if (v === null || typeof v !== 'object') return null;
  for (const [k, child] of Object.entries(v)) {
    const found = nulPath(child, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return null;
}

/** Normalised free text (no check of length or emptiness): the base of every text field. */
const cleanText = (max: number) =>
  z
    .string()
    .overwrite(normalizeText)
    .refine((v) => !hasControl(v), { message: 'field.controlChars', abort: true })
    .max(max);

/** Required free text: a title, name, description, reason. */
export const text = (max: number) => cleanText(max).min(1).refine(isVisible, { message: 'field.blank' });
/** Optional free text: empty, or only invisible characters, is stored as null. */
export const optionalText = (max: number) =>
  cleanText(max)
    .nullish()
    .transform((v) => (v && isVisible(v) ? v : null));
/** A search box in a query string: normalised like what it searches. */
export const searchText = (max: number) => cleanText(max);

// ---- dates and periods -------------------------------------------------------------------------

/** Years a date may have: archive dates reach back (a building delivered in 1995), nothing is planned past 2100. */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;
/** Years a fee period may have: nothing was billed through this system before 2000. */
export const PERIOD_YEARS = { min: 2000, max: 2100 } as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const yearIn = (r: { min: number; max: number }) => (v: string) => {
  const y = Number(v.slice(0, 4));
  return y >= r.min && y <= r.max;
};
/** A day that exists in the calendar (2026-02-30 does not). */
function isCalendarDay(v: string): boolean {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** `YYYY-MM-DD`, a real day, within DATE_YEARS: for callers outside zod (workbook imports). */
export const isValidDate = (v: string) => isCalendarDay(v) && yearIn(DATE_YEARS)(v);
/** `YYYY-MM` within PERIOD_YEARS: for callers outside zod (workbook imports). */
export const isValidPeriod = (v: string) => PERIOD_RE.test(v) && yearIn(PERIOD_YEARS)(v);
/** The year of a statistics period (`2026`, `2026-Q1`, `2026-H2`, `2026-03`) within PERIOD_YEARS. */
export const periodYearOk = yearIn(PERIOD_YEARS);

export const isoDate = z
  .string()
  .regex(DATE_RE, { message: 'field.date', abort: true })
  .refine(isCalendarDay, { message: 'field.date', abort: true })
  .refine(yearIn(DATE_YEARS), { message: 'field.dateYears' });
/** A fee period; `message` names the format in the words of the page that asks for it. */
export const periodOf = (message = 'field.period') =>
  z.string().regex(PERIOD_RE, { message, abort: true }).refine(yearIn(PERIOD_YEARS), { message: 'field.periodYears' });
export const period = periodOf();
/** An instant (ISO-8601 UTC, as the web app sends it) whose year is within DATE_YEARS. */
export const isoDateTime = z.iso.datetime().refine(yearIn(DATE_YEARS), { message: 'field.dateYears' });

// ---- contact details --------------------------------------------------------------------------

export const phone = z
  .string()
  .trim()
  .regex(PHONE_PATTERN, { message: 'field.phone' });
export const optionalPhone = z
  .union([phone, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));
export const optionalIdNumber = z
  .union([
    z
      .string()
      .trim()
      .toUpperCase()
      .refine(isValidIdNumber, { message: 'field.idNumber' }),
    z.literal(''),
  ])
  .nullish()
  .transform((v) => (v ? v : null));

/** Money in fen: whole numbers only, so a float never reaches the ledger. */
export const fen = z.number().int().min(0).max(1_000_000_000);

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
