import { defineCommand } from '../command.ts';
import { demoBanner, seedDemo } from '../../demo/seed.ts';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export default defineCommand({
  name: 'demo',
  summary: '向空数据库写入演示县：默认截至今天的五个季度；--year 2023 为种子报告的 2023 年第四季度情景（--scale N 生成 2N 个镇，用于性能测试）',
  usage: 'luoshi demo [--db PATH] [--year 2023 | --date YYYY-MM-DD] [--scale N]',
  options: { scale: { type: 'string' }, year: { type: 'string' }, date: { type: 'string' } },
  async run(ctx) {
    const scale = Number(ctx.values.scale ?? 1);
    if (!Number.isInteger(scale) || scale < 1) {
      ctx.err('--scale 须为正整数');
      return 2;
    }
    const year = ctx.values.year === undefined ? undefined : Number(ctx.values.year);
    if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
      ctx.err(`--year 须为四位年份，例如 --year 2023：${String(ctx.values.year)}`);
      return 2;
    }
    const date = ctx.values.date as string | undefined;
    if (date !== undefined && (year !== undefined || !isDate(date))) {
      ctx.err(year !== undefined ? '--year 与 --date 只能选一个' : `日期格式应为 YYYY-MM-DD：${date}`);
      return 2;
    }
    const db = await ctx.openDb();
    const t0 = Date.now();
    const r = await seedDemo(db, { scale, year, today: date });
    ctx.out(`已写入 ${r.towns} 个镇、${r.records} 条台账记录，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒。`);
    ctx.out(demoBanner(r));
    return 0;
  },
});
