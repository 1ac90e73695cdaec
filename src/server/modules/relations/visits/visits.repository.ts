import { type Candidate, DEFAULT_VISIT_SETTINGS, type VisitSettings } from '../../../../core/visits.ts';
import type { Executor } from '../../../db/database.ts';

/** The only code that reads and writes the home-visit tables with Kysely. */
export const visitsRepository = {
  async settings(db: Executor, estateId: number): Promise<VisitSettings & { updatedAt: string | null }> {
    const r = await db.selectFrom('visit_settings').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
    if (!r) return { ...DEFAULT_VISIT_SETTINGS, updatedAt: null };
    return { regularDays: r.regular_days, specialDays: r.special_days, moveInDays: r.move_in_days, dailyCapacity: r.daily_capacity, notHomeAttempts: r.not_home_attempts, updatedAt: r.updated_at };
  },

  /** Area administrators of an estate: a cs_admin with an area in his scope plans that area. */
  async areaAdmins(db: Executor, estateId: number) {
    return db
      .selectFrom('user_scopes as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('areas as a', 'a.id', 's.area_id')
      .select(['u.id as userId', 's.area_id as areaId'])
      .where('s.estate_id', '=', estateId)
      .where('u.role', '=', 'cs_admin')
      .where('u.active', '=', 1)
      .where('a.archived_at', 'is', null)
      .orderBy('u.id')
      .orderBy('s.area_id')
      .execute() as Promise<Array<{ userId: number; areaId: number }>>;
  },

  /** Households living in the area now, with their unit and whether any member needs special care. */
  async households(db: Executor, estateId: number, areaId: number | null) {
    let q = db
      .selectFrom('households as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['h.id', 'h.name', 'h.unit_id', 'h.moved_in_on', 'b.area_id', 'b.code', 'u.entrance', 'u.number'])
      .select((eb) =>
        eb
          .exists(eb.selectFrom('household_members as m').select('m.id').whereRef('m.household_id', '=', 'h.id').where('m.moved_out_on', 'is', null).where('m.care_flags', '<>', ''))
          .as('special'),
      )
      .where('h.estate_id', '=', estateId)
      .where('h.moved_out_on', 'is', null)
      .where('u.archived_at', 'is', null);
    if (areaId != null) q = q.where('b.area_id', '=', areaId);
    const rows = await q.orderBy('h.id').execute();
    return rows.map((r) => ({ ...r, special: Boolean(Number(r.special)) }));
  },

  /** Last day each household was met (any purpose, any method that reached someone). */
  async lastMet(db: Executor, householdIds: number[]) {
    const out = new Map<number, string>();
    for (let i = 0; i < householdIds.length; i += 500) {
      const rows = await db
        .selectFrom('home_visits')
        .select(['household_id', (eb) => eb.fn.max('visited_on').as('last')])
        .where('household_id', 'in', householdIds.slice(i, i + 500))
        .where('outcome', '=', 'met')
        .groupBy('household_id')
        .execute();
      for (const r of rows) out.set(r.household_id, String(r.last));
    }
    return out;
  },

  /** The most recent outcomes per household (newest first), for the "switch to phone" rule. */
  async recentOutcomes(db: Executor, householdIds: number[]) {
    const out = new Map<number, string[]>();
    if (!householdIds.length) return out;
    const rows = await db.selectFrom('home_visits').select(['household_id', 'outcome']).where('household_id', 'in', householdIds).orderBy('visited_at', 'desc').execute();
    for (const r of rows) {
      const l = out.get(r.household_id) ?? [];
      if (l.length < 10) l.push(r.outcome);
      out.set(r.household_id, l);
    }
    return out;
  },

  /**
   * Units needing a follow-up visit: a return visit scored 2 or less, or an escalated complaint still
   * open, since the household was last met (or in the last 30 days when never met).
   */
  async followUpUnits(db: Executor, estateId: number, sinceIso: string) {
    const bad = await db
      .selectFrom('return_visits as v')
      .innerJoin('tickets as t', 't.id', 'v.ticket_id')
      .select(['t.unit_id', (eb) => eb.fn.max('v.done_at').as('at')])
      .where('t.estate_id', '=', estateId)
      .where('v.score', '<=', 2)
      .where('v.done_at', '>=', sinceIso)
      .where('t.unit_id', 'is not', null)
      .groupBy('t.unit_id')
      .execute();
    const escalated = await db
      .selectFrom('tickets')
      .select(['unit_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('estate_id', '=', estateId)
      .where('type', '=', 'complaint')
      .where('escalation_level', '>', 0)
      .where('status', 'not in', ['closed', 'cancelled'])
      .where('unit_id', 'is not', null)
      .groupBy('unit_id')
      .execute();
    const out = new Map<number, string>();
    for (const r of [...bad, ...escalated]) {
      const at = String(r.at);
      const had = out.get(r.unit_id!);
      if (!had || had < at) out.set(r.unit_id!, at);
    }
    return out;
  },

  async openRequests(db: Executor, estateId: number) {
    const rows = await db.selectFrom('visit_requests').select(['household_id', 'note']).where('estate_id', '=', estateId).where('done_visit_id', 'is', null).execute();
    return new Set(rows.map((r) => r.household_id));
  },

  /** Units with a slot of a live survey that visits may collect (channel "visit"), not yet answered. */
  async pendingSurveyUnits(db: Executor, estateId: number) {
    const rows = await db
      .selectFrom('survey_recipients as r')
      .innerJoin('surveys as s', 's.id', 'r.survey_id')
      .select('r.unit_id')
      .where('s.estate_id', '=', estateId)
      .where('s.status', '=', 'published')
      .where('s.channels', 'like', '%visit%')
      .where('r.status', 'in', ['pending', 'issued'])
      .execute();
    return new Set(rows.map((r) => r.unit_id));
  },

  /** Items of this administrator's previous plan (this area) neither visited nor dropped: they carry over. */
  async unvisitedBefore(db: Executor, userId: number, areaId: number, date: string) {
    const prev = await db.selectFrom('visit_plans').select('id').where('user_id', '=', userId).where('area_id', '=', areaId).where('plan_date', '<', date).orderBy('plan_date', 'desc').executeTakeFirst();
    if (!prev) return new Set<number>();
    const rows = await db.selectFrom('visit_plan_items').select('household_id').where('plan_id', '=', prev.id).where('dropped_at', 'is', null).where('visit_id', 'is', null).execute();
    return new Set(rows.map((r) => r.household_id));
  },
};

export type { Candidate };
