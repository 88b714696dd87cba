import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../src/check/tester.ts';
import rule from '../../src/check/rules/formulation.ts';
import { checkWith } from '../../src/check/engine.ts';
import { FORMULATIONS } from '../../src/check/data/formulations.ts';
import { oneSlip } from '../../src/check/formulations.ts';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    '坚持以习近平新时代中国特色社会主义思想为指导，深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。',
    '镇党委切实履行全面从严治党主体责任，压实主体责任，落实监督责任。',
    '推进全面从严管党治党，持之以恒落实中央八项规定精神。',
    '从四个方面入手，梳理出三个问题，提出两个意见。',
    '深化运用监督执纪“四种形态”，运用“第一种形态”35人次、“第二种形态”2人次。',
    '全面推进党的政治建设、思想建设、组织建设、作风建设、纪律建设，把制度建设贯穿其中。',
    '统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设。',
    '加强思想建设、作风建设。',
    '一体推进不敢腐、不能腐、不想腐。',
    '建立“五项机制”，完善五项机制运行，另制定三项制度。',
    '坚持民主集中制，落实“三会一课”制度，开展主题党日。',
    '落实主要责任人责任，落实主管责任。',
    '强化政治意识、大局意识。',
  ],
  invalid: [
    { text: '镇党委认真落实主任责任。', errors: [{ messageId: 'wrong', message: '落实主体责任', column: 6 }] },
    { text: '持之以恒落实中央八条规定精神。', errors: [{ messageId: 'wrong', message: '中央八项规定精神' }] },
    { text: '坚持以习近平新时代中国特色社会主意思想为指导。', errors: [{ messageId: 'wrong' }] },
    { text: '坚持以习近平新时代中国特社会主义思想为指导。', errors: [{ messageId: 'nearMiss', message: '中国特色社会主义' }] },
    { text: '深入学习习近平新时代中过特色社会主义思想。', errors: [{ messageId: 'nearMiss' }] },
    { text: '持之以恒落实中央八项规矩精神。', errors: [{ messageId: 'nearMiss', message: '中央八项规定精神' }] },
    { text: '坚定不移推进全面从格治党。', errors: [{ messageId: 'nearMiss', message: '全面从严治党' }] },
    { text: '切实做到“两个维户”。', errors: [{ messageId: 'nearMiss', message: '两个维护' }] },
    { text: '牢固树立四个义识。', errors: [{ messageId: 'nearMiss', message: '四个意识' }] },
    { text: '严格落实“三会一科”制度。', errors: [{ messageId: 'nearMiss', message: '三会一课' }] },
    { text: '运用“第一中形态”批评教育5人次。', errors: [{ messageId: 'nearMiss', message: '第一种形态' }] },
    { text: '树牢大局意识、政治意识、核心意识、看齐意识。', errors: [{ messageId: 'order', message: '政治意识、大局意识、核心意识、看齐意识' }] },
    { text: '坚定道路自信、制度自信、理论自信、文化自信。', errors: [{ messageId: 'order' }] },
    { text: '全面推进党的思想建设、政治建设、组织建设、作风建设、纪律建设。', errors: [{ messageId: 'order' }] },
    {
      text: '建立“五项机制”。\n严格执行五项机制。\n五项制度运行良好。',
      errors: [{ messageId: 'inconsistent', line: 3, severity: 'warning', message: '第1行' }],
    },
    { text: '严格落实“第一议题”制度，深化运用“四种行态”。', errors: [{ messageId: 'wrong', message: '四种形态' }] },
    { text: '镇纪委书记统筹推进五位一休总体布局。', errors: [{ messageId: 'nearMiss', message: '五位一体' }] },
  ],
});

describe('formulation data and matcher', () => {
  it('no wrong form of an entry is some entry’s exact form, and every exact form passes', () => {
    const exact = new Set(FORMULATIONS.map((f) => f.text));
    for (const f of FORMULATIONS) for (const w of f.wrong ?? []) expect(exact.has(w)).toBe(false);
    const text = FORMULATIONS.map((f) => `“${f.text}”`).join('，');
    expect(checkWith({ formulation: rule }, text)).toEqual([]);
  });
  it('a slip at the first or last character counts only when marked (quotes or a cue)', () => {
    expect(oneSlip('压实主体责任', '落实主体责任')).toBe(false);
    expect(oneSlip('落实主任责任', '落实主体责任')).toBe(true);
    expect(oneSlip('两个维户', '两个维护')).toBe(false);
    expect(oneSlip('两个维户', '两个维护', true)).toBe(true);
    expect(oneSlip('全面从严党治', '全面从严治党')).toBe(false);
    expect(oneSlip('全面严从治党', '全面从严治党')).toBe(true);
  });
  it('takes a county’s own entries and lists from the options', () => {
    const findings = checkWith({ formulation: rule }, '深化“五联五创”行动，推进五联五闯工作。持续推进党建引领、产业发展、基层治理。', {
      config: {
        rules: {
          formulation: {
            options: { extra: [{ text: '五联五创', cue: '推进|深化' }], lists: [{ name: '三大任务', items: ['党建引领', '基层治理', '产业发展'] }] },
          },
        },
      },
    });
    expect(findings.map((f) => [f.messageId, f.fix?.text])).toEqual([
      ['nearMiss', '五联五创'],
      ['order', '党建引领、基层治理、产业发展'],
    ]);
  });
});
