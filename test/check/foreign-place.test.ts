import { describe, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/foreign-place.ts';

const own = { town: '南坪镇', county: '清河县' };

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '2023年南坪镇四季度情况报告\n推动党的二十大精神在南坪大地落地生根、开花结果。',
    { text: '南坪镇严格落实《清河县市域社会治理现代化试点创建实施方案》，建设更高水平的平安清河。', subject: own },
    '按照清河县委要求，建设更高水平的平安清河。',
    '大兴调查研究之风，全面推进乡村振兴，持续开展精神文明建设和平安建设。',
    '学习枫桥经验化解矛盾，坚决守住“北京绝对不能去，跨省不能串”的底线。',
    '建设美丽乡村，推进新型城镇化，加强小城镇建设，打造安全乡村。',
    { text: '与西翟庄镇开展结对联学共建。', options: { allow: ['西翟庄镇'] } },
    { text: '组织党员到南坪镇东湖村开展主题党日。', subject: { ...own, villages: ['东湖村'] } },
  ],
  invalid: [
    { text: '推动党的二十大精神在西翟庄大地落地生根。', errors: [{ messageId: 'other', message: '静海区西翟庄镇' }] },
    { text: '不断提高基层治理能力现代化水平，建设更高水平的平安静海。', errors: [{ messageId: 'other', message: '静海' }] },
    { text: '按照静海区委要求开展工作。', subject: own, errors: [{ messageId: 'other', message: '静海区' }] },
    { text: '组织党员赴西翟庄镇学习。', subject: own, errors: [{ messageId: 'other' }] },
  ],
});
