/**
 * BENCH_DB=<file kept by bench:desk> npx tsx bench/desk-profile.ts — where one create and one
 * filtered list spend their time. Runs the real app in this process over a copy of the database,
 * drives it from an autocannon child (so the load generator is not in the profile), profiles each
 * phase with the inspector and prints: the SQL statements of one request, self time by function,
 * and the share of samples under the parts named in PARTS. Proportions, not req/s, are the point:
 * they hold on a busy machine. PROFILE_SECONDS (default 8), PROFILE_OUT (folder for the .cpuprofile files), PROFILE_PHASES
 * (create,list), PROFILE_TRACE (time per statement).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { bootstrap } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';

const source = process.env.BENCH_DB;
if (!source) throw new Error('BENCH_DB=<file> please (BENCH_KEEP=1 npm run bench:desk keeps one)');
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-desk-profile-'));
fs.copyFileSync(source, path.join(dir, 'wuye.db'));
const out = process.env.PROFILE_OUT ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-desk-profiles-'));
fs.mkdirSync(out, { recursive: true });

// Every statement run, while `tracing` is on: the round trips of one request; with PROFILE_TRACE,
// also the time spent in each statement during the load (printed per request).
let tracing: string[] | null = null;
const spent = new Map<string, { ms: number; runs: number }>();
const proto = (SQLite as unknown as { prototype: SQLite.Database }).prototype;
const prepare = proto.prepare;
// Off by default: the wrapper's own cost would show in the profile.
if (process.env.PROFILE_TRACE) proto.prepare = function (this: SQLite.Database, text: string) {
  const stmt = prepare.call(this, text) as SQLite.Statement;
  for (const m of ['run', 'all', 'get', 'iterate'] as const) {
    const f = (stmt as any)[m];
    const key = `${m}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`;
    (stmt as any)[m] = function (...args: unknown[]) {
      tracing?.push(`${m}: ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
      const t0 = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        const e = spent.get(key) ?? spent.set(key, { ms: 0, runs: 0 }).get(key)!;
        e.ms += performance.now() - t0;
        e.runs++;
      }
    };
  }
  return stmt;
} as typeof proto.prepare;

const config = loadConfig({ ...process.env, NODE_ENV: 'development', DATA_DIR: dir, DESK_SWEEP: '0', DEMO_DATA: '0', LOGIN_MAX_FAILURES: '100000', HOST: '127.0.0.1' });
const { app, database } = await bootstrap(config, {});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'desk1', password: 'demo1234' }) });
const cookie = login.headers.get('set-cookie')!.split(';')[0];
const unit = (await (await fetch(`${base}/api/v1/units?pageSize=1`, { headers: { cookie } })).json()).items[0].id;
const body = JSON.stringify({ unitId: unit, type: 'complaint', channel: 'phone', title: '楼上噪音', description: '晚上十一点后仍有装修噪音' });
const only = process.env.PROFILE_PHASES?.split(',');
const phases = [
  { name: 'create', url: `${base}/api/v1/tickets`, args: ['-m', 'POST', '-H', 'content-type=application/json', '-b', body] },
  { name: 'list', url: `${base}/api/v1/tickets?estateId=1&status=closed&type=repair&pageSize=20`, args: [] as string[] },
];

function autocannon(url: string, args: string[], seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/autocannon', ['-c', '50', '-d', String(seconds), '-H', `cookie=${cookie}`, ...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(text))));
  });
}

/** Parts of a request, by a function name (and file) on the stack; a sample counts once per part. */
const PARTS: Array<[string, (fn: string, url: string) => boolean]> = [
  ['sqlite statement (native run/all/get)', (fn, url) => url.includes('better-sqlite3') && /^(run|all|get|iterate)$/.test(fn)],
  ['kysely (build, compile, execute glue)', (_fn, url) => url.includes('/kysely/')],
  ['kysely compileQuery', (fn) => fn === 'compileQuery'],
  ['zod (validate input, encode output)', (_fn, url) => url.includes('/zod/')],
  ['response serializer (zod encode + JSON.stringify)', (_fn, url) => url.includes('fastify-type-provider-zod') ],
  ['JSON.stringify', (fn) => fn === 'stringify'],
  ['session resolve', (fn) => fn === 'resolve' ],
  ['TicketService.register', (fn) => fn === 'register'],
  ['TicketService.list', (fn, url) => fn === 'list' && url.includes('tickets.service')],
  ['ticketRepository.list', (fn, url) => fn === 'list' && url.includes('tickets.repository')],
  ['TicketService.present', (fn) => fn === 'present'],
  ['audit.record', (fn, url) => fn === 'record' && url.includes('audit.service')],
  ['fastify (routing, hooks, reply)', (_fn, url) => url.includes('/fastify/') || url.includes('/find-my-way/') || url.includes('/light-my-request/')],
  ['node http (parse, write)', (fn, url) => /^(parserOnHeadersComplete|parserOnBody|writev|_storeHeader|end|onStreamRead)$/.test(fn) && (url.startsWith('node:') || url === '')],
  ['(garbage collector)', (fn) => fn === '(garbage collector)'],
  ['(idle)', (fn) => fn === '(idle)' || fn === '(program)'],
];

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
function summarise(profile: { nodes: Node[]; samples: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const parts = new Map<string, number>();
  let busy = 0;
  for (const s of profile.samples) {
    const leaf = byId.get(s)!;
    const fn = leaf.callFrame.functionName || '(anonymous)';
    const key = `${fn} ${path.basename(leaf.callFrame.url)}:${leaf.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
    if (fn === '(idle)' || fn === '(program)') continue;
    busy++;
    const hit = new Set<string>();
    for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      for (const [name, test] of PARTS) if (test(f.functionName, f.url)) hit.add(name);
    }
    for (const name of hit) parts.set(name, (parts.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1).padStart(5)}%`;
  console.log(`  samples ${total}, busy ${pct(busy, total)}`);
  console.log('  share of busy samples under:');
  for (const [name] of PARTS) if (parts.get(name)) console.log(`    ${pct(parts.get(name)!, busy)}  ${name}`);
  console.log('  top self time (of all samples):');
  for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${pct(n, total)}  ${key}`);
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
for (const phase of phases.filter((p) => !only || only.includes(p.name))) {
  console.log(`\n== ${phase.name}`);
  tracing = [];
  const r = await fetch(phase.url, { method: phase.name === 'create' ? 'POST' : 'GET', headers: { cookie, ...(phase.name === 'create' ? { 'content-type': 'application/json' } : {}) }, body: phase.name === 'create' ? body : undefined });
  const text = await r.text();
  console.log(`  one request: ${r.status}, ${text.length} bytes${process.env.PROFILE_TRACE ? `, ${tracing.length} statements:` : ''}`);
  for (const s of tracing) console.log(`    ${s}`);
  tracing = null;
  await autocannon(phase.url, phase.args, 3);
  spent.clear();
  await session.post('Profiler.start');
  const result = await autocannon(phase.url, phase.args, SECONDS);
  const { profile } = await session.post('Profiler.stop');
  const requests = Number(/(\d+)k? requests in/.exec(result)?.[1] ?? 0) * (/\dk requests in/.test(result) ? 1000 : 1);
  if (spent.size) {
    console.log(`  statement time per request (~${requests} requests):`);
    for (const [k, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms)) console.log(`    ${((e.ms * 1000) / Math.max(1, requests)).toFixed(0).padStart(5)} µs  ${(e.runs / Math.max(1, requests)).toFixed(2)}×  ${k}`);
  }
  fs.writeFileSync(path.join(out, `${phase.name}.cpuprofile`), JSON.stringify(profile));
  console.log(result.split('\n').filter((l) => /Latency|Req\/Sec|requests in|2xx|non 2xx/.test(l) || /^│ (Latency|Req\/Sec)/.test(l)).join('\n'));
  summarise(profile as unknown as { nodes: Node[]; samples: number[] });
}
await app.close();
await database.destroy();
fs.rmSync(dir, { recursive: true, force: true }); // the database copy
console.log(`profiles in ${out}`);
