/**
 * @fileoverview A part cannot be larger than its whole within one sentence:
 * "共办理问题线索5件，其中立案7件", "反馈的12个问题中，15个已整改完成",
 * "接县级转办单5件，办结6件". Only counts with the same measure word are compared
 * (人 and 名 count the same people; 人次 does not). A "其中" whose whole is not in its
 * sentence is compared with the whole stated earlier in the paragraph ("全乡共有党员
 * 546名。其中女党员600名"), or at the end of the previous one when the paragraph opens
 * with 其中.
 *
 * Options: none.
 */
import { defineCheckRule } from '../define.ts';
import { counts, sameUnit, segments, wholesBefore, type Count } from '../numbers.ts';

const TOTAL_VERB = /(?:接|受理|收到|登记|转办|排查|梳理|反馈|发现|收集|共)[^，,、；]{0,10}$/;
const PART_STATE = /^(?:已|均已|完成|整改|办结|化解|解决|达标|合格|符合|属于|被|获|通过|得到|为|是)/;
const PART_VERB = /(?:办结|化解|解决|整改完成|已整改|完成整改|调处|结案|销号)$/;

function labelBefore(text: string, c: Count): string {
  return text.slice(Math.max(0, c.index - 6), c.index).replace(/^.*[，,。；、：:]/, '');
}

export default defineCheckRule({
  meta: {
    id: 'part-whole',
    type: 'problem',
    severity: 'error',
    docs: { description: 'A part (其中…, …中，…, 办结…) must not exceed its total.', recommended: true },
    messages: { partExceeds: 'part-whole.partExceeds' },
    defaultOptions: {},
  },
  check(ctx) {
    ctx.lines.forEach((line, lineIndex) => {
      if (!line.text) return;
      for (const seg of segments(line.raw)) {
        const list = counts(seg.text);
        const pairs: Array<{ part: Count; total: Count; totalLabel?: string }> = [];
        // "A…，其中B…，C…"; "A…。其中B…" (the whole in an earlier sentence)
        const q = seg.text.indexOf('其中');
        if (q >= 0) {
          const total = [...list].reverse().find((c) => c.index < q);
          // The part is the first count after 其中 and those joined to it by 、 ("其中A3次、B2次"); a
          // later clause after a comma may be a new item of the sentence ("传达学习…12次").
          const parts: Count[] = [];
          for (const c of list) {
            if (c.index <= q) continue;
            const prev = parts[parts.length - 1];
            if (prev && /[，,]/.test(seg.text.slice(prev.index + prev.length, c.index))) break;
            parts.push(c);
          }
          if (total) {
            for (const p of parts) if (sameUnit(p.unit, total.unit)) pairs.push({ part: p, total });
          } else {
            const first = list.find((c) => c.index > q);
            const whole = first && wholesBefore(ctx.lines, lineIndex, seg.start).find((w) => sameUnit(w.unit, first.unit));
            if (first && whole) pairs.push({ part: first, total: whole, totalLabel: whole.label });
          }
        }
        if (list.length < 2 && !pairs.length) continue;
        // "A个问题中，B个…"
        const inRe = /中[，,]/g;
        let m: RegExpExecArray | null;
        while ((m = inRe.exec(seg.text))) {
          const total = [...list].reverse().find((c) => c.index < m!.index && m!.index - (c.index + c.length) <= 12);
          const part = total && list.find((c) => c.index > m!.index && sameUnit(c.unit, total.unit));
          // "12个问题中，15个已整改" — but not "从5个方面中，梳理出30个问题"
          if (total && part && PART_STATE.test(seg.text.slice(part.index + part.length, part.index + part.length + 4))) pairs.push({ part, total });
        }
        // "接…5件，办结6件"
        for (let i = 0; i < list.length; i++) {
          const total = list[i];
          if (!TOTAL_VERB.test(seg.text.slice(Math.max(0, total.index - 12), total.index))) continue;
          const next = list.slice(i + 1).find((c) => sameUnit(c.unit, total.unit));
          if (!next) continue;
          const between = seg.text.slice(total.index + total.length, next.index);
          if (
            PART_VERB.test(between.replace(/[，,\s]+$/, '')) ||
            PART_VERB.test(
              seg.text
                .slice(next.index + next.length, next.index + next.length + 5)
                .replace(/^[^\u4e00-\u9fa5]*/, '')
                .slice(0, 4),
            )
          ) {
            pairs.push({ part: next, total });
          }
        }
        const seen = new Set<number>();
        for (const { part, total, totalLabel } of pairs) {
          if (part.value <= total.value || seen.has(part.index)) continue;
          seen.add(part.index);
          ctx.report({
            line: line.no,
            index: seg.start + part.index,
            length: part.length,
            messageId: 'partExceeds',
            data: {
              partLabel: labelBefore(seg.text, part),
              part: part.value,
              totalLabel: totalLabel ?? labelBefore(seg.text, total),
              total: total.value,
              unit: part.unit,
            },
          });
        }
      }
    });
  },
});
