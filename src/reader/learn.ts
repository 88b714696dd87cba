/**
 * Learn a template from a past report: the town's own headings, sentences and order, with every
 * number the user accepts bound to its metric, names bound to the profile (org.name, 党的二十大 →
 * {{congress}}, the year, the quarter), typed numbering turned into generated numbering, and the
 * issuer and date turned into the template's signature. The result is template source
 * (docs/templates.md) that reproduces the report's wording with fresh numbers. docs/reader.md.
 */
import type { DocLine, HeadingLevel } from '../check/types.ts';
import { resolveSubject, townFromTitle, townShort } from '../check/infer.ts';
import { compileTemplate } from '../report/template/generate.ts';
import type { Diagnostic } from '../report/template/types.ts';
import { getMetric } from '../metrics/catalog.ts';
import { readNumbers, tiedMetric, type Reading } from './read.ts';

/** The user's choice for one number: a metric id, or null to leave it as text. */
export type Choices = Record<string, string | null>;

export const readingKey = (r: Pick<Reading, 'line' | 'numIndex'>): string => `${r.line}:${r.numIndex}`;

export interface LearnInput {
  text: string;
  /** The town's variables (buildVars): org.name, org.county, congress, year, quarterLabel… */
  vars: ReadonlyMap<string, string | number | null>;
  /** Overrides of the reader's proposals, by readingKey. Unlisted numbers follow the reader. */
  choices?: Choices;
  name?: string;
}

export interface Binding {
  line: number;
  text: string;
  metric: string;
}

export interface Learned {
  source: string;
  bindings: Binding[];
  /** Names and dates turned into variables: 东湖镇 → {{org.name}}. */
  names: Array<{ text: string; variable: string }>;
  diagnostics: Diagnostic[];
}

interface Span {
  start: number;
  end: number;
  text: string;
}

