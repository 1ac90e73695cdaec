/** Display formats shared by the pages. */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Times are shown on the estate's wall clock (China), whatever zone the browser is in, so a
 * receipt printed on a laptop set to UTC says the same hour as the cashier's screen.
 */
export const ZONE = 'Asia/Shanghai';

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money is stored in fen (1/100 yuan): 350000 → "¥3,500.00". */
export function formatFen(fen: number | null | undefined): string {
  if (fen == null) return '—';
  return `¥${money.format(fen / 100)}`;
}

export function yuanToFen(yuan: number | null | undefined): number {
  return Math.round((yuan ?? 0) * 100);
}

export function formatDate(d: string | null | undefined): string {
  if (!d) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : dayjs(d).tz(ZONE).format('YYYY-MM-DD');
}

export function formatDateTime(d: string | null | undefined): string {
  return d ? dayjs(d).tz(ZONE).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** An instant on the estate's wall clock in a shorter pattern, e.g. 'MM-DD HH:mm'. */
export function formatInstant(d: string, pattern: string): string {
  return dayjs(d).tz(ZONE).format(pattern);
}

export function formatArea(m2: number | null | undefined): string {
  return m2 == null ? '—' : `${m2.toFixed(2)} m²`;
}

export function today(): string {
  return dayjs().tz(ZONE).format('YYYY-MM-DD');
}

export const dash = (v: string | number | null | undefined): string | number => (v === null || v === undefined || v === '' ? '—' : v);

/** Prices are stored in 1/100 fen: 25000 → "¥2.50", 12345 → "¥1.2345" (2 to 4 decimals). */
export function formatPrice(price: number | null | undefined): string {
  if (price == null) return '—';
  const yuan = price / 10_000;
  const fixed = yuan.toFixed(4).replace(/0{1,2}$/, '');
  return `¥${fixed}`;
}

/** Yuan typed in a form (up to 4 decimals) to 1/100 fen. */
export function yuanToPrice(yuan: number | null | undefined): number {
  return Math.round((yuan ?? 0) * 10_000);
}

/** Basis points as a percentage: 9500 → "95.00%"; null → "—". */
export function formatBp(bp: number | null | undefined, digits = 2): string {
  return bp == null ? '—' : `${(bp / 100).toFixed(digits)}%`;
}
