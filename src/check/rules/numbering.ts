/**
 * @fileoverview Numbering at every level: headings 一、 / （一） / 1. / （1）, the
 * paragraph lists 一是、二是… and 第一，第二，… . Reports a duplicate (two "3."), a gap
 * (一是 then 四是), a wrong order, a list that does not start at one, and a marker
 * that restarts inside another item's paragraph (a stray 四是 inside 六是).
 *
 * Scopes: a heading resets the levels below it and the paragraph lists; a
 * sub-heading may restart at one or continue the previous section's numbering.
 * A list marker inside a paragraph either continues the current list, or starts a
 * nested list at 一; anything else is reported.
 *
 * Options: none.
 */
import { defineCheckRule } from '../define.ts';
import { CN_NUM } from '../document.ts';
import { cnOrdinal, parseCnNumber } from '../../shared/cn-number.ts';
import type { DocLine, HeadingLevel, RuleContext } from '../types.ts';

type ListKind = 'shi' | 'di';

interface Marker {
  n: number;
  index: number;
  length: number;
}

const BOUNDARY = '(?<=^|[。；;：:，,！？!?\\s、）)”"])';
const LIST_RE: Record<ListKind, RegExp> = {
  shi: new RegExp(`${BOUNDARY}(${CN_NUM}{1,3})是(?![否的])`, 'g'),
  di: new RegExp(`${BOUNDARY}第(${CN_NUM}{1,3})(?=[，,、：:])`, 'g'),
};

function label(kind: ListKind | HeadingLevel, n: number): string {
  switch (kind) {
    case 'shi':
      return cnOrdinal('shi', n);
    case 'di':
      return cnOrdinal('di', n);
    case 1:
      return cnOrdinal('dun', n);
    case 2:
      return cnOrdinal('paren', n);
    case 3:
      return `${n}.`;
    default:
      return `（${n}）`;
  }
}

function missingLabels(kind: ListKind | HeadingLevel, from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to && out.length < 5; i++) out.push(label(kind, i));
  return out.join('、');
}

function findMarkers(raw: string, kind: ListKind): Marker[] {
  const re = LIST_RE[kind];
  re.lastIndex = 0;
  const out: Marker[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const n = parseCnNumber(m[1]);
    if (Number.isFinite(n) && n > 0) out.push({ n, index: m.index, length: m[0].length });
  }
  return out;
}

interface Seq {
  last: number;
  line: number;
  /** Numbers used in this scope and where (for "duplicate" messages). */
  used: Map<number, number>;
  /** Whether the previous non-blank paragraph continued this list. */
  adjacent: boolean;
}

const newSeq = (): Seq => ({ last: 0, line: 0, used: new Map(), adjacent: false });

/** Checks n against a sequence; reports and returns whether it was in order. */
function step(ctx: RuleContext, seq: Seq, kind: ListKind | HeadingLevel, n: number, line: number, index: number, length: number, prevScopeLast = 0): void {
  const marker = label(kind, n);
  const at = { line, index, length };
  if (seq.last === 0) {
    if (n !== 1 && n !== prevScopeLast + 1) {
      ctx.report({ ...at, messageId: 'badStart', data: { expected: label(kind, 1), marker } });
    }
  } else if (n === seq.last + 1) {
    // in order
  } else if (n === 1 && !seq.adjacent && typeof kind === 'string') {
    // a new list after an ordinary paragraph
    seq.used.clear();
  } else if (seq.used.has(n)) {
    const prevLine = seq.used.get(n)!;
    ctx.report({ ...at, messageId: 'duplicate', data: { marker, prevLine, prevMarker: marker } });
  } else if (n > seq.last + 1) {
    ctx.report({ ...at, messageId: 'gap', data: { prevMarker: label(kind, seq.last), marker, missing: missingLabels(kind, seq.last + 1, n) } });
  } else {
    ctx.report({ ...at, messageId: 'order', data: { prevMarker: label(kind, seq.last), marker } });
  }
  seq.last = n;
  seq.line = line;
  seq.used.set(n, line);
}

function checkListParagraph(ctx: RuleContext, line: DocLine, kind: ListKind, seq: Seq): void {
  const markers = findMarkers(line.raw, kind);
  const atStart = markers.length > 0 && markers[0].index === line.indent;
  let outer: Marker | undefined;
  let nested: Seq | undefined;
  let i = 0;
  if (atStart) {
    outer = markers[0];
    step(ctx, seq, kind, outer.n, line.no, outer.index, outer.length);
    i = 1;
  }
  for (; i < markers.length; i++) {
    const m = markers[i];
    if (nested && m.n === nested.last + 1) {
      nested.last = m.n;
      continue;
    }
    if ((seq.last > 0 || !outer) && m.n === seq.last + 1 && (!outer || !nested)) {
      nested = undefined;
      step(ctx, seq, kind, m.n, line.no, m.index, m.length);
      continue;
    }
    if (m.n === 1) {
      if (outer || seq.last === 0) nested = { ...newSeq(), last: 1 };
      else step(ctx, seq, kind, 1, line.no, m.index, m.length);
      continue;
    }
    if (outer && m.n <= seq.last) {
      ctx.report({ line: line.no, index: m.index, length: m.length, messageId: 'nested', data: { outer: label(kind, outer.n), marker: label(kind, m.n) } });
    } else {
      step(ctx, seq, kind, m.n, line.no, m.index, m.length);
    }
  }
  seq.adjacent = atStart;
}

export default defineCheckRule({
  meta: {
    id: 'numbering',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Numbering of headings and of 一是/第一 lists: no duplicates, gaps, wrong order or stray markers.', recommended: true },
    messages: {
      duplicate: 'numbering.duplicate',
      gap: 'numbering.gap',
      badStart: 'numbering.badStart',
      order: 'numbering.order',
      nested: 'numbering.nested',
    },
    defaultOptions: {},
  },
  check(ctx) {
    const headingSeqs: Record<HeadingLevel, Seq> = { 1: newSeq(), 2: newSeq(), 3: newSeq(), 4: newSeq() };
    /** Last number of each level in the previous parent scope (numbering may continue). */
    const prevScopeLast: Record<HeadingLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    let lists: Record<ListKind, Seq> = { shi: newSeq(), di: newSeq() };
    for (const line of ctx.lines) {
      if (!line.text) continue;
      if (line.title) {
        lists = { shi: newSeq(), di: newSeq() };
        continue;
      }
      const h = line.heading;
      if (h) {
        const seq = headingSeqs[h.level];
        seq.adjacent = true;
        step(ctx, seq, h.level, h.n, line.no, line.indent, h.marker.length, prevScopeLast[h.level]);
        for (let l = (h.level + 1) as HeadingLevel; l <= 4; l = (l + 1) as HeadingLevel) {
          if (headingSeqs[l].last) prevScopeLast[l] = headingSeqs[l].last;
          headingSeqs[l] = newSeq();
        }
        lists = { shi: newSeq(), di: newSeq() };
        // A heading line may itself carry a list ("1.…。一是…").
      }
      checkListParagraph(ctx, line, 'shi', lists.shi);
      checkListParagraph(ctx, line, 'di', lists.di);
    }
  },
});
