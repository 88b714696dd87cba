/**
 * Writes the sample report as .docx: npx tsx scripts/sample-docx.ts [OUT.docx] [sections]
 * Then preview it: scripts/preview-docx.sh OUT.docx OUTDIR
 */
import { writeFile } from 'node:fs/promises';
import { renderDocx } from '../src/report/docx/render.ts';
import { sampleReport } from '../src/report/docx/fixture.ts';

const out = process.argv[2] ?? '/tmp/luoshi-sample.docx';
const sections = Number(process.argv[3] ?? '3');
const buffer = await renderDocx(sampleReport(sections), {
  boldLevel2: process.env.BOLD_LEVEL2 === '1',
  boldLevel3: process.env.BOLD_LEVEL3 === '1',
});
await writeFile(out, buffer);
console.log(`${out}: ${buffer.length} bytes`);
