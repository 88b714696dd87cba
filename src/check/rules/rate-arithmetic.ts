/**
 * @fileoverview A rate printed in a sentence must agree with the counts it is made
 * of: "反馈镇党委的12个问题中，10个已整改完成，完成率83％" (10/12 = 83.3％ → ok),
 * "接县级转办单5件，办结4件，办结率100％" (→ 80％), "新发展党员8名，其中5人…，占比62.5％".
 * Rounding and truncation to the printed decimals are both accepted. Rates that
 * cannot exceed 100％ (办结率, 整改率, 满意率…) are reported when they do.
 *
 * Options: none. A rate with no counts in its sentence is not checked.
 */
import { defineRule } from '../define.ts';
import { counts, formatPercent, percentAgrees, sameUnit, segments, type Count, type Percent } from '../numbers.ts';
import { asciiDigits } from '../document.ts';

const RATE_RE = /((?:[\u4e00-\u9fa5]{0,6}?(?:率|占比|比例|比重)[、和及与]?)+)(?:均|都|分别)?(?:为|达到|达|是|约为|约)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[％%]/g;

/** Rates that are a share of a whole and can never exceed 100％. */
const CAPPED = /办结|整改|化解|覆盖|满意|知晓|合格|达标|结案|解决|参与|到会|出席|缴纳|收缴|上缴|完整|准确|录入|公开|公示|占比|比例|比重|销号|调处/;

interface RateWord {
  name: string;
  verb: string;
  share: boolean;
}

function rateWords(group: string): RateWord[] {
  const out: RateWord[] = [];
  const re = /([\u4e00-\u9fa5]*?)(率|占比|比例|比重)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(group))) {
    const share = m[2] !== '率';
    const stem = m[1].replace(/^[与和及、]/, '');
    out.push({ name: share ? m[2] : `${stem.slice(-4)}率`, verb: share ? '' : stem.slice(-2), share });
  }
  return out;
}

/** Verbs whose rate is "how many of the counted were …" (others, like 增长率, are not checked). */
const VERBS = /完成|办结|整改|化解|解决|结案|达标|合格|覆盖|参与|到会|出席|销号|调处|受理|回复|公示|公开|录入|上缴|收缴|缴纳|采纳/;

interface Pair {
  part: Count;
  total: Count;
}

/** Counts the verb applies to: "办结5件" or "10个已整改完成" (every occurrence, in order). */
function verbParts(text: string, verb: string, list: Count[]): Count[] {
  const out: Count[] = [];
  for (let from = 0; ; ) {
    const v = text.indexOf(verb, from);
    if (v < 0) break;
    from = v + verb.length;
    const after = list.find((c) => c.index >= from && c.index <= from + 1);
    const before = [...list].reverse().find((c) => c.index + c.length <= v && v - (c.index + c.length) <= 8 && !/[，,、：:]/.test(text.slice(c.index + c.length, v)));
    const c = after ?? before;
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

/** Totals for a part: same-unit counts before it, nearest first. */
function totalsFor(part: Count, list: Count[], before = part.index): Count[] {
  return list.filter((c) => c.index < before && c !== part && sameUnit(c.unit, part.unit)).reverse();
}

/** Candidate (part, total) pairs, the most likely first. */
function candidates(w: RateWord, text: string, list: Count[]): Pair[] {
  const pairs: Pair[] = [];
  if (w.share) {
    const q = text.lastIndexOf('其中');
    const m = q < 0 ? /中[，,]/.exec(text) : null;
    const cut = q >= 0 ? q : m ? m.index : -1;
    if (cut < 0) return pairs;
    const parts = list.filter((c) => c.index > cut).reverse();
    for (const part of parts) for (const total of totalsFor(part, list, cut)) pairs.push({ part, total });
    return pairs;
  }
  if (!VERBS.test(w.verb)) return pairs;
  for (const part of verbParts(text, w.verb, list).reverse()) for (const total of totalsFor(part, list)) pairs.push({ part, total });
  return pairs;
}

export default defineRule({
  meta: {
    id: 'rate-arithmetic',
    type: 'problem',
    severity: 'error',
    docs: { description: 'A completion rate, 办结率 or 占比 must agree with the counts in its sentence.', recommended: true },
    messages: {
      mismatch: 'rate-arithmetic.mismatch',
      overHundred: 'rate-arithmetic.overHundred',
      zeroTotal: 'rate-arithmetic.zeroTotal',
    },
    defaultOptions: {},
  },
  check(ctx) {
    for (const line of ctx.lines) {
      if (!line.text) continue;
      for (const seg of segments(line.raw)) {
        RATE_RE.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = RATE_RE.exec(seg.text))) {
          const digits = asciiDigits(m[2]).replace('．', '.');
          const printed: Percent = { value: Number(digits), decimals: digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0, index: m.index, length: m[0].length };
          const at = { line: line.no, index: seg.start + m.index, length: m[0].length };
          const before = seg.text.slice(0, m.index);
          const list = counts(before);
          for (const w of rateWords(m[1])) {
            const data = { name: w.name, rate: digits };
            if (printed.value > 100 && CAPPED.test(w.name)) {
              ctx.report({ ...at, messageId: 'overHundred', data });
              continue;
            }
            const pairs = candidates(w, before, list);
            if (!pairs.length) continue;
            if (pairs.some((p) => p.total.value > 0 && p.part.value <= p.total.value && percentAgrees(printed, p.part.value, p.total.value))) continue;
            const { part, total } = pairs[0];
            if (total.value === 0) {
              ctx.report({ ...at, messageId: 'zeroTotal', data });
              continue;
            }
            if (part.value > total.value) continue; // part-whole reports it
            ctx.report({ ...at, messageId: 'mismatch', data: { ...data, part: part.value, total: total.value, expected: formatPercent(part.value, total.value, printed.decimals) } });
          }
        }
      }
    }
  },
});
