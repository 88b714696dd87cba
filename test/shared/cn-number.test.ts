import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cnOrdinal, parseCnDigits, parseCnNumber, toCnNumber } from '../../src/shared/cn-number.ts';

describe('toCnNumber', () => {
  it('writes the forms used in reports', () => {
    const cases: [number, string][] = [
      [0, '零'],
      [1, '一'],
      [9, '九'],
      [10, '十'],
      [11, '十一'],
      [19, '十九'],
      [20, '二十'],
      [99, '九十九'],
      [100, '一百'],
      [101, '一百零一'],
      [110, '一百一十'],
      [111, '一百一十一'],
      [200, '二百'],
      [1000, '一千'],
      [1001, '一千零一'],
      [1010, '一千零一十'],
      [1020, '一千零二十'],
      [1100, '一千一百'],
      [2023, '二千零二十三'],
      [9999, '九千九百九十九'],
    ];
    for (const [n, cn] of cases) expect(toCnNumber(n), String(n)).toBe(cn);
  });

  it('falls back to Arabic digits outside 0…9999', () => {
    expect([10000, -1, 1.5].map(toCnNumber)).toEqual(['10000', '-1', '1.5']);
  });
});

describe('parseCnNumber', () => {
  it('reads what toCnNumber writes and the usual variants', () => {
    const cases: [string, number][] = [
      ['一', 1],
      ['十', 10],
      ['十一', 11],
      ['一十一', 11],
      ['二十', 20],
      ['一百', 100],
      ['两百', 200],
      ['一百零五', 105],
      ['一千零二十', 1020],
      ['一千〇二十', 1020],
      ['九千九百九十九', 9999],
      ['零', 0],
      ['〇', 0],
    ];
    for (const [cn, n] of cases) expect(parseCnNumber(cn), cn).toBe(n);
  });

  it('rejects what is not a numeral', () => {
    for (const s of ['', '是', '二二', '十百', '百百', '百', '一百一', '一百零', '一零', '零一', '一千零零一', '三个']) expect(parseCnNumber(s), s).toBeNaN();
  });

  it('reads digit-by-digit years', () => {
    expect(parseCnDigits('二〇二三')).toBe(2023);
    expect(parseCnDigits('二○二四')).toBe(2024);
    expect(parseCnDigits('二十')).toBeNaN();
  });

  it('round-trips every number from 1 to 9999 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (n) => {
        const cn = toCnNumber(n);
        expect(cn).toMatch(/^[零一二三四五六七八九十百千]+$/);
        expect(parseCnNumber(cn)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every number once: no two numbers share words (exhaustive)', () => {
    const seen = new Map<string, number>();
    for (let n = 0; n <= 9999; n++) {
      const cn = toCnNumber(n);
      expect(seen.get(cn)).toBeUndefined();
      seen.set(cn, n);
      expect(parseCnNumber(cn)).toBe(n);
    }
  });
});

describe('cnOrdinal', () => {
  it('writes the ordinal forms of the reports', () => {
    expect(cnOrdinal('dun', 1)).toBe('一、');
    expect(cnOrdinal('paren', 12)).toBe('（十二）');
    expect(cnOrdinal('shi', 3)).toBe('三是');
    expect(cnOrdinal('di', 100)).toBe('第一百');
  });
});
