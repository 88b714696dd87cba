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
    {
      name: 'the town named in the first paragraph, not the title',
      text: '2024年第一季度全面从严治党情况报告\n现将我就北宽坪镇党委落实主体责任情况报告如下。\n推动党的二十大精神在北宽坪大地落地生根，建设平安北宽坪。',
    },
    {
      name: 'neighbours in a location description',
      text: '关于2024年度党建工作的总结\n北宽坪镇党委坚持以党建引领发展，我镇位于商州区东部，东邻丹凤县峦庄镇，南接杨峪河镇，西与金陵寺镇接壤，北毗蓝田县。',
    },
    { name: 'a town inside one of ours (峪河镇 in 杨峪河镇)', text: '北宽坪镇2024年工作总结\n学习杨峪河镇经验。' },
    {
      name: 'villages named by their branches',
      text: '关于党建工作的总结\n我镇指导西翟庄村党支部开展主题党日，北宽坪镇党委书记参加。\n西翟庄村“两委”换届顺利完成。',
    },
  ],
  invalid: [
    { text: '推动党的二十大精神在西翟庄大地落地生根。', errors: [{ messageId: 'other', message: '静海区西翟庄镇' }] },
    { text: '不断提高基层治理能力现代化水平，建设更高水平的平安静海。', errors: [{ messageId: 'other', message: '静海' }] },
    { text: '按照静海区委要求开展工作。', subject: own, errors: [{ messageId: 'other', message: '静海区' }] },
    { text: '组织党员赴西翟庄镇学习。', subject: own, errors: [{ messageId: 'other' }] },
    {
      name: 'the town from the text does not hide another town',
      text: '2024年第一季度全面从严治党情况报告\n现就北宽坪镇党委落实主体责任情况报告如下。\n组织党员赴西翟庄镇学习。',
      errors: [{ messageId: 'other', line: 3, message: '北宽坪镇' }],
    },
    {
      name: 'outside the location sentence a neighbour is still another place',
      text: '北宽坪镇2024年工作总结\n我镇东邻丹凤县峦庄镇。\n推动党的二十大精神在峦庄大地落地生根。',
      errors: [{ messageId: 'other', line: 3 }],
    },
  ],
});
