import { zoneOffset } from '../../../core/sla.ts';

/** The instant a local calendar date begins in a time zone. */
export function localMidnight(date: string, timeZone: string): string {
  const guess = new Date(`${date}T00:00:00Z`);
  return new Date(guess.getTime() - zoneOffset(guess, timeZone)).toISOString();
}

export function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function prevMonth(month: string, n = 1): string {
  let [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  for (let i = 0; i < n; i++) [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Months `first`…`last` as a metric period: instants [from, to) and local dates. */
export function monthsPeriod(first: string, last: string, timeZone: string, now: string) {
  const after = nextMonth(last);
  const lastDay = new Date(Date.parse(`${after}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { from: localMidnight(`${first}-01`, timeZone), to: localMidnight(`${after}-01`, timeZone), fromDate: `${first}-01`, toDate: lastDay, month: last, firstMonth: first, now };
}
