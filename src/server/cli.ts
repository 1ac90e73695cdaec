/**
 * Command-line jobs for operators: the first administrator, migrations, imports, backups.
 *   npm run cli -- user:create --username boss --password 'S3cret-pass' --role admin [--name 名字] [--estate CODE]
 *   npm run cli -- user:password --username boss --password 'N3w-secret-pass'   (ends his sessions)
 *   npm run cli -- migrate
 *   npm run cli -- import --estate CUIHU --file units.xlsx
 *   npm run cli -- backup [--out DATA_DIR/backups/wuye-2026-11-27-03-00-00]
 *   npm run cli -- restore --from DATA_DIR/backups/wuye-2026-11-27-03-00-00   (server stopped)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { passwordProblem } from '../core/password.ts';
import { ROLES, type Role } from '../core/roles.ts';
import { buildApp } from './app.ts';
import { checkProductionConfig, loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openConfiguredDatabase, privateDataDir } from './bootstrap.ts';
import { t } from './i18n/messages.ts';
import { userRepository } from './modules/users/users.repository.ts';
import { AppError } from './http/errors.ts';
import { backup, restore } from './modules/storage/backup.ts';

const USAGE = `用法 Usage: npm run cli -- <command> [options]
  user:create --username U --password P --role ${ROLES.join('|')} [--name 显示名] [--estate 项目编号]
  user:password --username U --password P
  migrate
  import --estate 项目编号 --file 文件.xlsx
  backup [--out 备份目录]          数据库 + 上传文件 + 校验清单 database + uploaded files + manifest
  restore --from 备份目录          先停止服务器 stop the server first`;

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
    from: { type: 'string' },
  },
});

const config = loadConfig();
const problems = checkProductionConfig(config);
if (problems.length) fail(problems.join('\n'));
// Restore runs with no connection of its own open: it replaces the database underneath.
if (positionals[0] === 'restore') {
  if (!values.from) fail(USAGE);
  privateDataDir(config);
  try {
    const { aside, manifest } = await restore(config, path.resolve(values.from!), config.databaseUrl ? 'postgres' : 'sqlite');
    console.log(`已恢复 Restored ${values.from} (${manifest.createdAt}, ${manifest.files.length} files); 原数据已移至 previous data moved to ${aside}`);
    process.exit(0);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
}
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
    const out = path.resolve(values.out ?? path.join(config.dataDir, 'backups', `wuye-${stamp}`));
    fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
    const manifest = await backup(database, config, out);
    console.log(`已备份 Backup written: ${out} (${database.dialect}, ${manifest.files.length} files)`);
  } else {
    fail(USAGE);
  }
} catch (err) {
  // A refused import (file too large, another import running) reads as it would in the browser.
  if (err instanceof AppError) fail(`${t('zh-CN', err.msg.key, err.msg.params)} / ${t('en-US', err.msg.key, err.msg.params)}`);
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
