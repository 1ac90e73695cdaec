import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OffsetClock } from '../src/core/clock.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { launchBrowser } from '../test/e2e/server.ts';

const [webRoot, tag] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speed-shot-'));
const database = openDatabase({ sqliteFile: ':memory:' });
await migrate(database);
const { app } = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), database, clock: new OffsetClock(), webRoot });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const browser = await launchBrowser();
for (const [lang, w, h] of [['zh-CN', 1280, 800], ['en-US', 1280, 800], ['zh-CN', 390, 844]] as const) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  await ctx.addInitScript((l) => localStorage.setItem('wd.lang', l), lang);
  const page = await ctx.newPage();
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').waitFor();
  await page.getByTestId('login-submit').click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/speed-shots/${tag}-${lang}-${w}.png` });
  await ctx.close();
}
await browser.close();
await app.close();
process.exit(0);
