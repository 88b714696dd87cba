/**
 * The delivered .docx as LibreOffice lays it out: the default 2023 Q4 report of 东湖镇 converted
 * to PDF by the production path (docxToPdf), read back with pdftotext. Asserts the GB/T 9704
 * grid (28 characters × 22 lines), the title on at most two lines, "— N —" at the outside
 * corner and a page count that matches the text. Needs libreoffice-writer-nogui, poppler-utils
 * and fonts-noto-cjk; in CI (CI=true) their absence fails the test, locally it skips with a note.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, findSoffice } from '../../src/report/render/pdf.ts';
import { renderReportDocx, toOfficialDoc } from '../../src/report/render/official.ts';
import { widthInChars } from '../../src/report/docx/layout.ts';
import { defaultDemoReport } from './helpers.ts';

const run = promisify(execFile);
const CHARS = 28;
const LINES = 22;

async function hasPoppler(): Promise<boolean> {
  try {
    await run('pdftotext', ['-v']);
    return true;
  } catch {
    return false;
  }
}

const soffice = findSoffice();
const poppler = await hasPoppler();
const available = soffice !== null && poppler;
const inCi = Boolean(process.env.CI);
if (!available && !inCi) {
  console.warn('docx-libreoffice.test.ts skipped: install libreoffice-writer-nogui and poppler-utils (apt-get) to run it');
}

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Pages and words with their boxes (points) from `pdftotext -bbox`. */
function parseBbox(html: string): Page[] {
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      text: w[4],
    })),
  }));
}

/**
 * A body line's width in characters: full-width 1, half-width 0.5, plus the quarter character
 * that Word, WPS and LibreOffice alike put between Chinese and digits or Latin letters (the space
 * pdftotext prints there).
 */
function lineWidth(line: string): number {
  const text = line.trim();
  const boundaries = (text.match(/[^\x00-\x7f] [\x21-\x7e]|[\x21-\x7e] [^\x00-\x7f]/g) ?? []).length;
  return widthInChars(text.replace(/\s+/g, '')) + boundaries * 0.25;
}
/**
 * Width of what cannot be split at the start of a line (禁则): opening punctuation with the next
 * character, a run of digits or Latin letters, a character with the closing punctuation after it.
 */
function firstPieceWidth(line: string): number {
  const m = /^[（《“‘「『〔【]*(?:[\x21-\x7e]+|\S)[，。、；：？！”’）》」』%％]*/.exec(line.trim());
  const piece = m ? m[0] : '';
  return widthInChars(piece) + (/[\x21-\x7e]/.test(piece) ? 0.25 : 0);
}
const isPageNumber = (line: string) => /^\s*—\s*\d+\s*—\s*$/.test(line);

