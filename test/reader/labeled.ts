/**
 * The number reader's labeled set and its scoring, shared by the accuracy test and
 * bench/reader.bench.ts. A labeled report marks each number that states a metric as
 * [[24|discipline.supervision.count]] ([[4|none]] for a count that is no catalog metric);
 * every other number is a non-metric number (a date, a year, 党的二十大, a phone number…).
 * Reports rendered from the default template are labeled from their own provenance.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseTemplate } from '../../src/report/template/parser.ts';
import { evaluateTemplate } from '../../src/report/template/evaluate.ts';
import { defaultTemplateSource } from '../../src/report/template/generate.ts';
import type { ReportModel, Run } from '../../src/report/render/model.ts';
import { readNumbers, tiedMetric, type Reading } from '../../src/reader/read.ts';
import { context, fakeValues, DEMO_VALUES } from '../report/helpers.ts';

export interface Label {
  line: number;
  /** Offset of the numeral in the clean line. */
  index: number;
  raw: string;
  metric: string | null;
}

export interface Labeled {
  name: string;
  text: string;
  labels: Label[];
}

/** Strips [[value|metric]] marks, keeping where each value stands. */
export function parseLabeled(name: string, marked: string): Labeled {
  const labels: Label[] = [];
  const lines = marked
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw, i) => {
      let out = '';
      let last = 0;
      for (const m of raw.matchAll(/\[\[([^|\]]+)\|([^\]]+)\]\]/g)) {
        out += raw.slice(last, m.index);
        labels.push({ line: i + 1, index: out.length, raw: m[1], metric: m[2] === 'none' ? null : m[2] });
        out += m[1];
        last = m.index! + m[0].length;
      }
      return out + raw.slice(last);
    });
  return { name, text: lines.join('\n'), labels };
}

const DIR = path.join(import.meta.dirname, 'labeled');

/** The hand-labeled reports: the seed (every XX) and reports in other towns' styles. */
export function handLabeled(): Labeled[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseLabeled(f, fs.readFileSync(path.join(DIR, f), 'utf8')));
}

/** A report from the default template labeled from its provenance (the metric of every number is known). */
export function fromModel(name: string, model: ReportModel): Labeled {
  const mark = (runs: readonly Run[]): string =>
    runs
      .map((r) => (r.type === 'number' && /\d/.test(r.text) ? `[[${r.text.replace(/余$/, '')}|${r.metric}]]${r.text.endsWith('余') ? '余' : ''}` : r.text))
      .join('');
  const lines = [model.title, ...model.blocks.map((b) => (b.type === 'heading' ? b.number + mark(b.runs) : mark(b.runs)))];
  return parseLabeled(name, lines.join('\n'));
}

/** Default-template reports over three sets of values (the demo town's, small numbers, zeros that switch wording). */
export function generated(): Labeled[] {
  const tpl = parseTemplate(defaultTemplateSource());
  const small = Object.fromEntries(
    Object.entries(DEMO_VALUES)
      .filter(([, v]) => v !== null && v >= 1)
      .map(([k, v], i) => [k, ((v as number) % 7) + (i % 3)]),
  );
  const sets: Array<[string, Record<string, number | null>]> = [
    ['generated-demo', {}],
    ['generated-small', small],
    [
      'generated-zeros',
      {
        'discipline.inspection.town.total': 0,
        'legal.petition.transferred': 0,
        'legal.petition.backlog': 0,
        'discipline.sanction.expulsion': 0,
        'discipline.sanction.seriousWarning': 0,
        'discipline.sanction.demerit': 0,
        'publicity.article.national': 0,
      },
    ],
  ];
  return sets.map(([name, overrides]) => fromModel(name, evaluateTemplate(tpl, context({ values: fakeValues(overrides) }))));
}

export interface Score {
  metricNumbers: number;
  top1: number;
  top3: number;
  nonMetricNumbers: number;
  /** Non-metric numbers the reader tied to a metric. */
  wronglyTied: number;
  misses: string[];
}

/** Scores the reader on labeled reports. */
export function scoreReader(set: readonly Labeled[]): Score {
  const s: Score = { metricNumbers: 0, top1: 0, top3: 0, nonMetricNumbers: 0, wronglyTied: 0, misses: [] };
  for (const doc of set) {
    const readings = readNumbers(doc.text).readings;
    const at = new Map<string, Reading>(readings.map((r) => [`${r.line}:${r.numIndex}`, r]));
    const labeled = new Set<string>();
    for (const l of doc.labels) {
      const key = `${l.line}:${l.index}`;
      labeled.add(key);
      const r = at.get(key);
      if (!l.metric) {
        s.nonMetricNumbers++;
        if (r && tiedMetric(r)) {
          s.wronglyTied++;
          s.misses.push(`${doc.name}:${l.line} ${l.raw} 不是指标，却对应到 ${r.candidates[0].metric}`);
        }
        continue;
      }
      s.metricNumbers++;
      const ids = r?.kind === 'metric' ? r.candidates.map((c) => c.metric) : [];
      if (ids[0] === l.metric) s.top1++;
      else s.misses.push(`${doc.name}:${l.line} ${l.raw} → ${ids[0] ?? (r ? `（${r.nonMetric}）` : '（未识别）')}，应为 ${l.metric}`);
      if (ids.slice(0, 3).includes(l.metric)) s.top3++;
    }
    for (const r of readings) {
      if (labeled.has(`${r.line}:${r.numIndex}`)) continue;
      s.nonMetricNumbers++;
      if (tiedMetric(r)) {
        s.wronglyTied++;
        s.misses.push(`${doc.name}:${r.line} ${r.raw}${r.unit} 不是指标，却对应到 ${r.candidates[0].metric}`);
      }
    }
  }
  return s;
}

export const ratio = (a: number, b: number): number => (b ? a / b : 1);
