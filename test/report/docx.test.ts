import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { renderDocx } from '../../src/report/docx/render.ts';
import type { DocxOptions, OfficialDoc } from '../../src/report/docx/model.ts';
import { signatureIndents, widthInChars } from '../../src/report/docx/layout.ts';
import { sampleReport } from '../../src/report/docx/fixture.ts';

const DOC: OfficialDoc = {
  title: '2023年东湖镇四季度落实全面从严治党\n攻坚战情况报告',
  blocks: [
    { type: 'heading', level: 1, text: '一、总体部署推动情况' },
    { type: 'paragraph', runs: [{ text: '一是扛牢政治责任。', bold: true }, { text: '开展专项监督18次，A&B<C>。' }] },
    { type: 'heading', level: 2, text: '（一）强化教育引导' },
    { type: 'heading', level: 3, text: '1.落实县纪委机关四季度考核任务落实情况' },
    { type: 'heading', level: 4, text: '（1）专项监督' },
    { type: 'paragraph', runs: [{ text: '镇党委认真落实党风廉政建设主体责任。' }] },
  ],
  signature: { issuer: '中共东湖镇委员会', date: '2023年12月31日' },
};

interface Parts {
  document: string;
  styles: string;
  settings: string;
  footers: Record<string, string>;
  rels: string;
  fontTable: string;
}

async function unpack(buffer: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`missing ${path}`);
    return file.async('string');
  };
  const footers: Record<string, string> = {};
  for (const path of Object.keys(zip.files).filter((p) => /^word\/footer\d+\.xml$/.test(p))) {
    footers[path.slice('word/'.length)] = await read(path);
  }
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    rels: await read('word/_rels/document.xml.rels'),
    fontTable: await read('word/fontTable.xml'),
    footers,
  };
}

async function render(doc: OfficialDoc = DOC, opts?: DocxOptions): Promise<Parts> {
  return unpack(await renderDocx(doc, opts));
}

/** Attributes of the first element `tag` in xml, or undefined. */
function attrs(xml: string, tag: string): Record<string, string> | undefined {
  const m = new RegExp(`<${tag}((?:\\s+[\\w:]+="[^"]*")*)\\s*/?>`).exec(xml);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const a of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) out[a[1]] = a[2];
  return out;
}

