import type { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import { maskPhone } from '../../../core/mask.ts';
import { seesArea, seesEstate, seesWholeEstate, visibleEstateIds, type Scope } from '../../../core/scope.ts';
import { areaToHundredths, type CareFlag, hundredthsToArea, type UnitStatus, unitLabel } from '../../../core/units.ts';
import { splitList } from '../../db/codec.ts';
import type { Db, Executor } from '../../db/database.ts';
import { conflict, invalid, notFound, outOfScope } from '../../http/errors.ts';
import { admitPhoneSearch, type PhoneTerm } from '../../http/phone-search.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { diff } from '../audit/audit.service.ts';
import { estateRepository } from '../estates/estates.repository.ts';
import { propertyRepository as repo, type UnitFilter } from './property.repository.ts';
import type { buildingCreate, buildingUpdate, facilityCreate, facilityUpdate, unitCreate, unitUpdate } from './property.schemas.ts';

type UnitRow = NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>;
type BuildingRow = NonNullable<Awaited<ReturnType<typeof repo.findBuilding>>>;

const archivedAt = (flag: boolean | undefined, current: string | null, now: string) =>
  flag === undefined ? undefined : flag ? (current ?? now) : null;

export class PropertyService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  // ---- buildings -------------------------------------------------------------------------

  async listBuildings(f: Parameters<typeof repo.listBuildings>[1]) {
    const { items, total } = await repo.listBuildings(this.db, f);
    const counts = await repo.statusCounts(this.db, items.map((b) => b.id));
    return {
      total,
      items: items.map((b) => {
        const mine = counts.filter((c) => c.building_id === b.id);
        return {
          ...mapBuilding(b),
          unitCount: mine.reduce((s, c) => s + Number(c.n), 0),
          statusCounts: Object.fromEntries(mine.map((c) => [c.status, Number(c.n)])),
        };
      }),
    };
  }

  async getBuilding(scope: Scope, id: number) {
    const b = await this.requireBuilding(this.db, scope, id);
    const counts = await repo.statusCounts(this.db, [id]);
    return {
      ...mapBuilding(b),
      unitCount: counts.reduce((s, c) => s + Number(c.n), 0),
      statusCounts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    };
  }

  async requireBuilding(db: Executor, scope: Scope, id: number): Promise<BuildingRow> {
    const b = await repo.findBuilding(db, id);
    if (!b || !seesArea(scope, b.estate_id, b.area_id)) throw notFound('entity.building');
    return b;
  }

  async createBuilding(actor: Actor, scope: Scope, input: z.infer<typeof buildingCreate>) {
    return this.db.transaction().execute(async (trx) => {
      if (!seesEstate(scope, input.estateId)) throw outOfScope();
      if (!(await estateRepository.findEstate(trx, input.estateId))) throw notFound('entity.estate');
      // Area-scoped staff may only add buildings to their own areas.
      if (!seesArea(scope, input.estateId, input.areaId ?? null)) throw outOfScope();
      await this.checkArea(trx, input.estateId, input.areaId ?? null);
      if (await repo.findBuildingByCode(trx, input.estateId, input.code))
        throw conflict('conflict.buildingCode', { code: input.code }, { code: { key: 'conflict.buildingCode', params: { code: input.code } } });
      const { id } = await repo.insertBuilding(trx, {
        estate_id: input.estateId,
        area_id: input.areaId ?? null,
        code: input.code,
        name: input.name,
        kind: input.kind,
        floors: input.floors,
        entrances: input.entrances,
        built_year: input.builtYear ?? null,
        notes: input.notes,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, { action: 'create', entity: 'building', entityId: id, estateId: input.estateId, summary: { key: 'audit.building.create', params: { name: input.name } }, ref: input.name });
      return id;
    });
  }

  async updateBuilding(actor: Actor, scope: Scope, id: number, input: z.infer<typeof buildingUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.requireBuilding(trx, scope, id);
      if (input.areaId !== undefined) {
        if (!seesArea(scope, before.estate_id, input.areaId ?? null)) throw outOfScope();
        await this.checkArea(trx, before.estate_id, input.areaId ?? null);
      }
      if (input.code && input.code !== before.code && (await repo.findBuildingByCode(trx, before.estate_id, input.code)))
        throw conflict('conflict.buildingCode', { code: input.code }, { code: { key: 'conflict.buildingCode', params: { code: input.code } } });
      const row = {
        area_id: input.areaId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        floors: input.floors,
        entrances: input.entrances,
        built_year: input.builtYear,
        notes: input.notes,
        archived_at: archivedAt(input.archived, before.archived_at, this.clock.now().toISOString()),
      };
      await repo.updateBuilding(trx, id, row);
      await this.audit.record(trx, actor, { action: 'update', entity: 'building', entityId: id, estateId: before.estate_id, summary: { key: 'audit.building.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
    });
  }

  private async checkArea(db: Executor, estateId: number, areaId: number | null) {
    if (areaId == null) return;
    const area = await estateRepository.findArea(db, areaId);
    if (!area || area.estate_id !== estateId) throw invalid('areaId', 'field.notInEstate');
  }

  // ---- units -----------------------------------------------------------------------------

  /** Units by filter; a search by `searcher` matches phones only as far as http/phone-search.ts allows. */
  async listUnits(f: UnitFilter, searcher?: { actor: Actor; auth: AuthContext }) {
    const phone = searcher ? await this.phoneSearch(searcher.actor, searcher.auth, f.q, f.estateId) : null;
    const { items, total } = await repo.listUnits(this.db, { ...f, phone });
    const people = await repo.unitPeople(this.db, items.map((u) => u.id));
    return { total, items: items.map((u) => this.present(u, people)) };
  }

  /** The phone term a caller's search text may use; whole-number searches are limited and audited. */
  phoneSearch(actor: Actor, auth: AuthContext, q: string | undefined, estateId: number | undefined): Promise<PhoneTerm | null> {
    return admitPhoneSearch({ db: this.db, clock: this.clock, audit: this.audit }, actor, auth, q, estateId);
  }

  async getUnit(scope: Scope, id: number) {
    const u = await this.requireUnit(this.db, scope, id);
    const people = await repo.unitPeople(this.db, [id]);
    return this.present(u, people);
  }

  async requireUnit(db: Executor, scope: Scope, id: number): Promise<UnitRow> {
    const u = await repo.findUnit(db, id);
    if (!u || !seesUnit(scope, u)) throw notFound('entity.unit');
    return u;
  }

  /** A unit the caller sees (404 otherwise) with whom to call about it, as contactOf says, in one statement. */
  async unitWithContact(db: Executor, scope: Scope, id: number) {
    const u = await repo.unitWithContact(db, id);
    if (!u || !seesUnit(scope, u)) throw notFound('entity.unit');
    const contact = u.member_name != null ? { name: u.member_name, phone: u.member_phone } : u.owner_name != null ? { name: u.owner_name, phone: u.owner_phone } : null;
    return { id: u.id, estate_id: u.estate_id, area_id: u.area_id, contact };
  }

  /** Whom to call about a unit (unitWithContact asks the same in SQL): its household head (or first member), else its first owner. */
  async contactOf(db: Executor, unitId: number): Promise<{ name: string; phone: string | null } | null> {
    const people = await repo.unitPeople(db, [unitId]);
    const m = people.members[0];
    if (m) return { name: m.name, phone: m.phone };
    const o = people.owners[0];
    return o ? { name: o.owner_name, phone: o.phone } : null;
  }

  async createUnit(actor: Actor, scope: Scope, input: z.infer<typeof unitCreate>) {
    return this.db.transaction().execute(async (trx) => {
      const b = await this.requireBuilding(trx, scope, input.buildingId);
      if (b.archived_at) throw conflict('conflict.buildingArchived');
      if (input.floor > b.floors) throw invalid('floor', 'field.floorRange', { floors: b.floors });
      await this.checkUniqueAddress(trx, b.id, input.entrance, input.number);
      const now = this.clock.now().toISOString();
      const { id } = await repo.insertUnit(trx, {
        estate_id: b.estate_id,
        building_id: b.id,
        entrance: input.entrance,
        floor: input.floor,
        number: input.number,
        building_area: areaToHundredths(input.buildingArea),
        usage: input.usage,
        status: input.status,
        structure: input.structure,
        quality_notes: input.qualityNotes,
        delivered_on: input.deliveredOn ?? null,
        created_at: now,
        updated_at: now,
      });
      await this.audit.record(trx, actor, { action: 'create', entity: 'unit', entityId: id, estateId: b.estate_id, summary: { key: 'audit.unit.create', params: { unit: unitLabel(b.code, input.entrance, input.number) } }, ref: unitLabel(b.code, input.entrance, input.number) });
      return id;
    });
  }

  async updateUnit(actor: Actor, scope: Scope, id: number, input: z.infer<typeof unitUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.requireUnit(trx, scope, id);
      if (input.floor !== undefined && input.floor > before.building_floors) throw invalid('floor', 'field.floorRange', { floors: before.building_floors });
      const entrance = input.entrance === undefined ? before.entrance : input.entrance;
      const number = input.number ?? before.number;
      if (entrance !== before.entrance || number !== before.number) await this.checkUniqueAddress(trx, before.building_id, entrance, number);
      const now = this.clock.now().toISOString();
      const row = {
        entrance: input.entrance,
        floor: input.floor,
        number: input.number,
        building_area: input.buildingArea === undefined ? undefined : areaToHundredths(input.buildingArea),
        usage: input.usage,
        status: input.status,
        structure: input.structure,
        quality_notes: input.qualityNotes,
        delivered_on: input.deliveredOn,
        archived_at: archivedAt(input.archived, before.archived_at, now),
      };
      await repo.updateUnit(trx, id, { ...row, updated_at: now });
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'unit',
        entityId: id,
        estateId: before.estate_id,
        summary: { key: 'audit.unit.update', params: { unit: unitLabel(before.building_code, before.entrance, before.number) } },
        ref: unitLabel(before.building_code, before.entrance, before.number),
        detail: diff(before, row),
      });
    });
  }

  private async checkUniqueAddress(db: Executor, buildingId: number, entrance: string | null, number: string) {
    if (await repo.findUnitByAddress(db, buildingId, entrance, number))
      throw conflict('conflict.unitNumber', { number }, { number: { key: 'conflict.unitNumber', params: { number } } });
  }

  private present(u: UnitRow | Awaited<ReturnType<typeof repo.listUnits>>['items'][number], people: Awaited<ReturnType<typeof repo.unitPeople>>) {
    const owners = people.owners.filter((o) => o.unit_id === u.id);
    const members = people.members.filter((m) => m.unit_id === u.id);
    const contact = members[0] ?? (owners[0] ? { name: owners[0].owner_name, phone: owners[0].phone } : null);
    const care = new Set<CareFlag>();
    for (const m of members) for (const f of splitList(m.care_flags)) care.add(f as CareFlag);
    return {
      id: u.id,
      estateId: u.estate_id,
      buildingId: u.building_id,
      buildingCode: u.building_code,
      buildingName: u.building_name,
      areaId: u.area_id,
      areaName: u.area_name ?? null,
      entrance: u.entrance,
      floor: u.floor,
      number: u.number,
      label: unitLabel(u.building_code, u.entrance, u.number),
      buildingArea: hundredthsToArea(u.building_area),
      usage: u.usage,
      status: u.status as UnitStatus,
      structure: u.structure,
      qualityNotes: u.quality_notes,
      deliveredOn: u.delivered_on,
      archived: u.archived_at != null,
      householdId: u.household_id,
      householdName: u.household_name,
      ownerNames: owners.map((o) => o.owner_name),
      contactName: contact?.name ?? null,
      contactPhone: maskPhone(contact?.phone),
      careFlags: [...care],
    };
  }

  // ---- facilities and public areas -------------------------------------------------------

  async listFacilities(scope: Scope, f: { estateId?: number; kind?: string; page: number; pageSize: number }) {
    if (f.estateId && !seesEstate(scope, f.estateId)) throw notFound('entity.estate');
    const { items, total } = await repo.listFacilities(this.db, { ...f, estateIds: visibleEstateIds(scope) });
    return { total, items: items.map(mapFacility) };
  }

  async createFacility(actor: Actor, scope: Scope, input: z.infer<typeof facilityCreate>) {
    return this.db.transaction().execute(async (trx) => {
      if (!(await estateRepository.findEstate(trx, input.estateId))) throw notFound('entity.estate');
      if (!seesWholeEstate(scope, input.estateId)) throw outOfScope();
      if (await repo.findFacilityByName(trx, input.estateId, input.name))
        throw conflict('conflict.facilityName', { name: input.name }, { name: { key: 'conflict.facilityName', params: { name: input.name } } });
      const { id } = await repo.insertFacility(trx, {
        estate_id: input.estateId,
        kind: input.kind,
        name: input.name,
        location: input.location,
        notes: input.notes,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, { action: 'create', entity: 'facility', entityId: id, estateId: input.estateId, summary: { key: 'audit.facility.create', params: { name: input.name } }, ref: input.name });
      return id;
    });
  }

  async updateFacility(actor: Actor, scope: Scope, id: number, input: z.infer<typeof facilityUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findFacility(trx, id);
      if (!before || !seesEstate(scope, before.estate_id)) throw notFound('entity.facility');
      if (!seesWholeEstate(scope, before.estate_id)) throw outOfScope();
      if (input.name && input.name !== before.name && (await repo.findFacilityByName(trx, before.estate_id, input.name)))
        throw conflict('conflict.facilityName', { name: input.name }, { name: { key: 'conflict.facilityName', params: { name: input.name } } });
      const row = { kind: input.kind, name: input.name, location: input.location, notes: input.notes, archived_at: archivedAt(input.archived, before.archived_at, this.clock.now().toISOString()) };
      await repo.updateFacility(trx, id, row);
      await this.audit.record(trx, actor, { action: 'update', entity: 'facility', entityId: id, estateId: before.estate_id, summary: { key: 'audit.facility.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
    });
  }
}

function mapBuilding(b: BuildingRow) {
  return {
    id: b.id,
    estateId: b.estate_id,
    areaId: b.area_id,
    areaName: b.area_name ?? null,
    code: b.code,
    name: b.name,
    kind: b.kind,
    floors: b.floors,
    entrances: b.entrances,
    builtYear: b.built_year,
    notes: b.notes,
    archived: b.archived_at != null,
  };
}

function mapFacility(f: NonNullable<Awaited<ReturnType<typeof repo.findFacility>>>) {
  return { id: f.id, estateId: f.estate_id, kind: f.kind as any, name: f.name, location: f.location, notes: f.notes, archived: f.archived_at != null };
}

/** An owner's own units, and the units of the areas and estates a staff member looks after. */
function seesUnit(scope: Scope, u: { id: number; estate_id: number; area_id: number | null }) {
  return scope.units.includes(u.id) || seesArea(scope, u.estate_id, u.area_id);
}
