/**
 * A RuleTester in the manner of ESLint's: a rule's spec is data, with real Chinese
 * sentences. Test-framework agnostic: pass your `describe`/`it` (vitest, node:test).
 *
 *   new RuleTester({describe, it}).run(rule, {
 *     valid: ['反馈镇党委的12个问题中，10个已整改完成，完成率83％。'],
 *     invalid: [{text: '…完成率100％。', errors: [{messageId: 'mismatch', line: 1}]}],
 *   });
 */
import { checkWith } from './engine.ts';
import type { CheckData, CheckFinding, Rule, RuleOptions, Severity, Subject } from './types.ts';

export interface ValidCase {
  text: string;
  name?: string;
  options?: RuleOptions;
  subject?: Subject;
  period?: string;
  data?: CheckData;
}

export interface ExpectedError {
  messageId: string;
  line?: number;
  column?: number;
  severity?: Severity;
  /** A substring the message must contain. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface TestHooks {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => void): void;
}

export class RuleTesterError extends Error {}

/** Findings of one rule on one case (the rule alone, at its default severity). */
export function runCase(rule: Rule, c: ValidCase): CheckFinding[] {
  const id = rule.meta.id;
  return checkWith({ [id]: rule }, c.text, {
    subject: c.subject,
    period: c.period,
    data: c.data,
    config: c.options ? { rules: { [id]: { options: c.options } } } : undefined,
  });
}

function show(fs: CheckFinding[]): string {
  return fs.map((f) => `  ${f.line}:${f.column ?? '-'} ${f.severity} ${f.messageId} ${f.message}`).join('\n') || '  (none)';
}

export function assertValid(rule: Rule, c: ValidCase): void {
  const found = runCase(rule, c);
  if (found.length) throw new RuleTesterError(`expected no findings for:\n  ${c.text}\ngot:\n${show(found)}`);
}

export function assertInvalid(rule: Rule, c: InvalidCase): void {
  const found = runCase(rule, c);
  if (c.errors.length === 0) throw new RuleTesterError('an invalid case must list at least one expected error');
  if (found.length !== c.errors.length) {
    throw new RuleTesterError(`expected ${c.errors.length} finding(s), got ${found.length} for:\n  ${c.text}\n${show(found)}`);
  }
  c.errors.forEach((e, i) => {
    const f = found[i];
    const bad = (what: string): never => {
      throw new RuleTesterError(`finding ${i + 1}: ${what}\n  ${c.text}\n${show(found)}`);
    };
    if (f.messageId !== e.messageId) bad(`messageId ${String(f.messageId)} ≠ expected ${e.messageId}`);
    if (e.line !== undefined && f.line !== e.line) bad(`line ${f.line} ≠ expected ${e.line}`);
    if (e.column !== undefined && f.column !== e.column) bad(`column ${String(f.column)} ≠ expected ${e.column}`);
    if (e.severity !== undefined && f.severity !== e.severity) bad(`severity ${f.severity} ≠ expected ${e.severity}`);
    if (e.message !== undefined && !f.message.includes(e.message)) bad(`message “${f.message}” lacks “${e.message}”`);
  });
}

export class RuleTester {
  constructor(private readonly hooks: TestHooks) {}

  run(rule: Rule, cases: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }): void {
    const { describe, it } = this.hooks;
    describe(rule.meta.id, () => {
      describe('valid', () => {
        for (const v of cases.valid) {
          const c = typeof v === 'string' ? { text: v } : v;
          it(c.name ?? c.text.slice(0, 60), () => assertValid(rule, c));
        }
      });
      describe('invalid', () => {
        for (const c of cases.invalid) it(c.name ?? c.text.slice(0, 60), () => assertInvalid(rule, c));
      });
    });
  }
}
