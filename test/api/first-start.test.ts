/**
 * A first start tells what it is doing (main.ts prints these steps): the migrations, then the
 * demo data step by step, instead of twenty silent seconds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { loadConfig } from '../../src/server/config.ts';
import { formatProgress, type ProgressStep } from '../../src/server/demo/progress.ts';
import { seedDemo } from '../../src/server/demo/seed.ts';
import { createTestApp } from '../helpers/app.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('first-start progress', () => {
  it('reports the migrations on a new database, and only the check on a migrated one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-start-'));
    dirs.push(dir);
    // SQLite in a throw-away folder: this is about what is reported, not the database.
    const config = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, DEMO_DATA: '0' }), databaseUrl: undefined };
    for (const expected of [2, 1]) {
      const lines: string[] = [];
      const started = await bootstrap(config, { progress: (s) => lines.push(formatProgress(s)) });
      await started.app.close();
      await started.database.destroy();
      expect(lines).toHaveLength(expected);
      expect(lines[0]).toBe('迁移数据库 Migrating the database…');
      if (expected === 2) expect(lines[1]).toMatch(/^已执行 \d+ 项迁移 applied \d+ migrations \(→ \d{3}_\w+\)$/);
    }
  });

  it('numbers the demo data steps, with the buildings as they are written', async () => {
    const t = await createTestApp({ demo: false });
    try {
      const steps: ProgressStep[] = [];
      // Without a clock the seed skips the ticket, fee and field/relations history (steps 4 to 9).
      await seedDemo(t.services, localDate(t.clock.now()), { progress: (s) => steps.push(s) });
      expect(steps.map((s) => s.n)).toEqual([1, 2, 3, 3, 3, 3, 3, 3, 3]);
      expect(steps.every((s) => s.of === 9)).toBe(true);
      expect(steps.filter((s) => s.n === 3).map((s) => s.part)).toEqual(['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7']);
      expect(formatProgress(steps.at(-1)!)).toBe('载入演示数据 Loading demo data 3/9: 楼栋、房屋与住户 buildings, units, households… 7/7');
    } finally {
      await t.close();
    }
  }, 120_000);
});
