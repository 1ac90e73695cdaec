/**
 * Waivers (减免) of a line's principal and/or late fee (manual 4.1.3 step 5, R-FEE): asked for
 * with a reason, decided by the assistant or the director; on approval the line's waived columns
 * move through the ledger, never above what is owed that day.
 */
import { type Clock, localDate, todayOf } from '../../../../core/clock.ts';
import { applyWaiver } from '../../../../core/fees.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { unitRef } from '../../audit/audit.refs.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { UNIT_COLUMNS } from './cashier.repository.ts';
import { labelOf, yuan } from '../billing/lines.present.ts';
import { assertDecidable, markDecided, pendingRequest, presentDecision } from './requests.ts';
import { dueOf, linesWithRule, moneyOf, ruleOf, updateLine } from '../ledger.ts';
import { assertVisible } from '../fees.scope.ts';

function waivers(db: Executor) {
  return db
    .selectFrom('fee_waivers as w')
    .innerJoin('bill_lines as l', 'l.id', 'w.line_id')
    .innerJoin('fee_items as i', 'i.id', 'l.fee_item_id')
    .innerJoin('units as u', 'u.id', 'w.unit_id')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .selectAll('w')
    .select(['i.name as item_name', 'l.period', ...UNIT_COLUMNS]);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof waivers>['executeTakeFirst']>>>;

function present(w: Row) {
  return {
    id: w.id,
    estateId: w.estate_id,
    unitId: w.unit_id,
    unitLabel: labelOf(w),
    lineId: w.line_id,
    itemName: w.item_name,
    period: w.period,
    principal: w.principal,
    lateFee: w.late_fee,
    ...presentDecision(w),
  };
}

export class WaiverService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  async request(actor: Actor, auth: AuthContext, input: { lineId: number; principal: number; lateFee: number; reason: string }) {
    if (input.principal + input.lateFee <= 0) throw invalid('principal', 'fee.waiverEmpty');
    const id = await this.db.transaction().execute(async (trx) => {
      const line = await linesWithRule(trx).where('l.id', '=', input.lineId).executeTakeFirst();
      assertVisible(auth.scope, line, 'entity.billLine');
      if (line.open !== 1) throw conflict('conflict.lineSettled');
      const due = dueOf(line, todayOf(this.clock));
      if (input.principal > due.principal) throw invalid('principal', 'fee.waiverAbove', { max: yuan(Math.max(0, due.principal)) });
      if (input.lateFee > due.late) throw invalid('lateFee', 'fee.waiverAbove', { max: yuan(Math.max(0, due.late)) });
      const pending = await trx.selectFrom('fee_waivers').select('id').where('line_id', '=', line.id).where('status', '=', 'pending').executeTakeFirst();
      if (pending) throw conflict('conflict.waiverPending');
      const row = await trx
        .insertInto('fee_waivers')
        .values({
          estate_id: line.estate_id,
          unit_id: line.unit_id,
          line_id: line.id,
          principal: input.principal,
          late_fee: input.lateFee,
          reason: input.reason,
          ...pendingRequest(actor, this.clock.now().toISOString()),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'fee_waiver',
        entityId: row.id,
        estateId: line.estate_id,
        summary: { key: 'audit.waiver.request', params: { unit: await unitRef(trx, line.unit_id), item: line.item_name, period: line.period, principal: yuan(input.principal), late: yuan(input.lateFee), reason: input.reason } },
        ref: await unitRef(trx, line.unit_id),
      });
      return row.id;
    });
    return this.get(auth, id);
  }

  async get(auth: AuthContext, id: number) {
    const w = await waivers(this.db).where('w.id', '=', id).executeTakeFirst();
    assertVisible(auth.scope, w, 'entity.waiver');
    return present(w);
  }

  async list(auth: AuthContext, f: { estateId?: number; status?: string; page: number; pageSize: number }) {
    let q = waivers(this.db).where(inScope(auth.scope, 'w.estate_id', 'b.area_id'));
    if (f.estateId) q = q.where('w.estate_id', '=', f.estateId);
    if (f.status) q = q.where('w.status', '=', f.status);
    const [items, count] = await Promise.all([
      q.orderBy('w.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), items: items.map(present) };
  }

  async decide(actor: Actor, auth: AuthContext, id: number, approve: boolean, note: string | null) {
    await this.db.transaction().execute(async (trx) => {
      const w = await waivers(trx).where('w.id', '=', id).executeTakeFirst();
      assertVisible(auth.scope, w, 'entity.waiver');
      assertDecidable(w, actor);
      const now = this.clock.now();
      const today = localDate(now);
      const at = now.toISOString();
      await markDecided(trx, 'fee_waivers', id, { actor, approve, note, at });
      if (approve) {
        const line = await linesWithRule(trx).where('l.id', '=', w.line_id).executeTakeFirstOrThrow();
        const due = dueOf(line, today);
        if (w.principal > due.principal || w.late_fee > due.late) throw conflict('conflict.waiverAboveDue', { principal: yuan(Math.max(0, due.principal)), late: yuan(Math.max(0, due.late)) });
        const rule = ruleOf(line);
        if (!(await updateLine(trx, line, applyWaiver(moneyOf(line), rule, today, w.principal, w.late_fee), rule, today, at))) throw conflict('conflict.lineBusy');
      }
      await this.audit.record(trx, actor, {
        action: approve ? 'approve' : 'reject',
        entity: 'fee_waiver',
        entityId: id,
        estateId: w.estate_id,
        summary: { key: approve ? 'audit.waiver.approve' : 'audit.waiver.reject', params: { unit: labelOf(w), item: w.item_name, period: w.period, note: note ?? '' } },
        ref: labelOf(w),
      });
    });
    return this.get(auth, id);
  }
}
