/**
 * The checker engine: parse the text into lines, resolve subject and period, run
 * every enabled rule and collect its findings, sorted by line and column.
 */
import type { CheckData, CheckOptions, DocLine, CheckFinding, Period, ReportInput, Rule, RuleContext, Severity, Subject } from './types.ts';
import { parseDocument, excerptOf, columnOf } from './document.ts';
import { resolveSubject } from './infer.ts';
import { resolveConfig, minSeverity } from './config.ts';
import { formatMessage, type MessageKey } from './messages.ts';
import { rules as registry } from './rules/index.ts';

export interface RunInput {
  lines: DocLine[];
  text: string;
  subject: Subject;
  period?: Period;
  data?: CheckData;
}

function runRule(rule: Rule, input: RunInput, severity: Severity, options: Record<string, unknown>, out: CheckFinding[]): void {
  const id = rule.meta.id;
  const ctx: RuleContext = {
    lines: input.lines,
    text: input.text,
    subject: input.subject,
    period: input.period,
    data: input.data,
    options,
    report(r: ReportInput): void {
      const key = rule.meta.messages[r.messageId];
      if (!key) throw new Error(`rule ${id} reported unknown messageId ${r.messageId}`);
      const line = input.lines[r.line - 1];
      const raw = line?.raw ?? '';
      const index = r.index ?? line?.indent ?? 0;
      const finding: CheckFinding = {
        rule: id,
        severity: minSeverity(minSeverity(severity, r.severity), rule.meta.messageSeverity?.[r.messageId]),
        message: formatMessage(key, r.data),
        excerpt: excerptOf(raw, index, r.length ?? 1),
        line: r.line,
        messageId: r.messageId,
      };
      if (r.index !== undefined) finding.column = columnOf(raw, r.index);
      if (r.metric) finding.metric = r.metric;
      if (r.fix) finding.fix = r.fix;
      out.push(finding);
    },
  };
  rule.check(ctx);
}

/** Runs the given rules (the whole registry by default) over a text. */
export function checkWith(rules: Record<string, Rule>, text: string, opts: CheckOptions = {}): CheckFinding[] {
  const lines = parseDocument(text);
  const { subject, period } = resolveSubject(lines, opts.subject, opts.period);
  const input: RunInput = { lines, text, subject, period, data: opts.data };
  const settings = resolveConfig(rules, opts.config);
  const findings: CheckFinding[] = [];
  for (const [id, rule] of Object.entries(rules)) {
    const s = settings.get(id);
    if (!s || s.severity === 'off') continue;
    try {
      runRule(rule, input, s.severity, s.options, findings);
    } catch (e) {
      const key: MessageKey = 'engine.ruleFailed';
      findings.push({ rule: id, severity: 'warning', message: formatMessage(key, { rule: id, error: (e as Error).message }), excerpt: '', line: 1 });
    }
  }
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule));
}

/** Checks a report's text with the registry and the recommended preset (plus `opts.config`). */
export function checkText(text: string, opts: CheckOptions = {}): CheckFinding[] {
  return checkWith(registry, text, opts);
}

/** True when any finding would make a reviewer return the report. */
export function hasErrors(findings: readonly CheckFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
