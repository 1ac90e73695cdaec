/**
 * What a failed browser test saw, printed beside the failure: a timeout alone ("waiting for
 * getByTestId('formulas')") does not say whether the server refused the step, answered slowly,
 * or the page threw. For every open page: its address and the messages, form errors and alerts on
 * screen; per browser context: the last console errors, page errors and failed API answers; per
 * server: the last lines of its log (slow requests and long jobs are logged there).
 */
import type { Browser, BrowserContext } from 'playwright-core';

const servers = new Set<{ url: string; output: () => string }>();
const events = new Map<BrowserContext, string[]>();
const KEEP = 30;

export function watchServer(server: { url: string; output: () => string }): () => void {
  servers.add(server);
  return () => servers.delete(server);
}

/** Records what each context of this browser logs, for the report; its pages prefer reduced motion. */
export function watchBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  // Pages open with "reduce motion" (the app turns antd's animations off for it): on a loaded
  // machine a click could land on a dialog's button or a drop-down's option while it still zoomed
  // in, and was lost (the rounds test once saved a route without the checkpoint it had picked).
  browser.newContext = async (options?: Parameters<Browser['newContext']>[0]) => {
    const context = await newContext({ reducedMotion: 'reduce', ...options });
    const log: string[] = [];
    const add = (line: string) => {
      log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
      if (log.length > KEEP) log.shift();
    };
    events.set(context, log);
    context.on('close', () => events.delete(context));
    // "Failed to load resource" repeats a failed answer the lines below name with its address.
    context.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource') && add(`console.${m.type()}: ${m.text().slice(0, 300)}`));
    context.on('weberror', (e) => add(`page error: ${String(e.error()).slice(0, 300)}`));
    // Chunks and icons given up by a page that moved on are noise; API calls are not.
    context.on('requestfailed', (r) => r.url().includes('/api/') && add(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
    context.on('response', (r) => {
      // Every signed-out page first asks who is signed in: that 401 is expected.
      if (r.status() >= 400 && r.url().includes('/api/') && !(r.status() === 401 && r.url().endsWith('/api/v1/auth/me'))) add(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    return context;
  };
  return browser;
}

const ON_SCREEN = '.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-alert, .ant-result-title, .ant-modal-confirm-title, .ant-modal-title';

export async function report(): Promise<string> {
  const out: string[] = ['', '─── what the browser and the server saw ───'];
  for (const [context, log] of events) {
    for (const page of context.pages()) {
      out.push(`page ${page.url()}`);
      const texts = await page
        .locator(ON_SCREEN)
        .allInnerTexts()
        .catch((e) => [`(could not read the page: ${String(e).slice(0, 120)})`]);
      for (const t of texts) out.push(`  on screen: ${t.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    for (const line of log) out.push(`  ${line}`);
  }
  for (const server of servers) {
    out.push(`server ${server.url}, last lines:`);
    for (const line of server.output().trimEnd().split('\n').slice(-25)) out.push(`  ${line.slice(0, 400)}`);
  }
  return out.join('\n');
}
