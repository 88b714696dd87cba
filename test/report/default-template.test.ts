import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import { METRIC_INFOS, templatePaths, VARIABLE_LABELS } from '../../src/report/template/context.ts';
import { renderText } from '../../src/report/render/text.ts';
import { checkText } from '../../src/check/index.ts';
import { context, fakeValues } from './helpers.ts';

/** The seed report (2023 四季度, 东湖镇) ships with the repository. */
const SEED = path.resolve('test/fixtures/seed-2023q4.txt');
const tpl = parseTemplate(defaultTemplateSource());

/** Values under which every condition takes the seed's own wording. */
const SEEDLIKE = {
  'organization.development.villagesMeetingYouthFarmer': 8,
  'organization.development.villagesNoneTwoYears': 0,
  'legal.petition.backlog': 0,
  'legal.petition.closed': 9,
  'legal.petition.transferred': 9,
  'legal.petition.satisfied': 9,
  'legal.petition.rated': 9,
  'organization.member.active': 412,
  'organization.member.complete': 405,
  'legal.governance.trainings': 2,
  'legal.governance.publicity': 2,
  'discipline.inspection.town.done': 5,
  'discipline.inspection.village.done': 6,
  'discipline.education.casePosts': 347,
};
const values = fakeValues(SEEDLIKE);
const text = renderText(evaluateTemplate(tpl, context({ values })));
const lines = text.trim().split('\n');
const v = (id: string) => values[id].value;

