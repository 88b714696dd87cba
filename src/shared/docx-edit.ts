/**
 * The paragraphs of a .docx body with where each piece of text sits in word/document.xml,
 * and mechanical fixes applied in place: the text of the <w:t> nodes changes, the runs and
 * their formatting stay. No Node imports: the web page uses it with jszip in the browser.
 *
 * The checker's line is found by its text: the paragraph with exactly that text (the k-th
 * such paragraph for the k-th such line). A line that is no single paragraph — a table row
 * (cells joined by tabs) or a footnote — is refused with a message to edit it in Word.
 *
 * A fix inside one run replaces text in that run; a fix spanning runs puts the new text in
 * the first run and removes the covered text from the others (the first run's formatting
 * wins, as when one types over a selection in Word). A fix touching a tab is refused.
 */
import { decodeXml, documentLines } from './docx-text.ts';

const encodeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface Piece {
  text: string;
  /** Offsets in the XML of the <w:t> open tag and of its content; absent for a tab or hyphen. */
  tag?: { start: number; end: number };
  content?: { start: number; end: number };
}

export interface DocxParagraph {
  text: string;
  pieces: Piece[];
}

/** Paragraphs of a WordprocessingML body in document order (text boxes included), as the checker reads them. */
export function docxParagraphs(xml: string): DocxParagraph[] {
  const bodyAt = xml.search(/<w:body\b/);
  const from = bodyAt < 0 ? 0 : bodyAt;
  const out: DocxParagraph[] = [];
  const stack: Piece[][] = [];
  const re = /<(\/?)(?:w:(p|t|tab|br|cr|noBreakHyphen|softHyphen)|(mc:Fallback))\b([^>]*?)(\/?)>/g;
  re.lastIndex = from;
  const close = (pieces: Piece[]): void => {
    out.push({ text: pieces.map((p) => p.text).join(''), pieces });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const [, closing, wTag, fallback, , selfClose] = m;
    const tag = wTag ?? '';
    if (fallback) {
      // A text box is stored twice (DrawingML and VML); the reader reads the first only.
      if (closing || selfClose) continue;
      const end = xml.indexOf('</mc:Fallback>', re.lastIndex);
      re.lastIndex = end < 0 ? xml.length : end + '</mc:Fallback>'.length;
      continue;
    }
    if (tag === 'p') {
      if (closing) close(stack.pop() ?? []);
      else if (selfClose) close([]);
      else stack.push([]);
      continue;
    }
    if (!stack.length) continue;
    const top = stack[stack.length - 1];
    if (tag === 't' && !closing && !selfClose) {
      const end = xml.indexOf('</w:t>', re.lastIndex);
      if (end < 0) break;
      top.push({ text: decodeXml(xml.slice(re.lastIndex, end)), tag: { start: m.index, end: re.lastIndex }, content: { start: re.lastIndex, end } });
      re.lastIndex = end + 6;
    } else if (tag === 'tab') top.push({ text: '\t' });
    else if (tag === 'noBreakHyphen') top.push({ text: '-' });
  }
  return out;
}

export class DocxFixError extends Error {}

export interface TextFix {
  index: number;
  length: number;
  text: string;
}

/** The footnotes and endnotes parts, which the checker reads as lines too. */
export interface NoteParts {
  footnotes?: string;
  endnotes?: string;
}

/** Applies one fix to line `line` (1-based, as the checker numbers the lines of the .docx) of word/document.xml. */
export function applyFixToDocumentXml(xml: string, line: number, fix: TextFix, notes: NoteParts = {}): string {
  const lines = documentLines(xml, notes.footnotes, notes.endnotes);
  const target = lines[line - 1];
  if (target === undefined) throw new DocxFixError(`第${line}段不存在`);
  const k = lines.slice(0, line - 1).filter((l) => l === target).length;
  const para = docxParagraphs(xml).filter((p) => p.text === target)[k];
  if (!para) throw new DocxFixError(`第${line}行位于表格或脚注中，请在 Word 中手工修改`);
  const a = fix.index;
  const b = fix.index + fix.length;
  if (a < 0 || b > para.text.length) throw new DocxFixError(`第${line}段的修改位置超出段落`);
  const edits: Array<{ piece: Piece; text: string }> = [];
  let pos = 0;
  let placed = false;
  for (const piece of para.pieces) {
    const start = pos;
    const end = pos + piece.text.length;
    pos = end;
    // The piece holding the start of the fix (an insertion at a run boundary goes into the earlier run).
    const holdsStart: boolean = !placed && a >= start && (a < end || (a === end && fix.length === 0) || (a === end && end === para.text.length));
    const covered = b > start && a < end;
    if (!holdsStart && !covered) continue;
    if (!piece.content) throw new DocxFixError(`第${line}段的修改涉及制表符，请在 Word 中手工修改`);
    const tail = b < end ? piece.text.slice(b - start) : '';
    edits.push({ piece, text: holdsStart ? piece.text.slice(0, a - start) + fix.text + tail : tail });
    placed ||= holdsStart;
  }
  if (!placed) throw new DocxFixError(`第${line}段找不到修改位置`);
  let out = xml;
  for (const { piece, text } of edits.sort((x, y) => y.piece.content!.start - x.piece.content!.start)) {
    const { end } = piece.content!;
    let tag = out.slice(piece.tag!.start, piece.tag!.end);
    if (/^\s|\s$/.test(text) && !/xml:space=/.test(tag)) tag = tag.replace(/^<w:t\b/, '<w:t xml:space="preserve"');
    out = out.slice(0, piece.tag!.start) + tag + encodeXml(text) + out.slice(end);
  }
  return out;
}
