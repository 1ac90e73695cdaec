/** Statistics periods (manual 4.1.4): a month YYYY-MM, a quarter YYYY-Qn, a half YYYY-Hn or a year YYYY. */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export const PERIOD_KINDS: PeriodKind[] = ['month', 'quarter', 'half', 'year'];

export function kindOf(p: string): PeriodKind {
  if (/^\d{4}-\d{2}$/.test(p)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(p)) return 'quarter';
  if (/^\d{4}-H[12]$/.test(p)) return 'half';
  return 'year';
}

/** The period of the given kind that holds the month `month` (YYYY-MM). */
export function periodOf(kind: PeriodKind, month: string): string {
  const [y, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  if (kind === 'month') return month;
  if (kind === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  if (kind === 'half') return `${y}-H${m <= 6 ? 1 : 2}`;
  return y;
}

/** A month inside the period (its first), for the pickers. */
export function firstMonth(p: string): string {
  const y = p.slice(0, 4);
  const k = kindOf(p);
  if (k === 'month') return p;
  if (k === 'quarter') return `${y}-${String((Number(p.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`;
  if (k === 'half') return `${y}-${p.endsWith('1') ? '01' : '07'}`;
  return `${y}-01`;
}
