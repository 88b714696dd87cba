/**
 * HTML preview. Every number is `<a class="ls-num" data-metric="id">` so the web app can open
 * the records behind it; narrative paragraphs carry `data-narrative`. All text and attribute
 * values are escaped: record text and narrative can never inject markup.
 */
import type { ModelBlock, ReportModel, Run } from './model.ts';
import { splitTitle } from './title.ts';
import { REPORT_CSS } from '../../shared/report-css.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function run(r: Run, labels: ReadonlyMap<string, string>): string {
  if (r.type === 'text') return escapeHtml(r.text);
  if (r.type === 'ordinal') return `<span class="ls-ordinal">${escapeHtml(r.text)}</span>`;
  const title = labels.get(r.metric) ?? r.metric;
  const cls = r.value === null ? 'ls-num ls-num-null' : 'ls-num';
  return `<a class="${cls}" href="#" role="button" data-metric="${escapeHtml(r.metric)}" data-value="${r.value ?? ''}" title="${escapeHtml(title)}">${escapeHtml(r.text)}</a>`;
}

function block(b: ModelBlock, labels: ReadonlyMap<string, string>): string {
  if (b.type === 'heading') {
    const tag = `h${b.depth + 1}`;
    return `<${tag} class="ls-h${b.level}">${escapeHtml(b.number)}${b.runs.map((r) => run(r, labels)).join('')}</${tag}>`;
  }
  const narrative = b.narrative ? ` class="ls-narrative" data-narrative="${escapeHtml(b.narrative)}"` : '';
  return `<p${narrative}>${b.runs.map((r) => run(r, labels)).join('')}</p>`;
}

/** The report as an HTML fragment (an `<article>`). */
export function renderHtmlFragment(model: ReportModel): string {
  const labels = new Map(model.facts.map((f) => [f.metric, `${f.label}：${f.text}${f.unit === '％' ? '％' : f.unit}（点击查看来源记录）`]));
  const title = splitTitle(model.title)
    .split('\n')
    .map((l) => `<span class="ls-title-line">${escapeHtml(l)}</span>`)
    .join('');
  const parts = [`<h1 class="ls-title">${title}</h1>`, ...model.blocks.map((b) => block(b, labels))];
  if (model.signature) {
    parts.push(`<div class="ls-signature"><p>${escapeHtml(model.signature.issuer)}</p><p>${escapeHtml(model.signature.date)}</p></div>`);
  }
  return `<article class="ls-report" data-org="${escapeHtml(model.org.code)}" data-period="${escapeHtml(model.period)}">${parts.join('\n')}</article>`;
}

/** A standalone HTML page (CLI `--format html`). */
export function renderHtmlPage(model: ReportModel): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderHtmlFragment(model)}
</body>
</html>
`;
}
