/** Property tests: consistent generated sentences never light up; broken ones always do. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runCase } from '../../src/check/tester.ts';
import { checkText, checkWith } from '../../src/check/engine.ts';
import { toCnNumber } from '../../src/check/document.ts';
import rateArithmetic from '../../src/check/rules/rate-arithmetic.ts';
import partWhole from '../../src/check/rules/part-whole.ts';
import numbering from '../../src/check/rules/numbering.ts';
import type { Rule } from '../../src/check/types.ts';

const counts = fc.integer({ min: 1, max: 5000 }).chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 0, max: total })));

describe('rate-arithmetic and part-whole on generated sentences', () => {
  it('a correctly rounded completion rate is accepted', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 0, max: 2 }), ([total, done], decimals) => {
        const rate = ((done / total) * 100).toFixed(decimals);
        const text = `反馈镇党委的${total}个问题中，${done}个已整改完成，完成率${rate}％。`;
        expect(runCase(rateArithmetic, { text })).toEqual([]);
        expect(runCase(partWhole, { text })).toEqual([]);
      }),
    );
  });
  it('a rate off by more than a rounding step is reported', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 2, max: 30 }), ([total, done], off) => {
        const exact = Math.round((done / total) * 100);
        const wrong = exact + off <= 100 ? exact + off : exact - off;
        fc.pre(wrong >= 0);
        const text = `接县级转办单${total}件，办结${done}件，办结率${wrong}％。`;
        expect(runCase(rateArithmetic, { text }).map((f) => f.messageId)).toEqual(['mismatch']);
      }),
    );
  });
  it('a part larger than its whole is reported', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 999 }), (total, extra) => {
        const text = `共办理问题线索${total}件，其中立案${total + extra}件。`;
        expect(runCase(partWhole, { text }).map((f) => f.messageId)).toEqual(['partExceeds']);
      }),
    );
  });
});

describe('numbering on generated lists', () => {
  const list = (ns: number[]): string => ns.map((n) => `${toCnNumber(n)}是开展第${n}项工作。`).join('\n');
  it('a list numbered one by one is accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => {
        expect(runCase(numbering, { text: list(Array.from({ length: n }, (_, i) => i + 1)) })).toEqual([]);
      }),
    );
  });
  it('dropping an item is reported as a gap on the next line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n - 1 }))),
        ([n, drop]) => {
          const ns = Array.from({ length: n }, (_, i) => i + 1).filter((i) => i !== drop);
          expect(runCase(numbering, { text: list(ns) }).map((f) => [f.messageId, f.line])).toEqual([['gap', drop]]);
        },
      ),
    );
  });
});

describe('engine robustness', () => {
  it('turns a failing rule into a warning instead of crashing', () => {
    const broken: Rule = {
      meta: { id: 'broken', type: 'problem', severity: 'error', docs: { description: 'x', recommended: false }, messages: {}, defaultOptions: {} },
      check() {
        throw new Error('boom');
      },
    };
    expect(checkWith({ broken }, '正文')).toEqual([expect.objectContaining({ rule: 'broken', severity: 'warning', message: expect.stringContaining('boom') })]);
  });
  it('no rule fails on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.stringMatching(/^[一二三四是第，。、；XＸ％%0-9（）()#*<>镇县\n]{0,120}$/), (a, b) => {
        const f = checkText(a + b);
        expect(f.filter((x) => x.message.includes('执行出错'))).toEqual([]);
        expect(f.every((x) => x.line >= 1)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
