import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // PostgreSQL runs get one schema per file, dropped after the whole run; keep the pool small on 2 cores.
          maxWorkers: 2,
          // Each file builds its own app and database, so the server's modules can be shared by the
          // files a worker runs: importing them afresh for every file was a third of the run.
          isolate: false,
          globalSetup: ['test/helpers/pg-teardown.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two files at a time: each is a server and a browser that mostly wait on each other, so
          // two keep both cores busy. E2E_WORKERS=1 runs them one by one (a very loaded machine).
          maxWorkers: Number(process.env.E2E_WORKERS ?? 2),
          globalSetup: ['test/e2e/demo-template.ts'],
          // A failed test prints what the pages showed and the server's last log lines.
          setupFiles: ['test/e2e/failure-setup.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
