/**
 * npm run bench:web — what the browser downloads, and how long signing in takes.
 * 1. builds the web app (vite, with its manifest) and prints each chunk's gzip size;
 * 2. from the manifest: the initial load (the entry and the login page, everything a first
 *    visit to /login fetches) and, for every page route of app/routes.tsx (staff, portal, field
 *    app, print sheets), its total (entry + antd's <App> + its shell + the page + the Chinese
 *    texts of the areas the route and its shell declare with page([...]); also the same in English),
 *    against the budget; a page over it is marked OVER BUDGET and the bench exits non-zero;
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
  // const X = page(['fees', …], () => import('../pages/…')): the page and the text areas it loads
  const areasOf = new Map<string, string[]>();
  const helperAreas = new Map<string, string[]>();
  const list = (s: string) => [...s.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  for (const m of src.matchAll(/const (\w+) = (\([^)]*\) => )?(?:lazy|page\(\[([^\]]*)\],) ?\(?\(\) => import\('\.\.\/(pages\/[^']+)'\)/g)) {
    (m[2] ? helpers : fileOf).set(m[1]!, m[4]!);
    (m[2] ? helperAreas : areasOf).set(m[1]!, list(m[3] ?? ''));
  }
  for (const m of src.matchAll(/const (\w+) = (\w+)\('/g)) if (helpers.has(m[2]!)) { fileOf.set(m[1]!, helpers.get(m[2]!)!); areasOf.set(m[1]!, helperAreas.get(m[2]!)!); }
  for (const m of src.matchAll(/const (\w+Layout) = page\(\[([^\]]*)\]/g)) areasOf.set(m[1]!, list(m[2]!));
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
  const routes = new Map<string, { kind: string; shell: string[]; areas: string[] }>();
  for (const block of blocks) {
    const [kind, shell, shellAreas] = block.includes('<StaffLayout') ? ['staff', ['app/AntAppShell.tsx', 'layouts/StaffLayout.tsx'], areasOf.get('StaffLayout')!]
      : block.includes('<PortalLayout') ? ['portal', ['app/AntAppShell.tsx', 'layouts/PortalLayout.tsx'], areasOf.get('PortalLayout')!]
      : block.includes('<FieldRoot') ? ['field app', [fileOf.get('FieldRoot')!], areasOf.get('FieldRoot')!]
      : block.includes('<RequireAuth') ? ['print', ['app/AntAppShell.tsx'], []]
      : ['public', [], []];
    for (const m of block.matchAll(/<(\w+)[ />]/g)) {
      const file = fileOf.get(m[1]!);
      const areas = [...new Set([...shellAreas, ...(areasOf.get(m[1]!) ?? [])])];
      if (file && !shell.includes(file) && !routes.has(file)) routes.set(file, { kind, shell, areas });
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
/** The gzip size of the text chunks (i18n/areas.ts) of these areas in a language, plus English's core when English. */
const textChunk = (src: string) => Object.values(manifest).find((c) => c.src === src);
function textsGz(areas: string[], lang: 'zh-CN' | 'en-US') {
  const srcs = areas.map((a) => `i18n/${a}.${lang}.ts`);
  if (lang === 'en-US') srcs.push('i18n/en-US.ts', ...Object.keys(manifest).filter((k) => /antd\/locale\/en_US/.test(k)));
  return srcs.reduce((sum, src) => {
    const c = textChunk(src) ?? manifest[src];
    if (!c) throw new Error(`no chunk for ${src}: did the text files move? (bench/web.ts textsGz)`);
    return sum + gz(c.file);
  }, 0);
}
// The login page in English loads English's core and antd's English beside the entry.
const initialEn = initial.jsGz + textsGz([], 'en-US');
console.log(`initial load in English: JS ${kb(initialEn)} gz (budget ${kb(INITIAL_BUDGET)})`);
if (initialEn > INITIAL_BUDGET) over.push('initial load (English)');
const rows = [...routes].map(([src, { kind, shell, areas }]) => {
  const base = closure([entry, ...shell]);
  const total = closure([entry, ...shell, src]);
  const own = [...total.js].filter((f) => !base.js.has(f));
  const zh = textsGz(areas, 'zh-CN');
  const en = textsGz(areas, 'en-US');
  return { src, kind, areas, own: total.jsGz - base.jsGz, code: total.jsGz, zh, total: total.jsGz + zh, totalEn: total.jsGz + en, later: deferred(own, total.js) };
});
console.log('  (total = JS with the Chinese texts of the areas the route loads; "en" = the same page in English: English core, antd\'s English and the areas in English)');
for (const r of rows.sort((a, b) => b.total - a.total)) {
  const flag = r.total > PAGE_BUDGET ? '  OVER BUDGET' : '';
  const flagEn = r.totalEn > PAGE_BUDGET ? '  OVER BUDGET in English' : '';
  if (flag || flagEn) over.push(r.src + (flag ? '' : ' (English)'));
  const later = r.later ? `  then up to ${kb(r.later)} on demand (charts, dialogs, other tabs, error view)` : '';
  console.log(`  ${kb(r.total).padStart(9)}  (+${kb(r.own).padStart(8)}, texts ${kb(r.zh).padStart(8)}; en ${kb(r.totalEn).padStart(9)})  ${r.kind.padEnd(9)} ${r.src} [${r.areas.join(' ')}]${flag}${flagEn}${later}`);
}
for (const k of unrouted) console.log(`  (a page module not found on a route, not measured: ${k})`);
const maxEn = rows.reduce((a, r) => (r.totalEn > a.totalEn ? r : a));
console.log(`  largest in English: ${kb(maxEn.totalEn)} ${maxEn.src}`);
console.log('  text chunks (gzip), Chinese / English:');
for (const a of ['shell', 'desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management']) console.log(`    ${a.padEnd(11)} ${kb(textsGz([a], 'zh-CN')).padStart(9)} / ${kb(gz(textChunk(`i18n/${a}.en-US.ts`)!.file)).padStart(9)}`);
console.log(`    English core + antd's English ${kb(textsGz([], 'en-US'))}`);

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
