/**
 * Alert vocabulary shared by server and web (no node imports here): severities, alert
 * statuses and how a rule's regulation source is written out for people.
 */

/** info: 提示 (blue/green), warning: 预警 (yellow), error: 逾期/违规 (red). */
export type Severity = 'info' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
export const SEVERITY_LABELS: Record<Severity, string> = { info: '提示', warning: '预警', error: '逾期/违规' };

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = { open: '未处理', acknowledged: '已确认', resolved: '已办结' };

/** One regulation a rule rests on. */
export interface Citation {
  /** 《中国共产党支部工作条例（试行）》 */
  name: string;
  /** 第十一条 — only when confirmed against the published text; otherwise absent. */
  article?: string;
}

export interface RuleSource {
  /** The regulations, main one first. */
  cites: Citation[];
  /** What the rule takes from them, in a few words (党员大会一般每季度召开1次). */
  says: string;
  /** national: a published national text; practice: local practice (configurable). */
  level: 'national' | 'practice';
}

/** 《信访工作条例》第三十四条；《…》 */
export function citationNames(s: RuleSource): string {
  return s.cites.map((c) => `${c.name}${c.article ?? ''}`).join('；');
}

/** 《信访工作条例》第三十四条：受理之日起60日内办结… (the form shown to users and in docs/rules.md). */
export function citationText(s: RuleSource): string {
  return `${citationNames(s)}：${s.says}${s.level === 'practice' ? '（地方做法，可配置）' : ''}`;
}
