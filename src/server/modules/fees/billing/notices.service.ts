/**
 * Payment notices 缴费通知单 (manual 4.1.2: the area's administrator hands them out): one per unit
 * with its lines of the period, arrears brought forward, late fees to date and the prepaid
 * balance; the billing list 缴费清单 is the same data as a workbook. Delivery is recorded once
 * per unit and period.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { seesArea } from '../../../../core/scope.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { chunks } from '../../../db/codec.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { deliveredInput } from './billing.schemas.ts';
import { dueOf, linesWithRule } from '../ledger.ts';
import { labelledLines } from './lines.repository.ts';
import { labelOf, type Line, presentLine } from './lines.present.ts';
import { unitInfo } from '../units.info.ts';

export interface NoticeQuery {
  estateId: number;
  period: string;
  buildingId?: number;
  areaId?: number;
}

export interface Notice {
  unitId: number;
  unitLabel: string;
  ownerName: string | null;
  buildingName: string;
  areaName: string | null;
  period: string;
  lines: Line[];
  periodAmount: number;
  arrears: number;
  lateFees: number;
  prepaidBalance: number;
  totalDue: number;
  dueOn: string | null;
  deliveredAt: string | null;
}

export class NoticeService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  /**
   * The notices to hand out: units that owe something. A unit whose period is settled (paid,
   * prepaid, fully discounted) gets no "应缴 ¥0.00" sheet; `skipped` says how many were left out.
   */
  async list(auth: AuthContext, q: NoticeQuery): Promise<{ items: Notice[]; skipped: number }> {
    const today = todayOf(this.clock);
    const db = this.db;
    const filter = (eb: ExpressionBuilder<any, any>) => {
      const parts: Expression<SqlBool>[] = [inScope(auth.scope, 'l.estate_id', 'l.area_id')(eb), eb('l.estate_id', '=', q.estateId)];
      if (q.areaId) parts.push(eb('l.area_id', '=', q.areaId));
      if (q.buildingId) parts.push(eb('l.building_id', '=', q.buildingId));
      return eb.and(parts);
    };
    const periodLines = await labelledLines(db).where(filter).where('l.period', '=', q.period).orderBy('l.building_id').orderBy('l.unit_id').orderBy('l.id').execute();
    if (!periodLines.length) return { items: [], skipped: 0 };
    const units = new Map<number, Notice>();
    for (const r of periodLines) {
      const line = presentLine(r, today, labelOf(r));
      let n = units.get(r.unit_id);
      if (!n) {
        n = {
          unitId: r.unit_id,
          unitLabel: line.unitLabel,
          ownerName: null,
          buildingName: '',
          areaName: null,
          period: q.period,
          lines: [],
          periodAmount: 0,
          arrears: 0,
          lateFees: 0,
          prepaidBalance: 0,
          totalDue: 0,
          dueOn: null,
          deliveredAt: null,
        };
        units.set(r.unit_id, n);
      }
      n.lines.push(line);
      n.periodAmount += line.amount;
      n.lateFees += line.lateDue;
      n.totalDue += line.totalDue;
      if (line.amount > 0 && (!n.dueOn || line.dueOn < n.dueOn)) n.dueOn = line.dueOn;
    }
    const earlier = await linesWithRule(db).where(filter).where('l.open', '=', 1).where('l.period', '<', q.period).execute();
    for (const r of earlier) {
      const n = units.get(r.unit_id);
      if (!n || r.amount <= 0) continue;
      const due = dueOf(r, today);
      n.arrears += due.total;
      n.lateFees += due.late;
      n.totalDue += due.total;
    }
    const owing = [...units.values()].filter((n) => n.totalDue > 0);
    const due = new Map(owing.map((n) => [n.unitId, n]));
    await this.fillUnits(db, q, due);
    return { items: owing, skipped: units.size - owing.length };
  }

  /** Owner names, building and area names (units.info.ts), prepaid balances and deliveries, for the whole estate at once. */
  private async fillUnits(db: Executor, q: NoticeQuery, units: Map<number, Notice>) {
    const [info, prepaid, deliveries] = await Promise.all([
      unitInfo(db, { estateId: q.estateId }),
      db
        .selectFrom('prepaid_entries')
        .select(['unit_id', (eb) => eb.fn.sum<number>('amount').as('balance')])
        .where('estate_id', '=', q.estateId)
        .groupBy('unit_id')
        .execute(),
      db.selectFrom('notice_deliveries').select(['unit_id', 'delivered_at']).where('estate_id', '=', q.estateId).where('period', '=', q.period).execute(),
    ]);
    const balances = new Map(prepaid.map((p) => [p.unit_id, Number(p.balance)]));
    const delivered = new Map(deliveries.map((d) => [d.unit_id, d.delivered_at]));
    for (const n of units.values()) {
      const u = info.get(n.unitId);
      n.ownerName = u?.ownerName ?? null;
      n.buildingName = u?.buildingName ?? '';
      n.areaName = u?.areaName ?? null;
      n.prepaidBalance = balances.get(n.unitId) ?? 0;
      n.deliveredAt = delivered.get(n.unitId) ?? null;
    }
  }

  /** The administrator has handed out the notices of these units; marking again changes nothing. */
  async delivered(actor: Actor, auth: AuthContext, input: z.infer<typeof deliveredInput>) {
    const ids = [...new Set(input.unitIds)];
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const units = [];
      for (const part of chunks(ids)) units.push(...(await trx.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['u.id', 'u.estate_id', 'b.area_id']).where('u.id', 'in', part).execute()));
      if (units.length !== ids.length || units.some((u) => !seesArea(auth.scope, u.estate_id, u.area_id))) throw notFound('entity.unit');
      // In chunks: 5000 units × 7 columns in one statement pass SQLite's limit of bound values.
      const rows = [];
      for (const part of chunks(units)) {
        rows.push(
          ...(await trx
            .insertInto('notice_deliveries')
            .values(part.map((u) => ({ estate_id: u.estate_id, unit_id: u.id, period: input.period, delivered_at: now, delivered_by: actor.id, delivered_by_name: actor.displayName ?? actor.name, note: input.note })))
            .onConflict((oc) => oc.columns(['unit_id', 'period']).doNothing())
            .returning('unit_id')
            .execute()),
        );
      }
      if (rows.length) {
        await this.audit.record(trx, actor, {
          action: 'deliver',
          entity: 'notice',
          entityId: input.period,
          estateId: units[0]!.estate_id,
          summary: { key: 'audit.notice.deliver', params: { period: input.period, count: rows.length } },
          ref: input.period,
          detail: { period: input.period, unitIds: rows.map((r) => r.unit_id), note: input.note },
        });
      }
      return { marked: rows.length };
    });
  }
}
