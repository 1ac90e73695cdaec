/**
 * Vitest global setup of the browser tests: one server loads the demo estate into a data folder and
 * stops; every test file's server then starts on a copy of that folder (test/e2e/server.ts). The
 * first start with its demo load is what the template run itself does, so it stays exercised.
 */
import fs from 'node:fs';
import { chinaToday, DEMO_TEMPLATE_ENV, markDemoTemplate, startServer } from './server.ts';

export async function setup() {
  const before = chinaToday();
  // No sweep: the template is the demo as loaded, each test's server runs its own sweeps.
  const server = await startServer({ fresh: true, keepData: true, env: { DESK_SWEEP: '0' } });
  await server.stop();
  if (chinaToday() === before) markDemoTemplate(server.dataDir, before);
  process.env[DEMO_TEMPLATE_ENV] = server.dataDir;
  return () => fs.rmSync(server.dataDir, { recursive: true, force: true });
}
