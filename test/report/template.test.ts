import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { formatDiagnostic } from '../../src/report/template/types.ts';
import { renderText } from '../../src/report/render/text.ts';
import { context, fakeValues } from './helpers.ts';

const FM =
  '---\ntitle: "{{year}}年{{org.name}}{{quarterLabel}}报告"\nsignature: "{{org.partyCommittee}}"\nnumbering: [cn, arabic, paren-cn, paren-arabic]\n---\n';

function render(body: string, ctx = context()): string {
  const tpl = parseTemplate(FM + body);
  const errors = tpl.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map(formatDiagnostic).join('\n'));
  return renderText(evaluateTemplate(tpl, ctx));
}

/** The body lines of the rendered text (no title, no signature). */
const body = (text: string) => text.trim().split('\n').slice(1, -2);

const errorsOf = (src: string) => parseTemplate(src).diagnostics.filter((d) => d.severity === 'error');

describe('template parsing', () => {
  it('reads front matter and generates the title and signature', () => {
    const text = render('正文。');
    expect(text.split('\n')[0]).toBe('2023年东湖镇四季度报告');
    expect(text.trim().split('\n').slice(-2)).toEqual(['中共东湖镇委员会', '2023年12月31日']);
  });

  it('joins the lines of a paragraph without spaces', () => {
    expect(body(render('第一行\n第二行\n\n新段落'))).toEqual(['第一行第二行', '新段落']);
  });

  it('reports errors with line and column in Chinese', () => {
    const src = '---\ntitle: 报告\n---\n正文{{ discipline.supervision.count\n';
    const [e] = errorsOf(src);
    expect(e).toMatchObject({ line: 4, column: 3 });
    expect(formatDiagnostic(e)).toBe('第4行第3列：“{{”没有对应的“}}”');
  });

  it('points at the right column on a continuation line and in a condition', () => {
    const src = '---\ntitle: 报告\n---\n- 第一句，\n  接着{% if x === 1 %}是{% endif %}。\n';
    const [e] = errorsOf(src);
    expect(e.line).toBe(5);
    expect(e.column).toBe(13);
    expect(e.message).toContain('==');
  });

  it('rejects unknown filters, tags and unbalanced conditions', () => {
    expect(errorsOf('---\ntitle: t\n---\n{{a | money}}')[0].message).toContain('未知的格式“money”');
    expect(errorsOf('---\ntitle: t\n---\n{% for x in y %}{% endfor %}')[0].message).toContain('未知的标签“for”');
    expect(errorsOf('---\ntitle: t\n---\n{% if a %}没有结束')[0].message).toBe('if 没有对应的 endif');
    expect(errorsOf('---\ntitle: t\n---\n{% endif %}')[0].message).toContain('多余的“endif”');
    expect(errorsOf('---\ntitle: t\n---\n{% if a %}\n段落\n')[0].message).toBe('if 没有对应的 endif');
    expect(errorsOf('---\ntitle: t\n---\n{{a | pct:9}}')[0].message).toContain('0–4');
    expect(errorsOf('---\ntitle: t\n---\n:::narrative{label=x}\n:::')[0].message).toContain('key');
    expect(errorsOf('---\ntitle: t\n---\n:::points\n- 未结束')[0].message).toContain('没有对应的结束行');
  });

  it('requires a title and reports an unclosed front matter', () => {
    expect(errorsOf('正文')[0].message).toContain('title');
    expect(errorsOf('---\ntitle: t\n正文')[0]).toMatchObject({ line: 1, message: '文件头（---）没有结束行“---”' });
  });

  it('rejects unknown names at evaluation with their position', () => {
    const tpl = parseTemplate(FM + '共{{discipline.nothing}}次，{{org.secret}}。');
    const model = evaluateTemplate(tpl, context());
    const msgs = model.diagnostics.map(formatDiagnostic);
    expect(msgs).toContain('第6行第2列：未知的变量或指标“discipline.nothing”');
    expect(msgs).toContain('第6行第26列：未知的变量或指标“org.secret”');
  });
});

