import fs from 'node:fs';
import path from 'node:path';
import { defineCommand } from '../command.ts';
import { getOrgByCode } from '../../org/service.ts';
import { parsePeriod } from '../../metrics/period.ts';
import { readReport, ReportReadError } from '../../check/read.ts';
import { learnForTown, readForTown } from '../../reader/service.ts';

const LEVEL = { high: '高', medium: '中', low: '低' } as const;

export default defineCommand({
  name: 'template',
  summary: '从往期报告学习模板：找出每个数字对应的台账指标，生成保留本镇写法的模板',
  usage: 'luoshi template learn FILE --org CODE --period 2023Q4 [--out template.md] [--json]',
  options: { org: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const [verb, file] = ctx.positionals;
    const code = ctx.values.org as string | undefined;
    const period = ctx.values.period as string | undefined;
    if (verb !== 'learn' || !file || !code || !period) {
      ctx.err('用法：luoshi template learn 报告文件 --org 镇代码 --period 2023Q4 [--out 模板.md] [--json]');
      return 2;
    }
    parsePeriod(period); // a wrong period is a domain input error: exit 2 with its message
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      ctx.err(`文件不存在：${file}`);
      return 2;
    }
    let text: string;
    try {
      text = await readReport(fs.readFileSync(file), path.basename(file));
    } catch (e) {
      if (e instanceof ReportReadError) {
        ctx.err(e.message);
        return 2;
      }
      throw e;
    }
    const db = (await ctx.openDb()).kysely;
    const org = await getOrgByCode(db, code);
    if (!org || org.kind !== 'town') {
      ctx.err(org ? `“${org.name}”不是镇（街道），请指定一个镇的代码` : `组织不存在：${code}`);
      return 2;
    }
    const read = await readForTown(db, org, period, text);
    const learned = await learnForTown(db, org, period, text);
    const out = ctx.values.out as string | undefined;
    if (out) fs.writeFileSync(out, learned.source);
    if (ctx.values.json) {
      ctx.out(
        JSON.stringify(
          {
            org: org.code,
            period,
            numbers: read.numbers,
            template: out ? undefined : learned.source,
            bindings: learned.bindings,
            names: learned.names,
            diagnostics: learned.diagnostics,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const rows = read.numbers.map((n) => {
      if (n.kind === 'nonMetric') return `行 ${n.line}  ${n.text}  —  不是指标（${n.reason}）`;
      const [c, ...more] = n.candidates;
      if (!c) return `行 ${n.line}  ${n.text}  —  未能对应台账`;
      const next = more
        .slice(0, 2)
        .map((m) => m.label)
        .join('、');
      return `行 ${n.line}  ${n.text}  →  ${c.label}（${c.metric}）本期台账 ${c.printed}，把握 ${Math.round(n.confidence * 100)}％（${LEVEL[n.level]}），依据：${c.matched.join('、')}${next ? `；其次：${next}` : ''}`;
    });
    const tied = learned.bindings.length;
    ctx.out(
      [
        ...rows,
        '',
        `共 ${read.numbers.length} 个数字，${tied} 个绑定到指标，其余保留原文。${out ? `模板已写入 ${out}` : ''}`,
        ...learned.diagnostics.map((d) => `模板第${d.line}行：${d.message}`),
      ].join('\n'),
    );
    if (!out) ctx.out(`\n${learned.source}`);
    return 0;
  },
});
