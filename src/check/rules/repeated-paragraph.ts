/**
 * @fileoverview A paragraph pasted twice (warning), or a long sentence repeated
 * in another paragraph (info). Whitespace and final punctuation are ignored.
 *
 * Options: `minLength` (paragraph, default 20 characters), `minSentence` (default 30).
 */
import { defineCheckRule } from '../define.ts';
import { sentences } from '../document.ts';

const norm = (s: string): string => s.replace(/[\s\u3000]/g, '').replace(/[。；！？.;!?]+$/, '');

export default defineCheckRule<{ minLength: number; minSentence: number }>({
  meta: {
    id: 'repeated-paragraph',
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'The same paragraph (or long sentence) appears twice.', recommended: true },
    messages: { paragraph: 'repeated-paragraph.paragraph', sentence: 'repeated-paragraph.sentence' },
    messageSeverity: { sentence: 'info' },
    defaultOptions: { minLength: 20, minSentence: 30 },
  },
  check(ctx) {
    const paragraphs = new Map<string, number>();
    const sents = new Map<string, number>();
    for (const line of ctx.lines) {
      if (!line.text || line.title) continue;
      const p = norm(line.text);
      if (p.length >= ctx.options.minLength) {
        const first = paragraphs.get(p);
        if (first !== undefined) {
          ctx.report({ line: line.no, messageId: 'paragraph', data: { first }, length: line.text.length });
          continue;
        }
        paragraphs.set(p, line.no);
      }
      for (const s of sentences(line)) {
        const k = norm(s.text);
        if (k.length < ctx.options.minSentence) continue;
        const first = sents.get(k);
        if (first !== undefined && first !== line.no) {
          ctx.report({
            line: line.no,
            index: s.start,
            length: s.text.length,
            messageId: 'sentence',
            data: { first, text: k.length > 24 ? `${k.slice(0, 24)}…` : k },
          });
        } else if (first === undefined) sents.set(k, line.no);
      }
    }
  },
});
