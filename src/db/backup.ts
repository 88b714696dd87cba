import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Db } from './kysely.ts';

/**
 * Backup and restore of the whole database. SQLite: an online copy through SQLite's backup
 * API, restored by replacing the file. PostgreSQL: `pg_dump --format=custom` (compressed, one
 * file, restorable table by table) and `pg_restore --clean --single-transaction`, so a restore
 * either completes or leaves the database as it was.
 */

export class BackupError extends Error {}

/**
 * The PostgreSQL client programs; a compatible database ships its own under other names
 * (openGauss/Vastbase gs_dump, KingbaseES sys_dump…): LUOSHI_PG_DUMP, LUOSHI_PG_RESTORE,
 * LUOSHI_PSQL name them (docs/deploy.md).
 */
const tool = (name: 'pg_dump' | 'pg_restore' | 'psql') => process.env[`LUOSHI_${name.toUpperCase()}`] ?? name;

/** libpq's environment for a postgres:// URL: the password never appears in a process list. */
export function pgEnv(url: string): { env: NodeJS.ProcessEnv; dbname: string } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { env, dbname: u.toString() };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          e.code === 'ENOENT'
            ? `找不到 ${cmd}：请安装与数据库版本相符的 PostgreSQL 客户端（Debian/UOS/麒麟：postgresql-client）`
            : `${cmd} 无法运行：${e.message}`,
        ),
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} 失败（退出码 ${code}）：${stderr.trim().slice(-2000)}`))));
  });
}

export async function backupSqlite(db: Db, out: string): Promise<void> {
  // All pages in one step: SQLite restarts an online backup whenever another connection
  // writes between steps, so a stepwise copy of a busy server's database may never finish.
  await db.sqlite!.backup(out, { progress: () => 0x7fffffff });
}

export async function backupPostgres(url: string, out: string): Promise<void> {
  const { env, dbname } = pgEnv(url);
  const tmp = `${out}.part`;
  await run(tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${dbname}`], env);
  fs.renameSync(tmp, out);
}

/** Replace a SQLite database file by a backup (checked to be a sound database first). */
export function restoreSqlite(backup: string, target: string): void {
  let check: SQLite.Database | undefined;
  try {
    check = new SQLite(backup, { readonly: true, fileMustExist: true });
    const r = check.pragma('integrity_check', { simple: true });
    if (r !== 'ok') throw new Error(String(r));
  } catch (e) {
    throw new BackupError(`备份文件不是完好的 SQLite 数据库：${backup}（${(e as Error).message}）`);
  } finally {
    check?.close();
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.restore-${process.pid}`;
  fs.copyFileSync(backup, tmp);
  // The old write-ahead log belongs to the old file: it must not be replayed onto the restored one.
  for (const s of ['-wal', '-shm']) fs.rmSync(target + s, { force: true });
  fs.renameSync(tmp, target);
}

/**
 * Restore a `pg_dump --format=custom` backup into the database at `url`, all or nothing: in one
 * psql transaction, drop the tables the database has now (a newer release may have added some
 * that the backup does not know), then run the backup's SQL (pg_restore writes it to a pipe);
 * COMMIT only once pg_restore has read the whole backup without error, ROLLBACK otherwise.
 */
/** Functions the migrations create (the backup brings its own): dropped with the tables. */
const APP_FUNCTIONS = ['ledger_versions_bump()'];

export async function restorePostgres(url: string, backup: string, currentTables: string[]): Promise<void> {
  if (!fs.existsSync(backup)) throw new BackupError(`备份文件不存在：${backup}`);
  const { env, dbname } = pgEnv(url);
  const psql = spawn(tool('psql'), ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const dump = spawn(tool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-', backup], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const failed = (cmd: string) => (e: NodeJS.ErrnoException) =>
    new BackupError(e.code === 'ENOENT' ? `找不到 ${cmd}：请安装与数据库版本相符的 PostgreSQL 客户端（postgresql-client）` : `${cmd} 无法运行：${e.message}`);
  const done = (child: ChildProcess, cmd: string) =>
    new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e) => reject(failed(cmd)(e)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} 失败（退出码 ${code}）：${stderr.trim().slice(-2000)}`))));
    });
  const restored = done(dump, 'pg_restore');
  const applied = done(psql, 'psql');
  applied.catch(() => undefined); // awaited below, once pg_restore has ended
  psql.stdin.on('error', () => undefined); // psql gone: its exit status says why
  psql.stdin.write(
    [
      'begin;',
      ...currentTables.map((t) => `drop table if exists "${t.replace(/"/g, '""')}" cascade;`),
      ...APP_FUNCTIONS.map((f) => `drop function if exists ${f} cascade;`),
      '',
    ].join('\n'),
  );
  dump.stdout.pipe(psql.stdin, { end: false });
  // psql stopped at an error: pg_restore would block on a pipe nobody reads.
  psql.on('close', () => dump.exitCode == null && dump.kill());
  const ok = await restored.then(
    () => true,
    (e: unknown) => e,
  );
  psql.stdin.end(ok === true ? '\ncommit;\n' : '\nrollback;\n');
  await applied;
  if (ok !== true) throw ok;
}
