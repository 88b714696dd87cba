import { defineCommand } from '../command.ts';
import { dbOptionsFromEnv, openDb } from '../../db/kysely.ts';
import { BackupError, restorePostgres, restoreSqlite } from '../../db/backup.ts';
import { sql } from 'kysely';

export default defineCommand({
  name: 'restore',
  summary: '从 luoshi backup 的备份文件恢复数据库（覆盖当前数据；请先停止服务）',
  usage: 'luoshi restore FILE --yes [--db PATH]',
  options: { yes: { type: 'boolean' } },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) {
      ctx.err('请指定备份文件：luoshi restore FILE --yes');
      return 2;
    }
    const opts = dbOptionsFromEnv({ db: ctx.values.db as string | undefined });
    const where = opts.url ? opts.url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@') : opts.file!;
    if (!ctx.values.yes) {
      ctx.err(`恢复会用备份覆盖 ${where} 的全部数据。请先停止服务（systemctl stop luoshi），确认后加 --yes 重新运行。`);
      return 2;
    }
    try {
      if (opts.url) {
        const db = await openDb({ ...opts, migrate: false });
        let tables: string[];
        try {
          tables = (
            await sql<{
              t: string;
            }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely)
          ).rows.map((r) => r.t);
        } finally {
          await db.close();
        }
        await restorePostgres(opts.url, file, tables);
      } else {
        restoreSqlite(file, opts.file!);
      }
    } catch (e) {
      if (!(e instanceof BackupError)) throw e;
      ctx.err(`恢复失败，数据库未改动：${e.message}`);
      return 1;
    }
    ctx.out(`已从 ${file} 恢复到 ${where}。备份若来自旧版本，启动服务或运行 luoshi migrate 时会自动升级。`);
    return 0;
  },
});
