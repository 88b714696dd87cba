/**
 * @fileoverview A rate printed in a sentence must agree with the counts it is made
 * of: "反馈镇党委的12个问题中，10个已整改完成，完成率83％" (10/12 = 83.3％ → ok),
 * "接县级转办单5件，办结4件，办结率100％" (→ 80％), "新发展党员8名，其中5人…，占比62.5％".
 * Rounding and truncation to the printed decimals are both accepted. Rates that
 * cannot exceed 100％ (办结率, 整改率, 满意率…) are reported when they do.
 *
 * A share or rate whose whole is not in its sentence is compared with the whole stated
 * earlier in the paragraph ("全乡共有党员546名。其中35岁以下党员456名，占83.51％" → 83.52％),
 * and a bare "占83.5％" counts as a share.
 *
 * Options: none. A rate with no counts in its sentence or paragraph is not checked.
 */
import { defineCheckRule } from '../define.ts';
import { counts, formatPercent, percentAgrees, sameUnit, segments, wholesBefore, type Count, type Percent, type Whole } from '../numbers.ts';
import { asciiDigits } from '../document.ts';

const RATE_RE =
  /((?:[\u4e00-\u9fa5]{0,6}?(?:率|占比|比例|比重)[、和及与]?)+)(?:均|都|分别)?(?:为|达到|达|是|约为|约)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[％%]/g;

/** "占83.51％", "占全乡党员总数的83.5％" (占比 and 比例 are RATE_RE's). */
const SHARE_RE = /占(?!比)([\u4e00-\u9fa5]{0,14}?的)?(?:为|达到|达)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[％%]/g;

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
const VERBS = /参学|参训|参加|完成|办结|整改|化解|解决|结案|达标|合格|覆盖|参与|到会|出席|销号|调处|受理|回复|公示|公开|录入|上缴|收缴|缴纳|采纳/;

interface Pair {
  part: Count;
  total: Count;
}

/** Counts the verb applies to: "办结5件" or "10个已整改完成" (every occurrence, in order). */
function verbParts(text: string, verb: string, list: Count[]): Count[] {
  const out: Count[] = [];
  for (let from = 0; ;) {
    const v = text.indexOf(verb, from);
    if (v < 0) break;
    from = v + verb.length;
    // "办结5件", "完成整改15个" (a two-character object between verb and count)
    const after = list.find((c) => c.index >= from && c.index <= from + 3 && !/[，,、；：:]/.test(text.slice(from, c.index)));
    const before = [...list]
      .reverse()
      .find((c) => c.index + c.length <= v && v - (c.index + c.length) <= 8 && !/[，,、：:]/.test(text.slice(c.index + c.length, v)));
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

/** The part a rate speaks of when its whole lies in an earlier sentence. */
function crossPart(w: RateWord, text: string, list: Count[]): Count | undefined {
  if (w.share) return list[list.length - 1];
  if (!VERBS.test(w.verb)) return undefined;
  // "参加学习的党员598名，参学率96.0％": the verb of the rate need not be written out
  return verbParts(text, w.verb, list).pop() ?? list[list.length - 1];
}

/** Wholes from earlier sentences of the paragraph that fit the part (and the whole the share names). */
function crossPairs(part: Count, wholes: Whole[], named: string | undefined): Pair[] {
  return wholes.filter((t) => sameUnit(t.unit, part.unit) && (!named || named.includes(t.label.slice(-2)))).map((total) => ({ part, total }));
}

interface Hit {
  index: number;
  length: number;
  digits: string;
  words: RateWord[];
  named?: string;
}

function hitsOf(text: string): Hit[] {
  const out: Hit[] = [];
  RATE_RE.lastIndex = 0;
  for (const m of text.matchAll(RATE_RE))
    out.push({ index: m.index, length: m[0].length, digits: asciiDigits(m[2]).replace('．', '.'), words: rateWords(m[1]) });
  for (const m of text.matchAll(SHARE_RE)) {
    if (out.some((h) => m.index < h.index + h.length && m.index + m[0].length > h.index)) continue;
    out.push({
      index: m.index,
      length: m[0].length,
      digits: asciiDigits(m[2]).replace('．', '.'),
      words: [{ name: '占比', verb: '', share: true }],
      named: m[1],
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

export default defineCheckRule({
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
    ctx.lines.forEach((line, lineIndex) => {
      if (!line.text) return;
      for (const seg of segments(line.raw)) {
        for (const hit of hitsOf(seg.text)) {
          const digits = hit.digits;
          const printed: Percent = {
            value: Number(digits),
            decimals: digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0,
            index: hit.index,
            length: hit.length,
          };
          const at = { line: line.no, index: seg.start + hit.index, length: hit.length };
          const before = seg.text.slice(0, hit.index);
          const list = counts(before);
          for (const w of hit.words) {
            const data = { name: w.name, rate: digits };
            if (printed.value > 100 && CAPPED.test(w.name)) {
              ctx.report({ ...at, messageId: 'overHundred', data });
              continue;
            }
            let pairs = candidates(w, before, list);
            if (!pairs.length) {
              const part = crossPart(w, before, list);
              if (part) pairs = crossPairs(part, wholesBefore(ctx.lines, lineIndex, seg.start + part.index), hit.named);
            }
            if (!pairs.length) continue;
            if (pairs.some((p) => p.total.value > 0 && p.part.value <= p.total.value && percentAgrees(printed, p.part.value, p.total.value))) continue;
            const { part, total } = pairs[0];
            if (total.value === 0) {
              ctx.report({ ...at, messageId: 'zeroTotal', data });
              continue;
            }
            if (part.value > total.value) continue; // part-whole reports it
            ctx.report({
              ...at,
              messageId: 'mismatch',
              data: { ...data, part: part.value, total: total.value, expected: formatPercent(part.value, total.value, printed.decimals) },
            });
          }
        }
      }
    });
  },
});
