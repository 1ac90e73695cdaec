import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { formatProgress } from './demo/progress.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/seed.ts';
import { openUrls } from './http/addresses.ts';
import { scheduleAll } from './jobs/registry.ts';

const config = loadConfig();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

try {
  const { app, database, seeded, services } = await bootstrap(config, { logger: true, webRoot: path.join(root, 'dist/web'), progress: (s) => console.log(`  ${formatProgress(s)}`) });
  await app.listen({ port: config.port, host: config.host });
  const stopSweep = config.sweep ? scheduleAll(services.jobs) : () => {};
  const where = database.dialect === 'sqlite' ? path.join(config.dataDir, 'wuye.db') : 'PostgreSQL (DATABASE_URL)';
  const urls = openUrls(config.host, config.port);
  const lines = [
    '',
    `  物业客服中心 Wuye Desk  →  ${urls.local}`,
    ...urls.lan.map((u) => `  局域网 Office network    →  ${u}`),
    `  数据库 Database: ${database.dialect} · ${where}${seeded ? ' · 已载入演示数据 demo data loaded' : ''}`,
  ];
  if (config.cookieSecure) lines.push('  COOKIE_SECURE: 仅限 HTTPS 访问（经反向代理的 https:// 地址） · HTTPS only (through the TLS proxy)');
  if (config.demoData) {
    lines.push(`  演示账号 Demo accounts (密码 password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(10)} ${a.displayName}`);
  }
  console.log(`${lines.join('\n')}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      stopSweep();
      await app.close();
      await database.destroy();
      process.exit(0);
    });
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
