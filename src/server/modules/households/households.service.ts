import type { z } from 'zod';
import { type Clock, localDate } from '../../../core/clock.ts';
import { maskIdNumber, maskPhone } from '../../../core/mask.ts';
import type { Scope } from '../../../core/scope.ts';
import { unitLabel } from '../../../core/units.ts';
import { fromBool, joinList, splitList, toBool } from '../../db/codec.ts';
import type { Db, Executor } from '../../db/database.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { diff } from '../audit/audit.service.ts';
import type { PropertyService } from '../property/property.service.ts';
import { householdRepository as repo } from './households.repository.ts';
import type {
  householdCreate,
  householdUpdate,
  memberInput,
  memberUpdate,
  moveOut,
  ownershipTransfer,
  ownershipUpdate,
  revealInput,
  tenancyCreate,
  tenancyTerminate,
} from './households.schemas.ts';

type MemberRow = Awaited<ReturnType<typeof repo.members>>[number];
type HouseholdRow = NonNullable<Awaited<ReturnType<typeof repo.find>>>;
type MemberIn = z.infer<typeof memberInput>;

/** The household archive 业主档案 (R-HH, manual 4.5) with its privacy rules (R-HH-PRIV). */
export class HouseholdService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
  ) {}

  private now() {
    return this.clock.now().toISOString();
  }

  /** A search by `searcher` matches phones only as far as http/phone-search.ts allows. */
  async list(f: Parameters<typeof repo.list>[1], searcher?: { actor: Actor; auth: AuthContext }) {
    const phone = searcher ? await this.property.phoneSearch(searcher.actor, searcher.auth, f.q, f.estateId) : null;
    const { items, total } = await repo.list(this.db, { ...f, phone });
    const members = await repo.members(this.db, items.map((h) => h.id));
    return {
      total,
      items: items.map((h) => {
        const mine = members.filter((m) => m.household_id === h.id && !m.moved_out_on);
        const head = mine.find((m) => toBool(m.is_head)) ?? mine[0];
        return {
          id: h.id,
          estateId: h.estate_id,
          unitId: h.unit_id,
          unitLabel: unitLabel(h.building_code, h.entrance, h.number),
          name: h.name,
          movedInOn: h.moved_in_on,
          headName: head?.name ?? null,
          headPhone: maskPhone(head?.phone),
          memberCount: mine.length,
          careFlags: [...new Set(mine.flatMap((m) => splitList(m.care_flags)))],
        };
      }),
    };
  }

  async get(scope: Scope, id: number) {
    const h = await this.requireHousehold(this.db, scope, id);
    const unit = await this.property.requireUnit(this.db, scope, h.unit_id);
    const members = await repo.members(this.db, [id]);
    return presentHousehold(h, unitLabel(unit.building_code, unit.entrance, unit.number), members);
  }

  /** Everything the archive knows about one unit: current and past households, owners, tenants. */
  async archive(scope: Scope, unitId: number) {
    const unit = await this.property.getUnit(scope, unitId);
    const [households, ownerships, tenancies] = await Promise.all([repo.byUnit(this.db, unitId), repo.ownerships(this.db, unitId), repo.tenancies(this.db, unitId)]);
    const members = await repo.members(this.db, households.map((h) => h.id));
    const all = households.map((h) => presentHousehold(h, unit.label, members));
    const today = localDate(this.clock.now());
    return {
      unit,
      household: all.find((h) => !h.movedOutOn) ?? null,
      pastHouseholds: all.filter((h) => h.movedOutOn),
      ownerships: ownerships.map(presentOwnership),
      tenancies: tenancies.map((t) => presentTenancy(t, today)),
    };
  }

  private async requireHousehold(db: Executor, scope: Scope, id: number): Promise<HouseholdRow> {
    const h = await repo.find(db, id);
    if (!h) throw notFound('entity.household');
    await this.property.requireUnit(db, scope, h.unit_id).catch(() => {
      throw notFound('entity.household');
    });
    return h;
  }

  async create(actor: Actor, scope: Scope, input: z.infer<typeof householdCreate>) {
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, scope, input.unitId);
      if (await repo.currentOfUnit(trx, unit.id)) throw conflict('conflict.currentHousehold', undefined, { unitId: { key: 'conflict.currentHousehold' } });
      const { id } = await repo.insert(trx, {
        estate_id: unit.estate_id,
        unit_id: unit.id,
        name: input.name,
        moved_in_on: input.movedInOn ?? null,
        notes: input.notes,
        created_at: this.now(),
      });
      const heads = input.members.filter((m) => m.isHead).length;
      if (heads > 1) throw invalid('members', 'field.invalid');
      for (const [i, m] of input.members.entries()) {
        // Without an explicit head, the first member listed is the head (户主).
        await repo.insertMember(trx, this.memberRow(unit.estate_id, id, { ...m, isHead: heads ? m.isHead : i === 0 }));
      }
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'household',
        entityId: id,
        estateId: unit.estate_id,
        summary: { key: 'audit.household.create', params: { name: input.name, unit: unitLabel(unit.building_code, unit.entrance, unit.number) } },
        ref: unitLabel(unit.building_code, unit.entrance, unit.number),
      });
      return id;
    });
  }

  async update(actor: Actor, scope: Scope, id: number, input: z.infer<typeof householdUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.requireHousehold(trx, scope, id);
      const row = { name: input.name, moved_in_on: input.movedInOn, notes: input.notes };
      await repo.update(trx, id, row);
      await this.audit.record(trx, actor, { action: 'update', entity: 'household', entityId: id, estateId: before.estate_id, summary: { key: 'audit.household.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
    });
  }

  async moveOut(actor: Actor, scope: Scope, id: number, input: z.infer<typeof moveOut>) {
    await this.db.transaction().execute(async (trx) => {
      const h = await this.requireHousehold(trx, scope, id);
      if (h.moved_out_on) throw conflict('conflict.alreadyEnded');
      if (h.moved_in_on && input.movedOutOn < h.moved_in_on) throw invalid('movedOutOn', 'field.dateOrder');
      await repo.update(trx, id, { moved_out_on: input.movedOutOn });
      await this.audit.record(trx, actor, { action: 'end', entity: 'household', entityId: id, estateId: h.estate_id, summary: { key: 'audit.household.end', params: { name: h.name } }, ref: h.name, detail: input });
    });
  }

  async addMember(actor: Actor, scope: Scope, householdId: number, input: MemberIn) {
    return this.db.transaction().execute(async (trx) => {
      const h = await this.requireHousehold(trx, scope, householdId);
      if (h.moved_out_on) throw conflict('conflict.alreadyEnded');
      if (input.isHead) await repo.clearHead(trx, householdId);
      const { id } = await repo.insertMember(trx, this.memberRow(h.estate_id, householdId, input));
      await this.audit.record(trx, actor, { action: 'create', entity: 'member', entityId: id, estateId: h.estate_id, summary: { key: 'audit.member.create', params: { name: input.name, household: h.name } }, ref: input.name });
      return id;
    });
  }

  async updateMember(actor: Actor, scope: Scope, memberId: number, input: z.infer<typeof memberUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findMember(trx, memberId);
      if (!before) throw notFound('entity.member');
      await this.requireHousehold(trx, scope, before.household_id).catch(() => {
        throw notFound('entity.member');
      });
      if (input.isHead) await repo.clearHead(trx, before.household_id);
      const row = {
        name: input.name,
        relation: input.relation,
        is_head: input.isHead === undefined ? undefined : fromBool(input.isHead),
        is_owner: input.isOwner === undefined ? undefined : fromBool(input.isOwner),
        gender: input.gender,
        birth_year: input.birthYear,
        phone: input.phone,
        id_number: input.idNumber,
        occupation: input.occupation,
        employer: input.employer,
        specialties: input.specialties,
        hobbies: input.hobbies,
        care_flags: input.careFlags === undefined ? undefined : joinList(input.careFlags),
        notes: input.notes,
      };
      await repo.updateMember(trx, memberId, { ...row, updated_at: this.now() });
      await this.audit.record(trx, actor, { action: 'update', entity: 'member', entityId: memberId, estateId: before.estate_id, summary: { key: 'audit.member.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
    });
  }

  async moveOutMember(actor: Actor, scope: Scope, memberId: number, input: z.infer<typeof moveOut>) {
    await this.db.transaction().execute(async (trx) => {
      const m = await repo.findMember(trx, memberId);
      if (!m) throw notFound('entity.member');
      await this.requireHousehold(trx, scope, m.household_id).catch(() => {
        throw notFound('entity.member');
      });
      if (m.moved_out_on) throw conflict('conflict.alreadyEnded');
      await repo.updateMember(trx, memberId, { moved_out_on: input.movedOutOn, updated_at: this.now() });
      await this.audit.record(trx, actor, { action: 'end', entity: 'member', entityId: memberId, estateId: m.estate_id, summary: { key: 'audit.member.end', params: { name: m.name } }, ref: m.name, detail: input });
    });
  }

  /** Ownership change 产权变更: the current owners' records end, the new ones begin, same day. */
  async transferOwnership(actor: Actor, scope: Scope, unitId: number, input: z.infer<typeof ownershipTransfer>) {
    const total = input.owners.reduce((s, o) => s + o.sharePercent, 0);
    if (total !== 100) throw invalid('owners', 'conflict.ownershipShares', { total });
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, scope, unitId);
      const previous = (await repo.ownerships(trx, unitId)).filter((o) => !o.ended_on);
      if (previous.some((o) => o.acquired_on > input.date)) throw invalid('date', 'field.dateOrder');
      await repo.endOwnerships(trx, unitId, input.date, input.reason);
      const ids: number[] = [];
      for (const o of input.owners) {
        const { id } = await repo.insertOwnership(trx, {
          estate_id: unit.estate_id,
          unit_id: unitId,
          owner_name: o.ownerName,
          phone: o.phone,
          id_number: o.idNumber,
          share_percent: o.sharePercent,
          acquired_on: input.date,
          acquired_how: input.how,
          certificate_no: o.certificateNo,
          notes: o.notes,
          created_at: this.now(),
        });
        ids.push(id);
      }
      await this.audit.record(trx, actor, {
        action: 'transfer',
        entity: 'unit',
        entityId: unitId,
        estateId: unit.estate_id,
        summary: { key: 'audit.ownership.transfer', params: { unit: unitLabel(unit.building_code, unit.entrance, unit.number), from: previous.map((o) => o.owner_name).join('、') || '—', to: input.owners.map((o) => o.ownerName).join('、') } },
        ref: unitLabel(unit.building_code, unit.entrance, unit.number),
        detail: { date: input.date, how: input.how, reason: input.reason, ended: previous.map((o) => o.id), created: ids },
      });
      return ids;
    });
  }

  async updateOwnership(actor: Actor, scope: Scope, id: number, input: z.infer<typeof ownershipUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findOwnership(trx, id);
      if (!before) throw notFound('entity.ownership');
      await this.property.requireUnit(trx, scope, before.unit_id).catch(() => {
        throw notFound('entity.ownership');
      });
      const row = { phone: input.phone, id_number: input.idNumber, certificate_no: input.certificateNo, notes: input.notes };
      await repo.updateOwnership(trx, id, row);
      await this.audit.record(trx, actor, { action: 'update', entity: 'ownership', entityId: id, estateId: before.estate_id, summary: { key: 'audit.ownership.update', params: { name: before.owner_name } }, ref: before.owner_name, detail: diff(before, row) });
    });
  }

  async createTenancy(actor: Actor, scope: Scope, input: z.infer<typeof tenancyCreate>) {
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, scope, input.unitId);
      if (input.householdId) {
        const h = await repo.find(trx, input.householdId);
        if (!h || h.unit_id !== unit.id) throw invalid('householdId', 'field.invalid');
      }
      const { id } = await repo.insertTenancy(trx, {
        estate_id: unit.estate_id,
        unit_id: unit.id,
        household_id: input.householdId ?? null,
        tenant_name: input.tenantName,
        phone: input.phone,
        id_number: input.idNumber,
        start_on: input.startOn,
        end_on: input.endOn,
        monthly_rent: input.monthlyRent,
        deposit: input.deposit,
        agent: input.agent,
        notes: input.notes,
        created_at: this.now(),
      });
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'tenancy',
        entityId: id,
        estateId: unit.estate_id,
        summary: { key: 'audit.tenancy.create', params: { name: input.tenantName, unit: unitLabel(unit.building_code, unit.entrance, unit.number) } },
        ref: unitLabel(unit.building_code, unit.entrance, unit.number),
      });
      return id;
    });
  }

  async terminateTenancy(actor: Actor, scope: Scope, id: number, input: z.infer<typeof tenancyTerminate>) {
    await this.db.transaction().execute(async (trx) => {
      const t = await repo.findTenancy(trx, id);
      if (!t) throw notFound('entity.tenancy');
      await this.property.requireUnit(trx, scope, t.unit_id).catch(() => {
        throw notFound('entity.tenancy');
      });
      if (t.terminated_on) throw conflict('conflict.alreadyEnded');
      if (input.terminatedOn < t.start_on) throw invalid('terminatedOn', 'field.dateOrder');
      await repo.updateTenancy(trx, id, { terminated_on: input.terminatedOn, notes: input.reason ? [t.notes, `退租：${input.reason}`].filter(Boolean).join('\n') : t.notes });
      await this.audit.record(trx, actor, { action: 'end', entity: 'tenancy', entityId: id, estateId: t.estate_id, summary: { key: 'audit.tenancy.end', params: { name: t.tenant_name } }, ref: t.tenant_name, detail: input });
    });
  }

  /** The one way to read a full phone or ID number; every call is audited (R-HH-PRIV). */
  async reveal(actor: Actor, scope: Scope, input: z.infer<typeof revealInput>) {
    const source = await this.revealSource(scope, input.kind, input.id);
    const value = input.field === 'phone' ? source.phone : source.idNumber;
    await this.audit.record(this.db, actor, {
      action: 'reveal',
      entity: input.kind,
      entityId: input.id,
      estateId: source.estateId,
      summary: { key: 'audit.reveal', params: { field: input.field === 'phone' ? 'audit.field.phone' : 'audit.field.idNumber', name: source.name } },
      ref: source.name,
      detail: { field: input.field, unitId: source.unitId },
    });
    return { value };
  }

  private async revealSource(scope: Scope, kind: 'member' | 'ownership' | 'tenancy', id: number) {
    const entity = `entity.${kind}`;
    let row: { estate_id: number; phone: string | null; id_number: string | null; name: string; unitId: number } | undefined;
    if (kind === 'member') {
      const m = await repo.findMember(this.db, id);
      const h = m && (await repo.find(this.db, m.household_id));
      row = m && h ? { ...m, unitId: h.unit_id } : undefined;
    } else if (kind === 'ownership') {
      const o = await repo.findOwnership(this.db, id);
      row = o ? { ...o, name: o.owner_name, unitId: o.unit_id } : undefined;
    } else {
      const t = await repo.findTenancy(this.db, id);
      row = t ? { ...t, name: t.tenant_name, unitId: t.unit_id } : undefined;
    }
    if (!row) throw notFound(entity);
    await this.property.requireUnit(this.db, scope, row.unitId).catch(() => {
      throw notFound(entity);
    });
    return { estateId: row.estate_id, phone: row.phone, idNumber: row.id_number, name: row.name, unitId: row.unitId };
  }

  private memberRow(estateId: number, householdId: number, m: MemberIn) {
    const now = this.now();
    return {
      estate_id: estateId,
      household_id: householdId,
      name: m.name,
      relation: m.relation,
      is_head: fromBool(m.isHead),
      is_owner: fromBool(m.isOwner),
      gender: m.gender ?? null,
      birth_year: m.birthYear ?? null,
      phone: m.phone,
      id_number: m.idNumber,
      occupation: m.occupation,
      employer: m.employer,
      specialties: m.specialties,
      hobbies: m.hobbies,
      care_flags: joinList(m.careFlags),
      notes: m.notes,
      created_at: now,
      updated_at: now,
    };
  }
}

