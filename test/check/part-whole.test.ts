import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/part-whole.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '共办理问题线索7件，立案3件，给予1人开除党籍。',
    '共发布原创文章186篇，其中获县级媒体采纳并转载24篇，市级媒体转载6篇，国家级媒体（新华社）刊发1篇。',
    '我镇共接县转办件9件，办结9件，镇矛调中心接待登记47件，办结45件。',
    '组织156名镇村党员干部填报亲属信息612条。',
    '开展廉政履职谈话46人次，其中党员干部30人。',
    '从5个方面中，梳理出30个问题。',
    '一季度召开党委会9次，其中专题研究全面从严治党工作3次，传达学习重要讲话精神12次。',
    '全镇共有党员546名。其中女党员120名。',
    '开展谈话46人次。其中党员干部30人。',
  ],
  invalid: [
    { text: '共办理问题线索5件，其中立案7件。', errors: [{ messageId: 'partExceeds', message: '7件' }] },
    { text: '反馈镇党委的12个问题中，15个已整改完成。', errors: [{ messageId: 'partExceeds' }] },
    { text: '截至目前，我镇共接县转办件9件，办结11件。', errors: [{ messageId: 'partExceeds', message: '办结11件' }] },
    { text: '新发展党员8名，其中10人年龄在35岁以下。', errors: [{ messageId: 'partExceeds' }] },
    {
      name: 'the whole in an earlier sentence',
      text: '全镇共有党员546名。其中女党员600名。',
      errors: [{ messageId: 'partExceeds', message: '全镇共有党员546名' }],
    },
    {
      name: 'the whole closing the previous paragraph',
      text: '全镇共有党员546名。\n其中女党员600名，35岁以下党员86名。',
      errors: [{ messageId: 'partExceeds', line: 2 }],
    },
  ],
});
