/**
 * Generated numbering. Headings: 一、 / 1. / （一） / （1） by level, from the template's
 * `numbering` setting; a heading resets the levels below it. Points: 一是… / 第一，… from
 * `points`; consecutive points form one list, which a heading or an ordinary paragraph ends.
 * Nested points inside a paragraph are numbered within that paragraph.
 */
import type { HeadingStyle, PointStyle } from './types.ts';
import type { ModelBlock, Run } from '../render/model.ts';
import { cnOrdinal } from '../../shared/cn-number.ts';

export function ordinal(style: HeadingStyle | PointStyle, n: number): string {
  switch (style) {
    case 'cn':
      return cnOrdinal('dun', n);
    case 'arabic':
      return `${n}.`;
    case 'paren-cn':
      return cnOrdinal('paren', n);
    case 'paren-arabic':
      return `（${n}）`;
    case 'shi':
      return cnOrdinal('shi', n);
    case 'di':
      return `${cnOrdinal('di', n)}，`;
  }
}

/** GB/T 9704 heading level (font) of a numbering style: 一、→1, （一）→2, 1.→3, （1）→4. */
export function docLevelOf(style: HeadingStyle): 1 | 2 | 3 | 4 {
  return style === 'cn' ? 1 : style === 'paren-cn' ? 2 : style === 'arabic' ? 3 : 4;
}

/** A block before numbering: headings by template level, points with their style. */
export type PendingBlock = { type: 'heading'; level: 1 | 2 | 3 | 4; runs: Run[] } | { type: 'paragraph'; runs: Run[]; point?: PointStyle; narrative?: string };

/** A pending ordinal run inside a paragraph, filled in by `number()`. */
export function pendingOrdinal(style: PointStyle): Run {
  return { type: 'ordinal', text: '', style };
}

export function numberBlocks(blocks: PendingBlock[], headingStyles: HeadingStyle[]): ModelBlock[] {
  const counters = [0, 0, 0, 0];
  let list: { style: PointStyle; n: number } | null = null;
  const out: ModelBlock[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') {
      counters[b.level - 1] += 1;
      for (let k = b.level; k < 4; k++) counters[k] = 0;
      const style = headingStyles[b.level - 1] ?? headingStyles[headingStyles.length - 1];
      out.push({ type: 'heading', depth: b.level, level: docLevelOf(style), style, number: ordinal(style, counters[b.level - 1]), runs: numberInline(b.runs) });
      list = null;
      continue;
    }
    let runs = numberInline(b.runs);
    if (b.point) {
      list = list && list.style === b.point ? { style: b.point, n: list.n + 1 } : { style: b.point, n: 1 };
      runs = [{ type: 'ordinal', text: ordinal(b.point, list.n), style: b.point }, ...runs];
    } else {
      list = null;
    }
    out.push({ type: 'paragraph', runs, ...(b.narrative ? { narrative: b.narrative } : {}) });
  }
  return out;
}

/** Numbers the pending ordinals of nested points within one paragraph. */
function numberInline(runs: Run[]): Run[] {
  const n = new Map<PointStyle, number>();
  return runs.map((r) => {
    if (r.type !== 'ordinal' || r.text) return r;
    const k = (n.get(r.style) ?? 0) + 1;
    n.set(r.style, k);
    return { ...r, text: ordinal(r.style, k) };
  });
}
