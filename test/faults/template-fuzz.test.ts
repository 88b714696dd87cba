/**
 * Property-based tests of the report template engine (src/report/template/): parsing and
 * evaluating arbitrary strings — random text, and random sequences of the template's own
 * tokens — never throws (problems come back as diagnostics with line:column), never runs
 * code and never reaches objects it was not given: no sentinel is touched, no prototype is
 * polluted, and no function text, object text or environment value shows up in the output.
 * Narrative text typed by a town is printed literally, never evaluated.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import { renderText } from '../../src/report/render/text.ts';
import { renderHtmlFragment } from '../../src/report/render/html.ts';
import { context } from '../report/helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const FM = '---\ntitle: "{{year}}年{{org.name}}{{quarterLabel}}报告"\nsignature: "{{org.partyCommittee}}"\n---\n';
const SECRET = 'do-not-leak-7d1f';

/** Pieces a template is made of, plus hostile names and stray punctuation. */
const TOKENS = [
  '{{',
  '}}',
  '{%',
  '%}',
  '{#',
  '#}',
  ' if ',
  ' elif ',
  ' else ',
  ' endif ',
  'if',
  'endif',
  '==',
  '!=',
  '>=',
  '<',
  ' and ',
  ' or ',
  ' not ',
  '(',
  ')',
  '"',
  '“',
  '”',
  "'",
  '|',
  'int',
  'pct:1',
  'pct:9',
  'yu',
  ':',
  '\n',
  '\n\n',
  '# ',
  '## ',
  '#### ',
  '##### ',
  '- ',
  '  ',
  ':::narrative key=k label="叙述"',
  ':::points',
  ':::',
  ':::unknown',
  '---',
  'title: x',
  'numbering: [cn]',
  'points: [shi]',
  'org.name',
  'year',
  'quarterLabel',
  'narrative.k',
  'discipline.supervision.count',
  'discipline.inspection.town.done',
  'param.youngAge',
  'no.such.metric',
  'constructor',
  'constructor.constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'process',
  'process.env',
  'process.env.LUOSHI_SECRET',
  'globalThis',
  'require',
  'import',
  'this',
  'eval',
  'Function',
  '一、',
  '（一）',
  '1.',
  '一是',
  '第一，',
  '。',
  '，',
  'XX',
  '0',
  '-1',
  '1e309',
  '9'.repeat(30),
  'NaN',
  'Infinity',
  '\u0000',
  '\uFEFF',
  '\r',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));
const source = fc.oneof(
  tokenSoup,
  tokenSoup.map((s) => FM + s),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('report template engine under arbitrary input', () => {
  const g = globalThis as Record<string, unknown>;
  beforeEach(() => {
    g.__luoshiPwned = false;
    process.env.LUOSHI_TEMPLATE_FUZZ_SECRET = SECRET;
  });
  afterEach(() => {
    delete g.__luoshiPwned;
    delete process.env.LUOSHI_TEMPLATE_FUZZ_SECRET;
  });

  function expectHarmless(text: string, label: string) {
    expect(g.__luoshiPwned, `${label}: code ran`).toBe(false);
    expect(({} as Record<string, unknown>).polluted, `${label}: prototype polluted`).toBeUndefined();
    expect(text, label).not.toMatch(/native code|\[object |function\s*\w*\s*\(|=>\s*\{/);
    expect(text, label).not.toContain(SECRET);
    expect(text, label).not.toContain(process.env.LUOSHI_SECRET ?? '\u0001never');
  }

  it('parses and evaluates any string without throwing, reporting problems with a position', () => {
    fc.assert(
      fc.property(source, fc.string({ maxLength: 80 }), (src, narrative) => {
        const tpl = parseTemplate(src);
        for (const d of tpl.diagnostics) {
          expect(Number.isInteger(d.line) && d.line >= 1, JSON.stringify(d)).toBe(true);
          expect(Number.isInteger(d.column) && d.column >= 1, JSON.stringify(d)).toBe(true);
          expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        }
        const model = evaluateTemplate(tpl, context({ narrative: { k: narrative } }));
        const text = renderText(model);
        const html = renderHtmlFragment(model);
        expectHarmless(text, src);
        expect(html).not.toMatch(/<script/i);
      }),
      { numRuns: RUNS },
    );
  });

  it('hostile expressions only yield diagnostics', () => {
    const hostile = fc.constantFrom(
      'constructor.constructor("globalThis.__luoshiPwned=true")()',
      '__proto__.polluted',
      'constructor.prototype.polluted',
      'process.env.LUOSHI_TEMPLATE_FUZZ_SECRET',
      'process.mainModule.require("child_process")',
      'globalThis.__luoshiPwned',
      'this.constructor',
      '(globalThis.__luoshiPwned = true)',
      '`${globalThis.__luoshiPwned=true}`',
      'require("fs").readFileSync("/etc/passwd")',
      'org.name.constructor',
      'org.__proto__',
      'year.toString',
      'narrative.__proto__',
      'narrative.constructor.constructor',
    );
    const shape = fc.constantFrom(
      '{{ X }}',
      '{{X|int}}',
      '{% if X %}是{% else %}否{% endif %}',
      '{% if X == "x" %}a{% elif X %}b{% endif %}',
      '# 标题{{X}}',
      ':::narrative key=k\n{{X}}\n:::',
    );
    fc.assert(
      fc.property(hostile, shape, (expr, s) => {
        const src = FM + s.replace('X', expr);
        const model = evaluateTemplate(parseTemplate(src), context()); // no narrative: the default is evaluated
        expect(model.diagnostics.length, src).toBeGreaterThan(0);
        expectHarmless(renderText(model), src);
      }),
      { numRuns: RUNS },
    );
  });

  it('narrative text is printed literally, whatever it contains', () => {
    const tpl = parseTemplate(FM + '情况：{{narrative.k}}。\n');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) =>
          t
            .join('')
            .replace(/[\r\n\u0000\uFEFF]/g, '')
            .trim(),
        ),
        (typed) => {
          fc.pre(typed.length > 0);
          const text = renderText(evaluateTemplate(tpl, context({ narrative: { k: typed } })));
          expect(text).toContain(typed);
          expectHarmless(text.replace(typed, ''), typed);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the default template with random narrative never throws', () => {
    const tpl = parseTemplate(defaultTemplateSource());
    const keys = tpl.narratives.map((n) => n.key);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.oneof(tokenSoup, fc.string({ maxLength: 100 }))), (narrative) => {
        const model = evaluateTemplate(tpl, context({ narrative }));
        expect(model.blocks.length).toBeGreaterThan(10);
        expectHarmless(renderText(model).replace(/\{\{|\}\}|\{%|%\}/g, ''), JSON.stringify(narrative));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});
