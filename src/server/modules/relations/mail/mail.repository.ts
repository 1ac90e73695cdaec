/** The Kysely queries of mail: items with their unit, pickups, portal users of a unit. */
import { daysWaiting, type MailKind, type MailStatus } from '../../../../core/mail.ts';
import type { Carrier } from '../../../../core/mail.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Executor } from '../../../db/database.ts';
import { currentPortalUnits } from '../../households/portal-scope.ts';

export function itemsQuery(db: Executor) {
  return db
    .selectFrom('mail_items as m')
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('household_members as hm', 'hm.id', 'm.member_id')
    .leftJoin('users as r', 'r.id', 'm.received_by')
    .leftJoin('mail_pickups as p', 'p.id', 'm.pickup_id');
}

export const ITEM_COLUMNS = [
  'm.id', 'm.estate_id', 'm.area_id', 'm.number', 'm.received_on', 'm.kind', 'm.carrier', 'm.tracking_no', 'm.addressee', 'm.unit_id', 'm.phone_last4',
  'm.shelf', 'm.pieces', 'm.note', 'm.requires_signature', 'm.status', 'm.received_at', 'm.notified_at', 'm.slip_printed_at', 'm.reminders_sent', 'm.left_at',
  'm.left_note', 'm.pickup_id', 'm.photo_key', 'm.photo_deleted_at', 'm.pickup_code', 'u.entrance', 'u.number as unit_number', 'b.code as building_code',
  'hm.name as member_name', 'r.display_name as received_by_name', 'p.picker_name',
] as const;

export type ItemRow = {
  id: number; estate_id: number; area_id: number | null; number: string; received_on: string; kind: string; carrier: string; tracking_no: string | null;
  addressee: string; unit_id: number | null; phone_last4: string | null; shelf: string; pieces: number; note: string | null; requires_signature: number;
  status: string; received_at: string; notified_at: string | null; slip_printed_at: string | null; reminders_sent: number; left_at: string | null;
  left_note: string | null; pickup_id: number | null; photo_key: string | null; photo_deleted_at: string | null; pickup_code: string;
  entrance: string | null; unit_number: string | null; building_code: string | null; member_name: string | null; received_by_name: string | null; picker_name: string | null;
};

export const labelOf = (r: { building_code: string | null; entrance: string | null; unit_number: string | null }) =>
  r.building_code && r.unit_number ? unitLabel(r.building_code, r.entrance, r.unit_number) : null;

/** The item as every staff answer shows it; the pickup code is never in it. */
export function present(r: ItemRow, now: Date, portalUnits: ReadonlySet<number>) {
  return {
    id: r.id,
    estateId: r.estate_id,
    number: r.number,
    receivedOn: r.received_on,
    kind: r.kind as MailKind,
    carrier: r.carrier as Carrier,
    trackingNo: r.tracking_no,
    addressee: r.addressee,
    unitId: r.unit_id,
    unitLabel: labelOf(r),
    memberName: r.member_name,
    phoneLast4: r.phone_last4,
    shelf: r.shelf,
    pieces: r.pieces,
    note: r.note,
    requiresSignature: r.requires_signature === 1,
    status: r.status as MailStatus,
    receivedAt: r.received_at,
    receivedByName: r.received_by_name,
    notifiedAt: r.notified_at,
    hasPortalUser: r.unit_id != null && portalUnits.has(r.unit_id),
    remindersSent: r.reminders_sent,
    daysWaiting: Math.max(0, daysWaiting(r.received_at, r.left_at ? new Date(r.left_at) : now)),
    leftAt: r.left_at,
    leftNote: r.left_note,
    pickupId: r.pickup_id,
    pickerName: r.picker_name,
    hasPhoto: r.photo_key != null && r.photo_deleted_at == null,
    photoDeletedAt: r.photo_deleted_at,
  };
}

/** Portal users who currently see each unit (owner or tenant accounts whose grant is current). */
export async function portalUsersOf(db: Executor, unitIds: number[], today: string): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!unitIds.length) return out;
  const rows = await db
    .selectFrom('owner_units as ou')
    .innerJoin('users as us', 'us.id', 'ou.user_id')
    .select(['ou.user_id', 'ou.unit_id'])
    .where('ou.unit_id', 'in', [...new Set(unitIds)])
    .where('us.active', '=', 1)
    .where('us.role', '=', 'owner')
    .execute();
  const current = new Map<number, number[]>();
  for (const r of rows) {
    if (!current.has(r.user_id)) current.set(r.user_id, await currentPortalUnits(db, r.user_id, today));
    if (current.get(r.user_id)!.includes(r.unit_id)) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.user_id]);
  }
  return out;
}

/** The unit with its place (estate, area) and label, or undefined. */
export function findUnit(db: Executor, unitId: number) {
  return db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.estate_id', 'b.area_id', 'u.entrance', 'u.number as unit_number', 'b.code as building_code', 'u.archived_at'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}

/** Current household members of a unit (name matching at registration). */
export function currentMembers(db: Executor, unitId: number) {
  return db
    .selectFrom('household_members as hm')
    .innerJoin('households as h', 'h.id', 'hm.household_id')
    .select(['hm.id', 'hm.name'])
    .where('h.unit_id', '=', unitId)
    .where('h.moved_out_on', 'is', null)
    .where('hm.moved_out_on', 'is', null)
    .orderBy('hm.is_head', 'desc')
    .orderBy('hm.id')
    .execute();
}
