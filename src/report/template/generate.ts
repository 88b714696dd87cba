/**
 * The report pipeline for one town and quarter: template source → parsed template (cached) →
 * metric values (only the metrics it names) → evaluated report model.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Org } from '../../org/service.ts';
import { computeMetrics } from '../../metrics/engine.ts';
import type { MetricValue } from '../../metrics/types.ts';
import type { ReportModel } from '../render/model.ts';
import type { Template } from './types.ts';
import { parseTemplate } from './parser.ts';
import { evaluateTemplate, narrativeDefaults, type EvalContext } from './evaluate.ts';
import { buildVars, METRIC_INFOS, templateMetrics } from './context.ts';
import { today } from '../../shared/today.ts';

const DEFAULT_FILE = new URL('../templates/default-2023.md', import.meta.url);
let defaultSource: string | null = null;

/** The built-in default template (src/report/templates/default-2023.md). */
export function defaultTemplateSource(): string {
  defaultSource ??= fs.readFileSync(DEFAULT_FILE, 'utf8');
  return defaultSource;
}

const cache = new Map<string, Template>();

/** Parses a template, caching by source text (templates are immutable versions). */
export function compileTemplate(source: string): Template {
  let t = cache.get(source);
  if (!t) {
    t = parseTemplate(source);
    if (cache.size > 50) cache.delete(cache.keys().next().value as string);
    cache.set(source, t);
  }
  return t;
}

export interface TemplateSource {
  body: string;
  id: number | null;
  version: number | null;
}

export interface GenerateOptions {
  template?: TemplateSource;
  narrative?: Record<string, string>;
  /** Generation (signature) date 'YYYY-MM-DD'; today by default. */
  date?: string;
  /** Also collect the record ids behind every number (JSON, submission). */
  provenance?: boolean;
  /** Precomputed metric values (benchmarks, frozen reports); skips the database. */
  values?: Record<string, MetricValue>;
}

export interface Generated {
  model: ReportModel;
  template: Template;
  values: Record<string, MetricValue>;
  context: EvalContext;
}

export async function buildContext(db: Kysely<Database>, org: Org, period: string, tpl: Template, o: GenerateOptions = {}): Promise<EvalContext> {
  const only = templateMetrics(tpl);
  const values = o.values ?? (await computeMetrics(db, org, period, { only, provenance: o.provenance === true })).values;
  return {
    metrics: METRIC_INFOS,
    values,
    vars: await buildVars(db, org, period),
    narrative: o.narrative ?? {},
    org: { code: org.code, name: org.name },
    period,
    date: o.date ?? today(),
    templateRef: { id: o.template?.id ?? null, version: o.template?.version ?? null },
  };
}

/** Generates the report model of a town for a quarter from the current ledgers. */
export async function generateReport(db: Kysely<Database>, org: Org, period: string, o: GenerateOptions = {}): Promise<Generated> {
  const template = compileTemplate(o.template?.body ?? defaultTemplateSource());
  const context = await buildContext(db, org, period, template, o);
  return { model: evaluateTemplate(template, context), template, values: context.values, context };
}

/** Narrative fields of a template with their evaluated defaults (for the editors). */
export function narrativeFields(g: Pick<Generated, 'template' | 'context'>) {
  const defaults = narrativeDefaults(g.template, g.context);
  return g.template.narratives.map((d) => ({ key: d.key, label: d.label, line: d.line, kind: d.kind, points: d.points, default: defaults[d.key] ?? '' }));
}
export type NarrativeField = ReturnType<typeof narrativeFields>[number];
