/**
 * npm run bench:import — a 5,000-unit workbook (10 buildings, 5,000 units, 3,000 households)
 * imported through the real service on a fresh SQLite file, against a floor measured in the
 * same run: the same unit, household and member rows inserted by bare prepared statements in
 * one transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { OffsetClock } from '../src/core/clock.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { SHEETS } from '../src/server/modules/imports/import-sheets.ts';
import { readWorkbook } from '../src/server/modules/imports/xlsx-read.ts';
import { parseImport } from '../src/server/modules/imports/import-rows.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-'));
const buildings = Array.from({ length: 10 }, (_, i) => ({ code: `B${i}`, name: `${i}栋`, kind: '高层', floors: 25, entrances: 2 }));
const units = buildings.flatMap((b) =>
  Array.from({ length: 500 }, (_, k) => ({ building: b.code, entrance: String((k % 2) + 1), floor: Math.floor(k / 20) + 1, number: `${Math.floor(k / 20) + 1}${String(k % 20).padStart(2, '0')}`, area: 80 + (k % 50) + 0.25, status: '自住' })),
);
const households = units.slice(0, 3000).map((u, i) => ({ building: u.building, entrance: u.entrance, number: u.number, name: `业主${i}`, relation: '户主', isOwner: '是', phone: `139${String(i).padStart(8, '0')}` }));

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [kind, rows] of [['buildings', buildings], ['units', units], ['households', households]] as const) {
    const def = SHEETS[kind];
    const ws = wb.addWorksheet(def.name);
    ws.addRow(def.columns.map((c) => c.header));
    for (const r of rows as Record<string, unknown>[]) ws.addRow(def.columns.map((c) => (r[c.key] as string | number) ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function floor(): number {
  const db = new SQLite(path.join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.exec(`create table units (id integer primary key, building text, entrance text, floor int, number text, area int, status text);
           create table households (id integer primary key, unit_id int, name text);
           create table members (id integer primary key, household_id int, name text, phone text)`);
  const u = db.prepare('insert into units (building, entrance, floor, number, area, status) values (?, ?, ?, ?, ?, ?)');
  const h = db.prepare('insert into households (unit_id, name) values (?, ?)');
  const m = db.prepare('insert into members (household_id, name, phone) values (?, ?, ?)');
  const start = performance.now();
  db.transaction(() => {
    const ids: number[] = [];
    for (const r of units) ids.push(Number(u.run(r.building, r.entrance, r.floor, r.number, Math.round(r.area * 100), r.status).lastInsertRowid));
    households.forEach((r, i) => {
      const hid = Number(h.run(ids[i], `${r.name}家`).lastInsertRowid);
      m.run(hid, r.name, r.phone);
    });
  })();
  const ms = performance.now() - start;
  db.close();
  return ms;
}

const file = await workbook();
const floorMs = floor();
// How much of the import is reading the .xlsx itself (exceljs, in a worker thread), measured apart.
const parseStart = performance.now();
await parseImport(await readWorkbook(file, 'bench.xlsx', { maxRows: 50_000, maxBytes: 100 * 1024 * 1024, sheets: null }), { buildings: new Map(), areas: new Map(), units: new Map() });
const parseMs = performance.now() - parseStart;
const database = openDatabase({ sqliteFile: path.join(dir, 'wuye.db') });
await migrate(database);
const { services } = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), database, clock: new OffsetClock() });
const estateId = await services.estates.create({ id: null, name: 'bench', ip: null }, { code: 'BENCH', name: '基准小区', address: null, timeZone: 'Asia/Shanghai', phone: null, notes: null });
const all = { all: true, estates: [], areas: [], units: [] };
const start = performance.now();
const job = await services.imports.start({ id: null, name: 'bench', ip: null }, all, estateId, 'bench.xlsx', file);
await job.done;
const importMs = performance.now() - start;
const result = await services.imports.get(all, job.id, 'zh-CN');
await database.destroy();
fs.rmSync(dir, { recursive: true, force: true });

if (result.status !== 'done') {
  console.error('import failed', result.errors.slice(0, 5));
  process.exit(1);
}
console.log(`file: ${(file.length / 1024).toFixed(0)} KiB, ${units.length} units, ${households.length} households`);
console.log(`import (parse + validate + write, through the service): ${importMs.toFixed(0)} ms`);
console.log(`  of which reading and checking the workbook: ${parseMs.toFixed(0)} ms`);
console.log(`floor (bare prepared inserts of the same rows, one transaction): ${floorMs.toFixed(0)} ms`);
console.log(`ratio import / floor: ${(importMs / floorMs).toFixed(1)}×`);
