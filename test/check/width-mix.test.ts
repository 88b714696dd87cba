import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/width-mix.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: ['完成率83％，准确率100％。', '上午8:30召开会议，1.5万元资金已拨付。', '1.落实县纪委机关四季度考核任务落实情况', '全年完成率100%，准确率100%。'],
  invalid: [
    { text: '开展专项监督１２次。', errors: [{ messageId: 'fullDigit', message: '１２' }] },
    { text: '完成率83％，准确率100%。', errors: [{ messageId: 'percent', column: 14 }] },
    { text: '我镇,坚持以习近平新时代中国特色社会主义思想为指导;围绕中心。', errors: [{ messageId: 'halfPunct', message: '共2处' }] },
    { text: '党委(党组)意识形态工作责任制', errors: [{ messageId: 'halfPunct' }] },
  ],
});
