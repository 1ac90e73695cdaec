/**
 * Reads and checks every row of an import workbook against the estate's existing records.
 * Pure: the worker has read the cells, the service loads the context, this returns rows or errors.
 */
import {
  BUILDING_KIND_LABELS,
  CARE_FLAG_LABELS,
  codeOf,
  RELATION_LABELS,
  UNIT_STATUS_LABELS,
  UNIT_USAGE_LABELS,
} from '../../../core/labels.ts';
import { isValidIdNumber, PHONE_PATTERN } from '../../../core/mask.ts';
import { areaToHundredths } from '../../../core/units.ts';
import type { Msg } from '../../http/errors.ts';
import { isValidDate } from '../../http/fields.ts';
import { type SheetDef, SHEETS } from './import-sheets.ts';
import type { SheetRows } from './xlsx-cells.ts';

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  msg: Msg;
}

export interface ImportContext {
  buildings: Map<string, { id: number; floors: number }>; // by code
  areas: Map<string, number>; // by name
  units: Map<string, { id: number; hasHousehold: boolean }>; // by unitKey
}

export const unitKey = (building: string, entrance: string | null, number: string) => `${building}|${entrance ?? ''}|${number}`;

export interface BuildingRow { row: number; code: string; name: string; areaId: number | null; kind: string; floors: number; entrances: number; builtYear: number | null; notes: string | null }
export interface UnitRow { row: number; building: string; entrance: string | null; floor: number; number: string; area: number; usage: string; status: string; structure: string | null; quality: string | null; deliveredOn: string | null }
export interface MemberRow {
  row: number; building: string; entrance: string | null; number: string; name: string; relation: string; isOwner: boolean; gender: string | null;
  birthYear: number | null; phone: string | null; idNumber: string | null; occupation: string | null; employer: string | null;
  specialties: string | null; hobbies: string | null; care: string[]; movedInOn: string | null;
}
export interface ParsedImport {
  buildings: BuildingRow[];
  units: UnitRow[];
  members: MemberRow[];
  errors: ImportError[];
  totalRows: number;
}

type Cells = Record<string, string>;

function readSheet(ws: SheetRows | undefined, def: SheetDef, errors: ImportError[]): Array<{ row: number; cells: Cells }> {
  if (!ws) return [];
  const header = ws.rows.find((r) => r.n === 1)?.cells ?? [];
  const positions = new Map<string, number>();
  header.forEach((text, col) => {
    const c = def.columns.find((x) => x.header === text);
    if (c) positions.set(c.key, col);
  });
  for (const c of def.columns) {
    if (c.required && !positions.has(c.key)) errors.push({ sheet: def.name, row: 1, column: c.header, msg: { key: 'import.headerMissing', params: { column: c.header } } });
  }
  const rows: Array<{ row: number; cells: Cells }> = [];
  for (const r of ws.rows) {
    if (r.n === 1) continue;
    const cells: Cells = {};
    for (const [key, col] of positions) cells[key] = r.cells[col] ?? '';
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: r.n, cells });
  }
  return rows;
}

