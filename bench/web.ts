/**
 * npm run bench:web — what the browser downloads, and how long signing in takes.
 * 1. builds the web app (vite, with its manifest) and prints each chunk's gzip size;
 * 2. from the manifest: the initial load (the entry and the login page, everything a first
 *    visit to /login fetches) and each page's total (entry + its layout + the page), against the
 *    budget; exits non-zero over budget;
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

// A signed-in page loads the entry, antd's <App> (app/AntAppShell.tsx), its layout (staff or portal;
// print sheets have none) and itself; the login page only the entry and itself.
const layoutOf = (src: string) =>
  src === 'pages/LoginPage.tsx' ? []
  : /^pages\/(print\/|portal\/PortalReceipt)/.test(src) ? ['app/AntAppShell.tsx']
  : src.startsWith('pages/portal/') ? ['app/AntAppShell.tsx', 'layouts/PortalLayout.tsx']
  : ['app/AntAppShell.tsx', 'layouts/StaffLayout.tsx'];
const pages = (manifest[entry].dynamicImports ?? []).filter((k) => k.startsWith('pages/'));
console.log(`\npages (JS gz: the page's own chunks beyond entry + layout, and the total; budget ${kb(PAGE_BUDGET)}):`);
/** What the page's own chunks import on demand after its first render (ECharts), beyond what is loaded. */
function deferred(own: string[], loaded: Set<string>) {
  const keys = Object.keys(manifest).filter((k) => own.includes(manifest[k].file)).flatMap((k) => manifest[k].dynamicImports ?? []);
  const later = closure(keys);
  return [...later.js].filter((f) => !loaded.has(f)).reduce((a, f) => a + gz(f), 0);
}
const rows = pages.map((src) => {
  const base = closure([entry, ...layoutOf(src)]);
  const total = closure([entry, ...layoutOf(src), src]);
  const own = [...total.js].filter((f) => !base.js.has(f));
  return { src, own: total.jsGz - base.jsGz, total: total.jsGz, later: deferred(own, total.js) };
});
for (const r of rows.sort((a, b) => b.total - a.total)) {
  const flag = r.total > PAGE_BUDGET ? '  OVER BUDGET' : '';
  if (flag) over.push(r.src);
  const later = r.later ? `  then ${kb(r.later)} on demand (loaded after the first render)` : '';
  console.log(`  ${kb(r.total).padStart(9)}  (+${kb(r.own).padStart(8)})  ${r.src}${flag}${later}`);
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
