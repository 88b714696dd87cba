/**
 * Resolves the effective setting of every rule: the recommended preset, then the
 * county's configuration on top (`{rules: {id: 'off'|'warning'|…|{severity, options}}}`).
 */
import type { Rule, RuleConfig, RuleOptions, RuleSetting, Severity } from './types.ts';
import { recommended } from './presets.ts';

export interface EffectiveSetting {
  severity: Severity | 'off';
  options: RuleOptions;
}

export class RuleConfigError extends Error {}

const LEVELS = ['off', 'error', 'warning', 'info'];

function apply(base: EffectiveSetting, s: RuleSetting | undefined, ruleId: string): EffectiveSetting {
  if (s === undefined) return base;
  if (typeof s === 'string') {
    if (!LEVELS.includes(s)) throw new RuleConfigError(`规则“${ruleId}”的级别“${s}”无效（可用 off、error、warning、info）`);
    return { ...base, severity: s };
  }
  if (s.severity !== undefined && !LEVELS.includes(s.severity)) {
    throw new RuleConfigError(`规则“${ruleId}”的级别“${String(s.severity)}”无效（可用 off、error、warning、info）`);
  }
  return { severity: s.severity ?? base.severity, options: { ...base.options, ...(s.options ?? {}) } };
}

/** Effective settings for all rules; unknown rule ids in the config are an error. */
export function resolveConfig(rules: Record<string, Rule>, config?: RuleConfig): Map<string, EffectiveSetting> {
  for (const id of Object.keys(config?.rules ?? {})) {
    if (!(id in rules)) throw new RuleConfigError(`未知的核查规则：${id}`);
  }
  const out = new Map<string, EffectiveSetting>();
  for (const [id, rule] of Object.entries(rules)) {
    let s: EffectiveSetting = { severity: rule.meta.severity, options: { ...rule.meta.defaultOptions } };
    s = apply(s, recommended.rules?.[id], id);
    s = apply(s, config?.rules?.[id], id);
    out.set(id, s);
  }
  return out;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** The lower of two severities. */
export function minSeverity(a: Severity, b: Severity | undefined): Severity {
  return b && RANK[b] < RANK[a] ? b : a;
}
