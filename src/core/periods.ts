/**
 * Which period a statistics page opens on, and when a figure is worth showing. Used by the fee
 * statistics (收费统计), the desk report (报事统计) and the payment notices, on the server's clock.
 */

/** During the first days of a month the current month is nearly empty: open on the last complete one. */
export const LAST_MONTH_DAYS = 5;

/** A rate over fewer cases than this says nothing (2 tickets → "0.0 %"): show "not enough data". */
export const MIN_RATE_BASE = 5;

/** The month (YYYY-MM) a page opens on for `today` (YYYY-MM-DD): last month on days 1–`graceDays`. */
export function defaultMonth(today: string, graceDays = LAST_MONTH_DAYS): string {
  const [y, m, d] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))];
  if (d > graceDays) return today.slice(0, 7);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** First and last day of a month YYYY-MM. */
export function monthDays(month: string): [string, string] {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

/** num ÷ den, or null when den is under the minimum (the page then says "not enough data"). */
export function rateOf(num: number, den: number, min = MIN_RATE_BASE): number | null {
  return den >= min && den > 0 ? num / den : null;
}

/** The last day a series may show: the period's end, or today when the period runs on past it. */
export function seriesEnd(to: string, today: string): string {
  return to < today ? to : today;
}
