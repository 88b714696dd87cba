import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findMentions } from '../../src/reader/mentions.ts';
import { readNumbers } from '../../src/reader/read.ts';
import { learnTemplate } from '../../src/reader/learn.ts';

const one = (s: string) =>
  findMentions(s).map((m) => ({ raw: m.raw, unit: m.unit, value: m.value, nonMetric: m.nonMetric ?? null, qualifier: m.qualifier ?? null }));

describe('finding numbers', () => {
  it('reads Arabic, full-width and Chinese numerals with their units and qualifiers', () => {
    expect(one('开展专项监督24次，督促整改问题二十三个，转发１２０余条，近50人次，完成率83.5%')).toEqual([
      { raw: '24', unit: '次', value: 24, nonMetric: null, qualifier: null },
      { raw: '二十三', unit: '个', value: 23, nonMetric: null, qualifier: null },
      { raw: '１２０', unit: '条', value: 120, nonMetric: null, qualifier: '余' },
      { raw: '50', unit: '人次', value: 50, nonMetric: null, qualifier: '近' },
      { raw: '83.5', unit: '％', value: 83.5, nonMetric: null, qualifier: null },
    ]);
    expect(one('发展党员一千零二十名，两千条')).toMatchObject([{ value: 1020 }, { value: 2000 }]);
  });

  it.each([
    ['2023年我镇', 'year'],
    ['于6月6日开展', 'date'],
    ['深入学习党的二十大精神', 'congress'],
    ['党的XX大精神', 'congress'],
    ['条例第3条规定', 'ordinal'],
    ['举报电话13812345678', 'phone'],
    ['做到“两个维护”', 'formulation'],
    ['围绕县委六大攻坚战', 'formulation'],
    ['35岁以下', 'age'],
    ['每月组织排查一次', 'frequency'],
    ['XX镇深入推进', 'name'],
    ['《关于“五项工程”的方案》', 'formulation'],
  ])('“%s” states no metric (%s)', (text, reason) => {
    const ms = findMentions(text);
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.every((m) => m.nonMetric)).toBe(true);
    expect(ms[0].nonMetric).toBe(reason);
  });

  it('leaves words that contain numerals alone', () => {
    expect(findMentions('统一思想，一些同志，万一出现问题，“X＋N”清单')).toEqual([]);
  });
});

describe('any text', () => {
  it('never throws and stays bounded on random Unicode, huge numbers and empty text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ maxLength: 400, unit: 'binary' }),
          fc
            .array(
              fc.constantFrom(
                '开展',
                '监督',
                '24',
                '次',
                '一',
                '百',
                '千',
                '万',
                'XX',
                '％',
                '，',
                '。',
                '\n',
                '其中',
                '余',
                '近',
                '99999999999999999999',
                '第',
                '党的',
              ),
              { maxLength: 200 },
            )
            .map((a) => a.join('')),
        ),
        (text) => {
          const r = readNumbers(text);
          for (const x of r.readings) expect(x.confidence).toBeGreaterThanOrEqual(0);
          learnTemplate({ text, vars: new Map() });
        },
      ),
      { numRuns: 300 },
    );
    expect(readNumbers('').readings).toEqual([]);
  });

  it('reads 1 MB of report text', () => {
    const para = '今年以来，开展专项监督24次，督促整改问题23个，立案3件。2023年6月6日，学习党的二十大精神。';
    const text = Array.from({ length: Math.ceil(1_000_000 / para.length) }, () => para).join('\n');
    const r = readNumbers(text);
    expect(r.readings.length).toBeGreaterThan(100_000);
  }, 60_000);
});
