import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/check/document.ts';
import { resolveSubject, townFromText, villagesFromText } from '../../src/check/infer.ts';

const town = (text: string): string | undefined => townFromText(parseDocument(text));

describe('the subject from the text when the title does not name the town', () => {
  it('reads "我就…镇党委", "现就…镇党委" and "中共…镇委员会"', () => {
    expect(town('2024年一季度情况报告\n今年以来，我就四皓镇党委履行主体责任情况汇报如下。')).toBe('四皓镇');
    expect(town('情况报告\n现就北宽坪镇党委一季度工作报告如下。')).toBe('北宽坪镇');
    expect(town('情况报告\n中共北宽坪镇委员会\n今年以来工作如下。')).toBe('北宽坪镇');
  });
  it('reads 我镇 with the named 镇党委 (the gazetteer decides where the name starts)', () => {
    expect(town('党建工作总结\n今年以来，北宽坪镇党委坚持以党建为引领，我镇共有党员546名。')).toBe('北宽坪镇');
    expect(town('党建工作总结\n我镇坚持北宽坪镇党委统一领导。')).toBe('北宽坪镇');
    expect(town('党建工作总结\n我乡坚持，红星乡党委统一领导。')).toBe('红星乡');
  });
  it('does not take a feedback target, another level or a placeholder for the town', () => {
    expect(town('情况报告\n我镇对县委巡察反馈镇党委的问题逐项整改。截至目前，反馈镇党委的问题已整改。')).toBeUndefined();
    expect(town('情况报告\n我镇认真落实，XX镇党委统一部署。')).toBeUndefined();
    expect(town('情况报告\n今年以来，各镇党委认真落实。')).toBeUndefined();
    expect(town('情况报告\n南坪镇党委认真落实。')).toBeUndefined(); // no 我镇: another town may be meant
  });
  it('keeps the title’s town when there is one, and collects villages named by their branches', () => {
    const lines = parseDocument('2023年南坪镇四季度情况报告\n现就北宽坪镇党委情况报告如下，指导东湖村党支部和新华社区党委开展活动。');
    expect(resolveSubject(lines).subject.town).toBe('南坪镇');
    expect(villagesFromText(lines)).toEqual(['东湖村', '新华社区']);
  });
});
