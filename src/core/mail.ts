/**
 * Mail, newspapers and parcels 信件报刊/快递 (manual 3.7, design B.3.5): the pure rules. The
 * pickup code, the reminder and return-to-carrier schedule, the dwell-time statistics and the
 * signature check. No I/O: the server and the web use the same functions.
 */

export const MAIL_KINDS = ['parcel', 'registered_letter', 'letter', 'newspaper', 'official_document', 'other'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const CARRIERS = ['sf', 'zto', 'yto', 'yunda', 'sto', 'jd', 'ems', 'jt', 'other'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const MAIL_STATUSES = ['received', 'notified', 'picked_up', 'returned_to_carrier', 'disposed', 'misdelivered'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Waiting on the shelf: these are the items a pickup, a reminder or a return may touch. */
export const WAITING: readonly MailStatus[] = ['received', 'notified'];

export const PICKUP_RELATIONS = ['self', 'family', 'tenant', 'authorised'] as const;
export type PickupRelation = (typeof PICKUP_RELATIONS)[number];
export const ID_TYPES = ['id_card', 'passport', 'hk_macau_permit', 'driver_license', 'other'] as const;
export const DELIVERY_MODES = ['mailbox', 'door'] as const;

/** A registered letter or an official document is signed for and never sent back unasked (design guess). */
export function requiresSignature(kind: MailKind): boolean {
  return kind === 'registered_letter' || kind === 'official_document';
}
export function mayReturnToCarrier(kind: MailKind): boolean {
  return !requiresSignature(kind) && kind !== 'newspaper';
}

/** Which status may follow which; anything else is a 409 naming both. */
const NEXT: Record<MailStatus, readonly MailStatus[]> = {
  received: ['notified', 'picked_up', 'returned_to_carrier', 'disposed', 'misdelivered'],
  notified: ['picked_up', 'returned_to_carrier', 'disposed', 'misdelivered'],
  picked_up: [],
  returned_to_carrier: [],
  disposed: [],
  misdelivered: [],
};
export function canMove(from: MailStatus, to: MailStatus, kind: MailKind): boolean {
  if (!NEXT[from].includes(to)) return false;
  if (to === 'disposed') return kind === 'newspaper';
  if (to === 'returned_to_carrier') return mayReturnToCarrier(kind);
  return true;
}

// ---- pickup code -------------------------------------------------------------------------------

export const CODE_LENGTH = 6;
/** Wrong codes allowed per unit (or per person looking codes up) before the lock. */
export const CODE_MAX_FAILURES = 5;
export const CODE_LOCK_MINUTES = 15;

/**
 * A 6-digit code from a source of random 32-bit integers (crypto on the server). Values from the
 * top of the range that would bias the modulo are drawn again; codes already waiting in the same
 * estate are avoided so one code never opens two households' items.
 */
export function pickupCode(random32: () => number, taken: ReadonlySet<string> = new Set()): string {
  const space = 10 ** CODE_LENGTH;
  const limit = Math.floor(0x1_0000_0000 / space) * space;
  for (let i = 0; i < 1000; i++) {
    const r = random32() >>> 0;
    if (r >= limit) continue;
    const code = String(r % space).padStart(CODE_LENGTH, '0');
    if (!taken.has(code)) return code;
  }
  throw new Error('no free pickup code');
}

export const isCodeShape = (v: string) => /^\d{6}$/.test(v);

/** Compares every digit, so the time taken does not say how many leading digits were right. */
export function codeMatches(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether codes are locked, from the instants of the recent failures (any order): at the
 * CODE_MAX_FAILURES-th failure within the window, locked until that failure + the lock time.
 */
export function codeLockedUntil(failures: readonly string[], now: Date): Date | null {
  const windowStart = now.getTime() - CODE_LOCK_MINUTES * 60_000;
  const recent = failures.map((f) => new Date(f).getTime()).filter((t) => t > windowStart).sort((a, b) => a - b);
  if (recent.length < CODE_MAX_FAILURES) return null;
  return new Date(recent[recent.length - 1]! + CODE_LOCK_MINUTES * 60_000);
}

// ---- reminders and the return list -------------------------------------------------------------

export const REMINDER_DAYS = [3, 7] as const;
export const RETURN_DAYS = 14;
const DAY = 86_400_000;

/** Whole days an item has been waiting (24-hour days from its arrival). */
export function daysWaiting(receivedAt: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(receivedAt).getTime()) / DAY);
}

/**
 * The reminder due now, if any: 1 from day 3, 2 from day 7 (the second also asks the area's
 * administrator to call). Reminders are never repeated and never skipped backwards: an item found
 * on day 9 with no reminder yet gets the second one only, since the first would be stale.
 */
export function reminderDue(item: { kind: MailKind; status: MailStatus; receivedAt: string; remindersSent: number }, now: Date): 1 | 2 | null {
  if (!WAITING.includes(item.status) || item.kind === 'newspaper') return null;
  const days = daysWaiting(item.receivedAt, now);
  if (days >= REMINDER_DAYS[1] && item.remindersSent < 2) return 2;
  if (days >= REMINDER_DAYS[0] && item.remindersSent < 1) return 1;
  return null;
}

/** On the return-to-carrier list: waiting 14 days or more, and of a kind that may go back. */
export function dueForReturn(item: { kind: MailKind; status: MailStatus; receivedAt: string }, now: Date): boolean {
  return WAITING.includes(item.status) && mayReturnToCarrier(item.kind) && daysWaiting(item.receivedAt, now) >= RETURN_DAYS;
}

/** The instant before which an item must have arrived to be on the return list at `now`. */
export const returnCutoff = (now: Date) => new Date(now.getTime() - RETURN_DAYS * DAY).toISOString();

/** Label photos are deleted this long after the item left (picked up or returned). */
export const PHOTO_KEEP_DAYS = 90;
export const photoPurgeCutoff = (now: Date) => new Date(now.getTime() - PHOTO_KEEP_DAYS * DAY).toISOString();

/** The daily number written on the item: MMDD-nnn of the estate's local date. */
export function dailyNumber(localDate: string, seq: number): string {
  return `${localDate.slice(5, 7)}${localDate.slice(8, 10)}-${String(seq).padStart(3, '0')}`;
}

// ---- dwell time --------------------------------------------------------------------------------

/**
 * The p-th percentile (0–100) by linear interpolation between closest ranks (the method of
 * spreadsheets' PERCENTILE.INC); null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

export interface DwellStats {
  count: number;
  median: number | null;
  p75: number | null;
  p90: number | null;
  max: number | null;
}

/** Hours from arrival to pickup, rounded to 0.1 h. */
export function dwellHours(receivedAt: string, pickedUpAt: string): number {
  return Math.round((new Date(pickedUpAt).getTime() - new Date(receivedAt).getTime()) / 360_000) / 10;
}

const round1 = (v: number | null) => (v == null ? null : Math.round(v * 10) / 10);

export function dwellStats(hours: readonly number[]): DwellStats {
  return {
    count: hours.length,
    median: round1(percentile(hours, 50)),
    p75: round1(percentile(hours, 75)),
    p90: round1(percentile(hours, 90)),
    max: hours.length ? Math.max(...hours) : null,
  };
}

/** Dwell statistics per kind and per day of pickup (local date given for each item). */
export function dwellReport(items: ReadonlyArray<{ kind: MailKind; receivedAt: string; pickedUpAt: string; pickedOn: string }>) {
  const byKind = new Map<MailKind, number[]>();
  const byDay = new Map<string, number[]>();
  const all: number[] = [];
  for (const i of items) {
    const h = dwellHours(i.receivedAt, i.pickedUpAt);
    all.push(h);
    byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), h]);
    byDay.set(i.pickedOn, [...(byDay.get(i.pickedOn) ?? []), h]);
  }
  return {
    overall: dwellStats(all),
    kinds: MAIL_KINDS.filter((k) => byKind.has(k)).map((kind) => ({ kind, ...dwellStats(byKind.get(kind)!) })),
    days: [...byDay.keys()].sort().map((day) => ({ day, ...dwellStats(byDay.get(day)!) })),
  };
}

