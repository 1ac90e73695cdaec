/**
 * Backup and restore of everything the server keeps: the database and the uploaded files, in one
 * folder with a manifest of checksums. SQLite: a VACUUM INTO copy (consistent while the server
 * runs); PostgreSQL: pg_dump / pg_restore. Files are only ever added (a photo is never changed
 * or deleted), so copying them after the database gives every file the copy refers to.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.ts';
import type { Database, Dialect } from '../../db/database.ts';

export const MANIFEST = 'manifest.json';
const FORMAT = 'wuye-desk-backup';

export interface FileSum {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  dialect: Dialect;
  database: FileSum;
  files: FileSum[];
}

/** An operator's mistake or a refused step: the CLI prints the message and exits non-zero. */
export class BackupError extends Error {}

function sha256(file: string) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function sum(root: string, rel: string): FileSum {
  const full = path.join(root, rel);
  return { path: rel.split(path.sep).join('/'), size: fs.statSync(full).size, sha256: sha256(full) };
}

/** Relative paths of every file under `root`, sorted. */
function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

function copyTree(from: string, to: string, files: string[]) {
  for (const rel of files) {
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(from, rel), target);
    fs.chmodSync(target, 0o600);
  }
}

export async function backup(database: Database, config: Config, out: string): Promise<Manifest> {
  if (fs.existsSync(out) && fs.readdirSync(out).length) throw new BackupError(`备份目录不是空的 The backup folder is not empty: ${out}`);
  fs.mkdirSync(out, { recursive: true, mode: 0o700 });
  let dbFile: string;
  if (database.dialect === 'sqlite') {
    dbFile = 'wuye.db';
    // VACUUM INTO writes a consistent copy while the server keeps running.
    await sql`vacuum into ${path.join(out, dbFile)}`.execute(database.db);
  } else {
    dbFile = 'wuye.dump';
    pgTool('pg_dump', ['--format=custom', `--file=${path.join(out, dbFile)}`, config.databaseUrl!]);
  }
  fs.chmodSync(path.join(out, dbFile), 0o600);
  const files = listFiles(config.filesDir);
  copyTree(config.filesDir, path.join(out, 'files'), files);
  const manifest: Manifest = {
    format: FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    dialect: database.dialect,
    database: sum(out, dbFile),
    files: files.map((f) => sum(path.join(out, 'files'), f)),
  };
  // Written last: a folder without a manifest is an unfinished backup.
  fs.writeFileSync(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** The manifest, after every file of the backup has matched its size and checksum. */
export function verify(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`不是完整的备份（缺少 ${MANIFEST}）Not a complete backup (no ${MANIFEST}): ${dir}`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== FORMAT || manifest.version !== 1) throw new BackupError(`无法识别的备份格式 Unknown backup format in ${file}`);
  const bad: string[] = [];
  const check = (root: string, f: FileSum) => {
    const full = path.join(root, ...f.path.split('/'));
    if (!path.resolve(full).startsWith(path.resolve(dir) + path.sep)) bad.push(f.path);
    else if (!fs.existsSync(full) || fs.statSync(full).size !== f.size || sha256(full) !== f.sha256) bad.push(f.path);
  };
  check(dir, manifest.database);
  for (const f of manifest.files) check(path.join(dir, 'files'), f);
  if (bad.length) throw new BackupError(`备份文件校验失败，未做任何恢复 Checksum mismatch, nothing restored: ${bad.slice(0, 20).join(', ')}`);
  return manifest;
}

/**
 * Replaces the database and the uploaded files with a verified backup. What was there is moved
 * aside to DATA_DIR/replaced-<time>/ (nothing is deleted). Refused while a server uses the database.
 */
export async function restore(config: Config, dir: string, dialect: Dialect): Promise<{ aside: string; manifest: Manifest }> {
  const manifest = verify(dir);
  if (manifest.dialect !== dialect) throw new BackupError(`备份来自 ${manifest.dialect}，当前数据库是 ${dialect} The backup is from ${manifest.dialect}, this installation uses ${dialect}`);
  const aside = path.join(config.dataDir, `replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const db = path.join(config.dataDir, 'wuye.db');
  if (dialect === 'sqlite') sqliteIdle(db);
  else await pgIdle(config.databaseUrl!);
  fs.mkdirSync(aside, { recursive: true, mode: 0o700 });
  if (dialect === 'sqlite') {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) if (fs.existsSync(f)) move(f, path.join(aside, path.basename(f)));
    fs.copyFileSync(path.join(dir, manifest.database.path), db);
    fs.chmodSync(db, 0o600);
  } else {
    pgTool('pg_dump', ['--format=custom', `--file=${path.join(aside, 'wuye.dump')}`, config.databaseUrl!]);
    pgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${config.databaseUrl!}`, path.join(dir, manifest.database.path)]);
  }
  if (fs.existsSync(config.filesDir)) move(config.filesDir, path.join(aside, 'files'));
  fs.mkdirSync(config.filesDir, { recursive: true, mode: 0o700 });
  copyTree(path.join(dir, 'files'), config.filesDir, manifest.files.map((f) => path.join(...f.path.split('/'))));
  return { aside, manifest };
}

function move(from: string, to: string) {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true });
  }
}

const IN_USE = '数据库正在被运行中的服务器使用，请先停止服务器再恢复 The database is in use by a running server; stop it before restoring';

/** Leaving WAL mode needs the only connection to the file: a running server makes it fail. */
function sqliteIdle(file: string) {
  if (!fs.existsSync(file)) return;
  const db = new SQLite(file, { timeout: 0 });
  try {
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw new BackupError(IN_USE);
  } catch (err) {
    if (err instanceof BackupError || (err as { code?: string }).code === 'SQLITE_BUSY') throw new BackupError(IN_USE);
    throw err;
  } finally {
    db.close();
  }
}

async function pgIdle(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    if (rows[0]!.n > 0) throw new BackupError(`${IN_USE} (${rows[0]!.n})`);
  } finally {
    await client.end();
  }
}

function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]) {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new BackupError(`${tool} 失败 failed: ${r.error?.message ?? r.stderr.trim()}`);
}
