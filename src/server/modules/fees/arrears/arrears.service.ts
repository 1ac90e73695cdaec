/**
 * The arrears board and the ladder's reminder batch (manual 4.1.2 "未按时缴费的由管理员发出催缴通知书",
 * 4.1.3). An episode of arrears starts at the oldest open line's due date: steps recorded before it
 * belong to an earlier episode, so a unit that paid up and fell behind again starts at step 0.
 */
import { lockEstate } from '../locks.ts';
import { randomBytes } from 'node:crypto';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { ARREARS_STEP_ROLES, daysBetween, stepAllowed } from '../../../../core/fees.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import { chunks } from '../../../db/codec.ts';
import type { Database, Executor } from '../../../db/database.ts';
import { forbidden, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { presentStep } from './arrears-present.ts';
import { unitInfo, type UnitInfo } from '../units.info.ts';
import { presentLine } from '../billing/lines.present.ts';
import { arrearsRepository as repo, type BoardFilter, type BoardRow } from './arrears.repository.ts';
import { dueOf, type LineRow, openLines } from '../ledger.ts';

export interface BoardQuery {
  estateId: number;
  areaId?: number;
  buildingId?: number;
  minDays?: number;
  step?: number;
  q?: string;
  page: number;
  pageSize: number;
}

export class ArrearsService {
  constructor(
    private database: Database,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
  ) {}


  /** Board rows with their late fees to date, from the SQL rows and their overdue lines. */
  async rows(db: Executor, rows: BoardRow[], today: string) {
    const ids = rows.map((r) => r.unit_id);
    const info = new Map<number, UnitInfo>();
    const late = new Map<number, number>();
    for (const part of chunks(ids)) {
      for (const [k, v] of await unitInfo(db, part)) info.set(k, v);
      for (const l of await repo.overdueLines(db, part, today)) late.set(l.unit_id, (late.get(l.unit_id) ?? 0) + dueOf(l, today).late);
    }
    return rows.map((r) => {
      const u = info.get(r.unit_id)!;
      return {
        unitId: r.unit_id,
        unitLabel: u.unitLabel,
        ownerName: u.ownerName,
        phoneMasked: u.phoneMasked,
        areaId: u.areaId,
        areaName: u.areaName,
        buildingName: u.buildingName,
        outstanding: r.outstanding,
        lateFee: late.get(r.unit_id) ?? 0,
        oldestDueOn: r.oldest,
        days: daysBetween(r.oldest, today),
        lines: r.n,
        step: r.step,
        lastStepOn: r.last_on,
        deadline: r.deadline ?? null,
      };
    });
  }

  async board(auth: AuthContext, q: BoardQuery) {
    if (!seesEstate(auth.scope, q.estateId)) throw notFound('entity.estate');
    const db = this.database.db;
    const today = todayOf(this.clock);
    const f: BoardFilter = { ...q, scope: auth.scope, today };
    const [rows, total] = await Promise.all([repo.board(db, { ...f, page: q.page, pageSize: q.pageSize }), repo.count(db, f)]);
    return { total, items: await this.rows(db, rows, today) };
  }

  /** One unit's arrears: its board figures, every open line, every step, the steps the caller may take now. */
  async detail(auth: AuthContext, unitId: number) {
    const db = this.database.db;
    const unit = await this.property.requireUnit(db, auth.scope, unitId);
    const today = todayOf(this.clock);
    const [rows, lines, steps, info] = await Promise.all([
      repo.board(db, { scope: auth.scope, estateId: unit.estate_id, today, unitIds: [unitId] }),
      openLines(db, unitId),
      repo.steps(db, unitId),
      unitInfo(db, [unitId]),
    ]);
    const u = info.get(unitId)!;
    const row = (await this.rows(db, rows, today))[0];
    const { lines: _n, ...figures } = row ?? {
      unitId, unitLabel: u.unitLabel, ownerName: u.ownerName, phoneMasked: u.phoneMasked, areaId: u.areaId, areaName: u.areaName, buildingName: u.buildingName,
      outstanding: 0, lateFee: 0, oldestDueOn: null, days: 0, lines: 0, step: 0, lastStepOn: null, deadline: null,
    };
    const role = auth.user.role;
    const allowedSteps = row ? ([2, 3, 4, 5] as const).filter((s) => stepAllowed(row.step, s) && ARREARS_STEP_ROLES[s].includes(role)) : [];
    return { ...figures, lines: lines.map((l: LineRow) => presentLine(l, today, u.unitLabel)), steps: steps.map(presentStep), allowedSteps: [...allowedSteps] };
  }

  /**
   * 催缴通知书 in batch: step 1 for every unit overdue by at least `minDays` days that has no
   * reminder in its current episode. Answers the units, so the web prints one notice a page.
   */
  async reminders(actor: Actor, auth: AuthContext, input: { estateId: number; minDays: number; areaId?: number }) {
    const { scope, user } = auth;
    if (!ARREARS_STEP_ROLES[1].includes(user.role)) throw forbidden();
    if (!seesEstate(scope, input.estateId)) throw outOfScope();
    const db = this.database.db;
    if (input.areaId) {
      const area = await db.selectFrom('areas').select('estate_id').where('id', '=', input.areaId).executeTakeFirst();
      if (!area || area.estate_id !== input.estateId) throw invalid('areaId', 'field.notInEstate');
      if (!seesArea(scope, input.estateId, input.areaId)) throw outOfScope();
    }
    const today = todayOf(this.clock);
    const now = this.clock.now().toISOString();
    return db.transaction().execute(async (trx) => {
      // Two batches at once would remind the same units twice.
      await lockEstate(trx, input.estateId, 'arrears');
      const found = await repo.board(trx, { scope, estateId: input.estateId, areaId: input.areaId, minDays: input.minDays, today, unreminded: true });
      const units = await this.rows(trx, found, today);
      if (!units.length) return { batch: null, onDate: today, units };
      const batch = `${today.replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
      for (const part of chunks(units)) {
        await trx
          .insertInto('arrears_steps')
          .values(
            part.map((u) => ({
              estate_id: input.estateId,
              area_id: u.areaId,
              unit_id: u.unitId,
              step: 1,
              on_date: today,
              channel: 'notice',
              outcome: null,
              reason: null,
              dissatisfaction: null,
              deadline: null,
              resolution: null,
              outstanding: u.outstanding + u.lateFee,
              ticket_id: null,
              batch,
              actor_id: actor.id,
              actor_name: actor.displayName ?? actor.name,
              created_at: now,
            })),
          )
          .execute();
      }
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'arrears_reminders',
        entityId: batch,
        estateId: input.estateId,
        summary: { key: 'audit.reminders', params: { units: units.length, days: input.minDays } },
        detail: { minDays: input.minDays, areaId: input.areaId ?? null, units: units.length },
      });
      return { batch, onDate: today, units };
    });
  }
}
