import { describe, expect, it } from 'vitest';
import { effectiveTarget, meets, rankTotals, scoreTown, scoreValue } from '../../src/assess/scoring.ts';
import { DEFAULT_INDICATORS } from '../../src/assess/defaults.ts';
import { getMetric } from '../../src/metrics/catalog.ts';
import { checkIndicator } from '../../src/assess/indicators.ts';
import type { Comparator, Indicator, Scoring } from '../../src/assess/types.ts';

describe('scoring rules', () => {
  // comparator, scoring, weight, target, value → met, score
  const table: [Comparator, Scoring, number, number, number | null, boolean | null, number][] = [
    ['>=', 'binary', 10, 0.9, 0.95, true, 10],
    ['>=', 'binary', 10, 0.9, 0.9, true, 10],
    ['>=', 'binary', 10, 0.9, 0.89, false, 0],
    ['>=', 'linear', 10, 0.9, 0.45, false, 5],
    ['>=', 'linear', 10, 0.9, 0.5, false, 5.56],
    ['>=', 'linear', 10, 4, 8, true, 10], // capped at the weight
    ['>=', 'linear', 10, 4, 0, false, 0],
    ['>=', 'linear', 10, 0, 0, true, 10],
    ['>', 'binary', 6, 3, 3, false, 0],
    ['>', 'binary', 6, 3, 4, true, 6],
    ['<=', 'binary', 5, 0, 0, true, 5],
    ['<=', 'binary', 5, 0, 1, false, 0],
    ['<=', 'linear', 8, 2, 4, false, 4], // inverse: target / value
    ['<=', 'linear', 8, 2, 1, true, 8],
    ['<=', 'linear', 8, 0, 3, false, 0],
    ['<', 'linear', 8, 2, 2, false, 8], // a tie with a strict ceiling: unmet, but the share is 1
    ['=', 'binary', 5, 0, 0, true, 5],
    ['=', 'linear', 5, 0, 2, false, 0], // = scores as binary
    ['>=', 'linear', 10, 0.9, null, null, 10], // a rate over no records: not applicable, no deduction
    ['>=', 'linear', 10.5, 1, 1 / 3, false, 3.5],
    ['>=', 'linear', 3, 1, 0.999999999999, true, 3], // float noise counts as met
  ];
  it.each(table)('%s %s w=%d target=%d value=%s', (comparator, scoring, weight, target, value, met, score) => {
    const cell = scoreValue({ comparator, scoring, weight }, value, target);
    expect(cell.met).toBe(met);
    expect(cell.score).toBeCloseTo(score, 2);
  });

  it('meets() for each comparator', () => {
    expect([meets('>=', 1, 1), meets('>', 1, 1), meets('<=', 1, 1), meets('<', 1, 1), meets('=', 1, 1)]).toEqual([true, false, true, false, true]);
  });

  it('per-quarter targets accumulate over the year', () => {
    expect([1, 2, 3, 4].map((q) => effectiveTarget({ target: 3, perQuarter: true }, q))).toEqual([3, 6, 9, 12]);
    expect(effectiveTarget({ target: 0.9, perQuarter: false }, 4)).toBe(0.9);
  });
});

describe('town totals and veto', () => {
  const ind = (id: number, o: Partial<Indicator>): Indicator & { effectiveTarget: number } => ({
    id,
    county: 'QH',
    period: '*',
    sort: id,
    line: 'legal',
    name: `i${id}`,
    metric: `m${id}`,
    comparator: '>=',
    target: 1,
    weight: 10,
    scoring: 'binary',
    veto: false,
    perQuarter: false,
    note: null,
    effectiveTarget: o.target ?? 1,
    ...o,
  });
  const inds = [
    ind(1, { line: 'discipline' }),
    ind(2, { comparator: '=', target: 0, weight: 5, veto: true }),
    ind(3, { scoring: 'linear', target: 4, weight: 5 }),
  ];
  const values: Record<string, number | null> = { m1: 1, m2: 2, m3: 2 };

  it('flag mode keeps the total and lists the failed veto', () => {
    const t = scoreTown(inds, (m) => values[m], 'flag');
    expect(t).toMatchObject({ total: 12.5, max: 20, vetoed: true, vetoes: [2] });
    expect(t.lines).toEqual({ discipline: { score: 10, max: 10 }, legal: { score: 2.5, max: 10 } });
  });
  it('zero mode sets the total to 0', () => {
    expect(scoreTown(inds, (m) => values[m], 'zero')).toMatchObject({ total: 0, vetoed: true });
  });
  it('a met veto indicator vetoes nothing', () => {
    expect(scoreTown(inds, (m) => ({ ...values, m2: 0 })[m] ?? null, 'zero')).toMatchObject({ total: 17.5, vetoed: false, vetoes: [] });
  });
  it('a veto indicator without a value (null) does not veto', () => {
    expect(scoreTown(inds, (m) => ({ ...values, m2: null })[m] ?? null, 'zero')).toMatchObject({ vetoed: false });
  });
});

describe('ranking', () => {
  const rows = (xs: [number, boolean?][]) => xs.map(([total, vetoed]) => ({ total, vetoed: !!vetoed }));
  it.each([
    [rows([[90], [80], [70]]), [1, 2, 3]],
    [rows([[80], [90], [80], [70]]), [2, 1, 2, 4]], // ties share a rank, the next rank is skipped
    [rows([[80.004], [80.001]]), [1, 1]], // equal after rounding to 0.01
    [rows([[95, true], [60], [60]]), [3, 1, 1]], // vetoed towns rank after all others
    [
      rows([
        [0, true],
        [0, true],
      ]),
      [1, 1],
    ],
    [rows([]), []],
  ])('%j → %j', (input, ranks) => {
    expect(rankTotals(input)).toEqual(ranks);
  });
});

describe('the default indicator set', () => {
  it('is 12–20 valid indicators over the four lines, 100 points, with a veto', () => {
    expect(DEFAULT_INDICATORS.length).toBeGreaterThanOrEqual(12);
    expect(DEFAULT_INDICATORS.length).toBeLessThanOrEqual(20);
    for (const d of DEFAULT_INDICATORS) {
      expect(getMetric(d.metric), d.metric).toBeTruthy();
      expect(() => checkIndicator(d)).not.toThrow();
    }
    expect(new Set(DEFAULT_INDICATORS.map((d) => d.line))).toEqual(new Set(['discipline', 'organization', 'publicity', 'legal']));
    expect(DEFAULT_INDICATORS.reduce((s, d) => s + d.weight, 0)).toBe(100);
    expect(DEFAULT_INDICATORS.some((d) => d.veto)).toBe(true);
  });
});