const paragraphs = (xml: string) => [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => m[1]);
const runs = (p: string) => [...p.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => m[1]);
const text = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const style = (xml: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>(.*?)</w:style>`).exec(xml)?.[1];
const byText = (xml: string, needle: string) => {
  const p = paragraphs(xml).find((x) => text(x).includes(needle));
  if (!p) throw new Error(`no paragraph with ${needle}`);
  return p;
};
const eastAsia = (xml: string) => attrs(xml, 'w:rFonts')?.['w:eastAsia'];

describe('renderDocx: page', () => {
  it('is A4 with the GB/T 9704 margins, a 22-line grid and 28 characters condensed to the line', async () => {
    const { document } = await render();
    expect(attrs(document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(document, 'w:pgMar')).toMatchObject({
      'w:top': '2098',
      'w:left': '1587',
      'w:right': '1474',
      'w:bottom': '1984',
    });
    // a line-only grid: LibreOffice lays a linesAndChars grid out at 14 characters a line
    expect(attrs(document, 'w:docGrid')).toEqual({ 'w:type': 'lines', 'w:linePitch': '579' });
  });

  it('condenses every character by 0.25 pt in the document defaults, so 28 fit the 156 mm line', async () => {
    const { styles } = await render();
    const defaults = /<w:rPrDefault>(.*?)<\/w:rPrDefault>/.exec(styles)?.[1] ?? '';
    expect(attrs(defaults, 'w:spacing')).toEqual({ 'w:val': '-5' });
    // 28 characters of 16 pt − 0.25 pt fit the type area (8845 twips)
    expect(28 * (320 - 5)).toBeLessThanOrEqual(8845);
    expect(28 * 320).toBeGreaterThan(8845);
  });

  it('turns widow control off, keeps punctuation in LibreOffice and lets the title off the grid', async () => {
    const { styles } = await render();
    const pPrDefault = /<w:pPrDefault><w:pPr>(.*?)<\/w:pPr>/.exec(styles)?.[1] ?? '';
    expect(pPrDefault).toMatch(/^<w:widowControl w:val="0"\/><w:overflowPunct w:val="1"\/><w:spacing /);
    expect(style(styles, 'Title')).toMatch(/<w:keepNext\/><w:snapToGrid w:val="0"\/><w:spacing /);
  });

  it('gives every paragraph exact 579 spacing and never writes "exactly"', async () => {
    const { document, styles } = await render();
    const ps = paragraphs(document);
    expect(ps.length).toBe(2 + DOC.blocks.length + 3);
    for (const p of ps) {
      expect(attrs(p, 'w:spacing')).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
    }
    expect(document + styles).not.toContain('exactly');
    expect(attrs(style(styles, 'Normal') ?? '', 'w:spacing')).toMatchObject({ 'w:line': '579', 'w:lineRule': 'exact' });
  });
});

describe('renderDocx: fonts and sizes', () => {
  it('sets all four font slots and the size on every run', async () => {
    const { document } = await render();
    const all = paragraphs(document).flatMap(runs);
    expect(all.length).toBeGreaterThan(10);
    for (const r of all) {
      const fonts = attrs(r, 'w:rFonts');
      expect(fonts).toBeDefined();
      for (const slot of ['w:ascii', 'w:hAnsi', 'w:eastAsia', 'w:cs']) expect(fonts?.[slot]).toBeTruthy();
      expect(attrs(r, 'w:sz')?.['w:val']).toMatch(/^(32|44)$/);
    }
  });

  it('puts the body font in the document defaults and the Normal style', async () => {
    const { styles } = await render();
    const defaults = /<w:rPrDefault>(.*?)<\/w:rPrDefault>/.exec(styles)?.[1] ?? '';
    const normal = style(styles, 'Normal') ?? '';
    for (const xml of [defaults, normal]) {
      expect(attrs(xml, 'w:rFonts')).toMatchObject({
        'w:ascii': '仿宋_GB2312',
        'w:hAnsi': '仿宋_GB2312',
        'w:eastAsia': '仿宋_GB2312',
        'w:cs': '仿宋_GB2312',
      });
      expect(attrs(xml, 'w:sz')?.['w:val']).toBe('32');
    }
  });

  it('sets the title in 方正小标宋简体 二号, centred, then one blank line', async () => {
    const { document, styles } = await render();
    const [title, blank, first] = paragraphs(document);
    expect(attrs(title, 'w:jc')?.['w:val']).toBe('center');
    expect(eastAsia(title)).toBe('方正小标宋简体');
    expect(attrs(title, 'w:sz')?.['w:val']).toBe('44');
    expect(text(title)).toBe('2023年东湖镇四季度落实全面从严治党攻坚战情况报告');
    expect(title).toContain('<w:br/>');
    expect(text(blank)).toBe('');
    expect(text(first)).toBe('一、总体部署推动情况');
    expect(attrs(style(styles, 'Title') ?? '', 'w:sz')?.['w:val']).toBe('44');
  });

  it('uses 黑体, 楷体_GB2312 and 仿宋_GB2312 for heading levels 1, 2 and 3-4, indented 2 characters', async () => {
    const { document, styles } = await render();
    const expected: [string, string, string][] = [
      ['一、总体部署推动情况', 'Heading1', '黑体'],
      ['（一）强化教育引导', 'Heading2', '楷体_GB2312'],
      ['1.落实县纪委机关', 'Heading3', '仿宋_GB2312'],
      ['（1）专项监督', 'Heading4', '仿宋_GB2312'],
    ];
    for (const [needle, id, font] of expected) {
      const p = byText(document, needle);
      expect(attrs(p, 'w:pStyle')?.['w:val']).toBe(id);
      expect(eastAsia(p)).toBe(font);
      expect(attrs(p, 'w:sz')?.['w:val']).toBe('32');
      expect(attrs(p, 'w:ind')).toMatchObject({ 'w:firstLine': '640', 'w:firstLineChars': '200' });
      expect(p).not.toMatch(/<w:b\/>/);
      expect(eastAsia(style(styles, id) ?? '')).toBe(font);
      expect(style(styles, id)).not.toMatch(/<w:color w:val="(?!000000)/);
    }
  });

  it('bolds levels 2 and 3-4 only when asked', async () => {
    const { document, styles } = await render(DOC, { boldLevel2: true, boldLevel3: true });
    for (const needle of ['（一）强化教育引导', '1.落实县纪委机关', '（1）专项监督']) {
      expect(byText(document, needle)).toContain('<w:b/>');
    }
    expect(byText(document, '一、总体部署推动情况')).not.toContain('<w:b/>');
    expect(style(styles, 'Heading2')).toContain('<w:b/>');
    const plain = await render(DOC, { boldLevel3: true });
    expect(byText(plain.document, '（一）强化教育引导')).not.toContain('<w:b/>');
    expect(byText(plain.document, '（1）专项监督')).toContain('<w:b/>');
  });

  it('writes body paragraphs in 仿宋_GB2312 三号 with the first-line indent, bold runs and escaped text', async () => {
    const { document } = await render();
    const p = byText(document, '一是扛牢政治责任');
    expect(attrs(p, 'w:ind')).toMatchObject({ 'w:firstLine': '640', 'w:firstLineChars': '200' });
    const [lead, rest] = runs(p);
    expect(lead).toContain('<w:b/>');
    expect(rest).not.toContain('<w:b/>');
    expect(eastAsia(rest)).toBe('仿宋_GB2312');
    expect(text(p)).toContain('A&amp;B&lt;C&gt;');
  });

  it('takes font overrides and lists the fonts with substitutes, unembedded', async () => {
    const { document, styles, fontTable, rels } = await render(DOC, { fonts: { body: '仿宋', title: '  ' } });
    expect(eastAsia(byText(document, '镇党委认真落实'))).toBe('仿宋');
    expect(eastAsia(style(styles, 'Normal') ?? '')).toBe('仿宋');
    expect(eastAsia(paragraphs(document)[0])).toBe('方正小标宋简体');
    expect(fontTable).toContain('<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/>');
    expect(fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fontTable).not.toMatch(/embed/i);
    expect(rels).not.toContain('/font"');
  });
});

describe('renderDocx: page numbers', () => {
  it('has a default and an even footer with a PAGE field, and evenAndOddHeaders', async () => {
    const { document, settings, footers, rels } = await render();
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const refs = [...document.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
    expect(refs.map((m) => m[1]).sort()).toEqual(['default', 'even']);
    for (const [, type, id] of refs) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
      const footer = footers[target];
      expect(footer).toBeDefined();
      expect(footer).toMatch(/<w:fldChar w:fldCharType="begin"\/>.*<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>.*<w:fldChar w:fldCharType="end"\/>/);
      expect(text(footer)).toBe('—  —');
      for (const r of runs(footer)) {
        expect(eastAsia(r)).toBe('宋体');
        expect(attrs(r, 'w:sz')?.['w:val']).toBe('28');
      }
      if (type === 'default') {
        expect(attrs(footer, 'w:jc')?.['w:val']).toBe('right');
        expect(attrs(footer, 'w:ind')).toEqual({ 'w:right': '280' });
      } else {
        expect(attrs(footer, 'w:jc')?.['w:val']).toBe('left');
        expect(attrs(footer, 'w:ind')).toEqual({ 'w:left': '280' });
      }
    }
  });
});

describe('renderDocx: signature', () => {
  it('leaves one blank line, then issuer and date right-aligned per GB/T 9704 7.3.5.2', async () => {
    const { document } = await render();
    const ps = paragraphs(document);
    const [blank, issuer, date] = ps.slice(-3);
    expect(text(blank)).toBe('');
    expect(text(issuer)).toBe('中共东湖镇委员会');
    expect(text(date)).toBe('2023年12月31日');
    for (const p of [issuer, date]) expect(attrs(p, 'w:jc')?.['w:val']).toBe('right');
    // the date (7 characters) starting 2 right of the 8-character issuer would pass 右空二字:
    // the date is set 右空二字 and the issuer moves one character left
    expect(attrs(issuer, 'w:ind')).toEqual({ 'w:right': '948' });
    expect(attrs(date, 'w:ind')).toEqual({ 'w:right': '632' });
    expect(date).toContain('<w:autoSpaceDN w:val="false"/>');
  });

  it('omits the signature block when there is none', async () => {
    const { document } = await render({ ...DOC, signature: undefined });
    expect(paragraphs(document).filter((p) => attrs(p, 'w:jc')?.['w:val'] === 'right')).toHaveLength(0);
  });

  it('computes the indents from the widths', () => {
    expect(widthInChars('2023年12月31日')).toBe(7);
    expect(widthInChars('中共东湖镇委员会')).toBe(8);
    expect(signatureIndents('中共东湖镇委员会', '2023年12月31日')).toEqual({ issuer: 3, date: 2 });
    expect(signatureIndents('中共临河县东湖镇委员会', '2023年1月5日')).toEqual({ issuer: 2, date: 5 });
    expect(signatureIndents('东湖镇', '2023年12月31日')).toEqual({ issuer: 8, date: 2 });
  });
});

describe('sample report', () => {
  it('renders the seed-based sample with headings, bold leads and the signature', async () => {
    const doc = sampleReport(6);
    const { document } = await render(doc);
    expect(paragraphs(document).length).toBe(2 + doc.blocks.length + 3);
    expect(text(byText(document, '6.落实县委宣传部'))).toBe('6.落实县委宣传部四季度考核任务落实情况');
    expect(document).not.toMatch(/XX|##paid/);
  });
});
