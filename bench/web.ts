/**
 * npm run bench:web — what the browser downloads, and how long signing in takes.
 * 1. builds the web app (vite, with its manifest) and prints each chunk's gzip size;
 * 2. from the manifest: the initial load (the entry and the login page, everything a first
 *    visit to /login fetches) and, for every page route of app/routes.tsx (staff, portal, field
 *    app, print sheets), its total (entry + antd's <App> + its shell + the page), against the
 *    budget; a page over it is marked OVER BUDGET and the bench exits non-zero;
 * 3. starts the real server on a free port with a throw-away DATA_DIR and the demo data, and
 *    times in Chromium (cold cache each run) goto(/login) → the front desk's ticket list showing
 *    its first rows; the floor, in the same run, is loading an empty HTML file from that server.
 * BENCH_WEB_RUNS (default 5) sets the runs; BENCH_WEB_BROWSER=0 skips step 3.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import { launchBrowser, ROOT, startServer } from '../test/e2e/server.ts';

const INITIAL_BUDGET = 250 * 1024;
const PAGE_BUDGET = 500 * 1024;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const OUT = path.join(ROOT, 'dist/web');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const gzCache = new Map<string, number>();
/** The gzip size of a built file: its precompressed .gz when the build wrote one. */
function gz(file: string) {
  let n = gzCache.get(file);
  if (n === undefined) {
    const full = path.join(OUT, file);
    n = fs.existsSync(`${full}.gz`) ? fs.statSync(`${full}.gz`).size : zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
    gzCache.set(file, n);
  }
  return n;
}