export function presentMember(m: MemberRow) {
  return {
    id: m.id,
    householdId: m.household_id,
    name: m.name,
    relation: m.relation,
    isHead: toBool(m.is_head),
    isOwner: toBool(m.is_owner),
    gender: m.gender,
    birthYear: m.birth_year,
    phone: maskPhone(m.phone),
    idNumber: maskIdNumber(m.id_number),
    occupation: m.occupation,
    employer: m.employer,
    specialties: m.specialties,
    hobbies: m.hobbies,
    careFlags: splitList(m.care_flags),
    notes: m.notes,
    movedOutOn: m.moved_out_on,
  };
}

function presentHousehold(h: HouseholdRow, label: string, members: MemberRow[]) {
  return {
    id: h.id,
    estateId: h.estate_id,
    unitId: h.unit_id,
    unitLabel: label,
    name: h.name,
    movedInOn: h.moved_in_on,
    movedOutOn: h.moved_out_on,
    notes: h.notes,
    members: members.filter((m) => m.household_id === h.id).map(presentMember),
  };
}

function presentOwnership(o: Awaited<ReturnType<typeof repo.ownerships>>[number]) {
  return {
    id: o.id,
    unitId: o.unit_id,
    ownerName: o.owner_name,
    phone: maskPhone(o.phone),
    idNumber: maskIdNumber(o.id_number),
    sharePercent: o.share_percent,
    acquiredOn: o.acquired_on,
    acquiredHow: o.acquired_how,
    certificateNo: o.certificate_no,
    endedOn: o.ended_on,
    endReason: o.end_reason,
    notes: o.notes,
  };
}

function presentTenancy(t: Awaited<ReturnType<typeof repo.tenancies>>[number], today: string) {
  return {
    id: t.id,
    unitId: t.unit_id,
    householdId: t.household_id,
    tenantName: t.tenant_name,
    phone: maskPhone(t.phone),
    idNumber: maskIdNumber(t.id_number),
    startOn: t.start_on,
    endOn: t.end_on,
    monthlyRent: t.monthly_rent,
    deposit: t.deposit,
    agent: t.agent,
    notes: t.notes,
    terminatedOn: t.terminated_on,
    active: !t.terminated_on && t.start_on <= today && t.end_on >= today,
  };
}
