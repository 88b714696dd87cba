import { describe, expect, it } from 'vitest';
import { learnTemplate } from '../../src/reader/learn.ts';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { renderText } from '../../src/report/render/text.ts';
import { context, fakeValues, VARS } from '../report/helpers.ts';
import { handLabeled } from './labeled.ts';

const vars = new Map(VARS);

describe('learning a template', () => {
  it('turns a report in another style into a template that reproduces its wording with the ledgers’ numbers', () => {
    const doc = handLabeled().find((d) => d.name.startsWith('liuzhuang'))!;
    const learned = learnTemplate({ text: doc.text, vars: new Map([...vars, ['year', 2023], ['quarterCn', '四'], ['quarterLabel', '四季度']]) });
    expect(learned.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Typed numbering became generated numbering; 一是… became points.
    expect(learned.source).toContain('\n# 主要工作成效\n');
    expect(learned.source).toContain('\n## 压实主体责任\n');
    expect(learned.source).toMatch(/\n- 少数党员/);
    expect(learned.source).toContain('numbering: [cn, arabic,');
    // The issuer and date became the signature; the title's year, quarter and name are variables.
    expect(learned.source).toContain('signature: "{{org.name}}党工委"');
    expect(learned.source).toContain('title: "{{org.name}}党工委{{year}}年{{quarterLabel}}从严治党工作报告"');
    const values = fakeValues();
    const text = renderText(evaluateTemplate(parseTemplate(learned.source), context({ values })));
    expect(text).toContain(`纪工委全年开展专项监督检查${values['discipline.supervision.count'].value}次`);
    expect(text).toContain('1.压实主体责任');
    expect(text).toContain('一是少数党员');
    // Numbers that state no metric stay as written.
    expect(text).toContain('确保2024年第一季度');
  });

  it('writes a percentage and a 余 count in the report’s own form', () => {
    const learned = learnTemplate({ text: '东湖镇报告\n一、纪检\n反馈镇党委的16个问题中，13个已整改完成，完成率81.3％。落实转发、跟帖任务370余条。', vars });
    expect(learned.source).toContain('完成率{{discipline.inspection.town.rate | pct:1}}％');
    expect(learned.source).toContain('跟帖任务{{publicity.online.reposts | yu}}条');
  });

  it('escapes braces of the report’s own text', () => {
    const learned = learnTemplate({ text: '报告\n一、纪检\n开展{监督}检查。', vars });
    expect(learned.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(renderText(evaluateTemplate(parseTemplate(learned.source), context()))).toContain('开展{监督}检查。');
  });
});