const STYLE_OF: Record<HeadingLevel, string> = { 1: 'cn', 2: 'paren-cn', 3: 'arabic', 4: 'paren-arabic' };
const POINT = /^[一二三四五六七八九十]{1,3}是[，,、]?/;
const ISSUER = /^(中共)?[\u4e00-\u9fa5]{2,16}(委员会|党委|党工委|党组)$/;
const DATE_LINE = /^(\d{4}|[〇○零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日$/;

const escapeText = (s: string): string => s.replace(/\{/g, '\\{');

/** Words that become variables: the exact text (or a pattern) and its template replacement. */
type Name = [string | RegExp, string];

/** Placeholder names of a draft ("XX镇", “XX”公众号, 党的XX大) and the variables they stand for. */
const PLACEHOLDER_NAMES: Name[] = [
  [/[XＸ]{1,4}(?=镇|乡|街道)(镇|乡|街道)/g, '{{org.name}}'],
  [/[XＸ]{1,4}(?=县|区|市)(县|区|市)/g, '{{org.county}}'],
  [/“[XＸ]{1,4}”(?=公众号)/g, '“{{org.publicAccount}}”'],
  [/(?<=党的)[XＸ]{1,3}(?=大)/g, '{{congress}}'],
  [/[XＸ]{1,3}(?=大报告|大精神)/g, '{{congress}}'],
  [/[XＸ]{1,2}(?=岁以下)/g, '{{param.youngAge}}'],
];

/** Name and date spans of a line that become variables (longest names first). */
function nameSpans(raw: string, names: readonly Name[], taken: Span[], found: Map<string, string>): Span[] {
  const out: Span[] = [];
  const free = (s: number, e: number) => ![...taken, ...out].some((t) => s < t.end && e > t.start);
  for (const [what, replacement] of names) {
    const re = typeof what === 'string' ? new RegExp(what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : what;
    re.lastIndex = 0;
    for (const m of raw.matchAll(re)) {
      const start = m.index!;
      if (!m[0] || !free(start, start + m[0].length)) continue;
      out.push({ start, end: start + m[0].length, text: replacement });
      found.set(m[0], replacement);
    }
  }
  return out;
}

function assemble(raw: string, spans: Span[]): string {
  let out = '';
  let last = 0;
  for (const s of spans.sort((a, b) => a.start - b.start)) {
    out += escapeText(raw.slice(last, s.start)) + s.text;
    last = s.end;
  }
  return out + escapeText(raw.slice(last));
}

/** A number bound to its metric, in the form the report wrote it: 81％ → pct, 81.3％ → pct:1, 340余 → yu. */
function numberSpan(r: Reading, metric: string): Span {
  const m = getMetric(metric);
  let filter = '';
  let end = r.numIndex + r.numLength;
  if (m?.type === 'ratio') filter = r.decimals ? ` | pct:${r.decimals}` : ' | pct';
  else if (r.qualifier === '余') {
    filter = ' | yu';
    end += 1; // the yu filter writes 余 itself
  }
  return { start: r.numIndex, end, text: `{{${metric}${filter}}}` };
}

/** Learns a template from a report's text. */
export function learnTemplate(input: LearnInput): Learned {
  const { lines, readings } = readNumbers(input.text);
  const v = (k: string): string | undefined => {
    const x = input.vars.get(k);
    return x === null || x === undefined || x === '' ? undefined : String(x);
  };
  const title = lines.find((l) => l.title);
  const ownTown = title ? townFromTitle(title.text) : undefined;
  const names: Name[] = [];
  const addName = (text: string | undefined, variable: string) => {
    if (text && text.length >= 2 && !names.some(([t]) => t === text)) names.push([text, `{{${variable}}}`]);
  };
  addName(v('org.partyCommittee'), 'org.partyCommittee');
  if (ownTown) addName(`中共${ownTown}委员会`, 'org.partyCommittee');
  addName(v('org.name'), 'org.name');
  addName(ownTown, 'org.name');
  addName(v('org.county'), 'org.county');
  addName(v('org.publicAccount'), 'org.publicAccount');
  addName(v('org.shortName'), 'org.shortName');
  if (ownTown) addName(townShort(ownTown), 'org.shortName');
  addName(v('org.countyShort'), 'org.countyShort');
  // The report's own year and quarter (its title says them) become {{year}} and {{quarterLabel}}.
  const own = resolveSubject(lines).period;
  const year = own ? String(own.year) : v('year');
  const quarterCn = own ? '一二三四'[own.quarter - 1] : v('quarterCn');
  if (year) names.push([`${year}年`, '{{year}}年']);
  if (quarterCn) names.push([`第${quarterCn}季度`, '{{quarterLabel}}'], [`${quarterCn}季度`, '{{quarterLabel}}']);
  const youngAge = v('param.youngAge');
  if (youngAge) names.push([`${youngAge}岁以下`, '{{param.youngAge}}岁以下']);
  names.sort((a, b) => String(b[0]).length - String(a[0]).length);
  names.push(...PLACEHOLDER_NAMES);
  const byLine = new Map<number, Reading[]>();
  for (const r of readings) (byLine.get(r.line) ?? byLine.set(r.line, []).get(r.line)!).push(r);
  const bindings: Binding[] = [];
  const found = new Map<string, string>();

  /** The text of l.raw[from, to) with numbers and names turned into variables. */
  const lineText = (l: DocLine, from = l.indent, to = l.indent + l.text.length): string => {
    const spans: Span[] = [];
    for (const r of byLine.get(l.no) ?? []) {
      if (r.numIndex < from || r.numIndex >= to) continue;
      const key = readingKey(r);
      const chosen = input.choices && key in input.choices ? input.choices[key] : tiedMetric(r);
      if (chosen && r.kind === 'metric') {
        spans.push(numberSpan(r, chosen));
        bindings.push({ line: l.no, text: r.raw + (r.qualifier ?? '') + r.unit, metric: chosen });
      } else if (r.nonMetric === 'congress' && !r.placeholder && /党的$/.test(l.raw.slice(0, r.numIndex))) {
        spans.push({ start: r.numIndex, end: r.numIndex + r.numLength, text: '{{congress}}' });
        found.set(`党的${r.raw}大`, '{{congress}}');
      }
    }
    const shift = (x: Span): Span => ({ ...x, start: x.start - from, end: x.end - from });
    const part = l.raw.slice(from, to);
    const own = spans.map(shift);
    return assemble(part, [...own, ...nameSpans(part, names, own, found)]);
  };

  // The issuer and the date at the end become the template's signature (the date is the day of generation).
  const content = lines.filter((l) => l.text);
  let signature: string | undefined;
  const dropped = new Set<number>();
  const last = content[content.length - 1];
  if (last && DATE_LINE.test(last.text)) {
    dropped.add(last.no);
    const issuer = content[content.length - 2];
    if (issuer && ISSUER.test(issuer.text)) {
      dropped.add(issuer.no);
      signature = lineText(issuer);
    }
  }

  const styles: string[] = [];
  const body: string[] = [];
  for (const l of lines) {
    if (!l.text || l.title || dropped.has(l.no)) continue;
    const start = l.indent;
    const end = l.indent + l.text.length;
    if (l.heading) {
      const style = STYLE_OF[l.heading.level];
      if (!styles.includes(style)) styles.push(style);
      const hashes = '#'.repeat(styles.indexOf(style) + 1);
      const from = start + l.heading.marker.length;
      // "（一）强化政治监督。乡纪委……": the heading is the first sentence; the rest is its paragraph.
      const cut = l.raw.slice(from, end).search(/[。：:]/);
      if (cut >= 0 && from + cut < end - 1) body.push(`${hashes} ${lineText(l, from, from + cut)}`, '', lineText(l, from + cut + 1, end), '');
      else body.push(`${hashes} ${lineText(l, from, end).replace(/[。；]$/, '')}`, '');
      continue;
    }
    const point = POINT.exec(l.text);
    body.push(point ? `- ${lineText(l, start + point[0].length, end)}` : lineText(l, start, end), '');
  }
  const titleText = title ? lineText(title) : '{{year}}年{{org.name}}{{quarterLabel}}工作情况报告';
  const yaml = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const front = [
    '---',
    '# 由往期报告学习生成（luoshi template learn）；语法见 docs/templates.md。',
    'key: quarterly',
    `name: ${yaml(input.name ?? `学习自：${title?.text ?? '往期报告'}`.slice(0, 100))}`,
    `title: ${yaml(titleText)}`,
    ...(signature ? [`signature: ${yaml(signature)}`] : []),
    `numbering: [${[...styles, ...['cn', 'paren-cn', 'arabic', 'paren-arabic'].filter((s) => !styles.includes(s))].join(', ')}]`,
    'points: [shi, di]',
    '---',
    '',
  ];
  const source =
    [...front, ...body]
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n';
  return { source, bindings, names: [...found].map(([text, variable]) => ({ text, variable })), diagnostics: compileTemplate(source).diagnostics };
}
