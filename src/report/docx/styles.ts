import { LineRuleType, type IStylesOptions, type IBaseParagraphStyleOptions } from 'docx';
import type { FontMap } from './model.ts';
import { CHAR_SPACING, FIRST_LINE_CHARS, FIRST_LINE_INDENT, FOOTER_LINE, LINE_PITCH, SIZE } from './layout.ts';

/** All four font slots, so Chinese text never falls back to a theme font in Word, WPS or LibreOffice. */
export function fontSlots(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' } as const;
}

/** Exact 28.95 pt lines ('exact', not 'exactly', which Word 2019 renders wrongly). */
export const EXACT_LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

export const FIRST_LINE = { firstLine: FIRST_LINE_INDENT, firstLineChars: FIRST_LINE_CHARS } as const;

/** Font name of each heading level. */
export function headingFont(level: 1 | 2 | 3 | 4, fonts: FontMap): string {
  if (level === 1) return fonts.heading1;
  if (level === 2) return fonts.heading2;
  return fonts.body;
}

export interface StyleFlags {
  boldLevel2: boolean;
  boldLevel3: boolean;
}

export function headingBold(level: 1 | 2 | 3 | 4, flags: StyleFlags): boolean {
  if (level === 2) return flags.boldLevel2;
  if (level >= 3) return flags.boldLevel3;
  return false;
}

function headingStyle(level: 1 | 2 | 3 | 4, fonts: FontMap, flags: StyleFlags): IBaseParagraphStyleOptions {
  const bold = headingBold(level, flags);
  return {
    name: `Heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    paragraph: { spacing: EXACT_LINE, indent: FIRST_LINE, keepNext: true, outlineLevel: level - 1 },
    run: {
      font: fontSlots(headingFont(level, fonts)),
      size: SIZE.body,
      sizeComplexScript: SIZE.body,
      bold,
      boldComplexScript: bold,
      italics: false,
      color: '000000',
    },
  };
}

/**
 * Document defaults and the Normal style carry the body font and size, the defaults also the
 * 0.25 pt condensing that fits 28 characters a line; Title and Heading 1-4 replace the docx package's
 * coloured defaults and keep outline levels for the navigation pane.
 */
export function buildStyles(fonts: FontMap, flags: StyleFlags): IStylesOptions {
  const bodyRun = { font: fontSlots(fonts.body), size: SIZE.body, sizeComplexScript: SIZE.body };
  return {
    default: {
      // every run inherits the 0.25 pt condensing from the document defaults
      document: { run: { ...bodyRun, characterSpacing: CHAR_SPACING }, paragraph: { spacing: EXACT_LINE } },
      title: {
        name: 'Title',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        paragraph: { spacing: EXACT_LINE, alignment: 'center', keepNext: true },
        run: {
          font: fontSlots(fonts.title),
          size: SIZE.title,
          sizeComplexScript: SIZE.title,
          bold: false,
          color: '000000',
        },
      },
      heading1: headingStyle(1, fonts, flags),
      heading2: headingStyle(2, fonts, flags),
      heading3: headingStyle(3, fonts, flags),
      heading4: headingStyle(4, fonts, flags),
    },
    paragraphStyles: [
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        paragraph: { spacing: EXACT_LINE, alignment: 'both' },
        run: bodyRun,
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        paragraph: { spacing: { line: FOOTER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        run: {
          font: fontSlots(fonts.pageNumber),
          size: SIZE.pageNumber,
          sizeComplexScript: SIZE.pageNumber,
        },
      },
    ],
  };
}

/**
 * What the docx package cannot write, added to word/styles.xml (element order per CT_PPrBase):
 * - document defaults: widow/orphan control off, so every full page holds 22 lines (LibreOffice
 *   otherwise moves a paragraph's first or last line and leaves 21); `overflowPunct` on, which
 *   is Word's and WPS's own default (punctuation may hang past the margin) and which
 *   LibreOffice 7.4 reads inverted: without it LibreOffice hangs the punctuation and drops it
 *   from the PDF, with it LibreOffice keeps punctuation inside the line;
 * - Title: not snapped to the line grid, so a 二号 line is one 28.95 pt line in LibreOffice too
 *   (it gives a line taller than the pitch two grid lines; Word and WPS keep exact spacing).
 * See docs/docx.md.
 */
export function patchStylesXml(xml: string): string {
  const defaults = '<w:pPrDefault><w:pPr>';
  const title = /(<w:style w:type="paragraph" w:styleId="Title">(?:(?!<\/w:style>).)*?<w:pPr>(?:(?!<\/w:pPr>).)*?)(<w:spacing )/;
  if (!xml.includes(defaults) || !title.test(xml)) throw new Error('styles.xml: document defaults or Title style not found');
  return xml.replace(defaults, `${defaults}<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>`).replace(title, '$1<w:snapToGrid w:val="0"/>$2');
}
