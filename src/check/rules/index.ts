/**
 * The rule registry: an alphabetical map of rule id → rule. One file per rule in
 * this folder, a test in test/check/<id>.test.ts and a doc in docs/check-rules/<id>.md.
 */
import type { Rule } from '../types.ts';
import congress from './congress.ts';
import eventYear from './event-year.ts';
import foreignPlace from './foreign-place.ts';
import formulation from './formulation.ts';
import ledgerNumber from './ledger-number.ts';
import missingPart from './missing-part.ts';
import numberUsage from './number-usage.ts';
import numbering from './numbering.ts';
import partWhole from './part-whole.ts';
import placeholder from './placeholder.ts';
import punctuation from './punctuation.ts';
import rateArithmetic from './rate-arithmetic.ts';
import repeatedParagraph from './repeated-paragraph.ts';
import strayMarkup from './stray-markup.ts';
import widthMix from './width-mix.ts';

export const rules: Record<string, Rule> = {
  congress: congress as Rule,
  'event-year': eventYear as Rule,
  'foreign-place': foreignPlace as Rule,
  formulation: formulation as Rule,
  'ledger-number': ledgerNumber as Rule,
  'missing-part': missingPart as Rule,
  'number-usage': numberUsage as Rule,
  numbering: numbering as Rule,
  'part-whole': partWhole as Rule,
  placeholder: placeholder as Rule,
  punctuation: punctuation as Rule,
  'rate-arithmetic': rateArithmetic as Rule,
  'repeated-paragraph': repeatedParagraph as Rule,
  'stray-markup': strayMarkup as Rule,
  'width-mix': widthMix as Rule,
};

export const ruleIds = Object.keys(rules);
