import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/engine.ts';
import { RuleConfigError } from '../../src/check/config.ts';
import { parsePeriod, periodFromTitle, townFromTitle, resolveSubject } from '../../src/check/infer.ts';
import { parseDocument, parseCnNumber } from '../../src/check/document.ts';

describe('inference from the title', () => {
  it('reads town and period', () => {
    expect(townFromTitle('2024年南坪镇二季度落实全面从严治党攻坚战情况报告')).toBe('南坪镇');
    expect(periodFromTitle('2024年南坪镇二季度落实全面从严治党攻坚战情况报告')).toMatchObject({ year: 2024, quarter: 2, end: '2024-06-30' });
    expect(townFromTitle('2023年XX镇四季度落实全面从严治党攻坚战情况报告')).toBeUndefined();
    expect(periodFromTitle('2023年XX镇四季度落实全面从严治党攻坚战情况报告')).toMatchObject({ year: 2023, quarter: 4 });
    expect(townFromTitle('中共东湖街道工作委员会关于2023年上半年工作的报告')).toBe('东湖街道');
    expect(periodFromTitle('二〇二三年度工作总结')).toMatchObject({ year: 2023, quarter: 4 });
    expect(periodFromTitle('关于全面推进乡村振兴的报告')).toBeUndefined();
    expect(parsePeriod('2023Q4')).toMatchObject({ end: '2023-12-31' });
    expect(parsePeriod('2023Q5')).toBeUndefined();
  });
  it('adds the short name and keeps given values', () => {
    const lines = parseDocument('2024年南坪镇二季度情况报告\n正文');
    expect(resolveSubject(lines).subject).toEqual({ town: '南坪镇', shortNames: ['南坪'] });
    expect(resolveSubject(lines, { town: '东湖镇' }, '2023Q1')).toMatchObject({ subject: { town: '东湖镇' }, period: { year: 2023, quarter: 1 } });
  });
  it('parses Chinese numerals', () => {
    expect(['一', '十', '十二', '二十', '二十一', '九十九'].map(parseCnNumber)).toEqual([1, 10, 12, 20, 21, 99]);
  });
});

describe('configuration', () => {
  const text = '2023年XX镇四季度情况报告\n开展专项监督XX次。\n我镇,坚持学习。';
  it('turns a rule off', () => {
    expect(checkText(text, { config: { rules: { placeholder: 'off' } } }).some((f) => f.rule === 'placeholder')).toBe(false);
  });
  it('changes a severity, with string or object', () => {
    expect(
      checkText(text, { config: { rules: { placeholder: 'warning' } } })
        .filter((f) => f.rule === 'placeholder')
        .every((f) => f.severity === 'warning'),
    ).toBe(true);
    expect(checkText(text, { config: { rules: { 'width-mix': { severity: 'error' } } } }).find((f) => f.rule === 'width-mix')?.severity).toBe('error');
  });
  it('passes options', () => {
    const t = '2023年南坪镇四季度情况报告\n一、总体情况\n二、重点任务\n三、存在问题';
    expect(checkText(t).filter((f) => f.rule === 'missing-part')).toHaveLength(1);
    expect(
      checkText(t, { config: { rules: { 'missing-part': { options: { parts: [{ name: '总体情况', keywords: ['总体'] }] } } } } }).filter(
        (f) => f.rule === 'missing-part',
      ),
    ).toHaveLength(0);
  });
  it('rejects unknown rules and levels', () => {
    expect(() => checkText(text, { config: { rules: { 'no-such-rule': 'off' } } })).toThrow(RuleConfigError);
    expect(() => checkText(text, { config: { rules: { placeholder: 'fatal' as 'error' } } })).toThrow(/级别/);
  });
  it('sorts findings by line and column and gives 1-based lines', () => {
    const f = checkText(text);
    const keys = f.map((x) => x.line * 1000 + (x.column ?? 0));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(f[0].line).toBe(1);
  });
});

describe('a title over several lines', () => {
  it('finds town and period in the lines under an organ heading', () => {
    const lines = parseDocument('中共南坪镇委员会\n关于2024年二季度落实全面从严治党攻坚战情况的报告\n一、总体情况\n正文。');
    expect(resolveSubject(lines)).toMatchObject({ subject: { town: '南坪镇' }, period: { year: 2024, quarter: 2 } });
  });
});
