/** How lines, steps, payments and units of the arrears part leave the server. */
import type { Selectable } from 'kysely';
import { lateAccrued, principalDue } from '../../../core/fees.ts';
import { maskPhone } from '../../../core/mask.ts';
import { unitLabel } from '../../../core/units.ts';
import { toBool } from '../../db/codec.ts';
import type { Executor } from '../../db/database.ts';
import type { ArrearsStepTable, PaymentTable } from '../../db/schema-fees.ts';
import { type LineRow, moneyOf, ruleOf } from './ledger.ts';

/** A bill line as of `today`: the late fee accrued to date, and what is still owed. */
export function presentLine(r: LineRow, today: string, label: string) {
  const m = moneyOf(r);
  const lateFee = lateAccrued(m, ruleOf(r), today);
  const principal = principalDue(m);
  const late = lateFee - m.latePaid - m.lateWaived;
  return {
    id: r.id,
    unitId: r.unit_id,
    unitLabel: label,
    feeItemId: r.fee_item_id,
    itemName: r.item_name,
    itemKind: r.item_kind,
    period: r.period,
    kind: r.kind,
    description: r.description,
    quantity: r.quantity,
    price: r.price,
    gross: r.gross,
    discount: r.discount,
    amount: r.amount,
    dueOn: r.due_on,
    paid: r.paid,
    credited: r.credited,
    waived: r.waived,
    lateFee,
    latePaid: r.late_paid,
    lateWaived: r.late_waived,
    principalDue: principal,
    lateDue: late,
    totalDue: principal + late,
    open: toBool(r.open),
    reason: r.reason,
    adjustsId: r.adjusts_id,
    ticketId: r.ticket_id,
  };
}
export type Line = ReturnType<typeof presentLine>;

export function presentStep(s: Selectable<ArrearsStepTable>) {
  return {
    id: s.id,
    step: s.step,
    onDate: s.on_date,
    channel: s.channel,
    outcome: s.outcome,
    reason: s.reason,
    dissatisfaction: s.dissatisfaction,
    deadline: s.deadline,
    resolution: s.resolution,
    outstanding: s.outstanding,
    ticketId: s.ticket_id,
    batch: s.batch,
    actorName: s.actor_name,
    createdAt: s.created_at,
  };
}

export function presentPayment(p: Selectable<PaymentTable>, label: string) {
  return {
    id: p.id,
    estateId: p.estate_id,
    unitId: p.unit_id,
    unitLabel: label,
    receiptNo: p.receipt_no,
    method: p.method,
    reference: p.reference,
    payerName: p.payer_name,
    amount: p.amount,
    toPrepaid: p.to_prepaid,
    status: p.status,
    businessDate: p.business_date,
    cashierName: p.cashier_name,
    paidAt: p.paid_at,
  };
}

export interface UnitInfo {
  unitId: number;
  estateId: number;
  areaId: number | null;
  unitLabel: string;
  buildingName: string;
  areaName: string | null;
  ownerName: string | null;
  phone: string | null;
  phoneMasked: string | null;
}

/** Label, building, area and current (first) owner of each unit, in two queries. */
export async function unitInfo(db: Executor, unitIds: number[]): Promise<Map<number, UnitInfo>> {
  const out = new Map<number, UnitInfo>();
  if (!unitIds.length) return out;
  const [units, owners] = await Promise.all([
    db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('areas as a', 'a.id', 'b.area_id')
      .select(['u.id', 'u.estate_id', 'b.area_id', 'u.entrance', 'u.number', 'b.code', 'b.name as building_name', 'a.name as area_name'])
      .where('u.id', 'in', unitIds)
      .execute(),
    db.selectFrom('ownerships').select(['unit_id', 'owner_name', 'phone']).where('unit_id', 'in', unitIds).where('ended_on', 'is', null).orderBy('id').execute(),
  ]);
  for (const u of units) {
    const o = owners.find((x) => x.unit_id === u.id);
    out.set(u.id, {
      unitId: u.id,
      estateId: u.estate_id,
      areaId: u.area_id,
      unitLabel: unitLabel(u.code, u.entrance, u.number),
      buildingName: u.building_name,
      areaName: u.area_name,
      ownerName: o?.owner_name ?? null,
      phone: o?.phone ?? null,
      phoneMasked: maskPhone(o?.phone ?? null),
    });
  }
  return out;
}
