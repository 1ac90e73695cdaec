/**
 * The web app's module texts load per area (src/web/i18n/areas.ts): each route of app/routes.tsx
 * declares the areas it loads — `page(['fees', …], () => import('../pages/…'))`. A page that uses a
 * key of an area its route does not load would show the raw key (translate() falls back to it).
 * This reads the source: every file a route's page (or layout) imports, statically or lazily, within
 * src/web, and every string in it that is a key of an area file (or a template/concatenated prefix of
 * such keys) must belong to an area the route declares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../../src/web');
const I18N = path.join(WEB, 'i18n');
const ROUTES = path.join(WEB, 'app/routes.tsx');

/** The area names, as AREA_TEXTS lists them. */
const areasSrc = fs.readFileSync(path.join(I18N, 'areas.ts'), 'utf8');
const AREAS = [...areasSrc.matchAll(/^ {2}(\w+): \{ 'zh-CN': \(\) => import\('\.\/(\w+)\.zh-CN\.ts'\)/gm)].map((m) => m[1]!);

const keysOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/^\s*['"]([^'"]+)['"]:/gm)].map((m) => m[1]!);
/** key → the areas holding it */
const keyAreas = new Map<string, Set<string>>();
for (const area of AREAS) for (const k of keysOf(path.join(I18N, `${area}.zh-CN.ts`))) keyAreas.set(k, (keyAreas.get(k) ?? new Set()).add(area));
const coreKeys = new Set(keysOf(path.join(I18N, 'zh-CN.ts')));
/** The phone app's own texts (pages/field/i18n.ts, useFT): loaded with its pages, some share a name with field's. */
const fieldAppKeys = new Set(keysOf(path.join(I18N, 'fieldapp.zh-CN.ts')));

function resolve(from: string, spec: string) {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** Files of the web app this one imports (static and import()), leaving out the texts and the router. */
function importsOf(file: string) {
  const src = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)) {
    const r = resolve(file, m[1]!);
    if (r && r.startsWith(WEB + path.sep) && !r.startsWith(I18N + path.sep) && r !== ROUTES) out.push(r);
  }
  return out;
}

function closure(file: string) {
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...importsOf(f));
  }
  return seen;
}

/** The area keys a file names: whole keys in quotes, and prefixes built on (`desk.status.${s}`, 'desk.status.' + s). */
function usedKeys(file: string) {
  const src = fs.readFileSync(file, 'utf8').replace(/^\s*import type .*$/gm, '');
  const used: { key: string; areas: Set<string> }[] = [];
  // a file translating with the phone app's useFT (and not the app's t) names the phone app's keys
  const phoneOnly = /\b(useFT|FT)\b/.test(src) && !/useT\(\)|\{[^}]*\bt\b[^}]*\}\s*=\s*useI18n\(\)/.test(src);
  for (const m of src.matchAll(/'([A-Za-z][\w.]*)'|"([A-Za-z][\w.]*)"/g)) {
    const key = (m[1] ?? m[2])!;
    if (phoneOnly && fieldAppKeys.has(key)) continue;
    const areas = keyAreas.get(key);
    if (areas) used.push({ key, areas });
  }
  const prefixes = [...src.matchAll(/`([A-Za-z]\w*\.[\w.]*)\$\{/g), ...src.matchAll(/'([A-Za-z]\w*\.[\w.]*\.)'\s*\+/g)].map((m) => m[1]!);
  for (const p of prefixes) {
    const areas = new Set<string>();
    for (const [k, as] of keyAreas) if (k.startsWith(p)) as.forEach((a) => areas.add(a));
    // a prefix some core key also starts with may be one of those: only prefixes of area keys alone count
    if (areas.size && ![...coreKeys].some((k) => k.startsWith(p))) used.push({ key: `${p}…`, areas });
  }
  return used;
}

/** Each page(...) of routes.tsx: the file it loads and the areas it declares; layouts included. */
function declarations() {
  const src = fs.readFileSync(ROUTES, 'utf8');
  const loaders = new Map([...src.matchAll(/const (load\w+) = \(\) => import\('\.\.\/([^']+)'\)/g)].map((m) => [m[1]!, m[2]!]));
  const list = (s: string) => [...s.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  const out: { file: string; areas: string[] }[] = [];
  for (const m of src.matchAll(/page\(\[([^\]]*)\], (?:\(\) => import\('\.\.\/([^']+)'\)|(load\w+)\))/g)) {
    const file = m[2] ?? loaders.get(m[3]!);
    if (!file) throw new Error(`page() without a file: ${m[0]}`);
    out.push({ file, areas: list(m[1]!) });
  }
  /** import()s the router does not wrap in page(): the login page, refusals, antd's <App> */
  const bare = [...src.matchAll(/import\('\.\.\/([^']+)'\)|import\('\.\/([^']+)'\)/g)]
    .map((m) => (m[1] ? m[1] : `app/${m[2]}`))
    .filter((f) => !out.some((d) => d.file === f));
  return { pages: out, bare: [...new Set(bare)] };
}

describe('web text areas', () => {
  const { pages, bare } = declarations();

  it('reads the areas and the routes', () => {
    expect(AREAS).toEqual(expect.arrayContaining(['shell', 'desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management']));
    expect(keyAreas.size).toBeGreaterThan(1500);
    expect(pages.length).toBeGreaterThan(90);
    expect(pages.map((p) => p.file)).toEqual(expect.arrayContaining(['layouts/StaffLayout.tsx', 'pages/fees/CashierPage.tsx', 'pages/print/reno/RenoPrints.tsx']));
    expect(bare).toEqual(expect.arrayContaining(['pages/LoginPage.tsx']));
  });

  it('sees cross-area uses: a notices part on the visit plan, the cashier pending-survey hint in the shell', () => {
    const keysIn = (page: string, area: string) => [...closure(path.join(WEB, page))].flatMap(usedKeys).filter((u) => u.areas.has(area)).map((u) => u.key);
    expect(keysIn('pages/relations/VisitPlanPage.tsx', 'notices')).toContain('rn.done');
    expect(keysIn('pages/fees/CashierPage.tsx', 'shell')).toContain('rel.survey.pendingHint');
  });

  it('every route loads the areas of every key its page and what it imports use', () => {
    const missing: string[] = [];
    for (const { file, areas } of pages) {
      for (const f of closure(path.join(WEB, file))) {
        for (const u of usedKeys(f)) {
          if (![...u.areas].some((a) => areas.includes(a))) missing.push(`${file} [${areas.join(' ')}]: ${path.relative(WEB, f)} uses ${u.key} (${[...u.areas].join('|')})`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('the entry, the login page and what the router loads outside page() use core texts only', () => {
    const used = [path.join(WEB, 'main.tsx'), ...bare.map((f) => path.join(WEB, f))].flatMap((f) => [...closure(f)].flatMap((g) => usedKeys(g).map((u) => `${path.relative(WEB, g)}: ${u.key}`)));
    expect(used).toEqual([]);
  });

  it('the phone app keys named like field ones do not count as field texts in its pages', () => {
    const today = usedKeys(path.join(WEB, 'pages/field/TodayPage.tsx')).map((u) => u.key);
    expect(today).not.toContain('field.install');
  });

  it('every area named in a route exists', () => {
    for (const { file, areas } of pages) for (const a of areas) expect(AREAS, `${file}: ${a}`).toContain(a);
  });
});
