import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/congress.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { text: '深入学习贯彻党的二十大精神。', period: '2023Q4' },
    { text: '党的十八大以来，全面从严治党取得历史性、开创性成就。', period: '2023Q4' },
    { text: '以优异成绩迎接党的二十大胜利召开。', period: '2022Q3' },
    { text: '深入学习贯彻党的十九大精神。', period: '2022Q3' },
    { text: '学习贯彻党的二十届二中全会精神。', period: '2023Q4' },
    { text: '学习贯彻党的二十大精神。', subject: { congress: '二十' } },
    { text: '2023年南坪镇四季度情况报告\n深入学习二十大报告。' },
  ],
  invalid: [
    { text: '多形式组织党员反复学习党的十二大精神。', period: '2023Q4', errors: [{ messageId: 'outdated', message: '二十大' }] },
    { text: '深入学习贯彻十九大精神。', period: '2023Q4', errors: [{ messageId: 'outdated' }] },
    { text: '深入学习贯彻党的二十大精神。', period: '2021Q4', errors: [{ messageId: 'future', message: '十九' }] },
    { text: '学习贯彻党的二十届三中全会精神。', period: '2023Q4', errors: [{ messageId: 'futurePlenum', message: '2024-07-15' }] },
    { text: '2023年XX镇四季度落实全面从严治党攻坚战情况报告\n学习党的十九大精神。', errors: [{ messageId: 'outdated', line: 2 }] },
    { text: '学习贯彻党的十九大精神。', subject: { congress: '二十' }, errors: [{ messageId: 'outdated' }] },
  ],
});
