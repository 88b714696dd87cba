/**
 * Converts a .docx to PDF the way the server does (LibreOffice, the font fallbacks of
 * src/report/render/pdf-fonts.ts): npx tsx scripts/docx-to-pdf.ts IN.docx OUT.pdf
 */
import { readFile, writeFile } from 'node:fs/promises';
import { docxToPdf } from '../src/report/render/pdf.ts';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: npx tsx scripts/docx-to-pdf.ts IN.docx OUT.pdf');
  process.exit(2);
}
await writeFile(output, await docxToPdf(await readFile(input)));
console.log(output);