// ---- signature ---------------------------------------------------------------------------------

/** A signature is strokes of points on a canvas of this size (the front desk's pad). */
export const SIGNATURE_BOX = { width: 600, height: 200 } as const;
/** Fewer points than this is a tap or a dot, not a signature (design: server-side check, [I-rx]). */
export const SIGNATURE_MIN_POINTS = 20;
export const SIGNATURE_MAX_POINTS = 5000;

export type Stroke = ReadonlyArray<readonly [number, number]>;

/** Why a signature is refused, or null: too few points, or no extent (all points on one spot). */
export function signatureProblem(strokes: readonly Stroke[]): 'field.signatureEmpty' | 'field.signatureShort' | 'field.signatureTooLong' | null {
  const points = strokes.flat();
  if (!points.length) return 'field.signatureEmpty';
  if (points.length > SIGNATURE_MAX_POINTS) return 'field.signatureTooLong';
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (points.length < SIGNATURE_MIN_POINTS || extent < 20) return 'field.signatureShort';
  return null;
}

/** The signature drawn as SVG paths (the server renders it to a PNG; nothing from the client is parsed as an image). */
export function signatureSvg(strokes: readonly Stroke[]): string {
  const r = (v: number) => Math.round(Math.min(Math.max(v, 0), 10_000) * 10) / 10;
  const paths = strokes
    .filter((s) => s.length)
    .map((s) => {
      const d = s.map(([x, y], i) => `${i ? 'L' : 'M'}${r(x)} ${r(y)}`).join(' ');
      return s.length === 1 ? `<circle cx="${r(s[0]![0])}" cy="${r(s[0]![1])}" r="1.5" fill="#000"/>` : `<path d="${d}"/>`;
    })
    .join('');
  const { width, height } = SIGNATURE_BOX;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/><g fill="none" stroke="#000" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">${paths}</g></svg>`;
}

/** Last 4 of a phone or ID number: the most the mail records keep. */
export const isLast4 = (v: string) => /^[0-9Xx]{4}$/.test(v);

/**
 * The statement the picker signs, in the language of the screen he read it on; stored with the
 * signature (what was agreed to, as Snipe-IT keeps it). The web shows the same text from here.
 */
export function pickupStatement(lang: 'zh-CN' | 'en-US', pickerName: string, numbers: readonly string[]): string {
  return lang === 'en-US'
    ? `I, ${pickerName}, have received the following ${numbers.length} item(s) in good outer condition: ${numbers.join(', ')}.`
    : `本人 ${pickerName} 已领取以下 ${numbers.length} 件邮件/快递，外包装完好：${numbers.join('、')}。`;
}
