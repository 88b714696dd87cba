/**
 * The document model the rules work on: lines (paragraphs) with their heading
 * level, plus small text helpers shared by rules (numerals, sentences, excerpts).
 */
import type { DocLine, HeadingLevel } from './types.ts';
import { CN_DIGIT_CHARS, parseCnNumber } from '../shared/cn-number.ts';

// Chinese numerals live in one module; re-exported for the rules that read them from here.
export { parseCnNumber, toCnNumber } from '../shared/cn-number.ts';

/** Full-width digits to ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** One character of a small Chinese numeral (一…九十九) in a marker pattern. */
export const CN_NUM = `[${CN_DIGIT_CHARS}十]`;

const HEADING_PATTERNS: Array<{ level: HeadingLevel; re: RegExp; cn: boolean }> = [
  { level: 1, re: new RegExp(`^(${CN_NUM}{1,3})[、，,](?!${CN_NUM}+(?:月|季|年|级|类|号|个|批|期|项|是))`), cn: true },
  { level: 2, re: new RegExp(`^[（(](${CN_NUM}{1,3})[）)]`), cn: true },
  { level: 3, re: /^([0-9０-９]{1,2})(?:[.．、]|\s)(?![0-9０-９])/, cn: false },
  { level: 4, re: /^[（(]([0-9０-９]{1,2})[）)]/, cn: false },
];

export function headingOf(text: string): DocLine['heading'] {
  for (const p of HEADING_PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const n = p.cn ? parseCnNumber(m[1]) : Number(asciiDigits(m[1]));
    if (!Number.isFinite(n) || n <= 0) continue;
    return { level: p.level, n, marker: m[0] };
  }
  return undefined;
}

function looksLikeTitle(text: string): boolean {
  return text.length > 0 && text.length <= 80 && !/[。；]$/.test(text) && !headingOf(text);
}

/** Splits a text into lines; the first non-blank line is the title when it looks like one. */
export function parseDocument(text: string): DocLine[] {
  const rawLines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let titleSeen = false;
  return rawLines.map((raw, i) => {
    const trimmedStart = raw.replace(/^[\s\u3000]+/, '');
    const indent = raw.length - trimmedStart.length;
    const t = trimmedStart.replace(/[\s\u3000]+$/, '');
    const line: DocLine = { no: i + 1, raw, text: t, indent, title: false };
    if (!t) return line;
    if (!titleSeen) {
      titleSeen = true;
      if (looksLikeTitle(t)) {
        line.title = true;
        return line;
      }
    }
    const h = headingOf(t);
    if (h) line.heading = h;
    return line;
  });
}

export interface Segment {
  text: string;
  /** Offset inside the raw line. */
  start: number;
}

/** Sentences of a line, split after 。；！？ (and ; ! ?), with their offsets in the raw line. */
export function sentences(line: DocLine): Segment[] {
  const out: Segment[] = [];
  const re = /[^。；！？;!?]+[。；！？;!?]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line.raw))) {
    if (m[0].trim()) out.push({ text: m[0], start: m.index });
  }
  return out;
}

/** About `radius` characters either side of [index, index+length) in a line, with ellipses. */
export function excerptOf(raw: string, index: number, length: number, radius = 12): string {
  const chars = Array.from(raw);
  // index/length are UTF-16 offsets; convert to code-point positions.
  const cpStart = Array.from(raw.slice(0, Math.max(0, index))).length;
  const cpLen = Math.max(1, Array.from(raw.slice(index, index + length)).length);
  const from = Math.max(0, cpStart - radius);
  const to = Math.min(chars.length, cpStart + cpLen + radius);
  const body = chars.slice(from, to).join('').trim();
  return `${from > 0 ? '…' : ''}${body}${to < chars.length ? '…' : ''}`;
}

/** 1-based column in code points for a UTF-16 offset. */
export function columnOf(raw: string, index: number): number {
  return Array.from(raw.slice(0, Math.max(0, index))).length + 1;
}
