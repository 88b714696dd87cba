/**
 * HTML preview. Every number is `<a class="ls-num" data-metric="id">` so the web app can open
 * the records behind it; narrative paragraphs carry `data-narrative`. All text and attribute
 * values are escaped: record text and narrative can never inject markup.
 */
import type { ModelBlock, ReportModel, Run } from './model.ts';
import { splitTitle } from './title.ts';

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
  const title = splitTitle(model.title).split('\n').map((l) => `<span class="ls-title-line">${escapeHtml(l)}</span>`).join('');
  const parts = [`<h1 class="ls-title">${title}</h1>`, ...model.blocks.map((b) => block(b, labels))];
  if (model.signature) {
    parts.push(`<div class="ls-signature"><p>${escapeHtml(model.signature.issuer)}</p><p>${escapeHtml(model.signature.date)}</p></div>`);
  }
  return `<article class="ls-report" data-org="${escapeHtml(model.org.code)}" data-period="${escapeHtml(model.period)}">${parts.join('\n')}</article>`;
}

/** Styles of the preview, close to the printed page (仿宋 body, 黑体/楷体 headings). */
export const REPORT_CSS = `
.ls-report{font-family:"仿宋_GB2312","FangSong","STFangsong","Noto Serif CJK SC",serif;font-size:16pt;line-height:1.8;color:#111;max-width:40em;margin:0 auto;word-break:break-all}

.ls-report .ls-title-line{display:block}
.ls-report .ls-title{font-family:"方正小标宋简体","小标宋","SimSun","Noto Serif CJK SC",serif;font-size:22pt;font-weight:normal;text-align:center;margin:0 0 1em}
.ls-report h2,.ls-report h3,.ls-report h4,.ls-report h5{font-size:16pt;font-weight:normal;margin:0;text-indent:2em}
.ls-report .ls-h1{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif}
.ls-report .ls-h2{font-family:"楷体_GB2312","KaiTi","STKaiti",serif}
.ls-report p{margin:0;text-indent:2em;text-align:justify}
.ls-report .ls-num{color:#c0392b;text-decoration:none;border-bottom:1px dashed #c0392b;cursor:pointer}
.ls-report .ls-num-null{background:#fff1f0}
.ls-report .ls-narrative{background:#fffbe6}
.ls-report .ls-signature{margin-top:1.8em;text-align:right;padding-right:2em}
.ls-report .ls-signature p{text-indent:0;text-align:right}
@media (max-width:575px){.ls-report{font-size:15px}.ls-report .ls-title{font-size:20px}.ls-report h2,.ls-report h3,.ls-report h4,.ls-report h5{font-size:15px}}
`;

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
