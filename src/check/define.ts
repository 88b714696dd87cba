import type { Rule, RuleOptions } from './types.ts';

/** Declares a rule; the identity function gives the declaration its type. */
export function defineCheckRule<O extends RuleOptions>(rule: Rule<O>): Rule<O> {
  return rule;
}
