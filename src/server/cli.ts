/**
 * Command-line jobs for operators: the first administrator, migrations, imports, backups.
 *   npm run cli -- user:create --username boss --password 'S3cret-pass' --role admin [--name 名字] [--estate CODE]
 *   npm run cli -- user:password --username boss --password 'N3w-secret-pass'   (ends his sessions)
 *   npm run cli -- migrate
 *   npm run cli -- import --estate CUIHU --file units.xlsx
 *   npm run cli -- backup [--out backups/wuye-2026-11-27.db]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { passwordProblem } from '../core/password.ts';
import { ROLES, type Role } from '../core/roles.ts';
import { buildApp } from './app.ts';
import { checkProductionConfig, loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openConfiguredDatabase, sqliteFileOf } from './bootstrap.ts';
import { t } from './i18n/messages.ts';
import { userRepository } from './modules/users/users.repository.ts';

const USAGE = `用法 Usage: npm run cli -- <command> [options]
  user:create --username U --password P --role ${ROLES.join('|')} [--name 显示名] [--estate 项目编号]
  user:password --username U --password P
  migrate
  import --estate 项目编号 --file 文件.xlsx
  backup [--out 路径]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    estate: { type: 'string' },
    file: { type: 'string' },
    out: { type: 'string' },
  },
});

const config = loadConfig();
const problems = checkProductionConfig(config);
if (problems.length) fail(problems.join('\n'));
const database = openConfiguredDatabase(config);
const actor = { id: null, name: 'cli', ip: null };

try {
  await migrate(database);
  const command = positionals[0];
  if (command === 'migrate') {
    console.log('数据库已是最新 Database is up to date');
  } else if (command === 'user:create') {
    const { username, password, role } = values;
    if (!username || !password || !role || !ROLES.includes(role as Role)) fail(USAGE);
    checkPassword(password!, username!);
    const estate = values.estate ? await estateByCode(values.estate) : null;
    const { services } = await buildApp({ config, database });
    const id = await services.users.create(null, {
      username: username!,
      displayName: values.name ?? username!,
      role: role as Role,
      password: password!,
      phone: null,
      department: null,
      scopes: estate ? [{ estateId: estate }] : [],
      unitIds: [],
    });
    console.log(`已创建用户 Created user ${username} (#${id}, ${role})`);
  } else if (command === 'user:password') {
    const { username, password } = values;
    if (!username || !password) fail(USAGE);
    const user = await userRepository.findByUsername(database.db, username!);
    if (!user) fail(`用户不存在 No user ${username}`);
    checkPassword(password!, username!);
    const { services } = await buildApp({ config, database });
    await services.users.resetPassword(actor, user!.id, password!);
    console.log(`已修改密码 Password changed: ${username}`);
  } else if (command === 'import') {
    if (!values.estate || !values.file) fail(USAGE);
    const estateId = await estateByCode(values.estate!);
    const { services } = await buildApp({ config, database });
    const job = await services.imports.start(actor, { all: true, estates: [], areas: [], units: [] }, estateId, path.basename(values.file!), fs.readFileSync(values.file!));
    await job.done;
    const result = await services.imports.get({ all: true, estates: [], areas: [], units: [] }, job.id, 'zh-CN');
    if (result.status !== 'done') {
      for (const e of result.errors) console.error(`${e.sheet} 第 ${e.row} 行 ${e.column}：${e.message}`);
      fail(`导入失败，未写入任何数据 Import failed, nothing written (${result.errors.length} errors)`);
    }
    console.log('导入完成 Imported', result.result);
  } else if (command === 'backup') {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    if (database.dialect === 'sqlite') {
      const out = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `wuye-${stamp}.db`));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      // VACUUM INTO writes a consistent copy while the server keeps running.
      await sql`vacuum into ${out}`.execute(database.db);
      console.log(`已备份 Backup written: ${out} (from ${sqliteFileOf(config)})`);
    } else {
      const out = path.resolve(values.out ?? `wuye-${stamp}.dump`);
      const r = spawnSync('pg_dump', ['--format=custom', `--file=${out}`, config.databaseUrl!], { stdio: 'inherit' });
      if (r.status !== 0) fail('pg_dump 失败 failed');
      console.log(`已备份 Backup written: ${out}`);
    }
  } else {
    fail(USAGE);
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  await database.destroy();
}

async function estateByCode(code: string): Promise<number> {
  const row = await database.db.selectFrom('estates').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) fail(`项目编号不存在 No estate with code ${code}`);
  return row!.id;
}

function checkPassword(password: string, username: string) {
  const problem = passwordProblem(password, username);
  if (problem) fail(`${t('zh-CN', problem)} / ${t('en-US', problem)}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
