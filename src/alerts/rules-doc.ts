/**
 * docs/rules.md, generated from the rule declarations (`npm run docs:rules`): what each rule
 * checks, its regulation, its parameters and who sees it. test/alerts/registry.test.ts fails
 * when the file differs from what this returns, so the doc cannot drift from the code.
 */
import { citationNames, citationText, SEVERITY_LABELS } from '../shared/alerts.ts';
import { getBuiltinLedger } from '../catalog/index.ts';
import { alertRules } from './rules/index.ts';
import type { AlertRule } from './types.ts';

/** petition.overdue → petition-overdue (the rule's file name without .ts). */
export function ruleFileName(id: string): string {
  return id.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const ledgerLabel = (key: string) => getBuiltinLedger(key)?.label ?? key;
const params = (r: AlertRule) => Object.entries(r.params).map(([k, p]) => `\`${k}\` ${p.label} ${p.default}${p.unit}`);
const seenBy = (r: AlertRule) => (r.disciplineOnly ? `纪检监察、镇党委书记（且可读“${ledgerLabel(r.ledger)}”）` : `可读“${ledgerLabel(r.ledger)}”台账者`);
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function rulesDoc(rules: readonly AlertRule[] = alertRules): string {
  const out: string[] = [
    '<!-- 由 `npm run docs:rules` 从 src/alerts/rules/*.ts 的声明生成，请勿手工修改。 -->',
    '# 预警规则一览',
    '',
    `共 ${rules.length} 条规则。每条规则是 \`src/alerts/rules/\` 下以其标识命名的一个文件（如 \`petition.overdue\` → \`petition-overdue.ts\`），在 \`src/alerts/rules/index.ts\` 登记。法规出处只写在规则的声明里；本文件由声明生成。条款号均按公开发布的原文核对，未能核对条款号的只写法规名称。各法规的要点与来源见 [domain.md](domain.md)，预警中心、合规日历和接口见 [alerts.md](alerts.md)。`,
    '',
    `等级：${(['error', 'warning', 'info'] as const).map((s) => `\`${s}\` ${SEVERITY_LABELS[s]}`).join('，')}。“可见”：能看到该规则预警的人，此外所有人只看到本组织及下级的预警。`,
    '',
    '| 规则 | 名称 | 等级 | 出处 | 可见 |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| [\`${r.id}\`](#${ruleFileName(r.id)}) | ${cell(r.title)} | ${SEVERITY_LABELS[r.severity]} | ${cell(citationNames(r.source))}${r.source.level === 'practice' ? '（地方做法）' : ''} | ${seenBy(r)} |`,
    ),
    '',
  ];
  for (const r of rules) {
    const ps = params(r);
    out.push(
      `<a id="${ruleFileName(r.id)}"></a>`,
      `## \`${r.id}\` ${r.title}`,
      '',
      r.description,
      '',
      `- 出处：${citationText(r.source)}`,
      `- 等级：${SEVERITY_LABELS[r.severity]}；读取台账：${r.ledgers.map(ledgerLabel).join('、')}；可见：${seenBy(r)}`,
      `- 参数（县里可在设置 \`alerts.params\` 中修改）：${ps.length ? ps.join('；') : '无'}`,
      `- 文件：\`src/alerts/rules/${ruleFileName(r.id)}.ts\``,
      '',
    );
  }
  return out.join('\n');
}
