import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT_OF_KIND, type Command } from './command.ts';
import { dbOptionsFromEnv, openDb, DatabaseOpenError, type Db } from '../db/kysely.ts';
import { DomainError } from '../util/errors.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const commandsDir = path.join(here, 'commands');
/** `.ts` from the sources, `.js` in the compiled offline bundle (scripts/bundle-compile.mjs). */
const EXT = path.extname(fileURLToPath(import.meta.url));

async function loadCommand(name: string): Promise<Command | null> {
  if (!/^[a-z][a-z-]*$/.test(name)) return null;
  const file = path.join(commandsDir, `${name}${EXT}`);
  if (!fs.existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)).default as Command;
}

async function help(): Promise<void> {
  const names = fs
    .readdirSync(commandsDir)
    .filter((f) => f.endsWith(EXT))
    .map((f) => f.slice(0, -EXT.length))
    .sort();
  const lines = ['落实 Luoshi — 全面从严治党工作台账与报告系统', '', '用法: luoshi <命令> [选项]', '', '命令:'];
  for (const n of names) {
    const c = await loadCommand(n);
    if (c) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  }
  lines.push('', '通用选项: --db PATH（SQLite 文件；或设置环境变量 DATABASE_URL 使用 PostgreSQL）', '详情: luoshi <命令> --help');
  process.stdout.write(lines.join('\n') + '\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await help();
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { version } = JSON.parse(fs.readFileSync(path.join(here, '../../package.json'), 'utf8')) as { version: string };
    process.stdout.write(`luoshi ${version}（Node.js ${process.versions.node}，${process.platform}-${process.arch}）\n`);
    return 0;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    process.stderr.write(`未知命令：${name}。运行 luoshi --help 查看可用命令。\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...(cmd.options ?? {}) },
    });
  } catch (e) {
    process.stderr.write(`参数错误：${(e as Error).message}\n用法：${cmd.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${cmd.summary}\n用法：${cmd.usage}\n`);
    return 0;
  }
  let db: Db | undefined;
  try {
    return await cmd.run({
      values: parsed.values as Record<string, string | boolean | string[] | undefined>,
      positionals: parsed.positionals,
      openDb: async () => {
        db ??= await openDb(dbOptionsFromEnv({ db: parsed.values.db as string | undefined }));
        return db;
      },
      out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
      err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    });
  } catch (e) {
    if (e instanceof DomainError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT_OF_KIND[e.kind];
    }
    if (e instanceof DatabaseOpenError) {
      process.stderr.write(`${e.message}\n`);
      return 3;
    }
    const storage = storageErrorMessage(e);
    if (storage) {
      process.stderr.write(`${storage}\n`);
      return 3;
    }
    throw e;
  } finally {
    if (db && name !== 'serve') await db.close();
  }
}

/**
 * SQLite errors found only while reading (a page damaged in the middle of the file passes the
 * open check): a clear Chinese message instead of a stack trace.
 */
function storageErrorMessage(e: unknown): string | null {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const detail = (e as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return `数据库文件已损坏（${detail}）。请停止使用该文件，从备份恢复（luoshi backup 生成的副本），或联系系统管理员。`;
  if (code.startsWith('SQLITE_FULL')) return `磁盘空间已满，数据库无法写入（${detail}）。请清理磁盘后重试。`;
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM'))
    return `数据库文件无法写入或打开（${detail}）。请检查文件权限和所在目录。`;
  if (code.startsWith('SQLITE_IOERR')) return `读写数据库文件时出错（${detail}）。请检查磁盘后重试。`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return `数据库正被其他程序占用（${detail}），请稍后重试。`;
  return null;
}
