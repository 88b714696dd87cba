import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/missing-part.ts';

const full = [
  '2023年南坪镇四季度落实全面从严治党攻坚战情况报告',
  '一、总体部署推动情况',
  '正文。',
  '二、落实重点任务情况',
  '正文。',
  '三、存在问题',
  '正文。',
  '四、下一步工作计划',
  '正文。',
];

new RuleTester({ describe, it }).run(rule, {
  valid: [
    full.join('\n'),
    '深入学习贯彻党的二十大精神，持续推进全面从严治党向纵深发展。',
    { text: full.slice(0, 5).join('\n'), options: { parts: [{ name: '总体情况', keywords: ['总体'] }] } },
    {
      name: 'a rectification 通报 has no 存在问题 part',
      text: [
        '中共南坪镇委员会关于巡察反馈意见整改进展情况的通报',
        '一、整改工作开展情况',
        '正文。',
        '二、整改落实情况',
        '正文。',
        '三、下一步工作安排',
        '正文。',
      ].join('\n'),
    },
    {
      name: '落实主体责任情况 is the key-tasks part',
      text: [
        '2024年第一季度落实全面从严治党主体责任情况报告',
        '一、基本情况',
        '正文。',
        '二、落实主体责任情况',
        '正文。',
        '三、存在问题',
        '正文。',
        '四、下一步工作打算',
        '正文。',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      text: full.slice(0, 5).join('\n'),
      errors: [
        { messageId: 'missing', line: 1, message: '存在问题' },
        { messageId: 'missing', line: 1, message: '下一步计划' },
      ],
    },
    { text: [...full.slice(0, 5), ...full.slice(7)].join('\n'), errors: [{ messageId: 'missing', message: '存在问题' }] },
    {
      name: 'a 通报 still needs its 下一步 part',
      text: ['关于巡察反馈意见整改进展情况的通报', '一、整改工作开展情况', '正文。', '二、整改落实情况', '正文。'].join('\n'),
      errors: [{ messageId: 'missing', message: '下一步计划' }],
    },
  ],
});
