import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/ledger-number.ts';
import { checkText } from '../../src/check/index.ts';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import { renderText } from '../../src/report/render/text.ts';
import { context, fakeValues } from '../report/helpers.ts';

const data = {
  metrics: {
    'discipline.supervision.count': 24,
    'discipline.supervision.problems': 23,
    'discipline.inspection.town.total': 16,
    'discipline.inspection.town.done': 13,
    'discipline.inspection.town.rate': 13 / 16,
    'publicity.online.reposts': 372,
    'legal.petition.closeRate': null,
  },
};

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'numbers as in the ledgers', text: '今年以来，开展专项监督24次，督促整改问题23个。', data },
    { name: 'percentage rounded as written (81％ for 0.8125)', text: '反馈镇党委的16个问题中，13个已整改完成，完成率81％。', data },
    { name: 'one decimal: 81.3％', text: '反馈镇党委的16个问题中，13个已整改完成，完成率81.3％。', data },
    { name: '余 allows more: 370余条 for 372', text: '落实转发、跟帖任务370余条。', data },
    { name: 'numbers that state no metric are left alone', text: '2023年6月6日，党的二十大精神宣讲，做到“两个维护”。', data },
    { name: 'without the ledgers the rule is silent', text: '开展专项监督99次。' },
    { name: 'a placeholder is the placeholder rule’s business', text: '开展专项监督XX次。', data },
  ],
  invalid: [
    {
      name: 'a wrong count names both values',
      text: '今年以来，开展专项监督21次，督促整改问题23个。',
      data,
      errors: [{ messageId: 'mismatch', line: 1, column: 12, severity: 'error', message: '报告写“开展专项监督21次”，台账为24次' }],
    },
    { name: 'a wrong rate', text: '反馈镇党委的16个问题中，13个已整改完成，完成率85％。', data, errors: [{ messageId: 'mismatch', message: '台账为81.3％' }] },
    { name: '余 in the wrong direction', text: '落实转发、跟帖任务380余条。', data, errors: [{ messageId: 'mismatch' }] },
    {
      name: 'a ratio over nothing',
      text: '接县级转办单0件，办结率100％。',
      data: { metrics: { 'legal.petition.closeRate': null, 'legal.petition.transferred': 0 } },
      errors: [{ messageId: 'noData', severity: 'warning' }],
    },
    {
      name: 'a number the reader cannot tie with confidence is information',
      text: '围绕重点工作开展活动12次。',
      data,
      errors: [{ messageId: 'untied', severity: 'info' }],
    },
  ],
});

describe('ledger-number on a whole report', () => {
  const values = fakeValues();
  const text = renderText(evaluateTemplate(parseTemplate(defaultTemplateSource()), context({ values })));
  const metrics = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]));
  const mismatches = (t: string) => checkText(t, { data: { metrics } }).filter((f) => f.rule === 'ledger-number' && f.severity !== 'info');

  it('finds no mismatch in a report whose numbers all come from the ledgers', () => {
    expect(mismatches(text)).toEqual([]);
  });

  it.each([
    ['开展专项监督24次', '开展专项监督25次', 'discipline.supervision.count'],
    ['观看警示教育片5部', '观看警示教育片6部', 'discipline.education.films'],
    ['报送工作信息29条', '报送工作信息30条', 'publicity.news.infoItems'],
    ['镇矛调中心接待登记20件', '镇矛调中心接待登记21件', 'legal.dispute.registered'],
  ])('changing “%s” to “%s” is reported once, at its line', (from, to, metric) => {
    expect(text).toContain(from);
    const line = text.split('\n').findIndex((l) => l.includes(from)) + 1;
    const found = mismatches(text.replace(from, to));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line, metric, severity: 'error' });
  });
});
