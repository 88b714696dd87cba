import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/event-year.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { text: '在杭州亚运会、全国“两会”等重大活动重要节点做好维稳安保工作。', period: '2023Q4' },
    { text: '总结2022年北京冬奥会期间的安保经验。', period: '2023Q4' },
    { text: '巩固拓展学习贯彻习近平新时代中国特色社会主义思想主题教育成果。', period: '2024Q2' },
    { text: '在北京冬奥会等重大活动期间做好安保工作。' },
    { text: '在北京冬奥会等重大活动期间做好安保工作。', period: '2022Q1' },
    { text: '为杭州亚运会营造安全稳定的社会环境。', period: '2023Q2' },
  ],
  invalid: [
    {
      text: '在北京冬奥会、全国“两会”等重大活动重要节点做好维稳安保工作。',
      period: '2023Q4',
      errors: [{ messageId: 'past', severity: 'warning', message: '2022年2月' }],
    },
    { text: '扎实开展党纪学习教育。', period: '2023Q4', errors: [{ messageId: 'notYet', severity: 'error' }] },
    { text: '深入学习宣传习近平法治思想。', period: '2019Q4', errors: [{ messageId: 'notYet' }] },
    { text: '2023年XX镇四季度情况报告\n在北京冬奥会期间做好安保。', errors: [{ messageId: 'past', line: 2 }] },
    {
      text: '圆满完成第十五届全运会安保任务。',
      period: '2024Q4',
      options: { events: [{ id: 'national-games-15', label: '第十五届全运会', patterns: ['第十五届全运会'], from: '2025-11-09', to: '2025-11-21' }] },
      errors: [{ messageId: 'notYet' }],
    },
  ],
});
