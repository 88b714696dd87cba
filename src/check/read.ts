/**
 * Turns an uploaded report into the text the checker reads: .docx (the paragraphs
 * of word/document.xml in reading order, one line each, text boxes once, a table row a line,
 * footnotes after their line: src/shared/docx-text.ts), .txt and .md (UTF-8 with
 * or without BOM, UTF-16 with a BOM or an evident byte pattern, GBK/GB18030 when
 * this Node has the decoder). Anything else gets a clear Chinese error.
 */
import path from 'node:path';
import JSZip from 'jszip';
import { documentLines } from '../shared/docx-text.ts';

export class ReportReadError extends Error {}

export { paragraphsOfDocumentXml } from '../shared/docx-text.ts';

async function readDocx(buffer: Buffer, name: string): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new ReportReadError(`无法打开“${name}”：不是有效的 Word（.docx）文件`);
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new ReportReadError(`无法读取“${name}”：文件中没有 word/document.xml，不是有效的 .docx 文档`);
  const part = (p: string) => zip.file(p)?.async('string');
  const [xml, footnotes, endnotes] = await Promise.all([doc.async('string'), part('word/footnotes.xml'), part('word/endnotes.xml')]);
  return documentLines(xml, footnotes, endnotes).join('\n');
}

/** Share of characters that ordinary Chinese or English text is made of. */
function plausibility(text: string): number {
  if (!text) return 0;
  let ok = 0;
  for (const ch of text) if (/[\u0020-\u007e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\n\r\t\u2010-\u201f]/.test(ch)) ok++;
  return ok / Array.from(text).length;
}

/** UTF-16 without a BOM: decode both ways and keep the one that reads as text. */
function utf16Guess(b: Buffer): string | undefined {
  if (b.length < 2 || b.length % 2 !== 0) return undefined;
  const sample = b.subarray(0, Math.min(b.length, 4000) & ~1);
  const best = (['utf-16le', 'utf-16be'] as const)
    .map((enc) => ({ enc, score: plausibility(new TextDecoder(enc).decode(sample)) }))
    .sort((x, y) => y.score - x.score)[0];
  return best.score >= 0.9 ? new TextDecoder(best.enc).decode(b) : undefined;
}

/** Decodes a text file; throws ReportReadError with a Chinese message when it cannot. */
export function decodeText(b: Buffer, name: string): string {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b.includes(0)) {
    const u16 = utf16Guess(b);
    if (u16 !== undefined) return u16;
    throw new ReportReadError(`“${name}”不是文本文件（含二进制内容），请上传 .docx、.txt 或 .md`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // not UTF-8: most likely GBK/GB18030 saved by Notepad or WPS
  }
  let gbk: string | undefined;
  try {
    gbk = new TextDecoder('gb18030', { fatal: true }).decode(b);
  } catch {
    gbk = undefined; // this Node has no GB18030 decoder, or the bytes are not GBK
  }
  if (gbk !== undefined && plausibility(gbk) >= 0.8) return gbk;
  throw new ReportReadError(`“${name}”不是 UTF-8 编码，也无法按 GBK 解码；请用记事本“另存为”UTF-8 编码后再核查`);
}

/** Markdown to plain lines, keeping one output line per input line (line numbers stay). */
export function markdownToText(md: string): string {
  return md
    .split(/\r\n?|\n/)
    .map((l) =>
      l
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s{0,3}[-*+]\s+(?=\S)/, '')
        .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a?: string, b?: string) => a ?? b ?? '')
        .replace(/<!--.*?-->/g, ''),
    )
    .join('\n');
}

/** Reads a report file (by its name's extension) into the text the checker reads. */
export async function readReport(buffer: Buffer, fileName: string): Promise<string> {
  const ext = path.extname(fileName).toLowerCase();
  const name = path.basename(fileName);
  if (ext === '.docx') return readDocx(buffer, name);
  if (ext === '.txt' || ext === '' || ext === '.text') return decodeText(buffer, name);
  if (ext === '.md' || ext === '.markdown') return markdownToText(decodeText(buffer, name));
  if (ext === '.doc' || ext === '.wps') throw new ReportReadError(`不支持旧版 Word/WPS 格式（${ext}）：请另存为 .docx 后再核查`);
  throw new ReportReadError(`不支持的文件类型“${ext}”：请上传 .docx、.txt 或 .md 文件`);
}
