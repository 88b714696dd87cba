/**
 * The text of a WordprocessingML document in reading order, one line per paragraph:
 * - a text box is read once: Word and WPS store it twice, as DrawingML in `mc:Choice` and as
 *   VML in `mc:Fallback`; only the Choice is read. Its paragraphs come before the line of the
 *   paragraph it is anchored in;
 * - a table row is one line, its cells separated by a tab (a cell's paragraphs joined by a
 *   space), as a person reads a row; nested tables likewise inside their cell;
 * - a footnote is read right after the line that refers to it, an endnote after the body.
 * Damaged XML is read as far as it goes, never thrown on. See docs/docx.md ("Reading a .docx").
 */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    // An out-of-range reference (a damaged or hostile file) becomes U+FFFD, not a RangeError.
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/** Note texts by id, for footnote and endnote references. */
export type Notes = ReadonlyMap<string, readonly string[]>;

interface Cell {
  paras: string[];
}
interface Row {
  cells: string[];
}

const TAG = /<(\/?)(w:p|w:t|w:tab|w:br|w:cr|w:noBreakHyphen|w:tbl|w:tr|w:tc|w:footnoteReference|w:endnoteReference|mc:Fallback)\b([^>]*?)(\/?)>/g;

/** Paragraph lines of a document body (or any part holding paragraphs), as described above. */
export function paragraphsOfDocumentXml(xml: string, notes: { footnotes?: Notes; endnotes?: Notes } = {}): string[] {
  const out: string[] = [];
  const paras: string[] = [];
  const rows: Row[] = [];
  const cells: Cell[] = [];
  const pending: string[] = []; // note lines waiting for the end of the current top-level line
  /** Where a finished paragraph or row goes: the innermost open cell, else the output. */
  const emit = (line: string) => {
    const cell = cells[cells.length - 1];
    if (cell && rows.length) {
      cell.paras.push(line);
      return;
    }
    out.push(line);
    if (!paras.length) out.push(...pending.splice(0));
  };
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(xml))) {
    const [, close, tag, attrs, selfClose] = m;
    if (tag === 'mc:Fallback') {
      if (close || selfClose) continue;
      // skip to the matching end, counting nested Fallbacks
      let depth = 1;
      const re = /<(\/?)mc:Fallback\b[^>]*?(\/?)>/g;
      re.lastIndex = TAG.lastIndex;
      let f: RegExpExecArray | null;
      while (depth > 0 && (f = re.exec(xml))) if (!f[2]) depth += f[1] ? -1 : 1;
      TAG.lastIndex = depth > 0 ? xml.length : re.lastIndex;
      continue;
    }
    if (tag === 'w:p') {
      if (selfClose) emit('');
      else if (!close) paras.push('');
      else if (paras.length) emit(paras.pop() ?? '');
      continue;
    }
    if (tag === 'w:tbl') continue;
    if (tag === 'w:tr') {
      if (selfClose) continue;
      if (!close) rows.push({ cells: [] });
      else {
        const row = rows.pop();
        if (row) emit(row.cells.join('\t'));
      }
      continue;
    }
    if (tag === 'w:tc') {
      if (selfClose) {
        rows[rows.length - 1]?.cells.push('');
        continue;
      }
      if (!close) cells.push({ paras: [] });
      else {
        const cell = cells.pop();
        if (cell) rows[rows.length - 1]?.cells.push(cell.paras.filter((p) => p).join(' '));
      }
      continue;
    }
    if (tag === 'w:footnoteReference' || tag === 'w:endnoteReference') {
      const id = /\bw:id="([^"]*)"/.exec(attrs)?.[1];
      const note = id === undefined ? undefined : (tag === 'w:footnoteReference' ? notes.footnotes : notes.endnotes)?.get(id);
      if (note && tag === 'w:footnoteReference') pending.push(...note);
      continue;
    }
    if (!paras.length || close) continue;
    const top = paras.length - 1;
    if (tag === 'w:t' && !selfClose) {
      const end = xml.indexOf('</w:t>', TAG.lastIndex);
      if (end < 0) break;
      paras[top] += decodeXml(xml.slice(TAG.lastIndex, end));
      TAG.lastIndex = end + 6;
    } else if (tag === 'w:tab') paras[top] += '\t';
    else if (tag === 'w:noBreakHyphen') paras[top] += '-';
    // w:br / w:cr: a line break inside a Chinese title or paragraph adds nothing
  }
  out.push(...pending);
  return out;
}

/** Notes of word/footnotes.xml or word/endnotes.xml by id, without the separator notes. */
export function notesOfXml(xml: string, kind: 'footnote' | 'endnote'): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  const re = new RegExp(`<w:${kind}\\b([^>]*)>([\\s\\S]*?)</w:${kind}>`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (/\bw:type="(?:separator|continuationSeparator|continuationNotice)"/.test(m[1])) continue;
    const id = /\bw:id="([^"]*)"/.exec(m[1])?.[1];
    if (id === undefined) continue;
    const lines = paragraphsOfDocumentXml(m[2])
      .map((l) => l.trim())
      .filter((l) => l);
    if (lines.length) notes.set(id, lines);
  }
  return notes;
}

/** The lines of a document: body with footnotes after their lines, then the endnotes in order. */
export function documentLines(documentXml: string, footnotesXml?: string, endnotesXml?: string): string[] {
  const body = /<w:body\b[\s\S]*<\/w:body>/.exec(documentXml)?.[0] ?? documentXml;
  const footnotes = footnotesXml ? notesOfXml(footnotesXml, 'footnote') : undefined;
  const endnotes = endnotesXml ? notesOfXml(endnotesXml, 'endnote') : undefined;
  const lines = paragraphsOfDocumentXml(body, { footnotes, endnotes });
  if (endnotes) {
    // in the order the body refers to them
    const seen = new Set<string>();
    for (const m of body.matchAll(/<w:endnoteReference\b[^>]*\bw:id="([^"]*)"/g)) {
      const note = endnotes.get(m[1]);
      if (note && !seen.has(m[1])) {
        seen.add(m[1]);
        lines.push(...note);
      }
    }
  }
  return lines;
}
