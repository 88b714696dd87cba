import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/repeated-paragraph.ts';

const para = '坚持从“小切口”入手，紧盯乡村振兴、民生经济等领域开展“点题整治”，全面梳理排查小微权力运行风险点。';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    `${para}\n持续加大作风建设力度，纠治并举促进干部担当作为。`,
    '一是加强学习。\n一是加强学习。',
    { text: `${para}\n\n${para}`, options: { minLength: 200, minSentence: 200 } },
  ],
  invalid: [
    { text: `${para}\n二是狠抓意识形态工作。\n${para}`, errors: [{ messageId: 'paragraph', line: 3, message: '第1行' }] },
    {
      text: `一是强化监督。${para}\n二是深化整治。${para}`,
      errors: [{ messageId: 'sentence', line: 2, severity: 'info' }],
    },
  ],
});
