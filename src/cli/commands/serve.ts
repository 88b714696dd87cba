import cluster from 'node:cluster';
import { defineCommand, type CommandContext } from '../command.ts';
import { buildApp } from '../../server/app.ts';
import { demoBanner, seedDemo } from '../../demo/seed.ts';
import { isEmpty } from '../../demo/orgs.ts';
import { recomputeAll } from '../../alerts/service.ts';
import { startAlertWorker } from '../../alerts/background.ts';
import { keyStateHint } from '../../crypto/state.ts';
import type { Db } from '../../db/kysely.ts';

/** Most server processes `--workers` starts (a township server has a few cores). */
const MAX_WORKERS = 32;

export default defineCommand({
  name: 'serve',
  summary: '启动服务（网页与接口）；空数据库时自动写入演示数据',
  usage: 'luoshi serve [--db PATH] [--port 3000] [--host 127.0.0.1] [--no-demo] [--workers N（须 PostgreSQL）]',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' }, workers: { type: 'string' } },
  async run(ctx) {
    const raw = ctx.values.workers ?? process.env.LUOSHI_WORKERS;
    const workers = raw == null || raw === '' ? 1 : Number(raw);
    if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
      ctx.err(`--workers 须为 1–${MAX_WORKERS} 的整数，收到：${String(raw)}`);
      return 2;
    }
    // A forked server process: the primary has migrated and seeded already.
    if (cluster.isWorker) {
      const code = await serveOne(ctx, await ctx.openDb(), { quiet: true });
      cluster.worker?.disconnect(); // the channel to the primary would keep this process alive
      return code;
    }
    const db = await ctx.openDb();
    if (workers > 1 && db.dialect !== 'postgres') {
      // SQLite has one writer and this process's in-memory rate limits: several processes on
      // one file would queue on its lock and each count limits of its own (docs/scale.md).
      await db.close();
      ctx.err('SQLite 只支持单个服务进程：--workers 大于 1 须使用 PostgreSQL（设置环境变量 DATABASE_URL），或去掉 --workers。');
      return 2;
    }
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
    if (workers === 1) return serveOne(ctx, db, { quiet: false });
    await db.close();
    return superviseWorkers(ctx, workers);
  },
});

function address(ctx: CommandContext): { port: number; host: string } {
  return { port: Number(ctx.values.port ?? process.env.PORT ?? 3000), host: String(ctx.values.host ?? process.env.HOST ?? '127.0.0.1') };
}

/**
 * Resolves at SIGINT/SIGTERM. The same signal often comes twice (the terminal's Ctrl-C or systemd
 * reach every process of the group, and bin/luoshi.mjs passes it on to a restarted server): a
 * repeat within a second is that echo; a later one means "stop now".
 */
function untilSignal(): Promise<void> {
  let stopping = 0;
  return new Promise<void>((resolve) => {
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
}

async function serveOne(ctx: CommandContext, db: Db, opts: { quiet: boolean }): Promise<number> {
  // The alert worker thread loads its modules while this thread builds the app, before any
  // request competes with it: the start-up alert run begins as soon as the server listens.
  startAlertWorker(db);
  const app = await buildApp({ db, logger: false, secureCookie: process.env.LUOSHI_SECURE_COOKIE === '1' });
  const { port, host } = address(ctx);
  await app.listen({ port, host });
  if (!opts.quiet) ctx.out(`落实 Luoshi 已启动：http://${host}:${port}/ （数据库：${db.where}，接口文档：/api/docs，须登录）`);
  await untilSignal();
  await app.close();
  await db.close();
  return 0;
}

/**
 * `--workers N` (node:cluster): N server processes share the port; sessions, lockouts and rate
 * limits are in the database, the daily alert run is elected (docs/scale.md). A process that
 * dies is started again after a second; SIGINT/SIGTERM stop them all.
 */
async function superviseWorkers(ctx: CommandContext, n: number): Promise<number> {
  const { port, host } = address(ctx);
  let stopping = false;
  let listening = 0;
  const fork = () => cluster.fork();
  cluster.on('listening', () => {
    if (++listening === n) ctx.out(`落实 Luoshi 已启动 ${n} 个服务进程：http://${host}:${port}/ （PostgreSQL，接口文档：/api/docs，须登录）`);
  });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    ctx.err(`服务进程 ${w.process.pid} 意外退出（${signal ?? code}），1 秒后重新启动`);
    setTimeout(() => !stopping && fork(), 1000).unref();
  });
  for (let i = 0; i < n; i++) fork();
  await untilSignal();
  stopping = true;
  const all = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
  await Promise.all(
    all.map(
      (w) =>
        new Promise<void>((resolve) => {
          w!.once('exit', () => resolve());
          w!.process.kill('SIGTERM');
        }),
    ),
  );
  return 0;
}
