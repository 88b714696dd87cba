import { AlignmentType, Document, DocumentGridType, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { DEFAULT_FONTS, type DocBlock, type DocRun, type DocxOptions, type FontMap, type OfficialDoc } from './model.ts';
import { LINE_PITCH, MARGIN, PAGE, PAGE_NUMBER_INSET, SIZE, charsToTwips, signatureIndents } from './layout.ts';
import JSZip from 'jszip';
import { EXACT_LINE, FIRST_LINE, buildStyles, patchStylesXml, fontSlots, headingBold, headingFont, type StyleFlags } from './styles.ts';
import { fontTableXml } from './font-table.ts';

const HEADING_STYLE = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

interface RunStyle {
  font: string;
  size: number;
  bold?: boolean;
}

/** Text runs with every property spelled out on the run itself; '\n' becomes a line break. */
function textRuns(text: string, style: RunStyle): TextRun[] {
  const bold = style.bold === true ? true : undefined;
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        font: fontSlots(style.font),
        size: style.size,
        sizeComplexScript: style.size,
        bold,
        boldComplexScript: bold,
      }),
  );
}

function blankLine(fonts: FontMap): Paragraph {
  return new Paragraph({ spacing: EXACT_LINE, children: textRuns('', { font: fonts.body, size: SIZE.body }) });
}

function titleParagraphs(title: string, fonts: FontMap): Paragraph[] {
  const lines = title
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');
  return [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: EXACT_LINE,
      children: textRuns(lines, { font: fonts.title, size: SIZE.title }),
    }),
    blankLine(fonts),
  ];
}

function blockParagraph(block: DocBlock, fonts: FontMap, flags: StyleFlags): Paragraph {
  if (block.type === 'heading') {
    return new Paragraph({
      heading: HEADING_STYLE[block.level],
      alignment: AlignmentType.JUSTIFIED,
      spacing: EXACT_LINE,
      indent: FIRST_LINE,
      keepNext: true,
      children: textRuns(block.text, {
        font: headingFont(block.level, fonts),
        size: SIZE.body,
        bold: headingBold(block.level, flags),
      }),
    });
  }
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: EXACT_LINE,
    indent: FIRST_LINE,
    children: block.runs.flatMap((run: DocRun) => textRuns(run.text, { font: fonts.body, size: SIZE.body, bold: run.bold })),
  });
}

/** 落款: one blank line, issuer and date right-aligned per GB/T 9704-2012 7.3.5.2. */
function signatureParagraphs(signature: { issuer: string; date: string }, fonts: FontMap): Paragraph[] {
  const indents = signatureIndents(signature.issuer, signature.date);
  const line = (text: string, rightChars: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: EXACT_LINE,
      indent: { right: charsToTwips(rightChars) },
      keepNext: true,
      // no extra space between digits and Chinese, so the widths used above hold in Word
      autoSpaceEastAsianText: false,
      children: textRuns(text, { font: fonts.body, size: SIZE.body }),
    });
  return [blankLine(fonts), line(signature.issuer, indents.issuer), line(signature.date, indents.date)];
}

/** "— 1 —" in 宋体 四号 with a PAGE field; odd pages right, even pages left, inset one character. */
function pageNumberFooter(side: 'odd' | 'even', fonts: FontMap): Footer {
  const run = {
    font: fontSlots(fonts.pageNumber),
    size: SIZE.pageNumber,
    sizeComplexScript: SIZE.pageNumber,
  };
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
        children: [new TextRun({ ...run, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

export function resolveFonts(opts: DocxOptions | undefined): FontMap {
  const given = opts?.fonts ?? {};
  const fonts: FontMap = { ...DEFAULT_FONTS };
  for (const key of Object.keys(fonts) as (keyof FontMap)[]) {
    const name = given[key]?.trim();
    if (name) fonts[key] = name;
  }
  return fonts;
}

/** Builds the docx package's Document; exposed for callers who want to add to it. */
export function buildDocument(doc: OfficialDoc, opts?: DocxOptions): Document {
  const fonts = resolveFonts(opts);
  const flags: StyleFlags = { boldLevel2: opts?.boldLevel2 === true, boldLevel3: opts?.boldLevel3 === true };
  const children: Paragraph[] = [
    ...titleParagraphs(doc.title, fonts),
    ...doc.blocks.map((b) => blockParagraph(b, fonts, flags)),
    ...(doc.signature ? signatureParagraphs(doc.signature, fonts) : []),
  ];
  return new Document({
    title: doc.title.replace(/\n/g, ''),
    evenAndOddHeaderAndFooters: true,
    styles: buildStyles(fonts, flags),
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGIN, gutter: 0 } },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        footers: { default: pageNumberFooter('odd', fonts), even: pageNumberFooter('even', fonts) },
        children,
      },
    ],
  });
}

/** Renders an official document (GB/T 9704-2012 layout) to a .docx buffer. */
export async function renderDocx(doc: OfficialDoc, opts?: DocxOptions): Promise<Buffer> {
  const fonts = resolveFonts(opts);
  const fontTable = { path: 'word/fontTable.xml', data: fontTableXml(Object.values(fonts)) };
  const packed = await Packer.toBuffer(buildDocument(doc, opts), false, [fontTable]);
  const zip = await JSZip.loadAsync(packed);
  const styles = zip.file('word/styles.xml');
  if (!styles) throw new Error('word/styles.xml missing');
  zip.file('word/styles.xml', patchStylesXml(await styles.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
