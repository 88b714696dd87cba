/**
 * The number reader on its labeled set (the seed, three reports in other towns' styles and
 * reports from the default template): the issue's goals are top-1 ≥ 90 %, top-3 ≥ 98 % and
 * at most 2 % of non-metric numbers tied. bench/reader.bench.ts prints the same figures.
 */
import { describe, expect, it } from 'vitest';
import { generated, handLabeled, ratio, scoreReader } from './labeled.ts';

describe('number reader accuracy', () => {
  const hand = handLabeled();
  it('has a labeled set of the seed and at least three other-style reports', () => {
    expect(hand.map((d) => d.name)).toContain('seed-2023q4.txt');
    expect(hand.length).toBeGreaterThanOrEqual(4);
    expect(hand.reduce((n, d) => n + d.labels.length, 0)).toBeGreaterThan(150);
  });
  for (const [name, set] of [
    ['hand-labeled reports', hand],
    ['default-template reports', generated()],
  ] as const) {
    it(`${name}: top-1 ≥ 90 %, top-3 ≥ 98 %, non-metric tied ≤ 2 %`, () => {
      const s = scoreReader(set);
      const result = { top1: ratio(s.top1, s.metricNumbers), top3: ratio(s.top3, s.metricNumbers), tied: ratio(s.wronglyTied, s.nonMetricNumbers) };
      expect(s.metricNumbers).toBeGreaterThan(100);
      expect(s.nonMetricNumbers).toBeGreaterThan(50);
      expect(result.top1, s.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
      expect(result.top3, s.misses.join('\n')).toBeGreaterThanOrEqual(0.98);
      expect(result.tied, s.misses.join('\n')).toBeLessThanOrEqual(0.02);
    });
  }
});
