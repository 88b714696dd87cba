import { defineCommand } from '../command.ts';
import { dbOptionsFromEnv, migrate, migrationStatus, openDb } from '../../db/kysely.ts';

export default defineCommand({
  name: 'migrate',
  summary: '升级数据库结构（服务启动时也会自动执行）；--dry-run 只列出待执行的迁移',
  usage: 'luoshi migrate [--dry-run] [--db PATH]',
  options: { 'dry-run': { type: 'boolean' } },
  async run(ctx) {
    const db = await openDb({ ...dbOptionsFromEnv({ db: ctx.values.db as string | undefined }), migrate: false });
    try {
      const { applied, pending } = await migrationStatus(db);
      ctx.out(`数据库：${db.where}；已执行迁移 ${applied.length} 个${applied.length ? `（最近：${applied[applied.length - 1].name}）` : ''}。`);
      if (pending.length === 0) {
        ctx.out('数据库结构已是最新，无待执行的迁移。');
        return 0;
      }
      ctx.out(`待执行的迁移 ${pending.length} 个：`);
      for (const name of pending) ctx.out(`  ${name}`);
      if (ctx.values['dry-run']) {
        ctx.out('（--dry-run：未执行。升级前请先 luoshi backup。）');
        return 0;
      }
      const done = await migrate(db);
      ctx.out(`已执行 ${done.length} 个迁移，数据库结构已是最新。`);
      return 0;
    } finally {
      await db.close();
    }
  },
});
