/**
 * What every browser-test file sets up the same way, registered as its beforeAll/afterAll: the real
 * server on a fresh demo estate, Chromium, pages in fresh contexts (China time and Chinese unless a
 * test asks otherwise), signing in through the login page, the language switch, and API sessions
 * beside the browser. Everything opened is closed after the file.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { apiLogin, launchBrowser, loginThroughForm, startServer, type TestServer } from './server.ts';

export type Lang = 'zh-CN' | 'en-US';

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The browser's locale (the app reads wd.lang first; see switchLanguage). */
  locale?: string;
  /** Anything else for the context (isMobile, hasTouch, deviceScaleFactor...). */
  context?: BrowserContextOptions;
}

export interface Suite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh context (own cookies and storage) on the server. */
  newContext(o?: PageOptions): Promise<BrowserContext>;
  /** A page in a fresh context. */
  newPage(o?: PageOptions): Promise<Page>;
  /** A page in a fresh context, signed in as `user` through the login page, in `lang` when given. */
  signedIn(user: string, o?: PageOptions & { lang?: Lang }): Promise<Page>;
  /** An API session of `user` beside the browser. */
  api(user: string, password?: string): ReturnType<typeof apiLogin>;
}

export interface SuiteOptions {
  /** Extra environment of the server (CLOCK_CONTROL, HOST...). */
  env?: Record<string, string>;
  /** Each page's default timeout for actions and waits. */
  pageTimeout?: number;
  /** The contexts' time zone; null leaves the machine's. */
  timezoneId?: string | null;
  /** A folder the file writes screenshots into, made before the tests. */
  shotsDir?: string;
  /** Extra Chromium command-line switches. */
  browserArgs?: string[];
  /** The pages' size unless a test asks for another. */
  viewport?: { width: number; height: number };
}

/** The staff desktop and the owner's phone. */
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Sets the app's language for the next page load; `reload` loads the current page again in it. */
export async function switchLanguage(page: Page, lang: Lang, reload = false): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('wd.lang', l), lang);
  if (reload) await page.reload();
}

/** Registers the file's setup and teardown; the returned suite is usable inside tests and later hooks. */
export function e2eSuite(opts: SuiteOptions = {}): Suite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const timezoneId = opts.timezoneId === null ? undefined : (opts.timezoneId ?? 'Asia/Shanghai');

  beforeAll(async () => {
    if (opts.shotsDir) fs.mkdirSync(opts.shotsDir, { recursive: true });
    server = await startServer({ env: opts.env });
    browser = await launchBrowser(opts.browserArgs);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const suite: Suite = {
    get server() {
      if (!server) throw new Error('the server is not started yet (use the suite inside tests or hooks)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (use the suite inside tests or hooks)');
      return browser;
    },
    async newContext(o = {}) {
      const context = await suite.browser.newContext({ baseURL: suite.server.url, viewport: o.viewport ?? opts.viewport ?? DESKTOP, locale: o.locale ?? 'zh-CN', timezoneId, ...o.context });
      contexts.push(context);
      return context;
    },
    async newPage(o = {}) {
      const page = await (await suite.newContext(o)).newPage();
      if (opts.pageTimeout) page.setDefaultTimeout(opts.pageTimeout);
      return page;
    },
    async signedIn(user, o = {}) {
      const page = await suite.newPage(o);
      await loginThroughForm(page, user);
      if (o.lang) await switchLanguage(page, o.lang);
      return page;
    },
    api: (user, password) => apiLogin(suite.server.url, user, password),
  };
  return suite;
}
