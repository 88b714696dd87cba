import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/placeholder.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '今年以来，开展专项监督26次，督促整改问题41个。',
    '2023年南坪镇四季度落实全面从严治党攻坚战情况报告',
    '给予张某某党内警告处分，对王某某进行诫勉谈话。',
    '详见镇政府网站www.xxx.gov.cn公开栏目。',
    '为65岁以上老人免费开展X光胸透检查。',
    '完成率83％、准确率100％。',
  ],
  invalid: [
    { text: '2023年XX镇四季度落实全面从严治党攻坚战情况报告', errors: [{ messageId: 'name', line: 1, column: 6 }] },
    { text: '开展专项监督XX次，督促整改问题XX个。', errors: [{ messageId: 'number', column: 7 }, { messageId: 'number' }] },
    {
      text: '反馈镇党委的XX个问题中，XX个已整改完成，完成率XX％；',
      errors: [{ messageId: 'number' }, { messageId: 'number' }, { messageId: 'rate', message: 'XX％' }],
    },
    { text: '其中XX人年龄在XX岁以下，占比XX.X％。', errors: [{ messageId: 'number' }, { messageId: 'number' }, { messageId: 'rate' }] },
    { text: '深入学习贯彻党的XX大精神。', errors: [{ messageId: 'congress' }] },
    { text: '研究制定《20XX年工作要点》。', errors: [{ messageId: 'year' }] },
    { text: '充分发挥“XXX”公众号作用。', errors: [{ messageId: 'name' }] },
    { text: '××村党支部书记参加会议。', errors: [{ messageId: 'generic' }] },
    { text: '某某村党支部书记参加会议。', errors: [{ messageId: 'generic' }] },
    { text: '【单位名称】党委召开专题会议。', errors: [{ messageId: 'blank' }] },
    { text: '请于____前报送材料。', errors: [{ messageId: 'blank' }] },
    { text: '典型案例待补充。', errors: [{ messageId: 'todo' }] },
    { text: '办结率％，满意率—。', errors: [{ messageId: 'emptyValue' }, { messageId: 'emptyValue' }] },
    { text: '完成率NaN％。', errors: [{ messageId: 'emptyValue' }] },
    { text: '建立“X＋N”重点监督任务清单。', errors: [{ messageId: 'xPlusN', severity: 'info' }] },
    { text: '建立X＋N重点监督任务清单。', errors: [{ messageId: 'xPlusN', severity: 'warning' }] },
    { text: '推行“1+X”工作机制。', errors: [{ messageId: 'xPlusN', severity: 'info', message: '“1+X”' }] },
  ],
});
