import { defineCommand } from '../command.ts';
import { buildApp } from '../../server/app.ts';
import { demoBanner, seedDemo } from '../../demo/seed.ts';
import { isEmpty } from '../../demo/orgs.ts';
import { recomputeAll } from '../../alerts/service.ts';
import { keyStateHint } from '../../crypto/state.ts';

export default defineCommand({
  name: 'serve',
  summary: '启动服务（网页与接口）；空数据库时自动写入演示数据',
  usage: 'luoshi serve [--db PATH] [--port 3000] [--host 127.0.0.1] [--no-demo]',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } },
  async run(ctx) {
    const db = await ctx.openDb();
    if (!ctx.values['no-demo'] && (await isEmpty(db.kysely))) {
      ctx.out('空数据库：正在写入演示数据……');
      const r = await seedDemo(db);
      // The alert center is filled before the first sign-in, whenever the daily run comes.
      const a = await recomputeAll(db.kysely, r.through);
      ctx.out(`已写入 ${r.towns} 个镇、${r.records} 条台账记录，${a.total} 条预警。`);
      ctx.out(demoBanner(r));
    }
    const hint = keyStateHint();
    if (hint) ctx.out(hint);
    const app = await buildApp({ db, logger: false, secureCookie: process.env.LUOSHI_SECURE_COOKIE === '1' });
    const port = Number(ctx.values.port ?? process.env.PORT ?? 3000);
    const host = String(ctx.values.host ?? process.env.HOST ?? '127.0.0.1');
    await app.listen({ port, host });
    ctx.out(`落实 Luoshi 已启动：http://${host}:${port}/ （数据库：${db.where}，接口文档：/api/docs，须登录）`);
    // The same signal often comes twice (the terminal's Ctrl-C or systemd reach every process of
    // the group, and bin/luoshi.mjs passes it on to a restarted server): a repeat within a
    // second is that echo; a later one means "stop now".
    let stopping = 0;
    await new Promise<void>((resolve) => {
      const stop = (sig: NodeJS.Signals) => {
        if (!stopping) {
          stopping = Date.now();
          resolve();
        } else if (Date.now() - stopping > 1000) {
          process.stderr.write(`再次收到 ${sig}，立即退出。\n`);
          process.exit(1);
        }
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await app.close();
    await db.close();
    return 0;
  },
});
