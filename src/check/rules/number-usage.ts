/**
 * @fileoverview Numbers as GB/T 15835-2011 《出版物上数字用法》 and 公文 practice write them: no space between a
 * number and its unit ("7 号", "16 个"), a measure word between a number and a counted
 * noun ("58基层党组织" → 58个基层党组织, "12党员" → 12名党员), and the percentages of one
 * list written to the same decimals ("95.5%、88%、90.3%": 88% → 88.0%).
 *
 * Options: none. Every finding has a mechanical fix.
 */
import { defineCheckRule } from '../define.ts';
import { segments } from '../numbers.ts';

const UNIT =
  '个|名|人|次|件|条|项|篇|份|部|批|起|处|块|户|家|场|期|所|座|张|支|套|本|号|年|月|日|岁|元|万元|亿元|万|亿|平方米|公里|千米|米|亩|吨|小时|天|周|%|％';
const SPACED = new RegExp(`(?<=[0-9])[ \\u3000\\u00a0]+(?=(?:${UNIT})(?![a-zA-Z]))`, 'g');
/** Nouns that are counted with 个 or 名 and are never a unit themselves. */
const COUNTED: Array<{ nouns: string; measure: string }> = [
  {
    nouns: '基层党组织|党组织|党支部|支部|党小组|行政村|自然村|村民小组|社区|网格|问题|项目|部门|单位|科室|站所|企业|合作社|工作组|专班|台账|清单|方面|重点',
    measure: '个',
  },
  { nouns: '党员|干部|村干部|群众|同志|入党积极分子|发展对象|预备党员|网格员|志愿者|人员', measure: '名' },
];
const MISSING = COUNTED.map((c) => ({ re: new RegExp(`(?<![0-9.．第第])([0-9]{1,5})(?=(?:${c.nouns}))`, 'g'), measure: c.measure }));
/** Percentages that are shares or changes ("办结率91.3%", "占39.1%", "同比下降18.2%"). */
const RATE_PERCENT = /(?:率|占比|比例|比重|占|下降|增长|上升|提高|降低|减少|增加)(?:均|分别|了)?(?:为|达到|达|是)?\s*([0-9]+(?:\.[0-9]+)?)\s*([％%])/g;

export default defineCheckRule({
  meta: {
    id: 'number-usage',
    type: 'style',
    severity: 'warning',
    docs: {
      description: 'GB/T 15835-2011: no space inside a number and its unit, a measure word before a counted noun, one precision for the percentages of a list.',
      recommended: true,
    },
    messages: { space: 'number-usage.space', measureWord: 'number-usage.measureWord', decimals: 'number-usage.decimals' },
    defaultOptions: {},
  },
  check(ctx) {
    for (const line of ctx.lines) {
      if (!line.text || line.title) continue;
      const raw = line.raw;
      for (const m of raw.matchAll(SPACED)) {
        const text = raw.slice(Math.max(0, m.index - 3), m.index + m[0].length + 1).trim();
        ctx.report({
          line: line.no,
          index: m.index,
          length: m[0].length,
          messageId: 'space',
          data: { text },
          fix: { index: m.index, length: m[0].length, text: '' },
        });
      }
      for (const { re, measure } of MISSING) {
        for (const m of raw.matchAll(re)) {
          const at = m.index + m[1].length;
          const noun = /^[\u4e00-\u9fa5]{1,4}/.exec(raw.slice(at))?.[0] ?? '';
          ctx.report({
            line: line.no,
            index: m.index,
            length: m[1].length + 2,
            messageId: 'measureWord',
            data: { text: `${m[1]}${noun.slice(0, 3)}`, right: `${m[1]}${measure}${noun.slice(0, 3)}` },
            fix: { index: at, length: 0, text: measure },
          });
        }
      }
      for (const seg of segments(raw)) {
        const ps = [...seg.text.matchAll(RATE_PERCENT)].map((m) => {
          const digits = m[1];
          const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
          return { digits, decimals, index: seg.start + (m.index ?? 0) + m[0].indexOf(digits, m[0].length - digits.length - 2) };
        });
        // 100% and 0% are exact and often written without decimals in any list.
        const measured = ps.filter((p) => !(p.decimals === 0 && (p.digits === '100' || p.digits === '0')));
        if (measured.length < 2) continue;
        const tally = new Map<number, number>();
        for (const p of measured) tally.set(p.decimals, (tally.get(p.decimals) ?? 0) + 1);
        if (tally.size < 2) continue;
        const [common] = [...tally.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
        for (const p of measured.filter((x) => x.decimals !== common)) {
          const right = (Math.round(Number(p.digits) * 10 ** common) / 10 ** common).toFixed(common);
          ctx.report({
            line: line.no,
            index: p.index,
            length: p.digits.length,
            messageId: 'decimals',
            data: { text: p.digits, right, decimals: common },
            fix: { index: p.index, length: p.digits.length, text: right },
          });
        }
      }
    }
  },
});
