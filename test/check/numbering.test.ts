import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/numbering.ts';

const lines = (...l: string[]): string => l.join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    lines(
      '2023年南坪镇四季度情况报告',
      '一、总体部署推动情况',
      '二、落实重点任务情况',
      '1.落实县纪委机关考核任务',
      '一是扛牢政治责任。',
      '二是推动基层监督。',
      '2.落实县委组织部考核任务',
      '一是树立正确导向。',
      '三、存在问题',
    ),
    '主要做法：一是强化学习；二是压实责任；三是严格考核。',
    lines('一是加强学习，具体有：一是集中学习；二是个人自学。', '二是压实责任。'),
    lines('一是持续开展活动。第一，办实事。第二，强化理论学习。第三，强化忠诚教育。', '二是发展党员。'),
    '班子成员共运用“第一种形态”35次，扣好廉洁从政的“第一粒扣子”。',
    '思想统一是前提，行动一致是关键，唯一是坚持。',
    lines('一、总体情况', '1.纪委', '2.组织', '二、重点任务', '3.宣传', '4.政法'),
    lines('一是强化学习。', '二是压实责任。', '存在的问题主要有：', '一是学习不深。', '二是落实不够。'),
    '一、二季度共开展活动8次。',
    '3、4月份开展集中整治。',
    '三、四月份开展集中整治。',
  ],
  invalid: [
    { text: lines('1.纪委', '2.组织', '3.宣传', '3.政法'), errors: [{ messageId: 'duplicate', line: 4, message: '第3行' }] },
    { text: lines('一是树立导向。', '四是完善责任清单。', '五是开展活动。'), errors: [{ messageId: 'gap', line: 2, message: '二是、三是' }] },
    {
      text: lines('（一）甲', '（三）丙', '（二）乙'),
      errors: [
        { messageId: 'gap', line: 2 },
        { messageId: 'order', line: 3 },
      ],
    },
    {
      text: lines('一是甲。', '二是乙。', '三是丙，召开会议4次。二是配合县禁毒办开展工作。'),
      errors: [{ messageId: 'nested', line: 3, message: '“三是”一段中出现“二是”' }],
    },
    { text: lines('二、重点任务', '三、存在问题'), errors: [{ messageId: 'badStart', line: 1 }] },
    { text: '第一，学习。第三，宣传。', errors: [{ messageId: 'gap', message: '第二' }] },
    { text: lines('一、总体', '一、重点'), errors: [{ messageId: 'duplicate', line: 2 }] },
    { text: lines('一是强化学习。', '一是压实责任。'), errors: [{ messageId: 'duplicate', line: 2 }] },
  ],
});