const t0 = performance.now();
await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { manifest: true } });
console.log(`vite build: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const manifest: Record<string, ManifestChunk> = JSON.parse(fs.readFileSync(path.join(OUT, '.vite/manifest.json'), 'utf8'));

/** The JS and CSS files loaded with these manifest keys: their static imports, recursively. */
function closure(keys: string[]) {
  const js = new Set<string>();
  const css = new Set<string>();
  const walk = (key: string) => {
    const c = manifest[key];
    if (!c || js.has(c.file)) return;
    js.add(c.file);
    for (const f of c.css ?? []) css.add(f);
    for (const k of c.imports ?? []) walk(k);
  };
  keys.forEach(walk);
  const sum = (s: Set<string>) => [...s].reduce((a, f) => a + gz(f), 0);
  return { js, css, jsGz: sum(js), cssGz: sum(css) };
}

console.log('\nchunks (gzip):');
const chunks = Object.values(manifest).sort((a, b) => gz(b.file) - gz(a.file));
for (const c of chunks.slice(0, 25)) console.log(`  ${kb(gz(c.file)).padStart(9)}  ${c.file}`);
if (chunks.length > 25) console.log(`  … and ${chunks.length - 25} more under ${kb(gz(chunks[25].file))}`);

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
const initial = closure([entry, 'pages/LoginPage.tsx']);
const over: string[] = [];
console.log(`\ninitial load (entry + login page): JS ${kb(initial.jsGz)} gz in ${initial.js.size} files (budget ${kb(INITIAL_BUDGET)}), CSS ${kb(initial.cssGz)} gz`);
if (initial.jsGz > INITIAL_BUDGET) over.push('initial load');

/**
 * Every page route of app/routes.tsx and what it loads besides the entry: antd's <App>
 * (app/AntAppShell.tsx) behind sign-in, its shell (the staff or portal layout, the field app's
 * root; print sheets have none) and the page. Read from the routes file, so a page added there
 * is measured without touching this bench.
 */
function pageRoutes() {
  const src = fs.readFileSync(path.join(ROOT, 'src/web/app/routes.tsx'), 'utf8');
  const fileOf = new Map<string, string>();
  const helpers = new Map<string, string>();
  for (const m of src.matchAll(/const (\w+) = (\([^)]*\) => )?lazy\(\(\) => import\('\.\.\/(pages\/[^']+)'\)/g)) (m[2] ? helpers : fileOf).set(m[1]!, m[3]!);
  for (const m of src.matchAll(/const (\w+) = (\w+)\('/g)) if (helpers.has(m[2]!)) fileOf.set(m[1]!, helpers.get(m[2]!)!);
  // the top-level route objects of createBrowserRouter([...]), split by brace depth
  const body = src.slice(src.indexOf('createBrowserRouter(['));
  const blocks: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') { if (depth === 0) start = i; depth++; }
    else if (body[i] === '}') { depth--; if (depth === 0) blocks.push(body.slice(start, i + 1)); }
    else if (body[i] === ']' && depth === 0) break;
  }
  const routes = new Map<string, { kind: string; shell: string[] }>();
  for (const block of blocks) {
    const [kind, shell] = block.includes('<StaffLayout') ? ['staff', ['app/AntAppShell.tsx', 'layouts/StaffLayout.tsx']]
      : block.includes('<PortalLayout') ? ['portal', ['app/AntAppShell.tsx', 'layouts/PortalLayout.tsx']]
      : block.includes('<FieldRoot') ? ['field app', [fileOf.get('FieldRoot')!]]
      : block.includes('<RequireAuth') ? ['print', ['app/AntAppShell.tsx']]
      : ['public', []];
    for (const m of block.matchAll(/<(\w+)[ />]/g)) {
      const file = fileOf.get(m[1]!);
      if (file && !shell.includes(file) && !routes.has(file)) routes.set(file, { kind, shell });
    }
  }
  return { routes, shells: new Set([fileOf.get('FieldRoot')]) };
}
const { routes, shells } = pageRoutes();
const pages = (manifest[entry].dynamicImports ?? []).filter((k) => k.startsWith('pages/'));
const unrouted = pages.filter((k) => !routes.has(k) && !shells.has(k));
console.log(`\npages: ${routes.size} page modules on the routes (staff, portal, field app, print, public); JS gz, the page's own chunks beyond entry + shell, and the total; budget ${kb(PAGE_BUDGET)}:`);
/** What the page's own chunks can import later, beyond what is loaded: charts, dialogs, other tabs, the error view. */
function deferred(own: string[], loaded: Set<string>) {
  const keys = Object.keys(manifest).filter((k) => own.includes(manifest[k].file)).flatMap((k) => manifest[k].dynamicImports ?? []);
  const later = closure(keys);
  return [...later.js].filter((f) => !loaded.has(f)).reduce((a, f) => a + gz(f), 0);
}
const rows = [...routes].map(([src, { kind, shell }]) => {
  const base = closure([entry, ...shell]);
  const total = closure([entry, ...shell, src]);
  const own = [...total.js].filter((f) => !base.js.has(f));
  return { src, kind, own: total.jsGz - base.jsGz, total: total.jsGz, later: deferred(own, total.js) };
});
for (const r of rows.sort((a, b) => b.total - a.total)) {
  const flag = r.total > PAGE_BUDGET ? '  OVER BUDGET' : '';
  if (flag) over.push(r.src);
  const later = r.later ? `  then up to ${kb(r.later)} on demand (charts, dialogs, other tabs, error view)` : '';
  console.log(`  ${kb(r.total).padStart(9)}  (+${kb(r.own).padStart(8)})  ${r.kind.padEnd(9)} ${r.src}${flag}${later}`);
}
for (const k of unrouted) console.log(`  (a page module not found on a route, not measured: ${k})`);
// The modules' texts: one chunk for all areas, fetched with every signed-in page (i18n/index.tsx
// loadAreaTexts) and not part of the totals above; English fetches its own texts as well.
const textChunk = (src: string) => Object.values(manifest).find((c) => c.src === src);
for (const [what, src] of [['Chinese module texts (every signed-in page, field app)', 'i18n/zh-CN.areas.ts'], ['English texts (when English is chosen)', 'i18n/en-US.ts']] as const) {
  const c = textChunk(src);
  console.log(`  texts: ${what}: ${c ? kb(gz(c.file)) : 'not found'}`);
}

async function timeBrowser() {
  const server = await startServer({ env: { DESK_SWEEP: '0' } });
  const floorFile = path.join(OUT, `bench-floor-${process.pid}.html`);
  fs.writeFileSync(floorFile, '<!doctype html><title>floor</title>');
  const browser = await launchBrowser();
  try {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const floor: number[] = [];
    const loginForm: number[] = [];
    const firstScreen: number[] = [];
    const warmForm: number[] = [];
    let coldBytes = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      // A fresh context per run: cold cache, no cookies. The first run warms the server and is not counted.
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      let t = performance.now();
      await page.goto(`/${path.basename(floorFile)}`);
      const f = performance.now() - t;
      const cold = await browser.newContext({ baseURL: server.url });
      const p = await cold.newPage();
      const finished: Promise<number>[] = [];
      p.on('requestfinished', (req) => finished.push(req.sizes().then((sz) => sz.responseBodySize + sz.responseHeadersSize, () => 0)));
      t = performance.now();
      await p.goto('/login');
      await p.getByTestId('login-username').waitFor();
      const form = performance.now() - t;
      // What went over the wire for the login page (compressed as sent), then the same page again
      // in a second tab of the same browser, from its cache.
      const bytes = (await Promise.all(finished)).reduce((a, n) => a + n, 0);
      const again = await cold.newPage();
      const t2 = performance.now();
      await again.goto('/login');
      await again.getByTestId('login-username').waitFor();
      const warm = performance.now() - t2;
      await again.close();
      await p.getByTestId('login-username').fill('desk1');
      await p.getByTestId('login-password').fill('demo1234');
      await p.getByTestId('login-submit').click();
      await p.locator('[data-testid="tickets-table"] .ant-table-row').first().waitFor();
      const screen = performance.now() - t;
      if (i > 0) {
        floor.push(f);
        loginForm.push(form);
        firstScreen.push(screen);
        warmForm.push(warm);
        coldBytes = bytes;
      }
      await context.close();
      await cold.close();
    }
    const fl = median(floor);
    const fs_ = median(firstScreen);
    const best = (xs: number[]) => `best ${Math.min(...xs).toFixed(0)} ms`;
    console.log(`\nChromium, cold cache, median of ${RUNS} (and the best run; the machine's load moves both):`);
    console.log(`  floor: an empty HTML page from the same server   ${fl.toFixed(0)} ms  (${best(floor)})`);
    console.log(`  goto(/login) → login form shown                   ${median(loginForm).toFixed(0)} ms  (${best(loginForm)})`);
    console.log(`  the login page again in a second tab (cached)      ${median(warmForm).toFixed(0)} ms  (${best(warmForm)})`);
    console.log(`  bytes on the wire for the login page (cold)        ${kb(coldBytes)}`);
    console.log(`  goto(/login) → sign in as desk1 → ticket rows     ${fs_.toFixed(0)} ms  (${best(firstScreen)}; median ${(fs_ / fl).toFixed(1)}× the floor)`);
  } finally {
    await browser.close();
    fs.rmSync(floorFile, { force: true });
    await server.stop();
  }
}

if (process.env.BENCH_WEB_BROWSER !== '0') await timeBrowser();
if (over.length) {
  console.error(`\nover budget: ${over.join(', ')}`);
  process.exit(1);
}
console.log('\nwithin budget');
