/**
 * npm run bench:relations — notice fan-out over an estate of 20,000 units on a fresh SQLite file.
 * 1. generates 100 buildings × 200 units, every second unit with a current owner holding a portal
 *    account (so the per-unit reach is counted over real rows), and a director who may publish;
 * 2. the subject: an estate-wide notice (category notice, audience the whole estate, owners) created
 *    as a draft and submitted by the director through NoticeService — an estate-wide notice needs
 *    approval, but a director's submission is its own approval, so submit releases it at once and
 *    writes one recipient per unit. Only submit is timed; three fresh notices, the median kept;
 * 3. the floor: the same recipient rows (same columns and values, the same notice ids), one bare
 *    better-sqlite3 prepared insert per row in one transaction, into a copy of notice_recipients
 *    with the same indexes; three runs, the median kept. Goal: subject ≤ 3× the floor.
 * The rows written by the service are then compared with the floor's column by column.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { OffsetClock, todayOf } from '../src/core/clock.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { AuthContext } from '../src/server/modules/auth/auth.service.ts';
import { audienceUnits, portalUsersByUnit } from '../src/server/modules/relations/notices/notices.repository.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 20_000);
const PER_BUILDING = 200;
const RUNS = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-relations-'));
const file = path.join(dir, 'wuye.db');
const NOW = new Date().toISOString();
const clock = new OffsetClock();

async function open() {
  const database = openDatabase({ sqliteFile: file });
  await migrate(database);
  const { services } = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), database, clock });
  return { database, services };
}

/** Buildings, units, owners with portal accounts on every second unit, and the director; written raw. */
function generate(estateId: number) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const t0 = performance.now();
  let directorId = 0;
  db.transaction(() => {
    const b = db.prepare(`insert into buildings (estate_id, area_id, code, name, kind, floors, entrances, created_at) values (?, null, ?, ?, 'high_rise', 25, 2, ?)`);
    const u = db.prepare(`insert into units (estate_id, building_id, entrance, floor, number, building_area, usage, status, created_at, updated_at) values (?, ?, ?, ?, ?, 9000, 'residential', 'occupied', ?, ?)`);
    const user = db.prepare(`insert into users (username, display_name, password_hash, role, phone, department, active, email, created_at, updated_at) values (?, ?, 'x', ?, null, null, 1, null, ?, ?)`);
    const own = db.prepare(`insert into ownerships (estate_id, unit_id, owner_name, share_percent, acquired_on, acquired_how, created_at) values (?, ?, ?, 100, '2020-01-01', 'purchase', ?)`);
    const link = db.prepare(`insert into owner_units (user_id, estate_id, unit_id, ownership_id, tenancy_id) values (?, ?, ?, ?, null)`);
    directorId = Number(user.run('bench-director', '基准主任', 'director', NOW, NOW).lastInsertRowid);
    db.prepare(`insert into user_scopes (user_id, estate_id, area_id) values (?, ?, null)`).run(directorId, estateId);
    let n = 0;
    for (let i = 0; n < UNITS; i++) {
      const bid = Number(b.run(estateId, `B${i}`, `${i + 1}栋`, NOW).lastInsertRowid);
      for (let k = 0; k < PER_BUILDING && n < UNITS; k++, n++) {
        const floor = Math.floor(k / 8) + 1;
        const uid = Number(u.run(estateId, bid, String((k % 2) + 1), floor, `${floor}${String(k % 8).padStart(2, '0')}`, NOW, NOW).lastInsertRowid);
        if (n % 2) continue;
        const oid = Number(own.run(estateId, uid, `业主${n}`, NOW).lastInsertRowid);
        const pid = Number(user.run(`owner${n}`, `业主${n}`, 'owner', NOW, NOW).lastInsertRowid);
        link.run(pid, estateId, uid, oid);
      }
    }
  })();
  db.exec('analyze');
  db.close();
  return { directorId, seconds: (performance.now() - t0) / 1000 };
}

const COLUMNS = 'estate_id, notice_id, unit_id, portal_users, delivered_at, first_read_at, first_read_by, ack_at, ack_by, last_reminded_at, reminders, offline_at, offline_by, offline_method, offline_note';

/** The floor: the rows a notice writes, one bare prepared insert per row, one transaction, into a copy of notice_recipients. */
function floor(db: SQLite.Database, rows: Array<{ unit: number; users: number }>, estateId: number, noticeId: number, at: string): number {
  const insert = db.prepare(`insert into floor_recipients (estate_id, notice_id, unit_id, portal_users, delivered_at, reminders) values (?, ?, ?, ?, ?, 0)`);
  const start = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run(estateId, noticeId, r.unit, r.users, r.users ? at : null);
  })();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let app = await open();
const estateId = await app.services.estates.create({ id: null, name: 'bench', ip: null }, { code: 'BENCH', name: '基准小区', address: null, timeZone: 'Asia/Shanghai', phone: null, notes: null });
await app.database.destroy();
const { directorId, seconds: genSeconds } = generate(estateId);