describe.runIf(available || inCi)('the default report in LibreOffice', () => {
  const model = defaultDemoReport();
  let layoutPages: string[][] = [];
  let boxes: Page[] = [];

  beforeAll(async () => {
    expect(soffice, 'LibreOffice (soffice) not found: apt-get install libreoffice-writer-nogui').not.toBeNull();
    expect(poppler, 'pdftotext not found: apt-get install poppler-utils').toBe(true);
    const pdf = await docxToPdf(await renderReportDocx(model));
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/luoshi-docx-test-');
    try {
      const file = `${dir}/report.pdf`;
      await writeFile(file, pdf);
      const layout = (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 1 << 24 })).stdout;
      layoutPages = layout
        .split('\f')
        .filter((p) => p.trim())
        .map((p) => p.split('\n').filter((l) => l.trim()));
      boxes = parseBbox((await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 1 << 24 })).stdout);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('sets the title on at most two lines, centred', () => {
    const title = model.title.replace(/\s/g, '');
    const first = layoutPages[0];
    const used = [1, 2].find((k) => first.slice(0, k).join('').replace(/\s/g, '') === title);
    expect(used, `title lines: ${first.slice(0, 3).join(' | ')}`).toBeDefined();
  });

  it('holds 28 characters on every line that does not end a paragraph', () => {
    // the text flow without titles and page numbers; a paragraph starts indented
    const titleLines = toOfficialDoc(model).title.split('\n').length;
    const flow = layoutPages.flatMap((lines, i) => (i === 0 ? lines.slice(titleLines) : lines).filter((l) => !isPageNumber(l)));
    let checked = 0;
    const wrong: string[] = [];
    for (let i = 0; i + 1 < flow.length; i++) {
      const next = flow[i + 1];
      if (!/^\S/.test(next)) continue;
      checked++;
      // a paragraph's first line starts after the 2-character indent
      const w = lineWidth(flow[i]) + (/^\s/.test(flow[i]) ? 2 : 0);
      // a shorter line is right when the next line's first unbreakable piece did not fit
      const short = w < CHARS - 1 && w + firstPieceWidth(next) > CHARS && w >= CHARS - 3;
      if (w > CHARS + 1 || (w < CHARS - 1 && !short)) wrong.push(`${w} “${flow[i].trim()}” / “${next.slice(0, 4)}”`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('fills every page that a paragraph runs over with 22 lines', () => {
    let full = 0;
    layoutPages.forEach((lines, i) => {
      const next = layoutPages[i + 1];
      if (!next || !/^\S/.test(next[0])) return; // the next page starts a paragraph: this page may end short
      full++;
      // the title page: the title's lines plus the blank line under it are lines of the grid too
      const rows = lines.filter((l) => !isPageNumber(l)).length + (i === 0 ? 1 : 0);
      expect(rows, `page ${i + 1}`).toBe(LINES);
    });
    expect(full).toBeGreaterThan(layoutPages.length / 3);
  });

  it('numbers every page "— N —" at the outside corner: odd right, even left', () => {
    expect(boxes.length).toBe(layoutPages.length);
    boxes.forEach((page, i) => {
      const n = i + 1;
      const footer = page.words.filter((w) => w.yMin > page.height * 0.88);
      expect(footer.map((w) => w.text).join(''), `page ${n}`).toBe(`—${n}—`);
      const left = Math.min(...footer.map((w) => w.xMin));
      const right = Math.max(...footer.map((w) => w.xMax));
      // type area: 28 mm (79.4 pt) from the left edge to 26 mm (73.7 pt) from the right edge;
      // the number is inset one 四号 character (14 pt)
      if (n % 2 === 1) {
        expect(right, `page ${n} right edge`).toBeGreaterThan(page.width - 73.7 - 14 - 8);
        expect(right).toBeLessThan(page.width - 73.7);
      } else {
        expect(left, `page ${n} left edge`).toBeLessThan(79.4 + 14 + 8);
        expect(left).toBeGreaterThan(79.4);
      }
    });
  });

  it('takes as many pages as the text needs at 28 × 22', () => {
    const doc = toOfficialDoc(model);
    // grid lines the text needs: every block from its 2-character indent to the end of its last line
    const blockLines = doc.blocks.reduce((sum, b) => {
      const text = b.type === 'heading' ? b.text : b.runs.map((r) => r.text).join('');
      return sum + Math.ceil((2 + widthInChars(text)) / CHARS);
    }, 0);
    const titleLines = doc.title.split('\n').length + 1;
    const signatureLines = doc.signature ? 3 : 0;
    const expected = Math.ceil((blockLines + titleLines + signatureLines) / LINES);
    expect(Math.abs(layoutPages.length - expected), `${layoutPages.length} pages, ${expected} expected`).toBeLessThanOrEqual(1);
    // and by the plain character count: ceil(characters / 616) plus the title, within one page
    const characters = doc.blocks.reduce((s, b) => s + widthInChars(b.type === 'heading' ? b.text : b.runs.map((r) => r.text).join('')), 0);
    const byCharacters = Math.ceil(characters / (CHARS * LINES));
    expect(layoutPages.length).toBeGreaterThanOrEqual(byCharacters);
    expect(layoutPages.length).toBeLessThanOrEqual(byCharacters + 2);
  });
});
