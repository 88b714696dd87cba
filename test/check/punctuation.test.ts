import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/punctuation.ts';
import { checkWith } from '../../src/check/engine.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '认真学习《中国共产党纪律处分条例》《中国共产党廉洁自律准则》。',
    '扛牢捍卫“两个确立”、做到“两个维护”的政治责任。',
    '增强“四个意识”“四个自信”。',
    '党委（党组）意识形态工作责任制落实到位。',
    '一、总体情况\n1.落实县纪委任务\n2.落实组织部任务',
    '我们的口号是：“实干为先。\n“群众至上。”',
    '……以“三会一课”为抓手——持续推进。',
  ],
  invalid: [
    { text: '认真学习《中国共产党纪律处分条例》、《中国共产党廉洁自律准则》。', errors: [{ messageId: 'caesura', message: '书名号', column: 18 }] },
    { text: '增强“四个意识”、“四个自信”。', errors: [{ messageId: 'caesura', message: '引号' }] },
    { text: '开展专项监督26次，，督促整改问题41个。', errors: [{ messageId: 'doubled', message: '应为“，”' }] },
    { text: '督促整改问题41个，。', errors: [{ messageId: 'doubled', message: '应为“。”' }] },
    {
      text: '组织观看警示教育片“镜鉴》4部。',
      errors: [
        { messageId: 'unclosed', message: '“' },
        { messageId: 'unbalanced', message: '《' },
      ],
    },
    { text: '党委（党组意识形态工作责任制。', errors: [{ messageId: 'unclosed', message: '）' }] },
    { text: '学习《条例》》。', errors: [{ messageId: 'unbalanced' }] },
    { text: '二、重点任务\n1.抓理论学习\n2.抓意识形态\n3、抓宣传\n4.抓文明', errors: [{ messageId: 'markerMix', line: 4, message: '“3、”应为“3.”' }] },
  ],
});

describe('punctuation fixes', () => {
  it('removes the 顿号, keeps the stronger mark, rewrites the marker', () => {
    const text = '学习《条例》、《准则》，，开展活动。\n1.甲\n2.乙\n3、丙';
    const fixes = checkWith({ punctuation: rule }, text).map((f) => f.fix);
    expect(fixes).toEqual([
      { index: 6, length: 1, text: '' },
      { index: 11, length: 2, text: '，' },
      { index: 1, length: 1, text: '.' },
    ]);
  });
});
