import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/stray-markup.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '组织撰写心得体会64篇，观看警示教育片4部。',
    '扎实做好《反有组织犯罪法》的宣传贯彻和实施工作。',
    '参会人数<5人的会议不计入。',
    '1.落实县纪委机关四季度考核任务落实情况',
  ],
  invalid: [
    { text: '开展廉政履职谈话46人次，组##paidbegin##织撰写心得体会64篇。', errors: [{ messageId: 'tag', column: 15 }] },
    { text: '正文\n\n##paidend##', errors: [{ messageId: 'tag', line: 3, column: 1 }] },
    { text: '<p>学习贯彻党的二十大精神</p>', errors: [{ messageId: 'html' }, { messageId: 'html' }] },
    { text: '召开会议&nbsp;研究部署。', errors: [{ messageId: 'entity' }] },
    { text: '**重点任务**完成情况', errors: [{ messageId: 'markdown' }, { messageId: 'markdown' }] },
    { text: '## 一、总体情况', errors: [{ messageId: 'markdown' }] },
    { text: '学习\u200B贯彻', errors: [{ messageId: 'invisible', severity: 'warning' }] },
    { text: '锟斤拷锟斤拷', errors: [{ messageId: 'mojibake' }, { messageId: 'mojibake' }] },
  ],
});
