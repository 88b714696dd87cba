import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { readReport, ReportReadError } from '../../src/check/read.ts';
import { checkText } from '../../src/check/engine.ts';
import { footnoteRef, para, table, textBox, wordDocx } from '../helpers/word-docx.ts';

async function docx(paragraphs: Array<Paragraph | Table>): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

describe('readReport', () => {
  it('reads a .docx: one line per paragraph, runs joined, in reading order', async () => {
    const buf = await docx([
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: '2023年XX镇四季度', bold: true }), new TextRun('落实全面从严治党攻坚战情况报告')],
      }),
      new Paragraph('一、总体部署推动情况'),
      new Paragraph(''),
      new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('表格中的文字 A&B')] })] })] }),
      new Paragraph({ children: [new TextRun('开展专项监督XX次，组##paidbegin##织撰写心得体会。')] }),
    ]);
    const text = await readReport(buf, '报告.docx');
    expect(text.split('\n')).toEqual([
      '2023年XX镇四季度落实全面从严治党攻坚战情况报告',
      '一、总体部署推动情况',
      '',
      '表格中的文字 A&B',
      '开展专项监督XX次，组##paidbegin##织撰写心得体会。',
    ]);
    const findings = checkText(text);
    expect(findings.find((f) => f.rule === 'stray-markup')?.line).toBe(5);
    expect(findings.filter((f) => f.rule === 'placeholder').map((f) => f.line)).toEqual([1, 5]);
  });
  it('reads a text box once, a table row as a line and a footnote after its line', async () => {
    const buf = await wordDocx(
      [
        para('2023年东湖镇四季度情况报告'),
        para('一、总体情况', textBox(['镇党委书记亲自部署，班子成员分片包干，逐村督导整改落实。', '全年开展专项监督24次。'])),
        para('开展专项监督24次', footnoteRef(1), '，督促整改问题23个。'),
        table([
          ['项目', '数量'],
          ['专项监督', '24次'],
        ]),
        para('二、存在问题', footnoteRef(2)),
      ],
      { 1: '数据来源：镇纪委监督台账。', 2: '截至2023年12月31日。' },
    );
    const lines = (await readReport(buf, '报告.docx')).split('\n');
    expect(lines).toEqual([
      '2023年东湖镇四季度情况报告',
      '镇党委书记亲自部署，班子成员分片包干，逐村督导整改落实。',
      '全年开展专项监督24次。',
      '一、总体情况',
      '开展专项监督24次，督促整改问题23个。',
      '数据来源：镇纪委监督台账。',
      '项目\t数量',
      '专项监督\t24次',
      '二、存在问题',
      '截至2023年12月31日。',
    ]);
    // the text box's paragraph is there once: no "repeated paragraph" (read twice, it would be one)
    const repeated = (ls: string[]) => checkText(ls.join('\n')).filter((f) => f.rule === 'repeated-paragraph');
    expect(repeated(lines)).toEqual([]);
    expect(repeated([...lines.slice(0, 3), ...lines.slice(1)])).toHaveLength(1);
  });
  it('reads UTF-8 text with a BOM, UTF-16 and GBK', async () => {
    const s = '一、总体情况\n开展专项监督26次。';
    expect(await readReport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]), 'a.txt')).toBe(s);
    expect(await readReport(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]), 'a.txt')).toBe(s);
    expect(await readReport(Buffer.from(s, 'utf16le'), 'a.txt')).toBe(s);
    // "一、总体情况" in GBK
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6]);
    expect(await readReport(gbk, 'a.txt')).toBe('一、总体情况');
  });
  it('strips Markdown syntax from .md but keeps the line numbers', async () => {
    const md = '# 2023年南坪镇四季度情况报告\n\n## 一、总体情况\n**开展**专项监督26次。';
    expect(await readReport(Buffer.from(md), 'r.md')).toBe('2023年南坪镇四季度情况报告\n\n一、总体情况\n开展专项监督26次。');
  });
  it('gives clear Chinese errors for what it cannot read', async () => {
    await expect(readReport(Buffer.from('not a zip'), 'x.docx')).rejects.toThrow(/不是有效的 Word/);
    await expect(readReport(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x10, 0x41]), 'x.txt')).rejects.toThrow(ReportReadError);
    await expect(readReport(Buffer.from('x'), 'x.pdf')).rejects.toThrow(/不支持的文件类型/);
    await expect(readReport(Buffer.from('x'), 'x.doc')).rejects.toThrow(/另存为 \.docx/);
  });
});
