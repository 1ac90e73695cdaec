/**
 * npm run bench:pack — the director's monthly pack over an estate of 20,000 units and 1,000,000
 * tickets on SQLite (goal ≤ 2 s).
 * 1. builds a database: the demo estate, 20,000 more units (bulk insert, one household each),
 *    1,000,000 tickets over the past year, a return visit on every third;
 * 2. freezes the packs of the year's earlier months as the monthly job does on each 1st (not timed),
 *    then times the pack (every manual target for the month and the year to date, as the page asks
 *    it), five runs, through the service the route calls; and once with the year to date recomputed
 *    from the records (`ytd: 'raw'`, what the pack cost before it summed the frozen months);
 * 3. measures in the same run a floor: one bare aggregate over the same year of tickets, and prints
 *    the ratio pack ÷ floor (how many bare scans the whole pack costs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { localDate, OffsetClock } from '../src/core/clock.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/demo/seed.ts';
import { nextMonth, prevMonth } from '../src/server/modules/management/period.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
// BENCH_DB=<file kept by an earlier BENCH_KEEP run> skips building (a copy is used: freezing writes).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-pack-'));
const file = path.join(dir, 'wuye.db');
if (process.env.BENCH_DB) fs.copyFileSync(process.env.BENCH_DB, file);

async function build() {
  const database = openDatabase({ sqliteFile: file });
  await migrate(database);
  const { services } = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), database, clock: new OffsetClock() });
  await seedDemo(services, new Date().toISOString().slice(0, 10));
  await database.destroy();

  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const areas = db.prepare('select id from areas where estate_id = 1').all() as Array<{ id: number }>;
  const now = new Date().toISOString();
  db.transaction(() => {
    const building = db.prepare(`insert into buildings (estate_id, area_id, code, name, kind, floors, entrances, created_at) values (1, ?, ?, ?, 'high_rise', 30, 2, ?)`);
    const unit = db.prepare(`insert into units (estate_id, building_id, entrance, floor, number, building_area, usage, status, created_at, updated_at) values (1, ?, '1', ?, ?, 9000, 'residential', 'occupied', ?, ?)`);
    const household = db.prepare(`insert into households (estate_id, unit_id, name, created_at) values (1, ?, '业主', ?)`);
    for (let b = 0; b < UNITS / 200; b++) {
      const bid = Number(building.run(areas[b % areas.length]!.id, `B${b}`, `基准${b}栋`, now).lastInsertRowid);
      for (let k = 0; k < 200; k++) {
        const uid = Number(unit.run(bid, 1 + Math.floor(k / 8), String(100 + k), now, now).lastInsertRowid);
        household.run(uid, now);
      }
    }
  })();
  const units = db.prepare('select u.id, b.area_id from units u join buildings b on b.id = u.building_id').all() as Array<{ id: number; area_id: number }>;
  const cats = db.prepare('select id from ticket_categories where estate_id = 1').all() as Array<{ id: number }>;
  const types = ['inquiry', 'suggestion', 'complaint', 'repair', 'report', 'special_service', 'dispute', 'legacy'];
  const statuses = ['closed', 'closed', 'closed', 'closed', 'confirmed', 'resolved', 'cancelled', 'in_progress', 'dispatched', 'registered'];
  const insert = db.prepare(`insert into tickets (estate_id, area_id, number, type, channel, unit_id, reporter_name, category_id, priority, complex, emergency, title, description,
    status, response_due_at, resolution_due_at, responded_at, resolved_at, reopen_count, escalation_level, warned, created_at, updated_at)
    values (1, ?, ?, ?, 'phone', ?, '业主', ?, 'normal', ?, 0, ?, '基准测试工单', ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`);
  const visit = db.prepare(`insert into return_visits (estate_id, ticket_id, due_at, done_at, score, tags, created_at) values (1, ?, ?, ?, ?, '[]', ?)`);
  const start = Date.now() - 365 * 86_400_000;
  db.transaction(() => {
    for (let i = 0; i < TICKETS; i++) {
      const created = start + Math.floor((i / TICKETS) * 365 * 86_400_000);
      const u = units[i % units.length]!;
      const status = statuses[i % statuses.length]!;
      const c = new Date(created).toISOString();
      const responded = status === 'registered' ? null : new Date(created + ((i % 30) + 1) * 3_600_000).toISOString();
      const resolved = ['closed', 'confirmed', 'resolved'].includes(status) ? new Date(created + ((i % 40) + 2) * 3_600_000).toISOString() : null;
      const id = Number(insert.run(u.area_id, `B${i}`, types[i % types.length], u.id, cats[i % cats.length]!.id, i % 7 === 0 ? 1 : 0, `工单 ${i}`, status, new Date(created + 86_400_000).toISOString(), new Date(created + 172_800_000).toISOString(), responded, resolved, i % 50 === 0 ? 1 : 0, c, c).lastInsertRowid);
      if (resolved && i % 3 === 0) visit.run(id, new Date(created + 3 * 86_400_000).toISOString(), new Date(created + 2 * 86_400_000).toISOString(), 1 + (i % 5), c);
    }
  })();
  db.exec('analyze');
  db.close();
}

if (!process.env.BENCH_DB) {
  console.log(`building ${UNITS.toLocaleString()} units, ${TICKETS.toLocaleString()} tickets…`);
  const t0 = performance.now();
  await build();
  console.log(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const database = openDatabase({ sqliteFile: file });
await migrate(database); // a kept database from an older build gets the newer indexes
const { services } = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), database, clock: new OffsetClock() });
// Last month: a full month, and a year to date of up to twelve months.
const month = prevMonth(localDate(new Date()).slice(0, 7));
const pack = services.management.pack;
// What the monthly job has stored by now: the pack of each earlier month of the year, frozen on its 1st.
const tf = performance.now();
await database.db.deleteFrom('monthly_reports').where('kind', '=', 'pack').execute();
for (let m = `${month.slice(0, 4)}-01`; m < month; m = nextMonth(m)) {
  const p = await pack.compute(1, m);
  await database.db.insertInto('monthly_reports').values({ estate_id: 1, area_key: 0, kind: 'pack', month: m, data: JSON.stringify(p), created_at: new Date().toISOString() }).execute();
}
console.log(`froze the packs of ${month.slice(0, 4)}-01…${prevMonth(month)} in ${((performance.now() - tf) / 1000).toFixed(1)} s`);
const rs = performance.now();
const raw = await pack.compute(1, month, { ytd: 'raw' });
const rawMs = performance.now() - rs;
const times: number[] = [];
let result: Awaited<ReturnType<typeof pack.compute>> | null = null;
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  result = await pack.compute(1, month);
  times.push(performance.now() - s);
}
// Floor: one bare aggregate over the same year-to-date tickets, the least any YTD figure can cost.
const ytdFrom = result!.ytdFrom;
const floorTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  await database.db
    .selectFrom('tickets')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('reopen_count').as('r')])
    .where('estate_id', '=', 1)
    .where('created_at', '>=', new Date(`${ytdFrom}T00:00:00+08:00`).toISOString())
    .where('created_at', '<', new Date(`${result!.to}T23:59:59+08:00`).toISOString())
    .execute();
  floorTimes.push(performance.now() - s);
}
await database.destroy();
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const inMonth = result!.rows.find((r) => r.code === 'resolution')!.month.denominator;
console.log('');
console.log(`director's pack ${month} (year to date from ${ytdFrom}; ${inMonth.toLocaleString()} tickets in the month, ${result!.rows.length} targets):`);
console.log(`  best ${Math.min(...times).toFixed(0)} ms, median ${med(times).toFixed(0)} ms (goal ≤ 2000 ms)`);
console.log(`  year to date recomputed from the records instead (as before): ${rawMs.toFixed(0)} ms`);
console.log(`  year to date ${result!.frozenMonths.length ? `${result!.frozenMonths[0]}…${result!.frozenMonths.at(-1)} from the frozen packs` : 'computed (no frozen months)'}, ${month} live`);
const differ = result!.rows.filter((r, i) => JSON.stringify(r.ytd) !== JSON.stringify(raw.rows[i]!.ytd)).map((r) => r.code);
console.log(`  figures differing from the raw recomputation: ${differ.length ? differ.join(', ') : 'none'}`);
console.log(`  floor (one bare aggregate over the same year): median ${med(floorTimes).toFixed(0)} ms`);
console.log(`  ratio pack / floor: ${(med(times) / med(floorTimes)).toFixed(2)}×`);
if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });
process.exit(med(times) <= 2000 ? 0 : 1);
