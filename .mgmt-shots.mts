// throw-away review tool (not committed): print-media screenshots at A4 size of the given print URLs
import { launchBrowser, loginThroughForm, startServer } from './test/e2e/server.ts';
const urls = process.argv.slice(2);
const server = await startServer({ timeoutMs: 400_000 });
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 794, height: 1123 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  await loginThroughForm(page, 'director');
  for (const u of urls) {
    await page.goto(u);
    await page.locator('[data-testid=print-sheet]').first().waitFor();
    await page.waitForTimeout(1500);
    await page.emulateMedia({ media: 'print' });
    const name = u.replace(/[^a-z0-9]+/gi, '_');
    await page.screenshot({ path: `/tmp/mgmt-shots/${name}.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    console.log(u, 'pages', pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length);
    await page.emulateMedia({ media: 'screen' });
  }
} finally {
  await browser.close();
  await server.stop();
}
