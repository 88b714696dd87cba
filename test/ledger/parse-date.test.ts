/**
 * The date parser's fast path for ISO dates (src/ledger/fields/registry.ts, parseDate) must
 * answer exactly as the general path does: the same text spelled with slashes takes the general
 * path, so the two are compared over random YYYY-MM-DD strings, invalid ones included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/ledger/fields/registry.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('parseDate', () => {
  it('an ISO date gives the same answer as its slash spelling (general path), valid or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        expect(parseDate(iso)).toBe(parseDate(iso.replace(/-/g, '/')));
      }),
      { numRuns: 2000 },
    );
  });

  it('edge cases: leap days, the 1900–2100 range, non-digits, padding', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2100-02-29')).toBeNull();
    expect(parseDate('1900-01-01')).toBe('1900-01-01');
    expect(parseDate('1899-12-31')).toBeNull();
    expect(parseDate('2101-01-01')).toBeNull();
    expect(parseDate('2023-13-01')).toBeNull();
    expect(parseDate('2023-00-10')).toBeNull();
    expect(parseDate('2023-1a-01')).toBeNull();
    expect(parseDate('２０２３-01-01')).toBeNull();
    expect(parseDate(' 2023-05-07 ')).toBe('2023-05-07');
    expect(parseDate('2023-5-7')).toBe('2023-05-07');
    expect(parseDate('2023年5月7日')).toBe('2023-05-07');
    expect(parseDate('20230507')).toBe('2023-05-07');
  });
});
