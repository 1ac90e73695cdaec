import { type Clock, localDate } from '../../../core/clock.ts';
import { seesWholeEstate, type Scope } from '../../../core/scope.ts';
import { areaToHundredths } from '../../../core/units.ts';
import { fromJson, joinList, toJson } from '../../db/codec.ts';
import type { Db, Executor } from '../../db/database.ts';
import { notFound, outOfScope } from '../../http/errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { t } from '../../i18n/messages.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { ImportGate } from './import-gate.ts';
import { type ImportContext, type ImportError, type ParsedImport, parseImport, unitKey } from './import-rows.ts';
import { SHEETS } from './import-sheets.ts';
import type { SheetRows } from './xlsx-cells.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, readWorkbook } from './xlsx-read.ts';

const CHUNK = 500;

interface Outcome {
  status: 'done' | 'failed';
  errors: ImportError[];
  result: unknown;
  processed?: number;
}

/**
 * Excel import of buildings, units and households. The upload is read (capped, in a worker
 * thread) before the job starts, so an unreadable or oversized file is a 400. All rows are then
 * checked; only a file without a single error is written, in one transaction. Progress lives in
 * import_jobs so any server instance can answer the browser's polling.
 */
export class ImportService {
  readonly gate: ImportGate;

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  ) {
    this.gate = new ImportGate(db, clock);
  }

  async start(actor: Actor, scope: Scope, estateId: number, fileName: string, buffer: Buffer): Promise<{ id: number; done: Promise<void> }> {
    const estate = await this.db.selectFrom('estates').select(['id']).where('id', '=', estateId).executeTakeFirst();
    if (!estate) throw notFound('entity.estate');
    if (!seesWholeEstate(scope, estateId)) throw outOfScope();
    const leave = await this.gate.enter(estateId);
    let id: number;
    let sheets: SheetRows[];
    try {
      const names = Object.values(SHEETS).map((s) => s.name);
      sheets = await readWorkbook(buffer, fileName, { maxRows: this.limits.maxRows, maxBytes: this.limits.maxUncompressedBytes, sheets: names });
      ({ id } = await this.db
        .insertInto('import_jobs')
        .values({ estate_id: estateId, user_id: actor.id, file_name: fileName.slice(0, 200), status: 'queued', total_rows: 0, processed_rows: 0, created_at: this.clock.now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      await leave();
      throw err;
    }
    const jobId = id;
    const failed: Outcome = { status: 'failed', errors: [{ sheet: '', row: 0, column: '', msg: { key: 'error.internal' } }], result: null };
    const done: Promise<void> = this.run(actor, jobId, estateId, sheets)
      .catch((err): Outcome => {
        console.error('import failed', err);
        return failed;
      })
      // The estate is free again before the job shows as finished, so whoever sees it finished may start the next.
      .then(async (o) => {
        await leave().catch((err) => console.error('import lease not released', err));
        await this.finish(jobId, o.status, o.errors, o.result, o.processed);
      })
      .catch((err) => console.error('import not finished', err));
    return { id: jobId, done };
  }

  async get(scope: Scope, id: number, lang: Lang) {
    const job = await this.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job || !seesWholeEstate(scope, job.estate_id)) throw notFound('entity.import');
    const errors = toJson<ImportError[]>(job.errors) ?? [];
    return {
      id: job.id,
      estateId: job.estate_id,
      fileName: job.file_name,
      status: job.status as 'queued' | 'validating' | 'writing' | 'done' | 'failed',
      totalRows: job.total_rows,
      processedRows: job.processed_rows,
      errors: errors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: t(lang, e.msg.key, e.msg.params) })),
      result: toJson<{ buildings: number; units: number; households: number; members: number; ownerships: number }>(job.result),
      createdAt: job.created_at,
      finishedAt: job.finished_at,
    };
  }

  private async run(actor: Actor, jobId: number, estateId: number, sheets: SheetRows[]): Promise<Outcome> {
    await this.progress(jobId, { status: 'validating' });
    const ctx = await this.loadContext(estateId);
    // processed_rows counts rows checked; writing is one transaction and shows as its own phase.
    const parsed = await parseImport(sheets, ctx, (checked, total) => this.progress(jobId, { total_rows: total, processed_rows: checked }));
    await this.progress(jobId, { processed_rows: parsed.totalRows });
    if (parsed.errors.length) return { status: 'failed', errors: parsed.errors, result: null };
    await this.progress(jobId, { status: 'writing' });
    const result = await this.db.transaction().execute(async (trx) => {
      const counts = await this.write(trx, estateId, parsed);
      await this.audit.record(trx, actor, {
        action: 'import',
        entity: 'estate',
        entityId: estateId,
        estateId,
        summary: { key: 'audit.import', params: { buildings: counts.buildings, units: counts.units, households: counts.households } },
        detail: { jobId, ...counts },
      });
      return counts;
    });
    return { status: 'done', errors: [], result, processed: parsed.totalRows };
  }

  private async loadContext(estateId: number): Promise<ImportContext> {
    const [buildings, areas, units] = await Promise.all([
      this.db.selectFrom('buildings').select(['id', 'code', 'floors']).where('estate_id', '=', estateId).execute(),
      this.db.selectFrom('areas').select(['id', 'name']).where('estate_id', '=', estateId).execute(),
      this.db
        .selectFrom('units as u')
        .innerJoin('buildings as b', 'b.id', 'u.building_id')
        .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
        .select(['u.id', 'u.entrance', 'u.number', 'b.code', 'h.id as household_id'])
        .where('u.estate_id', '=', estateId)
        .execute(),
    ]);
    return {
      buildings: new Map(buildings.map((b) => [b.code, { id: b.id, floors: b.floors }])),
      areas: new Map(areas.map((a) => [a.name, a.id])),
      units: new Map(units.map((u) => [unitKey(u.code, u.entrance, u.number), { id: u.id, hasHousehold: u.household_id != null }])),
    };
  }

  private async write(trx: Executor, estateId: number, p: ParsedImport) {
    const now = this.clock.now().toISOString();
    const today = localDate(new Date(now));
    const buildingIds = new Map<string, number>();
    for (const b of await trx.selectFrom('buildings').select(['id', 'code']).where('estate_id', '=', estateId).execute()) buildingIds.set(b.code, b.id);
    for (const b of p.buildings) {
      const { id } = await trx
        .insertInto('buildings')
        .values({ estate_id: estateId, area_id: b.areaId, code: b.code, name: b.name, kind: b.kind, floors: b.floors, entrances: b.entrances, built_year: b.builtYear, notes: b.notes, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      buildingIds.set(b.code, id);
    }
    for (let i = 0; i < p.units.length; i += CHUNK) {
      await trx
        .insertInto('units')
        .values(
          p.units.slice(i, i + CHUNK).map((u) => ({
            estate_id: estateId,
            building_id: buildingIds.get(u.building)!,
            entrance: u.entrance,
            floor: u.floor,
            number: u.number,
            building_area: areaToHundredths(u.area),
            usage: u.usage,
            status: u.status,
            structure: u.structure,
            quality_notes: u.quality,
            delivered_on: u.deliveredOn,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    const unitIds = new Map<string, number>();
    const unitRows = await trx.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['u.id', 'u.entrance', 'u.number', 'b.code']).where('u.estate_id', '=', estateId).execute();
    for (const u of unitRows) unitIds.set(unitKey(u.code, u.entrance, u.number), u.id);

    // Rows of the same unit make one household; the 户主 row (or the first) names it.
    const byUnit = new Map<string, typeof p.members>();
    for (const m of p.members) {
      const key = unitKey(m.building, m.entrance, m.number);
      byUnit.set(key, [...(byUnit.get(key) ?? []), m]);
    }
    // Households, members and owners go in as batches; ids are read back by unit, which is
    // unique among current households.
    const entries = [...byUnit].map(([key, rows]) => {
      const head = rows.find((r) => r.relation === 'head') ?? rows[0];
      return { unitId: unitIds.get(key)!, rows, head, movedInOn: rows.map((r) => r.movedInOn).find(Boolean) ?? null };
    });
    for (let i = 0; i < entries.length; i += CHUNK) {
      await trx
        .insertInto('households')
        .values(entries.slice(i, i + CHUNK).map((e) => ({ estate_id: estateId, unit_id: e.unitId, name: `${e.head.name}家`, moved_in_on: e.movedInOn, notes: null, created_at: now })))
        .execute();
    }
    const householdOf = new Map<number, number>();
    const owned = new Set<number>();
    const unitList = entries.map((e) => e.unitId);
    for (let i = 0; i < unitList.length; i += CHUNK) {
      const part = unitList.slice(i, i + CHUNK);
      for (const h of await trx.selectFrom('households').select(['id', 'unit_id']).where('unit_id', 'in', part).where('moved_out_on', 'is', null).execute()) householdOf.set(h.unit_id, h.id);
      for (const o of await trx.selectFrom('ownerships').select('unit_id').where('unit_id', 'in', part).where('ended_on', 'is', null).execute()) owned.add(o.unit_id);
    }
    const memberRows = entries.flatMap((e) =>
      e.rows.map((r) => ({
        estate_id: estateId,
        household_id: householdOf.get(e.unitId)!,
        name: r.name,
        relation: r.relation,
        is_head: r === e.head ? 1 : 0,
        is_owner: r.isOwner ? 1 : 0,
        gender: r.gender,
        birth_year: r.birthYear,
        phone: r.phone,
        id_number: r.idNumber,
        occupation: r.occupation,
        employer: r.employer,
        specialties: r.specialties,
        hobbies: r.hobbies,
        care_flags: joinList(r.care),
        notes: null,
        created_at: now,
        updated_at: now,
      })),
    );
    // Owners get equal whole-percent shares, the remainder to the first, so they add to 100;
    // a unit that already has owners keeps them.
    const ownerRows = entries
      .filter((e) => !owned.has(e.unitId))
      .flatMap((e) => {
        const owners = e.rows.filter((r) => r.isOwner);
        const base = owners.length ? Math.floor(100 / owners.length) : 0;
        return owners.map((o, i) => ({
          estate_id: estateId,
          unit_id: e.unitId,
          owner_name: o.name,
          phone: o.phone,
          id_number: o.idNumber,
          share_percent: base + (i === 0 ? 100 - base * owners.length : 0),
          acquired_on: e.movedInOn ?? today,
          acquired_how: 'purchase',
          created_at: now,
        }));
      });
    for (let i = 0; i < memberRows.length; i += CHUNK) await trx.insertInto('household_members').values(memberRows.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < ownerRows.length; i += CHUNK) await trx.insertInto('ownerships').values(ownerRows.slice(i, i + CHUNK)).execute();
    const members = memberRows.length;
    const ownerships = ownerRows.length;
    return { buildings: p.buildings.length, units: p.units.length, households: byUnit.size, members, ownerships };
  }

  private async progress(id: number, row: { status?: string; total_rows?: number; processed_rows?: number }) {
    await this.db.updateTable('import_jobs').set(row).where('id', '=', id).execute();
  }

  private finish(id: number, status: 'done' | 'failed', errors: ImportError[], result: unknown, processed?: number) {
    return this.db
      .updateTable('import_jobs')
      .set({ status, errors: fromJson(errors.slice(0, 1000)), result: fromJson(result), finished_at: this.clock.now().toISOString(), ...(processed != null ? { processed_rows: processed } : {}) })
      .where('id', '=', id)
      .execute();
  }
}
