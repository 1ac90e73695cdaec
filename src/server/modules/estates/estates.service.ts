import type { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import { seesArea, seesEstate, seesWholeEstate, visibleEstateIds, type Scope } from '../../../core/scope.ts';
import type { Db, Executor } from '../../db/database.ts';
import { conflict, invalid, notFound, outOfScope } from '../../http/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { diff } from '../audit/audit.service.ts';
import { estateRepository as repo } from './estates.repository.ts';
import type { areaCreate, areaUpdate, estateCreate, estateUpdate } from './estates.schemas.ts';

type EstateRow = NonNullable<Awaited<ReturnType<typeof repo.findEstate>>>;

type EstateHook = (trx: Executor, estateId: number) => Promise<void>;

export class EstateService {
  private createdHooks: EstateHook[] = [];
  /** Other modules give a new estate its defaults (desk classifier, SLA policies, ...). */
  onCreated(hook: EstateHook) {
    this.createdHooks.push(hook);
  }

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  async list(scope: Scope) {
    const rows = await repo.listEstates(this.db, visibleEstateIds(scope));
    return rows.map((r) => ({ ...mapEstate(r), buildingCount: Number(r.building_count ?? 0), unitCount: Number(r.unit_count ?? 0) }));
  }

  async get(scope: Scope, id: number) {
    if (!seesEstate(scope, id)) throw notFound('entity.estate');
    const row = (await repo.listEstates(this.db, [id]))[0];
    if (!row) throw notFound('entity.estate');
    return { ...mapEstate(row), buildingCount: Number(row.building_count ?? 0), unitCount: Number(row.unit_count ?? 0) };
  }

  /** Throws unless the estate exists and the caller may see it; used by other modules. */
  async require(db: Executor, scope: Scope, id: number, whole = false): Promise<EstateRow> {
    const row = await repo.findEstate(db, id);
    if (!row) throw notFound('entity.estate');
    if (!(whole ? seesWholeEstate(scope, id) : seesEstate(scope, id))) throw outOfScope();
    return row;
  }

  async create(actor: Actor, input: z.infer<typeof estateCreate>) {
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findEstateByCode(trx, input.code)) throw conflict('conflict.estateCode', { code: input.code }, { code: { key: 'conflict.estateCode', params: { code: input.code } } });
      const { id } = await repo.insertEstate(trx, {
        code: input.code,
        name: input.name,
        address: input.address,
        time_zone: input.timeZone,
        phone: input.phone,
        notes: input.notes,
        created_at: this.clock.now().toISOString(),
      });
      for (const hook of this.createdHooks) await hook(trx, id);
      await this.audit.record(trx, actor, { action: 'create', entity: 'estate', entityId: id, estateId: id, summary: { key: 'audit.estate.create', params: { name: input.name } }, ref: input.name });
      return id;
    });
  }

  async update(actor: Actor, scope: Scope, id: number, input: z.infer<typeof estateUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.require(trx, scope, id, true);
      const row = {
        name: input.name,
        address: input.address,
        time_zone: input.timeZone,
        phone: input.phone,
        notes: input.notes,
        archived_at: input.archived === undefined ? undefined : input.archived ? (before.archived_at ?? this.clock.now().toISOString()) : null,
      };
      await repo.updateEstate(trx, id, row);
      await this.audit.record(trx, actor, { action: 'update', entity: 'estate', entityId: id, estateId: id, summary: { key: 'audit.estate.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
    });
  }

  async listAreas(scope: Scope, estateId?: number) {
    if (estateId && !seesEstate(scope, estateId)) throw notFound('entity.estate');
    const estates = estateId ? [estateId] : visibleEstateIds(scope);
    // Area-scoped staff see only their own areas of an estate they do not see whole.
    const rows = await repo.listAreas(this.db, estates, null);
    return rows.filter((r) => seesArea(scope, r.estate_id, r.id)).map(mapArea);
  }

  async createArea(actor: Actor, scope: Scope, input: z.infer<typeof areaCreate>) {
    return this.db.transaction().execute(async (trx) => {
      await this.require(trx, scope, input.estateId, true);
      if (await repo.findAreaByName(trx, input.estateId, input.name)) throw conflict('conflict.areaName', { name: input.name }, { name: { key: 'conflict.areaName', params: { name: input.name } } });
      if (input.managerUserId) await this.requireStaff(trx, input.managerUserId);
      const { id } = await repo.insertArea(trx, {
        estate_id: input.estateId,
        name: input.name,
        manager_user_id: input.managerUserId ?? null,
        notes: input.notes,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, { action: 'create', entity: 'area', entityId: id, estateId: input.estateId, summary: { key: 'audit.area.create', params: { name: input.name } }, ref: input.name });
      return id;
    });
  }

  async updateArea(actor: Actor, scope: Scope, id: number, input: z.infer<typeof areaUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findArea(trx, id);
      if (!before || !seesEstate(scope, before.estate_id)) throw notFound('entity.area');
      if (!seesWholeEstate(scope, before.estate_id)) throw outOfScope();
      if (input.name && input.name !== before.name && (await repo.findAreaByName(trx, before.estate_id, input.name)))
        throw conflict('conflict.areaName', { name: input.name }, { name: { key: 'conflict.areaName', params: { name: input.name } } });
      if (input.managerUserId) await this.requireStaff(trx, input.managerUserId);
      const row = {
        name: input.name,
        manager_user_id: input.managerUserId,
        notes: input.notes,
        archived_at: input.archived === undefined ? undefined : input.archived ? (before.archived_at ?? this.clock.now().toISOString()) : null,
      };
      await repo.updateArea(trx, id, row);
      await this.audit.record(trx, actor, { action: 'update', entity: 'area', entityId: id, estateId: before.estate_id, summary: { key: 'audit.area.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
    });
  }

  private async requireStaff(db: Executor, userId: number) {
    const user = await db.selectFrom('users').select(['id', 'role']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.role === 'owner') throw invalid('managerUserId', 'field.invalid');
  }
}

function mapEstate(r: EstateRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    address: r.address,
    timeZone: r.time_zone,
    phone: r.phone,
    notes: r.notes,
    archived: r.archived_at != null,
  };
}

function mapArea(r: Awaited<ReturnType<typeof repo.listAreas>>[number]) {
  return {
    id: r.id,
    estateId: r.estate_id,
    name: r.name,
    managerUserId: r.manager_user_id,
    managerName: r.manager_name ?? null,
    notes: r.notes,
    archived: r.archived_at != null,
    buildingCount: Number(r.building_count ?? 0),
  };
}