describe('sandboxing: nothing in a template runs as code', () => {
  const hostile = [
    '{{constructor.constructor}}',
    '{{__proto__}}',
    '{{ process.exit }}',
    '{{ globalThis.process.mainModule }}',
    '{% if constructor.constructor == null %}是{% else %}否{% endif %}',
    '{% if toString %}有{% endif %}',
  ];
  it.each(hostile)('%s only yields a diagnostic', (src) => {
    const tpl = parseTemplate(FM + src);
    const model = evaluateTemplate(tpl, context());
    expect(model.diagnostics.some((d) => d.message.includes('未知的变量或指标'))).toBe(true);
    expect(renderText(model)).not.toMatch(/function|native code|\[object/);
  });

  it('does not evaluate JavaScript expressions', () => {
    expect(errorsOf(FM + '{{ 1 + 1 }}')[0].message).toContain('不是有效的变量或指标名');
    expect(errorsOf(FM + '{{ (() => 1)() }}')[0].message).toContain('不是有效的变量或指标名');
    expect(errorsOf(FM + '{% if require("fs") %}x{% endif %}').length).toBeGreaterThan(0);
  });

  it('prints narrative text literally, without evaluating what it contains', () => {
    const tpl = parseTemplate(FM + '事件：{{narrative.ev}}。\n');
    const ctx = context({ narrative: { ev: '{{org.name}}{% if 1 %}x{% endif %}' } });
    expect(body(renderText(evaluateTemplate(tpl, ctx)))).toEqual(['事件：{{org.name}}{% if 1 %}x{% endif %}。']);
  });
});

describe('generated numbering', () => {
  const src = ['# 甲', '正文', '# 乙', '## 子一', '- 第一点', '- 第二点', '  - 细一', '  - 细二', '- 第三点', '## 子二', '- 另起', '# 丙', '## 子三'].join(
    '\n',
  );

  it('numbers headings and points from the structure', () => {
    expect(body(render(src))).toEqual([
      '一、甲',
      '正文',
      '二、乙',
      '1.子一',
      '一是第一点',
      '二是第二点第一，细一第二，细二',
      '三是第三点',
      '2.子二',
      '一是另起',
      '三、丙',
      '1.子三',
    ]);
  });

  it('takes the scheme from the front matter', () => {
    const tpl = parseTemplate('---\ntitle: t\nsignature: 党委\nnumbering: [cn, paren-cn]\npoints: [di, shi]\n---\n# 甲\n## 乙\n- 点\n  - 细');
    expect(body(renderText(evaluateTemplate(tpl, context())))).toEqual(['一、甲', '（一）乙', '第一，点一是细']);
  });

  it('skips items a condition leaves out, so numbers never jump', () => {
    const text = render(['- 一', '{% if quarter == 1 %}', '- 只在一季度', '{% endif %}', '- 三'].join('\n'));
    expect(body(text)).toEqual(['一是一', '二是三']);
  });

  it('refuses typed numbers', () => {
    for (const typed of ['# 一、总体', '## 1.落实', '## （一）部署', '- 一是扛牢', '- 第一，持续']) {
      const [e] = errorsOf(`${FM}${typed}`);
      expect(e?.message, typed).toContain('编号由模板自动生成');
    }
  });

  it('numbers a :::points block and continues a list with a narrative', () => {
    const src2 = ['# 问题', ':::points', '甲问题。', '', '乙问题。', ':::', ':::narrative{key=more points}', ':::'].join('\n');
    const tpl = parseTemplate(FM + src2);
    const ctx = context({ narrative: { more: '二是 用户写的编号会被去掉\n丁问题。' } });
    expect(body(renderText(evaluateTemplate(tpl, ctx)))).toEqual(['一、问题', '一是甲问题。', '二是乙问题。', '三是用户写的编号会被去掉', '四是丁问题。']);
  });
});

describe('conditions', () => {
  const cases: [string, Record<string, number | null>, string][] = [
    [
      '{% if legal.petition.backlog == 0 %}全镇无信访积案{% else %}尚有积案{{legal.petition.backlog}}件{% endif %}',
      { 'legal.petition.backlog': 0 },
      '全镇无信访积案',
    ],
    [
      '{% if legal.petition.backlog == 0 %}全镇无信访积案{% else %}尚有积案{{legal.petition.backlog}}件{% endif %}',
      { 'legal.petition.backlog': 3 },
      '尚有积案3件',
    ],
    [
      '{% if discipline.inspection.town.rate == 1 %}均已整改完成{% else %}完成率{{discipline.inspection.town.rate | pct}}％{% endif %}',
      { 'discipline.inspection.town.done': 7, 'discipline.inspection.town.total': 7 },
      '均已整改完成',
    ],
    [
      '{% if discipline.inspection.town.rate == 100% %}均已整改完成{% else %}完成率{{discipline.inspection.town.rate | pct}}％{% endif %}',
      { 'discipline.inspection.town.done': 6, 'discipline.inspection.town.total': 7 },
      '完成率86％',
    ],
    ['{% if legal.petition.closeRate == null %}无转办{% endif %}', { 'legal.petition.transferred': 0, 'legal.petition.closed': 0 }, '无转办'],
    [
      '{% if a.b != null %}x{% endif %}{% if legal.petition.closed != legal.petition.transferred %}未全办结{% endif %}',
      { 'legal.petition.closed': 2, 'legal.petition.transferred': 3 },
      '未全办结',
    ],
    [
      '{% if legal.petition.closed > 2 or legal.petition.closed <= 0 %}甲{% elif legal.petition.closed >= 2 and not legal.petition.closed < 2 %}乙{% else %}丙{% endif %}',
      { 'legal.petition.closed': 2 },
      '乙',
    ],
    ['{% if quarter == 4 and (year > 2022) %}全年{% endif %}{% if org.name == "东湖镇" %}，东湖{% endif %}', {}, '全年，东湖'],
  ];
  it.each(cases)('%s', (src, overrides, expected) => {
    const tpl = parseTemplate(FM + src);
    const model = evaluateTemplate(tpl, context({ values: fakeValues(overrides) }));
    expect(body(renderText(model))).toEqual([expected]);
  });

  it('prints nothing numeric for a ratio over zero records', () => {
    const tpl = parseTemplate(FM + '办结率{{legal.petition.closeRate | pct}}％。');
    const model = evaluateTemplate(tpl, context({ values: fakeValues({ 'legal.petition.transferred': 0, 'legal.petition.closed': 0 }) }));
    expect(body(renderText(model))).toEqual(['办结率—。']);
    expect(model.diagnostics.map((d) => d.message)).toContain('指标“legal.petition.closeRate”为空（分母为 0），报告中该处不显示数字');
  });
});
