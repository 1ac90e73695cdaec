/**
 * What the screenshot scripts (screenshots.ts, screenshots-desk.ts) share: the server (their own
 * or `--base URL`) and the browser, pages in a language that collect console problems, waiting
 * for a page to settle, and the list of problems printed at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, ROOT, startServer, type TestServer } from './server.ts';

export const SHOTS_DIR = path.join(ROOT, 'screenshots');
export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
type Viewport = { width: number; height: number };

async function newPage(browser: Browser, base: string, lang: Lang, problems: Set<string>, viewport: Viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: base, locale: lang, deviceScaleFactor: 1 });
  await context.addInitScript((l) => localStorage.setItem('wd.lang', l), lang);
  const page = await context.newPage();
  page.on('console', (m) => {
    // The app asks /auth/me before anyone signed in; that 401 is expected.
    if (m.text().includes('401 (Unauthorized)')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.add(`[${m.type()}] ${page.url()} ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => problems.add(`[pageerror] ${page.url()} ${e.message}`));
  return page;
}

/** Waits for the network to go quiet and spinners/skeletons to go, then `pauseMs` for animations. */
export async function settle(page: Page, pauseMs: number): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(pauseMs);
}

/** A `shot(page, name, fullPage?)` that settles the page and saves screenshots/<prefix><name>.png. */
export function screenshotter(prefix: string, pauseMs: number) {
  return async (page: Page, name: string, fullPage = false): Promise<void> => {
    await settle(page, pauseMs);
    await page.screenshot({ path: path.join(SHOTS_DIR, `${prefix}${name}.png`), fullPage });
    console.log(`  ${prefix}${name}.png`);
  };
}

/**
 * Runs `shoot` with the server at `--base URL` (else one started here) and a browser; its
 * `newPage(lang, viewport?)` opens a page in a fresh context. Prints the console problems.
 */
export async function runScreenshots(shoot: (s: { base: string; newPage: (lang: Lang, viewport?: Viewport) => Promise<Page> }) => Promise<void>): Promise<void> {
  const baseArg = process.argv.indexOf('--base');
  let server: TestServer | null = null;
  const base = baseArg > 0 ? process.argv[baseArg + 1] : (server = await startServer()).url;
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const problems = new Set<string>();
  const browser = await launchBrowser();
  try {
    await shoot({ base, newPage: (lang, viewport) => newPage(browser, base, lang, problems, viewport) });
  } finally {
    await browser.close();
    await server?.stop();
  }
  if (problems.size) {
    console.log('\nconsole problems:');
    for (const p of problems) console.log(p);
  } else console.log('\nno console errors or warnings');
}
