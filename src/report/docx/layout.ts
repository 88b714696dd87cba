/**
 * GB/T 9704-2012 page geometry and type sizes in OOXML units.
 * Twips are 1/20 pt; w:sz is in half-points.
 */

/** A4 portrait. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 订口 28 mm, type area 156 x 225 mm. */
export const MARGIN = {
  top: 2098,
  left: 1587,
  right: 1474,
  bottom: 1984,
  header: 851,
  /**
   * Bottom of the footer paragraph 25 mm above the paper edge: with the 18 pt exact footer line
   * the page number's dashes sit about 7 mm below the type area (35 mm) as the standard asks.
   */
  footer: 1418,
} as const;

/** Type-area width in twips (8845). */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** 22 lines a page: 225 mm / 22 = 28.95 pt. */
export const LINE_PITCH = 579;

/** 28 characters a line. */
export const CHARS_PER_LINE = 28;

/**
 * Character spacing of every run, in twentieths of a point: 28 三号 characters (448 pt) do not
 * fit the 156 mm line (442.2 pt); condensed by 0.25 pt each they take 28 × 15.75 = 441 pt.
 * Used with a line-only grid instead of Word's `linesAndChars` grid (charSpace −842), which
 * LibreOffice lays out as two cells a character (14 a line); see docs/docx.md.
 */
export const CHAR_SPACING = -5;

/** One character of the 28-a-line measure in twips (≈ 316, a 三号 character condensed to fit). */
export const GRID_CHAR = TEXT_WIDTH / CHARS_PER_LINE;

/** Half-point sizes: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28 } as const;

/** First-line indent of body and headings: 2 characters (twips for editors without *Chars support). */
export const FIRST_LINE_INDENT = 640;
export const FIRST_LINE_CHARS = 200;

/** Footer line: exact 18 pt so the 四号 number is not clipped and does not snap to the 579 grid. */
export const FOOTER_LINE = 360;
/** Page numbers are inset one 四号 character from the margin. */
export const PAGE_NUMBER_INSET = 280;

/** Width of a string in characters: half-width (ASCII, half-width forms) counts 0.5. */
export function widthInChars(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const half = cp < 0x2000 || (cp >= 0xff61 && cp <= 0xffdc);
    width += half ? 0.5 : 1;
  }
  return width;
}

export interface SignatureIndents {
  /** right indent of the issuer line in characters */
  issuer: number;
  /** right indent of the date line in characters */
  date: number;
}

/**
 * GB/T 9704-2012 7.3.5.2 (unsealed document): the issuer 右空二字; the date on the next line
 * starts two characters right of the issuer's first character; if that would make the date
 * reach further right than 右空二字, the date is set 右空二字 and the issuer moves left.
 */
export function signatureIndents(issuer: string, date: string): SignatureIndents {
  const issuerWidth = widthInChars(issuer);
  const dateWidth = widthInChars(date);
  const dateRight = 2 + issuerWidth - 2 - dateWidth;
  if (dateRight >= 2) return { issuer: 2, date: dateRight };
  return { issuer: 2 + dateWidth + 2 - issuerWidth, date: 2 };
}

/** Characters to twips on the 28-a-line measure. */
export function charsToTwips(chars: number): number {
  return Math.round(chars * GRID_CHAR);
}
