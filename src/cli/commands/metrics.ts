import { defineCommand } from '../command.ts';
import { getOrgByCode } from '../../org/service.ts';
import { computeMetrics, plainValues } from '../../metrics/engine.ts';
import { metricCatalog } from '../../metrics/catalog.ts';
import { PeriodError } from '../../metrics/period.ts';

export default defineCommand({
  name: 'metrics',
  summary: '计算某组织某季度的全部指标（比率为 0–1 的小数）',
  usage: 'luoshi metrics --org CODE --period 2023Q4 [--json] [--db PATH]',
  options: { org: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const code = ctx.values.org as string | undefined;
    const period = ctx.values.period as string | undefined;
    if (!code || !period) {
      ctx.err('请指定 --org 和 --period，例如：luoshi metrics --org QH-DH --period 2023Q4 --json');
      return 2;
    }
    const db = await ctx.openDb();
    const org = await getOrgByCode(db.kysely, code);
    if (!org) {
      ctx.err(`组织不存在：${code}`);
      return 2;
    }
    let res;
    try {
      res = await computeMetrics(db.kysely, org, period);
    } catch (e) {
      if (e instanceof PeriodError) {
        ctx.err(e.message);
        return 2;
      }
      throw e;
    }
    const metrics = plainValues(res);
    if (ctx.values.json) {
      ctx.out(JSON.stringify({ org: org.code, period: res.period, metrics }, null, 2));
      return 0;
    }
    ctx.out(`${org.name} ${res.period} 指标`);
    for (const m of metricCatalog) {
      const v = metrics[m.id];
      const text = v == null ? '—（无记录）' : m.unit === '％' ? `${(v * 100).toFixed(1)}％` : `${v}${m.unit}`;
      ctx.out(`  ${m.label.padEnd(22, '　')} ${text}    ${m.id}`);
    }
    return 0;
  },
});
