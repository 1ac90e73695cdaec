import fs from 'node:fs';

/**
 * Prints HTML to an A4 PDF with the Chromium the server machine has (/usr/bin/chromium, or
 * CHROMIUM_PATH). Chosen over a PDF library because no package may be added, the pack is Chinese
 * (a PDF library needs a CJK font embedded and its own layout code), and CI already installs
 * Chromium with a CJK font (scripts/ensure-chromium.sh) for the browser tests. One browser per
 * request, closed at once: a pack is printed a few times a month, not per second. playwright-core
 * is a runtime dependency for this; the browser is the machine's.
 */

/** The browser is not installed where the server looks for it: the caller answers 503 naming the path. */
export class NoChromium extends Error {
  constructor(readonly path: string) {
    super(`no Chromium at ${path}`);
  }
}

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  try {
    fs.accessSync(executablePath, fs.constants.X_OK);
  } catch {
    throw new NoChromium(executablePath);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    // The HTML is built by the server from figures and escaped text; nothing is fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
