/**
 * @fileoverview Full- and half-width forms mixed in one document: full-width digits
 * ("１２次"), "％" next to "%" (the minority form is reported), and half-width
 * punctuation inside Chinese text ("我镇,坚持"; one finding per line).
 *
 * Options: none.
 */
import { defineCheckRule } from '../define.ts';

const CJK = '\\u4e00-\\u9fa5';
const HALF_PUNCT = new RegExp(`(?<=[${CJK}])[,;?!]|(?<=[${CJK}]):(?!\\d)|(?<=[${CJK}])\\((?=[${CJK}])|(?<=[${CJK}])\\)|\\((?=[${CJK}])`, 'g');

export default defineCheckRule({
  meta: {
    id: 'width-mix',
    type: 'style',
    severity: 'warning',
    docs: { description: 'Full-width digits, mixed ％/% and half-width punctuation in Chinese text.', recommended: true },
    messages: { fullDigit: 'width-mix.fullDigit', percent: 'width-mix.percent', halfPunct: 'width-mix.halfPunct' },
    defaultOptions: {},
  },
  check(ctx) {
    let full = 0;
    let half = 0;
    for (const l of ctx.lines) {
      full += (l.raw.match(/％/g) ?? []).length;
      half += (l.raw.match(/%/g) ?? []).length;
    }
    const minority = full && half ? (half <= full ? '%' : '％') : undefined;
    for (const line of ctx.lines) {
      if (!line.text) continue;
      const raw = line.raw;
      for (const m of raw.matchAll(/[０-９]+(?:[.．][０-９]+)?/g)) {
        ctx.report({ line: line.no, index: m.index, length: m[0].length, messageId: 'fullDigit', data: { text: m[0] } });
      }
      if (minority) {
        for (const m of raw.matchAll(minority === '%' ? /%/g : /％/g)) {
          ctx.report({
            line: line.no,
            index: m.index,
            length: 1,
            messageId: 'percent',
            data: { text: raw.slice(Math.max(0, m.index - 4), m.index + 1), full, half },
          });
        }
      }
      const puncts = [...raw.matchAll(HALF_PUNCT)];
      if (puncts.length) {
        const first = puncts[0];
        ctx.report({ line: line.no, index: first.index, length: 1, messageId: 'halfPunct', data: { text: first[0], count: puncts.length } });
      }
    }
  },
});
