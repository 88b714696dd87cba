/**
 * @fileoverview Standard formulations (规范表述) written exactly: a known wrong form
 * ("落实主任责任", "中央八条规定精神"), a one-character slip of a formulation
 * ("习近平新时代中国特色社会主意思想", quoted “两个维户”), a fixed list out of order
 * ("大局意识、政治意识、核心意识、看齐意识"), and a coined term renamed halfway
 * ("五项机制" … "五项制度"). Each finding carries the right form as a fix.
 *
 * Options: `extra` (formulations a county adds, same shape as the built-in data:
 * `{text, wrong?, near?, cue?}`), `lists` (extra fixed-order lists `{name, items}`).
 */
import { defineCheckRule } from '../define.ts';
import { ORDERED_LISTS, type Formulation, type OrderedList } from '../data/formulations.ts';
import { dictionary, findMisorders, findSlips, inconsistentTerms, termsOf, type Term } from '../formulations.ts';

export default defineCheckRule<{ extra?: Formulation[]; lists?: OrderedList[] }>({
  meta: {
    id: 'formulation',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Standard political formulations written exactly, fixed lists in order, coined terms named consistently.', recommended: true },
    messages: {
      wrong: 'formulation.wrong',
      nearMiss: 'formulation.nearMiss',
      order: 'formulation.order',
      inconsistent: 'formulation.inconsistent',
    },
    messageSeverity: { inconsistent: 'warning' },
    defaultOptions: {},
  },
  check(ctx) {
    const dict = dictionary(ctx.options.extra);
    const lists = [...ORDERED_LISTS, ...(ctx.options.lists ?? []).filter((l) => Array.isArray(l?.items) && l.items.length >= 2)];
    const terms: Term[] = [];
    for (const line of ctx.lines) {
      if (!line.text) continue;
      const raw = line.raw;
      for (const s of findSlips(dict, raw)) {
        ctx.report({
          line: line.no,
          index: s.index,
          length: s.length,
          messageId: s.kind,
          data: { text: s.text, right: s.right },
          fix: { index: s.index, length: s.length, text: s.right },
        });
      }
      for (const o of findMisorders(lists, raw)) {
        ctx.report({
          line: line.no,
          index: o.index,
          length: o.length,
          messageId: 'order',
          data: { name: o.list.name, text: o.text, right: o.right },
          fix: { index: o.index, length: o.length, text: o.right },
        });
      }
      terms.push(...termsOf(line.no, raw));
    }
    for (const { term, canonical } of inconsistentTerms(terms)) {
      const right = term.text.slice(0, term.text.length - term.noun.length) + canonical.noun;
      ctx.report({
        line: term.line,
        index: term.index,
        length: term.text.length,
        messageId: 'inconsistent',
        data: { text: term.text, canonical: canonical.text, first: canonical.line },
        fix: { index: term.index, length: term.text.length, text: right },
      });
    }
  },
});
