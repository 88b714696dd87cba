/**
 * Preview-only copy of a .docx for LibreOffice, which cannot lay out Word's character grid.
 *
 * Word's `linesAndChars` grid with charSpace −842 adds −0.21 pt to every character's pitch, so
 * 28 三号 characters fit a 156 mm line. LibreOffice 7.4 maps it to its own "lines and characters"
 * grid and gives every 16 pt character two 15.75 pt cells: 14 characters a line, twice the pages.
 * The copy drops the grid and adds the same pitch change as run character spacing (rounded down
 * to −0.25 pt, since LibreOffice's twip rounding would otherwise leave 27 a line); exact 28.95 pt
 * line spacing already gives 22 lines a page. The delivered .docx is never changed.
 *
 * CLI: npx tsx src/report/docx/preview.ts IN.docx OUT.docx
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';

/** Run character spacing in twentieths of a point equivalent to a grid charSpace (floor). */
export function gridCharSpaceToRunSpacing(charSpace: number): number {
  return Math.floor((charSpace / 4096) * 20);
}

/** Rewrites word/document.xml of a .docx as described above; returns the new package. */
export async function libreOfficePreviewCopy(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('word/document.xml missing');
  let xml = await file.async('string');
  const grid = /<w:docGrid\b[^>]*\bw:type="linesAndChars"[^>]*\/>/.exec(xml);
  if (grid) {
    const charSpace = Number(/w:charSpace="(-?\d+)"/.exec(grid[0])?.[1] ?? '0');
    const spacing = gridCharSpaceToRunSpacing(charSpace);
    xml = xml.replace(grid[0], '');
    if (spacing !== 0) {
      // w:spacing precedes w:sz in CT_RPr; runs written by renderDocx always carry w:sz.
      xml = xml.replace(/<w:rPr>((?:(?!<\/w:rPr>).)*?)<w:sz /g, (match, before: string) =>
        before.includes('<w:spacing ') ? match : `<w:rPr>${before}<w:spacing w:val="${spacing}"/><w:sz `,
      );
    }
  }
  // LibreOffice 7.4 drops a punctuation mark hung past the right margin from the PDF, so the
  // preview keeps punctuation inside the line (Word hangs it; the words are the same). Its DOCX
  // import reads w:overflowPunct inverted: 1 turns hanging off. Element order does not matter to it.
  xml = xml.replace(/<w:pPr>/g, '<w:pPr><w:overflowPunct w:val="1"/>');
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(argv: string[]): Promise<void> {
  const [input, output] = argv;
  if (!input || !output) {
    console.error('usage: npx tsx src/report/docx/preview.ts IN.docx OUT.docx');
    process.exitCode = 2;
    return;
  }
  await writeFile(output, await libreOfficePreviewCopy(await readFile(input)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