app = await open();
const actor = { id: directorId, name: 'bench-director', ip: null, displayName: '基准主任' };
const auth: AuthContext = { user: { id: directorId, username: 'bench-director', displayName: '基准主任', role: 'director', department: null }, scope: { all: false, estates: [estateId], areas: [], units: [] }, sessionId: 'bench' };
const svc = app.services.notices;

// What the fan-out will write, resolved apart (the same repository calls release makes), for the floor.
const resolveStart = performance.now();
const units = await audienceUnits(app.database.db, estateId, 'estate', []);
const resolveMs = performance.now() - resolveStart;
const countStart = performance.now();
const counts = await portalUsersByUnit(app.database.db, units, 'owners', todayOf(clock));
const countMs = performance.now() - countStart;
const planned = units.map((u) => ({ unit: u, users: counts.get(u) ?? 0 }));

const subjectMs: number[] = [];
const noticeIds: number[] = [];
const statuses: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const { id } = await svc.create(actor, auth, { estateId, category: 'notice', title: `基准通知 ${i + 1}`, body: '全体业主：本周六上午进行消防演练，请留意广播。', audienceKind: 'estate', audienceIds: [], audiencePeople: 'owners', requireAck: false, pinned: false, publishAt: null, expiresAt: null });
  const t0 = performance.now();
  const out = await svc.submit(actor, auth, id);
  subjectMs.push(performance.now() - t0);
  noticeIds.push(id);
  statuses.push(out.status);
}
await app.database.destroy();

// The floor, in the same run, on the same file, with the connection set up as the app's is.
const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const ddl = db.prepare(`select sql from sqlite_master where tbl_name = 'notice_recipients' and sql is not null`).all() as Array<{ sql: string }>;
for (const { sql } of ddl) db.exec(sql.replace(/\bnotice_recipients\b/g, 'floor_recipients').replace(/"notice_recipients_(\w+)"/g, '"floor_recipients_$1"').replace(/\bnotice_recipients_(\w+)/g, 'floor_recipients_$1'));
const indexes = (db.prepare(`select count(*) as n from sqlite_master where tbl_name = 'floor_recipients' and type = 'index'`).get() as { n: number }).n;
const floorMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const { published_at } = db.prepare(`select published_at from resident_notices where id = ?`).get(noticeIds[i]) as { published_at: string };
  floorMs.push(floor(db, planned, estateId, noticeIds[i]!, published_at));
}

// Honesty: each notice reached every unit once, and the service wrote exactly the floor's rows.
const written = noticeIds.map((id) => (db.prepare(`select count(*) as n from notice_recipients where notice_id = ?`).get(id) as { n: number }).n);
const differ = (a: string, b: string) => (db.prepare(`select count(*) as n from (select ${COLUMNS} from ${a} except select ${COLUMNS} from ${b})`).get() as { n: number }).n;
const notInFloor = differ('notice_recipients', 'floor_recipients');
const notInSubject = differ('floor_recipients', 'notice_recipients');
const reachable = planned.filter((r) => r.users > 0).length;
db.close();
if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });

const subject = median(subjectMs);
const base = median(floorMs);
const ratio = subject / base;
console.log(`generated ${units.length} units (${reachable} with an owner's portal account) in ${genSeconds.toFixed(1)} s`);
console.log(`  (apart, before the subject: resolving the audience ${resolveMs.toFixed(0)} ms, counting each unit's portal accounts ${countMs.toFixed(0)} ms)`);
console.log(`subject (estate-wide notice submitted by the director through NoticeService: released at once, recipients fanned out): median of ${RUNS} ${subject.toFixed(0)} ms [${subjectMs.map((m) => m.toFixed(0)).join(', ')}], status ${statuses.join('/')}`);
console.log(`floor (bare prepared insert of the same rows, one transaction, copy of notice_recipients with its ${indexes} indexes): median of ${RUNS} ${base.toFixed(0)} ms [${floorMs.map((m) => m.toFixed(0)).join(', ')}]`);
console.log(`  recipients written per notice: ${written.join(', ')} (units reached: ${units.length})`);
console.log(`  ratio subject / floor: ${ratio.toFixed(2)}× (goal ≤ 3×${ratio <= 3 ? '' : ': MISSED'})`);
console.log(`  same rows: ${notInFloor} of the service's rows not in the floor, ${notInSubject} of the floor's not in the service's (must be 0 and 0)`);
console.log(`  load average while benching: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
if (statuses.some((s) => s !== 'published') || written.some((n) => n !== units.length) || units.length !== UNITS) {
  console.error('bench failed: a notice was not published to every unit of the estate');
  process.exit(1);
}
if (notInFloor !== 0 || notInSubject !== 0) {
  console.error('bench failed: the floor did not insert the rows the service wrote');
  process.exit(1);
}
