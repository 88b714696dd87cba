/**
 * The number reader for one town and quarter: each number with its proposals and the ledgers'
 * value of each proposal now, and template learning with the town's names. Used by the
 * `luoshi template learn` command and the /api/reader routes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Org } from '../org/service.ts';
import { computeMetrics, plainValues } from '../metrics/engine.ts';
import { getMetric } from '../metrics/catalog.ts';
import { buildVars } from '../report/template/context.ts';
import { formatValue } from '../report/template/format.ts';
import { NON_METRIC_LABELS } from './mentions.ts';
import { readNumbers, TIE_MIN } from './read.ts';
import { learnTemplate, readingKey, type Choices, type Learned } from './learn.ts';
import { generateReport } from '../report/template/generate.ts';
import { renderText } from '../report/render/text.ts';
import { renderHtmlFragment } from '../report/render/html.ts';
import { checkText, subjectFromOrg, type CheckFinding } from '../check/index.ts';

export type Confidence = 'high' | 'medium' | 'low';

export interface NumberOut {
  key: string;
  line: number;
  /** Offset and length of the number with its qualifier and unit in the line. */
  index: number;
  length: number;
  text: string;
  kind: 'metric' | 'nonMetric';
  /** Why a number states no metric (日期, 年份, 固定提法…). */
  reason?: string;
  confidence: number;
  level: Confidence;
  candidates: Array<{ metric: string; label: string; unit: string; score: number; matched: string[]; value: number | null; printed: string }>;
}

export interface ReadOut {
  lines: string[];
  numbers: NumberOut[];
}

const levelOf = (c: number): Confidence => (c >= 0.6 ? 'high' : c >= TIE_MIN ? 'medium' : 'low');

/** Every number of a report with its proposals valued for the town and quarter. */
export async function readForTown(db: Kysely<Database>, org: Org, period: string, text: string): Promise<ReadOut> {
  const { lines, readings } = readNumbers(text);
  const values = plainValues(await computeMetrics(db, org, period));
  const numbers = readings.map((r): NumberOut => ({
    key: readingKey(r),
    line: r.line,
    index: r.index,
    length: r.length,
    text: lines[r.line - 1].raw.slice(r.index, r.index + r.length),
    kind: r.kind,
    ...(r.nonMetric ? { reason: NON_METRIC_LABELS[r.nonMetric] } : {}),
    confidence: r.confidence,
    level: r.kind === 'metric' ? levelOf(r.confidence) : 'low',
    candidates: r.candidates.map((c) => {
      const m = getMetric(c.metric);
      const value = values[c.metric] ?? null;
      const ratio = m?.type === 'ratio';
      return { ...c, unit: m?.unit ?? '', value, printed: formatValue(value, ratio ? `pct:${r.decimals}` : 'int') + (ratio ? '％' : (m?.unit ?? '')) };
    }),
  }));
  return { lines: lines.map((l) => l.raw), numbers };
}

export interface LearnedForTown extends Learned {
  /** The report the learned template gives for the town and quarter, and what the checker says of it. */
  preview: { title: string; html: string; findings: CheckFinding[] };
}

/** A template learned from a report, with the town's names as variables, previewed and checked. */
export async function learnForTown(db: Kysely<Database>, org: Org, period: string, text: string, choices?: Choices, name?: string): Promise<LearnedForTown> {
  const learned = learnTemplate({ text, vars: await buildVars(db, org, period), choices, name });
  const g = await generateReport(db, org, period, { template: { body: learned.source, id: null, version: null } });
  const metrics = Object.fromEntries(Object.entries(g.values).map(([k, v]) => [k, v.value]));
  const findings = checkText(renderText(g.model), { subject: await subjectFromOrg(db, org.code), period, data: { metrics } });
  return { ...learned, preview: { title: g.model.title, html: renderHtmlFragment(g.model), findings } };
}
