import path from 'node:path';
import fs from 'node:fs';
import { defineCommand } from '../command.ts';

export default defineCommand({
  name: 'backup',
  summary: '在线备份 SQLite 数据库到文件（PostgreSQL 请用 pg_dump）',
  usage: 'luoshi backup --out FILE [--db PATH]',
  options: { out: { type: 'string' } },
  async run(ctx) {
    const out = ctx.values.out as string | undefined;
    if (!out) {
      ctx.err('请用 --out 指定备份文件');
      return 2;
    }
    const db = await ctx.openDb();
    if (db.dialect === 'postgres' || !db.sqlite) {
      ctx.err('当前使用 PostgreSQL：请使用 pg_dump 备份，例如\n  pg_dump --format=custom --file=luoshi.dump "$DATABASE_URL"\n恢复：pg_restore --clean --dbname="$DATABASE_URL" luoshi.dump');
      return 1;
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    // All pages in one step: SQLite restarts an online backup whenever another connection
    // writes between steps, so a stepwise copy of a busy server's database may never finish.
    await db.sqlite.backup(out, { progress: () => 0x7fffffff });
    ctx.out(`已备份到 ${out}（${(fs.statSync(out).size / 1024).toFixed(0)} KB）`);
    return 0;
  },
});
