import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import { renderHtmlFragment, renderHtmlPage, escapeHtml } from '../../src/report/render/html.ts';
import { renderMarkdown } from '../../src/report/render/markdown.ts';
import { renderText } from '../../src/report/render/text.ts';
import { toReportJson } from '../../src/report/render/json.ts';
import { renderReportDocx, splitTitle, toOfficialDoc } from '../../src/report/render/official.ts';
import { context, fakeValues, VARS } from './helpers.ts';

const model = evaluateTemplate(parseTemplate(defaultTemplateSource()), context());

describe('HTML preview', () => {
  it('links every number to its metric', () => {
    const html = renderHtmlFragment(model);
    expect(html).toContain('<a class="ls-num" href="#" role="button" data-metric="discipline.supervision.count" data-value="24"');
    const links = html.match(/data-metric="/g) ?? [];
    const numbers = model.blocks.flatMap((b) => b.runs).filter((r) => r.type === 'number');
    expect(links).toHaveLength(numbers.length);
    expect(numbers.length).toBeGreaterThan(70);
  });

  it('escapes every text and attribute: narrative, names and titles cannot inject markup', () => {
    const evil = '<script>alert(1)</script><img src=x onerror="alert(2)">';
    const tpl = parseTemplate(
      '---\ntitle: "{{org.name}}报告"\nnarrative:\n  ev: 默认\n---\n# {{org.name}}\n事件：{{narrative.ev}}；{{discipline.supervision.count}}次。\n:::narrative{key=more}\n:::',
    );
    const vars = VARS.map(([k, v]): [string, string | number | null] => [k, k === 'org.name' ? `东湖镇"><b>` : v]);
    const m = evaluateTemplate(tpl, context({ vars, narrative: { ev: evil, more: `第二段 ' & </p><p>` } }));
    for (const html of [renderHtmlFragment(m), renderHtmlPage(m)]) {
      expect(html).not.toMatch(/<script|<img|<b>|<\/p><p>'/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
      expect(html).toContain('东湖镇&quot;&gt;&lt;b&gt;');
      expect(html).toContain('data-narrative="more">第二段 &#39; &amp; &lt;/p&gt;&lt;p&gt;</p>');
    }
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('marks a missing value so the reader sees it', () => {
    const m = evaluateTemplate(
      parseTemplate('---\ntitle: t\n---\n办结率{{legal.petition.closeRate | pct}}％'),
      context({ values: fakeValues({ 'legal.petition.transferred': 0, 'legal.petition.closed': 0 }) }),
    );
    expect(renderHtmlFragment(m)).toContain('class="ls-num ls-num-null"');
  });
});

describe('text, Markdown and JSON', () => {
  it('writes plain text one paragraph a line, title first', () => {
    const lines = renderText(model).trim().split('\n');
    expect(lines[0]).toBe(model.title);
    expect(lines).toHaveLength(model.blocks.length + 3);
  });

  it('writes Markdown with headings by depth and escaped markup', () => {
    const md = renderMarkdown(model);
    expect(md.startsWith('# 2023年东湖镇四季度落实全面从严治党攻坚战情况报告\n\n## 一、总体部署推动情况\n\n按照')).toBe(true);
    expect(md).toContain('\n### 1.落实县纪委机关四季度考核任务落实情况\n');
    const m = evaluateTemplate(parseTemplate('---\ntitle: t\n---\n:::narrative{key=x}\n:::'), context({ narrative: { x: '1. *强调* <b>' } }));
    expect(renderMarkdown(m)).toContain('1\\. \\*强调\\* \\<b\\>');
  });

  it('gives every number its provenance in JSON', () => {
    const j = toReportJson(model);
    const f = j.facts.find((x) => x.metric === 'organization.development.youngRatio')!;
    expect(f).toMatchObject({ value: 0.5, text: '50.0', unit: '％' });
    expect(f.records.length).toBeGreaterThan(0);
    const p = j.blocks.find((b) => b.type === 'paragraph' && b.text.includes('开展专项监督'));
    expect(p && 'numbers' in p ? p.numbers[0] : null).toEqual({ metric: 'discipline.supervision.count', value: 24, text: '24' });
    expect(JSON.parse(JSON.stringify(j)).template.key).toBe('quarterly');
  });
});

describe('official document', () => {
  it('breaks a long title after a whole word', () => {
    expect(splitTitle('2023年东湖镇四季度落实全面从严治党攻坚战情况报告')).toBe('2023年东湖镇四季度落实全面从严治党\n攻坚战情况报告');
    expect(splitTitle('短标题')).toBe('短标题');
  });

  it('maps number styles to GB/T 9704 heading levels and keeps the signature', () => {
    const doc = toOfficialDoc(model);
    expect(doc.blocks[0]).toEqual({ type: 'heading', level: 1, text: '一、总体部署推动情况' });
    expect(doc.blocks.find((b) => b.type === 'heading' && b.text.startsWith('1.'))).toMatchObject({ level: 3 });
    expect(doc.signature).toEqual({ issuer: '中共东湖镇委员会', date: '2023年12月31日' });
  });

  it('renders a .docx whose text is the report', async () => {
    const buf = await renderReportDocx(model);
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    expect(text).toContain('开展专项监督24次，督促整改问题23个');
    expect(text).toContain('四、下一步工作计划');
    expect(text).toContain('中共东湖镇委员会');
  });
});
