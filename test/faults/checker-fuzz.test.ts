/**
 * Property-based tests of the report checker (src/check/): `checkText` on random text and on
 * report-like text (numbering, numbers, rates, years, places, markup, mutations of the seed
 * report), and `readReport` on random bytes under every accepted extension and on damaged
 * .docx files. The checker never throws, no rule fails internally (the engine would turn that
 * into a "规则执行出错" warning and silently lose the rule), every finding points at a real
 * line, and unreadable files get a ReportReadError with a Chinese message.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkText, readReport, ReportReadError } from '../../src/check/index.ts';
import type { CheckFinding } from '../../src/check/types.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = path.resolve('test/fixtures/seed-2023q4.txt');
const seedText = fs.existsSync(SEED) ? fs.readFileSync(SEED, 'utf8') : '一、总体情况\n今年以来，我镇共开展监督检查XX次。\n';

const PIECES = [
  '一、',
  '二、',
  '十一、',
  '（一）',
  '（二）',
  '1.',
  '2．',
  '（1）',
  '一是',
  '二是',
  '第一，',
  '第三，',
  '\n',
  '\n\n',
  '\t',
  '　',
  ' ',
  '我镇',
  '东湖镇',
  '南坪镇',
  '清河县',
  '北京市',
  '各村',
  '党支部',
  '共开展',
  '发现问题',
  '个',
  '件',
  '人次',
  '次',
  '条',
  '其中',
  '已整改',
  '整改完成',
  '完成率',
  '占比',
  '％',
  '%',
  '‰',
  'XX',
  'xx',
  '××',
  '**',
  '__',
  '<br>',
  '</p>',
  '#',
  '[1]',
  '{{org.name}}',
  '【',
  '】',
  '0',
  '1',
  '7',
  '12',
  '100',
  '101',
  '99.5',
  '3.333',
  '1e9',
  '9'.repeat(25),
  '-5',
  '二十',
  '十九',
  '二〇二三',
  '2023',
  '2022',
  '2024',
  '2099',
  '年',
  '月',
  '日',
  '季度',
  '四季度',
  '党的二十大',
  '党的十九大',
  '二十届二中全会',
  '“',
  '”',
  '（',
  '）',
  '，',
  '。',
  '；',
  '：',
  '、',
  '…',
  '\uFEFF',
  '\u0000',
  '\u200b',
  '𠀀',
  '\ud800',
];
const reportLike = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((p) => p.join(''));
const seedMutation = fc
  .array(fc.record({ at: fc.nat(), len: fc.nat({ max: 40 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((p) => p.join('')) }), {
    maxLength: 8,
  })
  .map((edits) => {
    let s = seedText;
    for (const e of edits) {
      const at = e.at % (s.length + 1);
      s = s.slice(0, at) + e.insert + s.slice(at + e.len);
    }
    return s;
  });
const anyText = fc.oneof(
  reportLike,
  seedMutation,
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);
const options = fc.record(
  {
    period: fc.option(fc.constantFrom('2023Q4', '2023Q1', '2024', 'nonsense', '0000Q0', '9999Q4'), { nil: undefined }),
    subject: fc.option(
      fc.record(
        { town: fc.constantFrom('东湖镇', '', 'X'), county: fc.constantFrom('清河县', ''), congress: fc.constantFrom('二十', '十九', '') },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: [] },
);

function expectSound(findings: CheckFinding[], text: string) {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const f of findings) {
    expect(f.message, 'a rule threw inside the engine').not.toMatch(/执行出错/);
    expect(Number.isInteger(f.line) && f.line >= 1 && f.line <= lines + 1, `line ${f.line} of ${lines}: ${JSON.stringify(f)}`).toBe(true);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  }
}

describe('report checker under arbitrary input', () => {
  it('the seed report is read and checked (control: it has findings)', () => {
    const findings = checkText(seedText, { period: '2023Q4' });
    expectSound(findings, seedText);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('checkText never throws and no rule fails, on any text with any options', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        let findings: CheckFinding[] = [];
        expect(() => (findings = checkText(text, opts))).not.toThrow();
        expectSound(findings, text);
      }),
      { numRuns: RUNS },
    );
  });

  it('readReport on random bytes: text or a ReportReadError, for every extension', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('r.txt', 'r.md', 'r.docx', 'r', 'r.doc', 'r.wps', 'r.pdf', 'R.TXT', 'r.text', 'r.markdown'),
        fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x50, 0x4b, 0x03, 0x04]),
        async (bytes, name, prefix) => {
          const buf = Buffer.concat([Buffer.from(prefix), Buffer.from(bytes)]);
          try {
            const text = await readReport(buf, name);
            expect(typeof text).toBe('string');
            expectSound(checkText(text), text);
          } catch (e) {
            expect(e, `unexpected ${(e as Error).stack}`).toBeInstanceOf(ReportReadError);
            expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a .docx with out-of-range character references is read, not crashed on', async () => {
    for (const ent of ['&#99999999;', '&#x110000;', '&#xD800;', '&#0;', '&#x1F600;']) {
      const zip = new JSZip();
      zip.file('word/document.xml', `<w:document><w:body><w:p><w:r><w:t>一、总体情况${ent}</w:t></w:r></w:p></w:body></w:document>`);
      const text = await readReport(await zip.generateAsync({ type: 'nodebuffer' }), '报告.docx');
      expect(text.startsWith('一、总体情况'), ent).toBe(true);
      expectSound(checkText(text), text);
    }
  });

  it('a .docx with random or hostile document.xml is read as text or refused', async () => {
    const xmlPiece = fc.constantFrom(
      '<w:p>',
      '</w:p>',
      '<w:p/>',
      '<w:r>',
      '</w:r>',
      '<w:t>',
      '</w:t>',
      '<w:t xml:space="preserve">',
      '<w:tab/>',
      '<w:br/>',
      '&amp;',
      '&lt;',
      '&#x1F600;',
      '&#0;',
      '&#xD800;',
      '&#99999999;',
      '&bogus;',
      '<w:body>',
      '</w:body>',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '一、情况',
      'XX',
      '\u0000',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(xmlPiece, fc.string({ maxLength: 10 })), { maxLength: 80 }), fc.boolean(), async (pieces, withDoc) => {
        const zip = new JSZip();
        if (withDoc) zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${pieces.join('')}</w:body></w:document>`);
        else zip.file('word/other.xml', pieces.join(''));
        const buf = await zip.generateAsync({ type: 'nodebuffer' });
        try {
          const text = await readReport(buf, '报告.docx');
          expectSound(checkText(text), text);
        } catch (e) {
          expect(e, `unexpected ${(e as Error).stack}`).toBeInstanceOf(ReportReadError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