/** Checks one row's cells; every problem is reported, not just the first. */
class RowChecker {
  constructor(private def: SheetDef, private row: number, private cells: Cells, private errors: ImportError[]) {}
  fail(key: string, msg: Msg) {
    const header = this.def.columns.find((c) => c.key === key)?.header ?? key;
    this.errors.push({ sheet: this.def.name, row: this.row, column: header, msg });
  }
  text(key: string, max = 100): string | null {
    const v = this.cells[key] ?? '';
    const col = this.def.columns.find((c) => c.key === key);
    if (!v) {
      if (col?.required) this.fail(key, { key: 'import.required' });
      return null;
    }
    if (v.length > max) this.fail(key, { key: 'import.tooLong', params: { max } });
    return v;
  }
  int(key: string, min: number, max: number): number | null {
    const v = this.text(key);
    if (v == null) return null;
    const n = Number(v);
    if (!Number.isInteger(n)) return this.fail(key, { key: 'import.integer' }), null;
    if (n < min) return this.fail(key, { key: 'field.tooSmall', params: { min } }), null;
    if (n > max) return this.fail(key, { key: 'field.tooBig', params: { max } }), null;
    return n;
  }
  choice(key: string, labels: Record<string, { zh: string; en: string }>, fallback?: string): string | null {
    const v = this.text(key);
    if (v == null) return fallback ?? null;
    const code = codeOf(labels, v);
    if (!code) this.fail(key, { key: 'import.enum', params: { options: Object.values(labels).map((l) => l.zh).join('、') } });
    return code ?? null;
  }
  date(key: string): string | null {
    const v = this.text(key);
    if (v == null) return null;
    const d = v.replace(/[/.]/g, '-').slice(0, 10);
    if (!isValidDate(d)) return this.fail(key, { key: 'import.date' }), null;
    return d;
  }
}

