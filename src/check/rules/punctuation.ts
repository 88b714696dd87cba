/**
 * @fileoverview Punctuation against GB/T 15834-2011 《标点符号用法》 and the heading
 * markers of GB/T 9704-2012: a 顿号 between quoted or titled items (“两个确立”、“两个维护”,
 * 《条例》、《准则》 — the quotes and 书名号 already separate them), a doubled mark (，，
 * 。。 ，。), unbalanced pairs (“ ” 《 》 （ ） ‘ ’), and Arabic heading markers of one
 * level written both as "1." and "1、" (the minority form is reported).
 *
 * Options: none. Every finding but an unbalanced pair has a mechanical fix.
 */
import { defineCheckRule } from '../define.ts';
import type { DocLine } from '../types.ts';

const PAIRS: Record<string, string> = { '“': '”', '《': '》', '（': '）', '‘': '’' };
const CLOSERS: Record<string, string> = { '”': '“', '》': '《', '）': '（', '’': '‘' };
/** Same mark twice, or a pause mark next to a stop: keep the stronger one. */
const DOUBLED = /([，、；：。！？])([，、；：。！？])/g;
const STRENGTH = '、，；：？！。';
const MARKER = /^([0-9]{1,2})([.．、])(?![0-9])/;

function unbalanced(raw: string): Array<{ index: number; mark: string; missing: string }> {
  const stack: Array<{ index: number; mark: string }> = [];
  const out: Array<{ index: number; mark: string; missing: string }> = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch in PAIRS) stack.push({ index: i, mark: ch });
    else if (ch in CLOSERS) {
      const k = stack.map((s) => s.mark).lastIndexOf(CLOSERS[ch]);
      if (k < 0) out.push({ index: i, mark: ch, missing: CLOSERS[ch] });
      else stack.splice(k);
    }
  }
  for (const s of stack) out.push({ index: s.index, mark: s.mark, missing: PAIRS[s.mark] });
  return out.sort((a, b) => a.index - b.index);
}

/** A quotation running over paragraphs opens each paragraph with “ and closes only at the end. */
function continuesQuote(lines: readonly DocLine[], no: number): boolean {
  for (let i = no; i < lines.length; i++) if (lines[i].text) return lines[i].text.startsWith('“');
  return false;
}

export default defineCheckRule({
  meta: {
    id: 'punctuation',
    type: 'style',
    severity: 'warning',
    docs: {
      description: 'GB/T 15834-2011: no 顿号 between quoted or titled items, no doubled marks, balanced pairs, one form of Arabic heading markers.',
      recommended: true,
    },
    messages: {
      caesura: 'punctuation.caesura',
      doubled: 'punctuation.doubled',
      unbalanced: 'punctuation.unbalanced',
      unclosed: 'punctuation.unclosed',
      markerMix: 'punctuation.markerMix',
    },
    defaultOptions: {},
  },
  check(ctx) {
    const markers: Array<{ line: DocLine; index: number; mark: string; marker: string }> = [];
    for (const line of ctx.lines) {
      if (!line.text) continue;
      const raw = line.raw;
      for (const m of raw.matchAll(/([》”])、([《“])/g)) {
        const kind = m[1] === '》' ? '书名号' : '引号';
        ctx.report({
          line: line.no,
          index: m.index + 1,
          length: 1,
          messageId: 'caesura',
          data: { text: m[0], kind },
          fix: { index: m.index + 1, length: 1, text: '' },
        });
      }
      DOUBLED.lastIndex = 0;
      for (const m of raw.matchAll(DOUBLED)) {
        const keep = STRENGTH.indexOf(m[1]) >= STRENGTH.indexOf(m[2]) ? m[1] : m[2];
        ctx.report({
          line: line.no,
          index: m.index,
          length: 2,
          messageId: 'doubled',
          data: { text: m[0], keep },
          fix: { index: m.index, length: 2, text: keep },
        });
      }
      for (const u of unbalanced(raw)) {
        if (u.mark === '“' && continuesQuote(ctx.lines, line.no)) continue;
        const opening = u.mark in PAIRS;
        ctx.report({ line: line.no, index: u.index, length: 1, messageId: opening ? 'unclosed' : 'unbalanced', data: { mark: u.mark, missing: u.missing } });
      }
      if (line.heading?.level === 3) {
        const m = MARKER.exec(line.text);
        if (m) markers.push({ line, index: line.indent + m[1].length, mark: m[2] === '、' ? '、' : '.', marker: m[0] });
      }
    }
    const dots = markers.filter((m) => m.mark === '.').length;
    const commas = markers.length - dots;
    if (dots && commas) {
      const minority = commas <= dots ? '、' : '.';
      const majority = minority === '、' ? '.' : '、';
      for (const m of markers.filter((x) => x.mark === minority)) {
        ctx.report({
          line: m.line.no,
          index: m.index,
          length: 1,
          messageId: 'markerMix',
          data: { marker: m.marker, right: m.marker.slice(0, -1) + majority, dots, commas },
          fix: { index: m.index, length: 1, text: majority },
        });
      }
    }
  },
});
