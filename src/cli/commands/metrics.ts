import { defineCommand, type Command } from '../command.ts';
import { getOrgByCode } from '../../org/service.ts';
import { computeMetrics, plainValues } from '../../metrics/engine.ts';
import { metricCatalog } from '../../metrics/catalog.ts';
import { parsePeriod } from '../../metrics/period.ts';
import { rebuildSnapshots } from '../../metrics/snapshots.ts';

export default defineCommand({
  name: 'metrics',
  summary: '计算某组织某季度的全部指标（比率为 0–1 的小数）；--rebuild 重建各镇的指标快照',
  usage: 'luoshi metrics --org CODE --period 2023Q4 [--json] [--db PATH]\n       luoshi metrics --rebuild [--org CODE] [--period 2023Q4] [--db PATH]',
  options: { org: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' }, rebuild: { type: 'boolean' } },
  async run(ctx) {
    const code = ctx.values.org as string | undefined;
    const period = ctx.values.period as string | undefined;
    if (ctx.values.rebuild) return rebuild(ctx, code, period);
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
    const res = await computeMetrics(db.kysely, org, period); // a wrong period: exit 2 with its message
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

/**
 * Drops and recomputes the metric snapshots (src/metrics/snapshots.ts, docs/scale.md) of every
 * town, or of the towns under --org; with --period only that quarter.
 */
async function rebuild(ctx: Parameters<Command['run']>[0], code: string | undefined, period: string | undefined): Promise<number> {
  if (period) parsePeriod(period); // a wrong period is a domain input error: exit 2 with its message
  const db = await ctx.openDb();
  const root = code ? await getOrgByCode(db.kysely, code) : undefined;
  if (code && !root) {
    ctx.err(`组织不存在：${code}`);
    return 2;
  }
  const t0 = performance.now();
  const r = await rebuildSnapshots(db.kysely, { ...(root ? { root } : {}), ...(period ? { period } : {}) });
  ctx.out(`已重建指标快照：${r.towns} 个镇，共 ${r.periods} 个镇季度（${Math.round(performance.now() - t0)} 毫秒）`);
  return 0;
}
