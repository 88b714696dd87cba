import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/rate-arithmetic.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '截至目前，反馈镇党委的12个问题中，10个已整改完成，完成率83％。',
    '反馈镇党委的12个问题中，10个已整改完成，完成率83.3％。',
    '反馈村级党组织的3个问题中，2个已整改完成，完成率66％。',
    '接县级转办单15件，办结15件，办结率满意率均为100％。',
    '2023年我镇全年新发展党员8名，其中5人年龄在35岁以下，占比62.5％。',
    '确保录入信息完整准确，完整率100％、准确率100％。',
    '任务完成率105％，超额完成年度目标。',
    '全镇共有党员520名，其中女党员120名，占比23.1％，35岁以下党员86名，占比16.5％。',
    '全年受理信访件15件，办结14件，其中按期办结13件，办结率93.3％。',
    '财政收入较上年增长12个百分点，增长率15％。',
    '全乡共有党员546名，其中35岁以下党员456名，占83.52％。',
    '全乡共有党员546名。其中，35岁以下党员456名，占83.52％。',
    '全乡共有党员546名。35岁以下党员456名，占全乡党员总数的83.5％。',
    '今年受理信访件15件。办结14件，办结率93.3％。',
    '全镇现有村9个。开展巡查20次，占全年计划的50％。',
    '全镇共有党员546名。女党员120名，占全镇人口的1.2％。',
  ],
  invalid: [
    { text: '反馈镇党委的12个问题中，10个已整改完成，完成率90％。', errors: [{ messageId: 'mismatch', message: '83.3' }] },
    { text: '接县级转办单5件，办结4件，办结率100％。', errors: [{ messageId: 'mismatch', message: '80' }] },
    { text: '新发展党员8名，其中5人年龄在35岁以下，占比60.0％。', errors: [{ messageId: 'mismatch', message: '62.5' }] },
    { text: '信访事项办结率120％。', errors: [{ messageId: 'overHundred' }] },
    { text: '反馈的0个问题中，0个已整改完成，完成率100％。', errors: [{ messageId: 'zeroTotal' }] },
    {
      name: 'rounding as written: 456 / 546 = 83.5165… is 83.52％, not 83.51％',
      text: '全乡共有党员546名，其中35岁以下党员456名，占83.51％。',
      errors: [{ messageId: 'mismatch', message: '应为83.52％' }],
    },
    {
      name: 'the whole in an earlier sentence of the paragraph',
      text: '全乡共有党员546名。其中，35岁以下党员456名，占83.51％。',
      errors: [{ messageId: 'mismatch', message: '456÷546' }],
    },
    {
      name: 'a rate whose whole is in the sentence before',
      text: '今年受理信访件15件。办结14件，办结率90％。',
      errors: [{ messageId: 'mismatch', message: '93.3' }],
    },
    {
      name: 'a paragraph that opens with 其中',
      text: '全乡共有党员546名。\n其中35岁以下党员456名，占比80.1％。',
      errors: [{ messageId: 'mismatch', line: 2 }],
    },
  ],
});
