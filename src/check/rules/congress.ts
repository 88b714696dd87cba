/**
 * @fileoverview The party congress named must fit the report's date: a 2023 report
 * studies "党的二十大精神" (opened 2022-10-16), not "党的十二大精神" or "十九大精神".
 * A congress or plenary session that had not yet opened by the period's end is an
 * error unless the text anticipates it ("迎接党的二十大胜利召开"). Historical
 * mentions ("党的十八大以来") are fine. The current congress comes from the subject
 * (org profile `congress`), else from the calendar in data/congresses.ts; without a
 * period, today's date is used.
 *
 * Options: none.
 */
import { defineCheckRule } from '../define.ts';
import { today } from '../../shared/today.ts';
import { CN_NUM, parseCnNumber, toCnNumber } from '../document.ts';
import { congressOn, congressOpened, plenumDate } from '../data/congresses.ts';

const HISTORICAL_AFTER = /^(?:以来|召开以来|前后|之前|期间|时期|之后|至今|后)/;
const HISTORICAL_BEFORE = /(?:自|从|自党的|从党的|截至)$/;
const ANTICIPATION_BEFORE = /(?:迎接|喜迎|迎|筹备|即将召开的|召开)(?:党的)?$/;
const ANTICIPATION_AFTER = /^(?:即将|将于|胜利召开|召开|筹备|代表选举)/;
const SPIRIT_AFTER = /^(?:精神|报告|部署|决策部署|作出|提出|确定|重要论述)/;

interface Mention {
  n: number;
  index: number;
  text: string;
  plenum?: number;
}

function mentions(raw: string): Mention[] {
  const out: Mention[] = [];
  const taken = new Set<number>();
  const push = (m: Mention): void => {
    if (taken.has(m.index)) return;
    taken.add(m.index);
    out.push(m);
  };
  const plenumRe = new RegExp(`(${CN_NUM}{1,3})届([一二三四五六七八九])中全会`, 'g');
  let m: RegExpExecArray | null;
  while ((m = plenumRe.exec(raw))) push({ n: parseCnNumber(m[1]), plenum: parseCnNumber(m[2]), index: m.index, text: m[0] });
  const partyRe = new RegExp(`党的(${CN_NUM}{1,3})大`, 'g');
  while ((m = partyRe.exec(raw))) push({ n: parseCnNumber(m[1]), index: m.index + 2, text: m[0] });
  const bareRe = new RegExp(`(?<![一二三四五六七八九十第的])(${CN_NUM}{2,3})大(?=精神|报告|以来|代表|召开|胜利|部署|决策|党章|重要)`, 'g');
  while ((m = bareRe.exec(raw))) {
    const n = parseCnNumber(m[1]);
    if (n >= 11) push({ n, index: m.index, text: m[0] });
  }
  return out;
}

export default defineCheckRule({
  meta: {
    id: 'congress',
    type: 'problem',
    severity: 'error',
    docs: { description: 'The party congress (党的N大) and plenums named must fit the report period.', recommended: true },
    messages: { future: 'congress.future', outdated: 'congress.outdated', futurePlenum: 'congress.futurePlenum' },
    defaultOptions: {},
  },
  check(ctx) {
    const date = ctx.period?.end ?? today();
    const given = ctx.subject.congress ? parseCnNumber(ctx.subject.congress.replace(/^党的|大$/g, '')) : NaN;
    const current = Number.isFinite(given) ? given : congressOn(date);
    if (!current) return;
    const currentCn = toCnNumber(current);
    for (const line of ctx.lines) {
      if (!line.text) continue;
      for (const mt of mentions(line.raw)) {
        if (!Number.isFinite(mt.n)) continue;
        const end = line.raw.indexOf(mt.text, mt.index - 2) + mt.text.length;
        const after = line.raw.slice(end, end + 6);
        const before = line.raw.slice(Math.max(0, mt.index - 8), mt.index).replace(/党的$/, '');
        const at = { line: line.no, index: mt.index, length: mt.text.length };
        const data = { text: mt.plenum ? mt.text : `党的${toCnNumber(mt.n)}大`, date, current: currentCn };
        const anticipated = ANTICIPATION_BEFORE.test(line.raw.slice(Math.max(0, mt.index - 8), mt.index)) || ANTICIPATION_AFTER.test(after);
        if (mt.plenum) {
          const held = plenumDate(mt.n, mt.plenum);
          if ((held && held > date) || (!held && mt.n >= current)) {
            if (!anticipated) ctx.report({ ...at, messageId: 'futurePlenum', data: { ...data, held: held ?? '尚无记录' } });
          } else if (mt.n > current && !anticipated) {
            ctx.report({ ...at, messageId: 'future', data });
          }
          continue;
        }
        if (mt.n > current) {
          const opened = congressOpened(mt.n);
          if (!anticipated || (opened && opened <= date)) ctx.report({ ...at, messageId: 'future', data });
          continue;
        }
        if (mt.n === current) continue;
        if (HISTORICAL_AFTER.test(after) || HISTORICAL_BEFORE.test(before)) continue;
        if (SPIRIT_AFTER.test(after) || mt.n < current - 2) {
          ctx.report({ ...at, messageId: 'outdated', data });
        }
      }
    }
  },
});
