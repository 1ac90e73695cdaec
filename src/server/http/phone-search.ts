/**
 * Phone numbers in search boxes (R-HH-PRIV). Lists show phones masked (138****5678), so a search
 * must not tell more than the mask does: without the reveal right a phone matches only by its
 * whole number or by the four digits the mask shows; "05678", "105678", ... never match a phone,
 * or anyone could read a number digit by digit. A whole-number search tells whose number it is:
 * it is limited per user (counted in the database, so the limit holds across instances) and
 * audited. Roles that may reveal search by any part; their whole-number searches are audited too.
 * ID numbers are not searched by any search box.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { maskPhone, PHONE_PATTERN } from '../../core/mask.ts';
import { can } from '../../core/roles.ts';
import { visibleEstateIds } from '../../core/scope.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../db/database.ts';
import type { AuthContext } from '../modules/auth/auth.service.ts';
import type { Actor, AuditService } from '../modules/audit/audit.service.ts';
import { AppError } from './errors.ts';

/** How a search text may match a phone: the whole number, the last four digits, or any part. */
export interface PhoneTerm {
  kind: 'full' | 'tail' | 'part';
  digits: string;
}

export const PHONE_SEARCH_LIMIT = { searches: 30, windowMinutes: 10 };

/** The phone term of a search text for a role, or null when the text must not match phones. */
export function phoneTerm(q: string, mayReveal: boolean): PhoneTerm | null {
  const s = q.trim();
  if (PHONE_PATTERN.test(s)) return { kind: 'full', digits: s.replace(/-/g, '') };
  if (!/^\d{4,11}$/.test(s)) return null;
  if (s.length === 4) return { kind: 'tail', digits: s };
  return mayReveal ? { kind: 'part', digits: s } : null;
}

/** The SQL test of one phone column against a term (landlines are stored with or without "-"). */
export function phoneMatches(column: string, term: PhoneTerm): Expression<SqlBool> {
  const digits = sql`replace(${sql.ref(column)}, '-', '')`;
  if (term.kind === 'full') return sql<SqlBool>`${digits} = ${term.digits}`;
  if (term.kind === 'tail') return sql<SqlBool>`${sql.ref(column)} like ${`%${term.digits}`}`;
  return sql<SqlBool>`${digits} like ${`%${term.digits}%`}`;
}

/**
 * The phone term a caller's search may use. A whole-number search is counted and audited
 * first (429 past the limit), so a refused or failing search is still on record.
 */
export async function admitPhoneSearch(
  deps: { db: Db; clock: Clock; audit: AuditService },
  actor: Actor,
  auth: AuthContext,
  q: string | undefined,
  estateId: number | undefined,
): Promise<PhoneTerm | null> {
  const term = q ? phoneTerm(q, can(auth.user.role, 'pii.reveal')) : null;
  if (term?.kind !== 'full') return term;
  const { db, clock, audit } = deps;
  const now = clock.now();
  const since = new Date(now.getTime() - PHONE_SEARCH_LIMIT.windowMinutes * 60_000).toISOString();
  const userId = auth.user.id;
  // Rows past the window are never counted again; the audit log keeps the record.
  await db.deleteFrom('phone_searches').where('user_id', '=', userId).where('at', '<', since).execute();
  // Recorded before counting: parallel requests each see the others, so a burst cannot slip past.
  await db.insertInto('phone_searches').values({ user_id: userId, at: now.toISOString() }).execute();
  const row = await db
    .selectFrom('phone_searches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) > PHONE_SEARCH_LIMIT.searches)
    throw new AppError('RATE_LIMITED', { key: 'error.phoneSearchLimited', params: { minutes: PHONE_SEARCH_LIMIT.windowMinutes } });
  const estates = visibleEstateIds(auth.scope);
  const auditEstate = estateId ?? (estates !== 'all' && estates.length === 1 ? estates[0] : null);
  const masked = maskPhone(term.digits);
  await audit.record(db, actor, { action: 'search', entity: 'phone', entityId: null, estateId: auditEstate, summary: { key: 'audit.phone.search', params: { phone: masked ?? '' } }, detail: { phone: masked } });
  return term;
}