export async function parseImport(sheets: SheetRows[], ctx: ImportContext, progress?: (checked: number, total: number) => Promise<void>): Promise<ParsedImport> {
  const errors: ImportError[] = [];
  const sheet = (def: SheetDef) => sheets.find((s) => s.name === def.name);
  const bRows = readSheet(sheet(SHEETS.buildings), SHEETS.buildings, errors);
  const uRows = readSheet(sheet(SHEETS.units), SHEETS.units, errors);
  const hRows = readSheet(sheet(SHEETS.households), SHEETS.households, errors);
  if (!sheet(SHEETS.buildings) && !sheet(SHEETS.units) && !sheet(SHEETS.households))
    errors.push({ sheet: '', row: 0, column: '', msg: { key: 'import.sheetMissing', params: { sheet: `${SHEETS.buildings.name}/${SHEETS.units.name}/${SHEETS.households.name}` } } });

  const totalRows = bRows.length + uRows.length + hRows.length;
  await progress?.(0, totalRows);
  const buildings: BuildingRow[] = [];
  const fileBuildings = new Map<string, { row: number; floors: number }>();
  for (const { row, cells } of bRows) {
    const c = new RowChecker(SHEETS.buildings, row, cells, errors);
    const code = c.text('code', 32);
    const name = c.text('name', 64);
    const areaName = c.text('area', 64);
    const kind = c.choice('kind', BUILDING_KIND_LABELS);
    const floors = c.int('floors', 1, 200);
    const entrances = c.int('entrances', 1, 50);
    const builtYear = c.int('builtYear', 1900, 2100);
    const notes = c.text('notes', 2000);
    let areaId: number | null = null;
    if (areaName) {
      areaId = ctx.areas.get(areaName) ?? null;
      if (areaId == null) c.fail('area', { key: 'import.unknownArea', params: { name: areaName } });
    }
    if (code) {
      const dup = fileBuildings.get(code);
      if (dup) c.fail('code', { key: 'import.duplicateInFile', params: { row: dup.row } });
      else if (ctx.buildings.has(code)) c.fail('code', { key: 'import.exists' });
      else if (floors) fileBuildings.set(code, { row, floors });
    }
    if (code && name && kind && floors && entrances) buildings.push({ row, code, name, areaId, kind, floors, entrances, builtYear, notes });
  }

  await progress?.(bRows.length, totalRows);
  const units: UnitRow[] = [];
  const fileUnits = new Map<string, number>();
  for (const { row, cells } of uRows) {
    const c = new RowChecker(SHEETS.units, row, cells, errors);
    const building = c.text('building', 32);
    const entrance = c.text('entrance', 16);
    const floor = c.int('floor', -5, 200);
    const number = c.text('number', 32);
    const areaText = c.text('area');
    const usage = c.choice('usage', UNIT_USAGE_LABELS, 'residential');
    const status = c.choice('status', UNIT_STATUS_LABELS, 'vacant');
    const structure = c.text('structure', 100);
    const quality = c.text('quality', 2000);
    const deliveredOn = c.date('deliveredOn');
    let area: number | null = null;
    if (areaText != null) {
      const n = Number(areaText);
      if (!Number.isFinite(n)) c.fail('area', { key: 'import.number' });
      else if (n <= 0 || n > 100_000) c.fail('area', { key: 'import.positive' });
      else if (Math.abs(areaToHundredths(n) - n * 100) > 1e-6) c.fail('area', { key: 'field.multipleOf' });
      else area = n;
    }
    const b = building ? (ctx.buildings.get(building) ?? fileBuildings.get(building)) : undefined;
    if (building && !b) c.fail('building', { key: 'import.unknownBuilding', params: { code: building } });
    if (b && floor != null && floor > b.floors) c.fail('floor', { key: 'import.floorRange' });
    if (building && number) {
      const key = unitKey(building, entrance, number);
      const dup = fileUnits.get(key);
      if (dup) c.fail('number', { key: 'import.duplicateInFile', params: { row: dup } });
      else if (ctx.units.has(key)) c.fail('number', { key: 'import.exists' });
      else fileUnits.set(key, row);
    }
    if (building && b && floor != null && number && area != null && usage && status)
      units.push({ row, building, entrance, floor, number, area, usage, status, structure, quality, deliveredOn });
  }

  await progress?.(bRows.length + uRows.length, totalRows);
  const members: MemberRow[] = [];
  for (const { row, cells } of hRows) {
    const c = new RowChecker(SHEETS.households, row, cells, errors);
    const building = c.text('building', 32);
    const entrance = c.text('entrance', 16);
    const number = c.text('number', 32);
    const name = c.text('name', 64);
    const relation = c.choice('relation', RELATION_LABELS);
    const ownerText = c.text('isOwner');
    const genderText = c.text('gender');
    const birthYear = c.int('birthYear', 1900, 2100);
    const phone = c.text('phone', 32);
    const idNumber = c.text('idNumber', 32)?.toUpperCase() ?? null;
    const care: string[] = [];
    for (const part of (c.text('care', 100) ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const code = codeOf(CARE_FLAG_LABELS, part);
      if (code) care.push(code);
      else c.fail('care', { key: 'import.enum', params: { options: Object.values(CARE_FLAG_LABELS).map((l) => l.zh).join('、') } });
    }
    if (ownerText && !['是', '否', 'Y', 'N', 'yes', 'no'].includes(ownerText)) c.fail('isOwner', { key: 'import.enum', params: { options: '是、否' } });
    if (genderText && !['男', '女'].includes(genderText)) c.fail('gender', { key: 'import.enum', params: { options: '男、女' } });
    if (phone && !PHONE_PATTERN.test(phone)) c.fail('phone', { key: 'import.phone' });
    if (idNumber && !isValidIdNumber(idNumber)) c.fail('idNumber', { key: 'import.idNumber' });
    const movedInOn = c.date('movedInOn');
    if (building && number) {
      const key = unitKey(building, entrance, number);
      const existing = ctx.units.get(key);
      if (!existing && !fileUnits.has(key)) c.fail('number', { key: 'import.unknownUnit', params: { unit: [building, entrance, number].filter(Boolean).join('-') } });
      else if (existing?.hasHousehold) c.fail('number', { key: 'import.householdExists' });
    }
    if (building && number && name && relation)
      members.push({
        row, building, entrance, number, name, relation,
        isOwner: ownerText === '是' || ownerText === 'Y' || ownerText === 'yes',
        gender: genderText === '男' ? 'M' : genderText === '女' ? 'F' : null,
        birthYear, phone, idNumber,
        occupation: c.text('occupation', 64), employer: c.text('employer', 100),
        specialties: c.text('specialties', 200), hobbies: c.text('hobbies', 200),
        care, movedInOn,
      });
  }

  return { buildings, units, members, errors, totalRows };
}