describe('the default template', () => {
  it('parses without any diagnostic and names only known metrics and variables', () => {
    expect(tpl.diagnostics).toEqual([]);
    const unknown = [...templatePaths(tpl)].filter((p) => !METRIC_INFOS.has(p) && !(p in VARIABLE_LABELS) && !p.startsWith('narrative.'));
    expect(unknown).toEqual([]);
    expect(evaluateTemplate(tpl, context({ values })).diagnostics).toEqual([]);
  });

  it('binds every report metric of the catalog (the helper counts of ratios aside)', () => {
    const used = new Set(templatePaths(tpl));
    const unused = [...METRIC_INFOS.keys()].filter((id) => !used.has(id));
    expect(unused.sort()).toEqual(['legal.petition.rated', 'legal.petition.satisfied', 'organization.member.active', 'organization.member.complete']);
  });

  it('leaves no X placeholder', () => {
    expect(text).not.toMatch(/XX|X[项个次件名条篇份部人处块余％%]|[XＸ]{2}/);
    expect(text).not.toMatch(/[Xx](?![＋+])/);
    expect(text).not.toMatch(/\{\{|\{%|\}\}|undefined|null|NaN/);
  });

  it('numbers the parts 一、二、三、四 and the department sections 1. to 4.', () => {
    expect(lines.filter((l) => /^[一二三四五六七八九十]+、/.test(l))).toEqual([
      '一、总体部署推动情况',
      '二、落实重点任务情况',
      '三、存在问题',
      '四、下一步工作计划',
    ]);
    expect(lines.filter((l) => /^\d+\./.test(l))).toEqual([
      '1.落实县纪委机关四季度考核任务落实情况',
      '2.落实县委组织部四季度考核任务落实情况',
      '3.落实县委宣传部四季度考核任务落实情况',
      '4.落实县委政法委四季度考核任务落实情况',
    ]);
  });

  it('numbers the organisation points without a jump and the legal part without a stray 四是', () => {
    const section = (n: number) => {
      const start = lines.findIndex((l) => l.startsWith(`${n}.`));
      const end = lines.findIndex((l, i) => i > start && /^(\d+\.|[一二三四]、)/.test(l));
      return lines.slice(start + 1, end);
    };
    expect(section(2).map((l) => l.slice(0, 2))).toEqual(['一是', '二是', '三是', '四是']);
    expect(section(2)[2]).toMatch(/第一，.*第二，.*第三，/);
    expect(section(4).map((l) => l.slice(0, 2))).toEqual(['一是', '二是', '三是', '四是', '五是', '六是']);
    expect(section(4)[5]).not.toContain('四是');
  });

  it('names the town from its profile and the current congress, never the seed’s', () => {
    expect(lines[0]).toBe('2023年东湖镇四季度落实全面从严治党攻坚战情况报告');
    for (const s of [
      '研究制定东湖镇关于加强廉洁文化建设',
      '“清风东湖”公众号',
      '在东湖大地落地生根',
      '《清河县市域社会治理现代化试点创建实施方案》',
      '平安清河',
      '东湖镇深入推进市域社会治理现代化',
      '党的二十大精神',
    ]) {
      expect(text).toContain(s);
    }
    for (const s of ['西翟庄', '静海', '冬奥', '十二大', 'XX镇']) expect(text).not.toContain(s);
    expect(text).toContain('在全国“两会”、国庆等重大活动重要节点');
    expect(lines.slice(-2)).toEqual(['中共东湖镇委员会', '2023年12月31日']);
  });

  it('carries the catalog numbers in the seed’s sentences', () => {
    const expected = [
      `开展专项监督${v('discipline.supervision.count')}次，督促整改问题${v('discipline.supervision.problems')}个`,
      `对2023年县委巡察反馈镇党委和${v('discipline.inspection.villages')}个行政村`,
      `反馈镇党委的${v('discipline.inspection.town.total')}个问题中，5个已整改完成，完成率`,
      `党员干部梳理个人廉政风险点${v('discipline.risk.personal.points')}个，制定防控措施${v('discipline.risk.personal.measures')}条`,
      `立案${v('discipline.case.count')}件，给予${v('discipline.sanction.expulsion')}人开除党籍`,
      '转发党的纪律要求和典型案例340余次',
      `新发展党员${v('organization.development.newMembers')}名，其中${v('organization.development.young')}人年龄在35岁以下，占比`,
      `前四季度共组织开展集中学习${v('publicity.study.sessions')}次、交流研讨${v('publicity.study.discussions')}次`,
      `国家级媒体（新华社）刊发${v('publicity.article.national')}篇`,
      '接县级转办单9件，办结9件，办结率满意率均为100％，截至目前，全镇无信访积案。',
      '开展动员培训和宣传活动各2次',
      `累计借鉴“枫桥经验”化解矛盾纠纷${v('legal.dispute.fengqiao')}起`,
    ];
    for (const s of expected) expect(text).toContain(s);
  });

  it('reads differently for a zero, a 100％ and a ratio over no records', () => {
    const other = fakeValues({
      'legal.petition.backlog': 2,
      'discipline.inspection.town.done': 4,
      'discipline.inspection.town.total': 4,
      'discipline.inspection.village.total': 0,
      'discipline.inspection.village.done': 0,
      'organization.development.newMembers': 0,
      'organization.development.young': 0,
      'publicity.article.national': 0,
    });
    const t = renderText(evaluateTemplate(tpl, context({ values: other })));
    expect(t).toContain('全镇尚有信访积案2件');
    expect(t).toContain('反馈镇党委的4个问题均已整改完成，完成率100％');
    expect(t).toContain('县委巡察未向村级党组织反馈问题');
    expect(t).toMatch(/新发展党员0名，\d+个村/);
    expect(t).not.toContain('国家级媒体');
    expect(t).not.toMatch(/—|％％/);
  });

  it('passes the report checker without errors', () => {
    const findings = checkText(text, {
      subject: { town: '东湖镇', county: '清河县', shortNames: ['东湖', '清河'], publicAccount: '清风东湖', congress: '二十' },
      period: '2023Q4',
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reproduces every seed sentence but the ones it deliberately fixes', () => {
    const seed = fs.readFileSync(SEED, 'utf8').replace(/##paid\w+##/g, '');
    const norm = (s: string) =>
      s
        .replace(/“[^”]*”(公众号|、各村)/g, '“@”$1')
        .replace(/东湖镇|XX镇|西翟庄|东湖|静海|清河县|XX县|清河/g, '@')
        .replace(/“X＋N”|“Ｘ＋Ｎ”/g, '“XN”')
        .replace(/\d+(\.\d+)?余?|X+(\.X)?余?/g, '#')
        .replace(/二十|十二|XX/g, '#');
    const sentences = (t: string) =>
      t
        .split('\n')
        .flatMap((l) =>
          l
            .replace(/^([一二三四五六七八九十]+、|\d+\.|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+，)/, '')
            .split(/(?<=[。；：])|(?=[一二三四五六七八九十]是|第[一二三]，)/),
        )
        .map((s) => norm(s.trim()))
        .filter((s) => s.length > 4);
    const ours = new Set(sentences(text));
    const missing = sentences(seed).filter((s) => !ours.has(s));
    const deliberate = ['民主评议党员的', '迎盛会', '红歌宣讲活动', '北京冬奥会', '在镇中心街', '四是配合县禁毒办', '结合“#”主题学习'];
    expect(missing.filter((s) => !deliberate.some((d) => s.includes(d)))).toEqual([]);
    expect(missing).toHaveLength(deliberate.length);
  });
});
