import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { applyFixToDocumentXml, docxParagraphs, DocxFixError } from '../../src/shared/docx-edit.ts';
import { readReport } from '../../src/check/read.ts';
import { checkText } from '../../src/check/engine.ts';

const run = (text: string, bold = false): string =>
  `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : '<w:rPr><w:rFonts w:ascii="FangSong_GB2312"/></w:rPr>'}<w:t>${text}</w:t></w:r>`;
const xml = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  `<w:p>${run('2023年南坪镇四季度情况报告', true)}</w:p>`,
  `<w:p>${run('镇党委认真落实主')}${run('任责', true)}${run('任，，组织16 个支部学习《条例》、《准则》。')}</w:p>`,
  `<w:p>${run('甲')}<w:r><w:tab/></w:r>${run('乙 &amp; 丙')}</w:p>`,
  '<w:sectPr/></w:body></w:document>',
].join('');

async function docx(documentXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('fixes applied to a .docx in place', () => {
  it('reads the same paragraphs the checker reads', async () => {
    expect(docxParagraphs(xml).map((p) => p.text)).toEqual((await readReport(await docx(xml), 'a.docx')).split('\n'));
  });

  it('applies every mechanical fix of the check, keeps the runs and their formatting, and the result checks clean', async () => {
    const text = await readReport(await docx(xml), 'a.docx');
    let out = xml;
    // Apply one fix at a time, re-checking in between (offsets move), as the web page does.
    for (let guard = 0; guard < 10; guard++) {
      const current = await readReport(await docx(out), 'a.docx');
      const f = checkText(current).find((x) => x.fix);
      if (!f) break;
      out = applyFixToDocumentXml(out, f.line, f.fix!);
    }
    const fixed = await readReport(await docx(out), 'a.docx');
    expect(text.split('\n')[1]).toBe('镇党委认真落实主任责任，，组织16 个支部学习《条例》、《准则》。');
    expect(fixed.split('\n')[1]).toBe('镇党委认真落实主体责任，组织16个支部学习《条例》《准则》。');
    expect(checkText(fixed).filter((f) => f.fix)).toEqual([]);
    // Same number of runs, bold still on the second run of line 2; the text moved into the first run.
    expect((out.match(/<w:r>/g) ?? []).length).toBe((xml.match(/<w:r>/g) ?? []).length);
    expect((out.match(/<w:b\/>/g) ?? []).length).toBe(2);
    expect(out).toContain('<w:t>镇党委认真落实主体责任</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t></w:t>');
  });

  it('encodes XML, preserves spaces and refuses a fix across a tab', () => {
    const out = applyFixToDocumentXml(xml, 3, { index: 2, length: 1, text: ' <丁> ' });
    expect(docxParagraphs(out)[2].text).toBe('甲\t <丁>  & 丙');
    expect(out).toContain('<w:t xml:space="preserve"> &lt;丁&gt;  &amp; 丙</w:t>');
    expect(() => applyFixToDocumentXml(xml, 3, { index: 0, length: 3, text: '甲乙' })).toThrow(DocxFixError);
    expect(() => applyFixToDocumentXml(xml, 9, { index: 0, length: 1, text: '' })).toThrow(/第9段不存在/);
  });

  it('finds a line by its text after a table row, and refuses to edit the row itself', () => {
    const cell = (t: string) => `<w:tc><w:p>${run(t)}</w:p></w:tc>`;
    const withTable = xml.replace(
      '<w:sectPr/>',
      `<w:tbl><w:tr>${cell('村名')}${cell('党员16 名')}</w:tr></w:tbl><w:p>${run('组织16 个支部学习。')}</w:p><w:sectPr/>`,
    );
    expect(() => applyFixToDocumentXml(withTable, 4, { index: 7, length: 1, text: '' })).toThrow(/表格或脚注/);
    const out = applyFixToDocumentXml(withTable, 5, { index: 4, length: 1, text: '' });
    expect(
      docxParagraphs(out)
        .map((p) => p.text)
        .pop(),
    ).toBe('组织16个支部学习。');
  });
});
