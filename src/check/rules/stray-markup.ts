/**
 * @fileoverview Markup carried over by copy and paste: "##paidbegin##" / "##paidend##"
 * from a document site, HTML tags and entities, Markdown leftovers ("**", "# ",
 * "[链接](…)"), the replacement character or "锟斤拷" of a broken encoding, and
 * invisible characters (zero-width spaces: a warning).
 *
 * Options: none.
 */
import { defineCheckRule } from '../define.ts';

const PATTERNS: Array<{ re: RegExp; messageId: string }> = [
  { re: /##[A-Za-z0-9_\-\u4e00-\u9fa5]{1,30}##|##(?=[A-Za-z])|(?<=[A-Za-z])##/g, messageId: 'tag' },
  { re: /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, messageId: 'html' },
  { re: /&(?:nbsp|lt|gt|amp|quot|apos|ldquo|rdquo|mdash|hellip|#\d{2,5}|#x[0-9a-fA-F]{2,4});/g, messageId: 'entity' },
  { re: /\*\*|(?<!_)__(?![_\s])|~~|```|`[^`]+`|!?\[[^\]]*\]\([^)]*\)/g, messageId: 'markdown' },
  { re: /^[\s\u3000]*(?:#{1,6}\s|>\s|[-*+]\s(?=\S)|\|.*\|[\s\u3000]*$|-{3,}[\s\u3000]*$|\*{3,}[\s\u3000]*$)/g, messageId: 'markdown' },
  { re: /\uFFFD+|锟斤拷|烫烫烫|屯屯屯/g, messageId: 'mojibake' },
  { re: /[\u200B-\u200F\u2028\u2029\u2060\uFEFF\u00AD]|[\x00-\x08\x0B\x0C\x0E-\x1F]/g, messageId: 'invisible' },
];

function visible(s: string): string {
  return s.replace(/[\u200B-\u200F\u2028\u2029\u2060\uFEFF\u00AD\x00-\x1F]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).trim();
}

export default defineCheckRule({
  meta: {
    id: 'stray-markup',
    type: 'problem',
    severity: 'error',
    docs: { description: 'Markup left from copying: ##paidbegin##, HTML, Markdown, mojibake, invisible characters.', recommended: true },
    messages: {
      tag: 'stray-markup.tag',
      html: 'stray-markup.html',
      entity: 'stray-markup.entity',
      markdown: 'stray-markup.markdown',
      mojibake: 'stray-markup.mojibake',
      invisible: 'stray-markup.invisible',
    },
    messageSeverity: { invisible: 'warning' },
    defaultOptions: {},
  },
  check(ctx) {
    for (const line of ctx.lines) {
      if (!line.raw) continue;
      for (const p of PATTERNS) {
        p.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        let n = 0;
        while ((m = p.re.exec(line.raw))) {
          if (m[0].length === 0) {
            p.re.lastIndex++;
            continue;
          }
          // one invisible-character finding per line is enough
          if (p.messageId === 'invisible' && n++ > 0) continue;
          ctx.report({ line: line.no, index: m.index, length: m[0].length, messageId: p.messageId, data: { text: visible(m[0]) } });
        }
      }
    }
  },
});
