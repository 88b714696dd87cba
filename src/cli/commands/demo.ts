import { defineCommand } from '../command.ts';
import { demoBanner, seedDemo } from '../../demo/seed.ts';

export default defineCommand({
  name: 'demo',
  summary: '向空数据库写入演示县（--scale N 生成 2N 个镇，用于性能测试）',
  usage: 'luoshi demo [--db PATH] [--scale N]',
  options: { scale: { type: 'string' } },
  async run(ctx) {
    const scale = Number(ctx.values.scale ?? 1);
    if (!Number.isInteger(scale) || scale < 1) {
      ctx.err('--scale 须为正整数');
      return 2;
    }
    const db = await ctx.openDb();
    const t0 = Date.now();
    const r = await seedDemo(db, { scale });
    ctx.out(`已写入 ${r.towns} 个镇、${r.records} 条台账记录，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒。`);
    ctx.out(demoBanner());
    return 0;
  },
});
