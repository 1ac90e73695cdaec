import type { z } from 'zod';
import { type Clock, todayOf } from '../../../core/clock.ts';
import { passwordProblem } from '../../../core/password.ts';
import type { Role } from '../../../core/roles.ts';
import { seesArea, seesWholeEstate, visibleEstateIds } from '../../../core/scope.ts';
import { fromBool, toBool } from '../../db/codec.ts';
import type { Db, Executor } from '../../db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../http/errors.ts';
import { uniqueViolation } from '../fees/config.db.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { diff } from '../audit/audit.service.ts';
import { authRepository, sessionCache } from '../auth/auth.repository.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { estateRepository } from '../estates/estates.repository.ts';
import { portalLinks } from '../households/portal-scope.ts';
import { userRepository as repo } from './users.repository.ts';
import type { userCreate, userUpdate } from './users.schemas.ts';

type ScopeIn = Array<{ estateId: number; areaId?: number | null }>;

/** Accounts, roles and data scopes; edited by the system administrator. */
export class UserService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  async list(f: Parameters<typeof repo.list>[1]) {
    const { items, total } = await repo.list(this.db, f);
    const ids = items.map((u) => u.id);
    const [scopes, units] = await Promise.all([repo.scopes(this.db, ids), repo.units(this.db, ids)]);
    return {
      total,
      items: items.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        phone: u.phone,
        department: u.department,
        active: toBool(u.active),
        createdAt: u.created_at,
        scopes: scopes.filter((s) => s.user_id === u.id).map((s) => ({ estateId: s.estate_id, areaId: s.area_id })),
        unitIds: units.filter((x) => x.user_id === u.id).map((x) => x.unit_id),
      })),
    };
  }

  async get(id: number) {
    const u = await repo.find(this.db, id);
    if (!u) throw notFound('entity.user');
    const [scopes, units] = await Promise.all([repo.scopes(this.db, [id]), repo.units(this.db, [id])]);
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role as Role,
      phone: u.phone,
      department: u.department,
      active: toBool(u.active),
      createdAt: u.created_at,
      scopes: scopes.map((s) => ({ estateId: s.estate_id, areaId: s.area_id })),
      unitIds: units.map((x) => x.unit_id),
    };
  }

  /** The password rule is applied where people enter one (routes, CLI); the demo accounts are seeded here directly. */
  async create(actor: Actor | null, input: z.infer<typeof userCreate>) {
    const hash = await hashPassword(input.password);
    const taken = () => conflict('conflict.username', { username: input.username }, { username: { key: 'conflict.username', params: { username: input.username } } });
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findByUsername(trx, input.username)) throw taken();
      const now = this.clock.now().toISOString();
      // Two at once with one name (in any case): the unique index refuses the second.
      const { id } = await repo.insert(trx, {
        username: input.username,
        display_name: input.displayName,
        password_hash: hash,
        role: input.role,
        phone: input.phone,
        department: input.department ?? null,
        active: 1,
        created_at: now,
        updated_at: now,
      }).catch((err) => {
        throw uniqueViolation(err) ? taken() : err;
      });
      await this.writeScopes(trx, id, input.role, input.scopes, input.unitIds, input.phone ?? null);
      await this.audit.record(trx, actor ?? { id: null, name: 'cli', ip: null }, {
        action: 'create',
        entity: 'user',
        entityId: id,
        estateId: null,
        summary: { key: 'audit.user.create', params: { username: input.username, role: `audit.role.${input.role}` } },
        ref: input.username,
        detail: { scopes: input.scopes, unitIds: input.unitIds },
      });
      return id;
    });
  }

  async update(actor: Actor, id: number, input: z.infer<typeof userUpdate>) {
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.find(trx, id);
      if (!before) throw notFound('entity.user');
      if (input.active === false && id === actor.id) throw conflict('conflict.selfDeactivate');
      const role = (input.role ?? before.role) as Role;
      // Nobody widens (or narrows) his own access: another administrator has to.
      if (id === actor.id && (await this.changesAccess(trx, before, input))) throw new AppError('FORBIDDEN', { key: 'error.selfRole' });
      if (before.role === 'admin' && before.active === 1 && (role !== 'admin' || input.active === false)) {
        await repo.lockAdminChanges(trx, this.clock.now().toISOString());
        if ((await repo.countOtherActiveAdmins(trx, id)) === 0) throw conflict('conflict.lastAdmin');
      }
      const row = {
        display_name: input.displayName,
        role: input.role,
        phone: input.phone,
        department: input.department,
        active: input.active === undefined ? undefined : fromBool(input.active),
      };
      await repo.update(trx, id, { ...row, updated_at: this.clock.now().toISOString() });
      // Name, department and scope live in the cached session: this instance sees the edit at once.
      sessionCache.forgetUser(id);
      if (input.scopes !== undefined || input.unitIds !== undefined || input.role !== undefined) {
        const scopes = input.scopes ?? (await repo.scopes(trx, [id])).map((s) => ({ estateId: s.estate_id, areaId: s.area_id }));
        const unitIds = input.unitIds ?? (await repo.units(trx, [id])).map((u) => u.unit_id);
        await this.writeScopes(trx, id, role, scopes, unitIds, input.phone !== undefined ? input.phone ?? null : before.phone);
      }
      // A deactivated or re-roled user must sign in again.
      if (input.active === false || (input.role && input.role !== before.role)) await authRepository.revokeUserSessions(trx, id, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'user',
        entityId: id,
        estateId: null,
        summary: { key: 'audit.user.update', params: { username: before.username } },
        ref: before.username,
        detail: { ...diff(before, row), scopes: input.scopes, unitIds: input.unitIds },
      });
    });
  }

  async resetPassword(actor: Actor, id: number, password: string) {
    const target = await repo.find(this.db, id);
    if (!target) throw notFound('entity.user');
    const problem = passwordProblem(password, target.username);
    if (problem) throw invalid('password', problem);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.find(trx, id);
      if (!before) throw notFound('entity.user');
      await repo.update(trx, id, { password_hash: hash, updated_at: this.clock.now().toISOString() });
      await authRepository.revokeUserSessions(trx, id, this.clock.now().toISOString());
      await this.audit.record(trx, actor, { action: 'update', entity: 'user', entityId: id, estateId: null, summary: { key: 'audit.user.resetPassword', params: { username: before.username } }, ref: before.username });
    });
  }

  /** Whether an edit would change the role, estates/areas or units of the user (an administrator's scope rows change nothing). */
  private async changesAccess(trx: Executor, before: { id: number; role: string }, input: z.infer<typeof userUpdate>) {
    if (input.role !== undefined && input.role !== before.role) return true;
    if (before.role === 'admin') return false;
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    if (input.scopes !== undefined) {
      const now = (await repo.scopes(trx, [before.id])).map((s) => `${s.estate_id}:${s.area_id ?? ''}`);
      if (!same([...new Set(input.scopes.map((s) => `${s.estateId}:${s.areaId ?? ''}`))], now)) return true;
    }
    if (input.unitIds !== undefined) {
      const now = (await repo.units(trx, [before.id])).map((u) => String(u.unit_id));
      if (!same([...new Set(input.unitIds.map(String))], now)) return true;
    }
    return false;
  }

  /** What the web app needs to draw its menu and estate pickers. */
  async me(auth: AuthContext) {
    const estateIds = visibleEstateIds(auth.scope);
    const estates = await estateRepository.listEstates(this.db, auth.scope.units.length ? await this.ownerEstates(auth.scope.units) : estateIds);
    const areas = await estateRepository.listAreas(this.db, estates.map((e) => e.id), null);
    return {
      user: auth.user,
      roles: [auth.user.role],
      scope: auth.scope,
      estates: estates.map((e) => ({
        id: e.id,
        name: e.name,
        whole: seesWholeEstate(auth.scope, e.id),
        areas: areas.filter((a) => a.estate_id === e.id && seesArea(auth.scope, e.id, a.id)).map((a) => ({ id: a.id, name: a.name })),
      })),
    };
  }

  private async ownerEstates(unitIds: number[]) {
    const rows = await this.db.selectFrom('units').select('estate_id').distinct().where('id', 'in', unitIds).execute();
    return rows.map((r) => r.estate_id);
  }

  /** Staff get estates/areas, owners get units; each checked to exist and to belong together. */
  private async writeScopes(trx: Executor, userId: number, role: Role, scopes: ScopeIn, unitIds: number[], phone: string | null) {
    if (role === 'owner') {
      if (!unitIds.length) throw new AppError('VALIDATION', { key: 'error.validation' }, { unitIds: { key: 'conflict.ownerNeedsUnit' } });
      const units = await trx.selectFrom('units').select(['id', 'estate_id']).where('id', 'in', unitIds).execute();
      if (units.length !== new Set(unitIds).size) throw invalid('unitIds', 'field.invalid');
      await repo.replaceUnits(trx, userId, await portalLinks(trx, userId, phone, units, todayOf(this.clock)));
      await repo.replaceScopes(trx, userId, []);
      return;
    }
    const rows: Array<{ estate_id: number; area_id: number | null }> = [];
    for (const [i, s] of scopes.entries()) {
      if (!(await estateRepository.findEstate(trx, s.estateId))) throw invalid(`scopes.${i}.estateId`, 'field.invalid');
      if (s.areaId) {
        const area = await estateRepository.findArea(trx, s.areaId);
        if (!area || area.estate_id !== s.estateId) throw invalid(`scopes.${i}.areaId`, 'field.notInEstate');
      }
      if (!rows.some((r) => r.estate_id === s.estateId && r.area_id === (s.areaId ?? null))) rows.push({ estate_id: s.estateId, area_id: s.areaId ?? null });
    }
    await repo.replaceScopes(trx, userId, rows);
    await repo.replaceUnits(trx, userId, []);
  }
}
