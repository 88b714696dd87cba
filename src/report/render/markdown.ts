/**
 * Markdown: '# title', '## 一、…' for the parts and '###' below, paragraphs separated by a
 * blank line. Characters Markdown would read as markup are escaped.
 */
import { headingText, runsText, type ReportModel } from './model.ts';

export function escapeMarkdown(s: string, lineStart = true): string {
  const inline = s.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
  return lineStart ? inline.replace(/^(\s*)(\d+)\./, '$1$2\\.').replace(/^(\s*)([-+])(\s)/, '$1\\$2$3') : inline;
}

export function renderMarkdown(model: ReportModel): string {
  const out = [`# ${escapeMarkdown(model.title)}`];
  for (const b of model.blocks) {
    if (b.type === 'heading') out.push(`${'#'.repeat(b.depth + 1)} ${escapeMarkdown(headingText(b), false)}`);
    else out.push(escapeMarkdown(runsText(b.runs)));
  }
  if (model.signature) out.push(`${escapeMarkdown(model.signature.issuer)}  \n${escapeMarkdown(model.signature.date)}`);
  return out.join('\n\n') + '\n';
}
