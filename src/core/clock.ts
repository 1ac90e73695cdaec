/**
 * All code reads time from one clock so tests and demos can move it forward.
 * The offset form keeps time flowing after a jump, which is what a demo of
 * "24 hours later" needs.
 */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

export class OffsetClock implements Clock {
  constructor(private offsetMs = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  get offset(): number {
    return this.offsetMs;
  }
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
  setTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const dateFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: string }>();
const MINUTE_MS = 60_000;
/** From 2000 on every zone's offset is whole minutes, so local midnight falls on a minute boundary. */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(2000, 0, 1);

/** Calendar date (YYYY-MM-DD) of an instant in a time zone (estates default to Asia/Shanghai). */
export function localDate(instant: Date, timeZone = 'Asia/Shanghai'): string {
  // Building a DateTimeFormat costs about 100 µs (a tenth of a ticket registration): keep one per
  // zone. Formatting still costs a few µs, and "now" is asked many times a minute: the date of the
  // last minute asked is kept, as a minute never straddles local midnight.
  let f = dateFormats.get(timeZone);
  if (!f) dateFormats.set(timeZone, (f = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: Number.NaN, date: '' }));
  const t = instant.getTime();
  const minute = Math.floor(t / MINUTE_MS);
  if (minute === f.minute) return f.date;
  const date = f.format.format(instant);
  if (t >= WHOLE_MINUTE_OFFSETS_FROM) {
    f.minute = minute;
    f.date = date;
  }
  return date;
}

/** Today's date (YYYY-MM-DD) by the clock, China wall time: what "today" means in every business rule. */
export function todayOf(clock: Clock): string {
  return localDate(clock.now());
}

/** Calendar month (YYYY-MM) of an instant on the estate's wall clock: ticket numbers, report and fee periods. */
export function localMonth(instant: Date, timeZone = 'Asia/Shanghai'): string {
  return localDate(instant, timeZone).slice(0, 7);
}
