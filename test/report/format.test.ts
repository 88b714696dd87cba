import { describe, expect, it } from 'vitest';
import { formatInt, formatPct, formatValue, formatYu, percentOfCounts, percentOfRatio } from '../../src/report/template/format.ts';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { renderText } from '../../src/report/render/text.ts';
import { ordinal } from '../../src/report/template/numbering.ts';
import { toCnNumber as cnNumber } from '../../src/shared/cn-number.ts';
import { context, fakeValues } from './helpers.ts';

describe('the 余 rule', () => {
  it.each([
    [347, '340余'],
    [20, '20'],
    [19, '19'],
    [30, '30'],
    [0, '0'],
    [21, '20余'],
    [1268, '1260余'],
    [100, '100'],
  ])('%i → %s', (v, text) => expect(formatYu(v)).toBe(text));
});

describe('percentages', () => {
  it('rounds half up once, from the exact counts', () => {
    expect(percentOfCounts(57, 200, 0)).toBe('29'); // 28.5 → 29
    expect(percentOfCounts(1, 8, 1)).toBe('12.5');
    expect(percentOfCounts(1, 16, 1)).toBe('6.3'); // 6.25 → 6.3
    expect(percentOfCounts(5, 14, 1)).toBe('35.7');
    expect(percentOfCounts(2, 3, 0)).toBe('67');
    expect(percentOfCounts(1, 3, 2)).toBe('33.33');
    expect(percentOfCounts(7, 7, 0)).toBe('100');
    expect(percentOfCounts(0, 9, 1)).toBe('0.0');
  });

  it('does not round twice (44.45％ at one decimal is 44.5, at none 44, not 45)', () => {
    expect(percentOfCounts(889, 2000, 1)).toBe('44.5');
    expect(percentOfCounts(889, 2000, 0)).toBe('44');
  });

  it('survives binary fractions when only the ratio is known', () => {
    expect(percentOfRatio(0.285, 0)).toBe('29');
    expect(percentOfRatio(0.035, 0)).toBe('4');
    expect(percentOfRatio(0.1235, 2)).toBe('12.35');
    expect(formatPct(0.5, 1)).toBe('50.0');
  });

  it('prints a ratio over zero records as a dash', () => {
    expect(formatValue(null, 'pct')).toBe('—');
    expect(formatValue(null, 'int')).toBe('—');
  });

  it('formats through the template with decimals from the filter', () => {
    const tpl = parseTemplate(
      '---\ntitle: t\n---\n占比{{organization.development.youngRatio | pct:1}}％，{{organization.development.youngRatio | pct}}％，{{organization.development.youngRatio}}％，共{{organization.development.newMembers}}名。',
    );
    const values = fakeValues({ 'organization.development.young': 5, 'organization.development.newMembers': 14 });
    expect(renderText(evaluateTemplate(tpl, context({ values }))).split('\n')[1]).toBe('占比35.7％，36％，36％，共14名。');
  });

  it('prints counts as integers', () => {
    expect(formatInt(12)).toBe('12');
    expect(formatInt(12.5)).toBe('13');
  });
});

describe('ordinals', () => {
  it('writes Chinese numerals', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(cnNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
    expect(ordinal('cn', 4)).toBe('四、');
    expect(ordinal('arabic', 3)).toBe('3.');
    expect(ordinal('paren-cn', 2)).toBe('（二）');
    expect(ordinal('paren-arabic', 12)).toBe('（12）');
    expect(ordinal('shi', 6)).toBe('六是');
    expect(ordinal('di', 3)).toBe('第三，');
  });
});
