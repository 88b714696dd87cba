import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/number-usage.ts';
import { checkWith } from '../../src/check/engine.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '按照县委7号文件要求，组织16个党支部开展活动。',
    '全镇58个基层党组织、1260名党员参加。',
    '第3网格、第12党小组开展巡查。',
    '完成率95.5％，准确率100％，满意率98.2％。',
    '全年收入增长12.5％；完整率90％。',
    '拨付资金1.5万元，2023年12月召开会议。',
    'Version 2 of the form',
  ],
  invalid: [
    { text: '按照县委7 号文件要求。', errors: [{ messageId: 'space', message: '7 号' }] },
    { text: '组织16 个党支部开展活动。', errors: [{ messageId: 'space', column: 5 }] },
    { text: '全镇58基层党组织全部完成换届。', errors: [{ messageId: 'measureWord', message: '58个基层' }] },
    { text: '组织12党员开展志愿服务。', errors: [{ messageId: 'measureWord', message: '12名党员' }] },
    { text: '完成率95.5％、准确率88％、满意率98.2％。', errors: [{ messageId: 'decimals', message: '88.0' }] },
    { text: '覆盖率92.5%，知晓率90.25%，参与率88.6%。', errors: [{ messageId: 'decimals', message: '90.3' }] },
  ],
});

describe('number-usage fixes', () => {
  it('removes the space, inserts the measure word, pads the decimals', () => {
    const text = '组织16 个支部，全镇58基层党组织，完成率95.5％、准确率88％、满意率98.2％。';
    const fixed = checkWith({ 'number-usage': rule }, text)
      .map((f) => f.fix!)
      .sort((a, b) => b.index - a.index)
      .reduce((t, f) => t.slice(0, f.index) + f.text + t.slice(f.index + f.length), text);
    expect(fixed).toBe('组织16个支部，全镇58个基层党组织，完成率95.5％、准确率88.0％、满意率98.2％。');
  });
});
