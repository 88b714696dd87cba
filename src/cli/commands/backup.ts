import path from 'node:path';
import fs from 'node:fs';
import { defineCommand } from '../command.ts';
import { dbOptionsFromEnv, openDb } from '../../db/kysely.ts';
import { BackupError, backupPostgres, backupSqlite } from '../../db/backup.ts';

export default defineCommand({
  name: 'backup',
  summary: '在线备份数据库到一个文件（SQLite 复制数据库文件；PostgreSQL 调用 pg_dump -Fc）',
  usage: 'luoshi backup --out FILE [--db PATH]',
  options: { out: { type: 'string' } },
  async run(ctx) {
    const out = ctx.values.out as string | undefined;
    if (!out) {
      ctx.err('请用 --out 指定备份文件，例如：luoshi backup --out /var/backups/luoshi/luoshi-$(date +%F).bak');
      return 2;
    }
    // Not migrated on open: a backup taken before an upgrade must hold the database as it was.
    const opts = dbOptionsFromEnv({ db: ctx.values.db as string | undefined });
    const db = await openDb({ ...opts, migrate: false });
    try {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      if (opts.url) await backupPostgres(opts.url, out);
      else await backupSqlite(db, out);
    } catch (e) {
      if (!(e instanceof BackupError)) throw e;
      ctx.err(`备份失败：${e.message}`);
      return 1;
    } finally {
      await db.close();
    }
    ctx.out(`已备份到 ${out}（${(fs.statSync(out).size / 1024).toFixed(0)} KB）。恢复：luoshi restore ${out} --yes`);
    return 0;
  },
});
