import fs from 'node:fs';
import path from 'node:path';
import { defineCommand } from '../command.ts';
import { checkText, hasErrors } from '../../check/engine.ts';
import { readReport, ReportReadError } from '../../check/read.ts';
import { subjectFromOrg, SubjectError } from '../../check/subject.ts';
import { parsePeriod } from '../../check/infer.ts';
import { RuleConfigError } from '../../check/config.ts';
import { countyOf, getCountyFormulations, withCountyFormulations } from '../../check/county-formulations.ts';
import { SEVERITY_LABELS } from '../../check/messages.ts';
import type { CheckData, CheckFinding, RuleConfig, Subject } from '../../check/types.ts';
import { ledgerData, reportPeriod } from '../../check/ledger-data.ts';
import { getOrgByCode } from '../../org/service.ts';

function summary(findings: CheckFinding[]): string {
  if (!findings.length) return '未发现问题。';
  const n = (s: CheckFinding['severity']): number => findings.filter((f) => f.severity === s).length;
  return `共 ${findings.length} 处：错误 ${n('error')}，警告 ${n('warning')}，提示 ${n('info')}。`;
}

export default defineCommand({
  name: 'check',
  summary: '核查报告：占位符、编号、比率、届次、年份、外地地名、残留标记，给出 --org 时核对数字与台账',
  usage: 'luoshi check FILE [--org CODE] [--period 2023Q4] [--config 规则配置.json] [--json]',
  options: {
    org: { type: 'string' },
    period: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file) {
      ctx.err('请指定要核查的报告文件。用法：luoshi check FILE [--org CODE] [--period 2023Q4] [--json]');
      return 2;
    }
    const period = ctx.values.period as string | undefined;
    if (period && !parsePeriod(period)) {
      ctx.err(`报告期格式有误：“${period}”，应为 2023Q4 这样的年份加季度`);
      return 2;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      ctx.err(`文件不存在：${file}`);
      return 2;
    }
    let config: RuleConfig | undefined;
    const configFile = ctx.values.config as string | undefined;
    if (configFile) {
      try {
        config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as RuleConfig;
      } catch (e) {
        ctx.err(`无法读取规则配置“${configFile}”：${(e as Error).message}`);
        return 2;
      }
    }
    let text: string;
    let subject: Subject | undefined;
    let data: CheckData | undefined;
    try {
      text = await readReport(fs.readFileSync(file), path.basename(file));
      const org = ctx.values.org as string | undefined;
      if (org) {
        const db = (await ctx.openDb()).kysely;
        subject = await subjectFromOrg(db, org);
        // With the town and the quarter known, the report's numbers are compared with its ledgers.
        const p = reportPeriod(text, period);
        const o = await getOrgByCode(db, org);
        if (p && o) data = await ledgerData(db, o, p);
        // The county's own formulations (核查 → 规范表述) apply to its towns' reports.
        if (o) config = withCountyFormulations(config ?? {}, await getCountyFormulations(db, await countyOf(db, o)));
      }
    } catch (e) {
      if (e instanceof ReportReadError || e instanceof SubjectError) {
        ctx.err(e.message);
        return 2;
      }
      throw e;
    }
    let findings: CheckFinding[];
    try {
      findings = checkText(text, { subject, period, config, data });
    } catch (e) {
      if (e instanceof RuleConfigError) {
        ctx.err(e.message);
        return 2;
      }
      throw e;
    }
    if (ctx.values.json) {
      ctx.out(
        JSON.stringify(
          findings.map(({ rule, severity, message, excerpt, line, metric, fix }) => ({
            rule,
            severity,
            message,
            excerpt,
            line,
            ...(metric ? { metric } : {}),
            ...(fix ? { fix } : {}),
          })),
          null,
          2,
        ),
      );
    } else {
      const lines = findings.map((f) => `行 ${f.line} [${SEVERITY_LABELS[f.severity]}] ${f.message}（${f.rule}）${f.excerpt ? `\n    ${f.excerpt}` : ''}`);
      ctx.out([...lines, summary(findings)].join('\n'));
    }
    return hasErrors(findings) ? 1 : 0;
  },
});
