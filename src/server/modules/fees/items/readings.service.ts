/**
 * Meter readings by hand, by batch sheet and by .xlsx import. Every row of a batch is checked
 * first; a batch with one bad row saves nothing and names every bad row and field.
 */
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { periodOfDate } from '../../../../core/fees.ts';
import { seesArea, seesEstate, type Scope } from '../../../../core/scope.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { AppError, conflict, invalid, type Msg, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { ImportGate } from '../../imports/import-gate.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, readWorkbook } from '../../imports/xlsx-read.ts';
import { uniqueViolation } from '../config.db.ts';
import { labelOf, metersRepository } from './meters.repository.ts';
import type { readingsInput, sheetQuery } from './meters.schemas.ts';
import { readingsRepository as repo } from './readings.repository.ts';
import { parseReadingsWorkbook, readingsTemplate } from './readings.xlsx.ts';

/** One row of a batch, wherever it came from; `field` names its fields in error messages. */
export interface ReadingRow {
  meterId?: number;
  number?: string;
  value: number;
  period: string;
  readOn: string;
  note: string | null;
  field: (f: 'meter' | 'value' | 'readOn' | 'period') => string;
  /** Row number shown in messages (1-based index, or the sheet's row). */
  row: number;
}

export class ReadingService {
  private gate: ImportGate;

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  ) {
    this.gate = new ImportGate(db, clock);
  }

  /** The batch sheet: one row per meter with the previous value and this period's reading if any. */
  async sheet(scope: Scope, q: z.infer<typeof sheetQuery>) {
    if (!seesEstate(scope, q.estateId)) throw notFound('entity.estate');
    const meters = await repo.sheetMeters(this.db, { scope, ...q });
    const ids = meters.map((m) => m.id);
    const [read, before] = await Promise.all([repo.ofPeriod(this.db, ids, q.period), metersRepository.lastReadings(this.db, ids, q.period)]);
    const readBy = new Map(read.map((r) => [r.meter_id, r]));
    return meters.map((m) => {
      const r = readBy.get(m.id);
      const last = before.get(m.id);
      return {
        meterId: m.id,
        meterNumber: m.number,
        kind: m.kind as 'water' | 'electricity' | 'gas',
        unitId: m.unit_id,
        unitLabel: labelOf(m),
        buildingId: m.building_id!,
        buildingName: m.building_name,
        previous: r ? r.previous : (last?.value ?? m.initial_reading),
        previousReadOn: last?.read_on ?? null,
        value: r?.value ?? null,
        usage: r?.usage ?? null,
        readOn: r?.read_on ?? null,
        readingId: r?.id ?? null,
      };
    });
  }

  /** POST /fees/readings: one reading by hand or a batch sheet, all or nothing. */
  async save(actor: Actor, scope: Scope, input: z.infer<typeof readingsInput>) {
    if (input.readOn > todayOf(this.clock)) throw invalid('readOn', 'reading.future');
    if (input.period > periodOfDate(todayOf(this.clock))) throw invalid('period', 'reading.futurePeriod');
    const rows: ReadingRow[] = input.rows.map((r, i) => ({
      meterId: r.meterId,
      value: r.value,
      period: input.period,
      readOn: input.readOn,
      note: r.note,
      row: i + 1,
      // Date and period are the batch's own fields; a row's problem with them is named on its value.
      field: (f) => (f === 'meter' ? `rows.${i}.meterId` : `rows.${i}.value`),
    }));
    const saved = await this.write(actor, scope, input.estateId, rows, input.rows.length === 1 ? 'single' : 'batch');
    return { saved, skipped: 0, errors: [] };
  }

  /** One import per estate at a time (shared with the archive import); the file is read in a worker, capped. */
  async import(actor: Actor, scope: Scope, estateId: number, fileName: string, buffer: Buffer) {
    if (!seesEstate(scope, estateId)) throw notFound('entity.estate');
    const leave = await this.gate.enter(estateId);
    try {
      const sheets = await readWorkbook(buffer, fileName, { maxRows: this.limits.readingsMaxRows, maxBytes: this.limits.maxUncompressedBytes, sheets: null });
      const parsed = parseReadingsWorkbook(sheets, todayOf(this.clock));
      if (Object.keys(parsed.errors).length) throw rejected(parsed.errors);
      if (!parsed.rows.length) throw new AppError('VALIDATION', { key: 'reading.noRows' }, { file: { key: 'reading.noRows' } });
      const saved = await this.write(actor, scope, estateId, parsed.rows, 'import');
      return { saved, skipped: parsed.skipped, errors: [] };
    } finally {
      await leave();
    }
  }

  async template(scope: Scope, q: { estateId: number; period: string; kind?: string; buildingId?: number }) {
    const rows = await this.sheet(scope, q as z.infer<typeof sheetQuery>);
    return readingsTemplate(q.period, rows, todayOf(this.clock));
  }

  private async write(actor: Actor, scope: Scope, estateId: number, rows: ReadingRow[], source: 'single' | 'batch' | 'import') {
    return this.db.transaction().execute(async (trx) => {
      const inserts = await this.check(trx, scope, estateId, rows);
      try {
        await metersRepository.insertReadings(trx, inserts.map((r) => ({ ...r, entered_by: actor.id })));
      } catch (err) {
        // Someone saved the same meter and period a moment ago.
        if (uniqueViolation(err)) throw conflict('conflict.readingSaved');
        throw err;
      }
      const periods = [...new Set(inserts.map((r) => r.period))].sort();
      await this.audit.record(trx, actor, {
        action: source === 'import' ? 'import' : 'create',
        entity: 'meter_reading',
        entityId: null,
        estateId,
        summary: { key: source === 'import' ? 'audit.readings.import' : 'audit.readings', params: { count: inserts.length, periods: periods.join(', ') } },
        ref: periods.join(', '),
        detail: { source, periods, count: inserts.length, readings: inserts.slice(0, 50).map((r) => [r.meter_id, r.previous, r.value]) },
      });
      return inserts.length;
    });
  }

  /** Every rule for every row; throws one 400 naming every bad row and field, else the rows to insert. */
  private async check(trx: Executor, scope: Scope, estateId: number, rows: ReadingRow[]) {
    const meters = await metersRepository.byIdsOrNumbers(
      trx,
      estateId,
      rows.flatMap((r) => (r.meterId != null ? [r.meterId] : [])),
      rows.flatMap((r) => (r.number != null ? [r.number] : [])),
    );
    const byId = new Map(meters.map((m) => [m.id, m]));
    const byNumber = new Map(meters.map((m) => [m.number, m]));
    const last = await metersRepository.lastReadings(trx, meters.map((m) => m.id));
    const errors: Record<string, Msg> = {};
    const seen = new Map<string, number>();
    const now = this.clock.now().toISOString();
    const today = todayOf(this.clock);
    const inserts = [];
    for (const r of rows) {
      const m = r.meterId != null ? byId.get(r.meterId) : byNumber.get(r.number!);
      if (!m || !seesArea(scope, m.estate_id, m.area_id)) {
        errors[r.field('meter')] = r.number != null ? { key: 'reading.unknownNumber', params: { number: r.number } } : { key: 'reading.unknownMeter' };
        continue;
      }
      if (m.replaced_at) {
        errors[r.field('meter')] = { key: 'reading.replaced', params: { number: m.number } };
        continue;
      }
      if (r.readOn > today) {
        errors[r.field('readOn')] = { key: 'reading.future' };
        continue;
      }
      if (r.period > periodOfDate(today)) {
        errors[r.field('period')] = { key: 'reading.futurePeriod' };
        continue;
      }
      const key = `${m.id}:${r.period}`;
      const first = seen.get(key);
      if (first != null) {
        errors[r.field('meter')] = { key: 'reading.duplicateInBatch', params: { number: m.number, row: first } };
        continue;
      }
      seen.set(key, r.row);
      const l = last.get(m.id);
      if (l && l.period === r.period) {
        errors[r.field('value')] = { key: 'reading.duplicate', params: { number: m.number, period: r.period, value: l.value } };
        continue;
      }
      if (l && l.period > r.period) {
        errors[r.field('period')] = { key: 'reading.periodBeforeLast', params: { number: m.number, period: l.period } };
        continue;
      }
      if (r.readOn < m.installed_on) {
        errors[r.field('readOn')] = { key: 'reading.beforeInstall', params: { date: m.installed_on } };
        continue;
      }
      if (l && r.readOn < l.read_on) {
        errors[r.field('readOn')] = { key: 'reading.beforePrevious', params: { date: l.read_on } };
        continue;
      }
      const previous = l?.value ?? m.initial_reading;
      if (r.value < previous) {
        errors[r.field('value')] = { key: 'reading.lower', params: { value: r.value, previous } };
        continue;
      }
      inserts.push({ estate_id: estateId, meter_id: m.id, period: r.period, read_on: r.readOn, previous, value: r.value, usage: r.value - previous, kind: 'regular', note: r.note, created_at: now });
    }
    if (Object.keys(errors).length) throw rejected(errors);
    return inserts;
  }
}

function rejected(errors: Record<string, Msg>) {
  return new AppError('VALIDATION', { key: 'reading.rejected', params: { count: Object.keys(errors).length } }, errors);
}
