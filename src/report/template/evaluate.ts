/**
 * Evaluates a parsed template against metric values, the org profile, the period and the
 * narrative into the report model. Paths are looked up in maps (never on objects), so a
 * template cannot reach anything it is not given.
 */
import type { MetricValue } from '../../metrics/types.ts';
import { chineseDate, type Fact, type ReportModel, type Run } from '../render/model.ts';
import type { Block, Inline, NarrativeDecl, PointStyle, Pos, Template } from './types.ts';
import { evalExpr, truthy, type Value } from './expr.ts';
import { formatValue, NULL_TEXT, type Exact } from './format.ts';
import { numberBlocks, pendingOrdinal, type PendingBlock } from './numbering.ts';
import { Diagnostics } from './source.ts';

export interface MetricInfo {
  id: string;
  label: string;
  unit: string;
  type: 'aggregate' | 'ratio' | 'computed';
  numerator?: string;
  denominator?: string;
}

export interface EvalContext {
  /** The metric catalog, by id. */
  metrics: ReadonlyMap<string, MetricInfo>;
  values: Readonly<Record<string, MetricValue>>;
  /** org.name, org.shortName, year, quarterLabel, congress, param.youngAge … */
  vars: ReadonlyMap<string, string | number | null>;
  /** Narrative text the town wrote (one paragraph a line); missing keys use the template's default. */
  narrative: Readonly<Record<string, string>>;
  org: { code: string; name: string };
  period: string;
  /** Generation date 'YYYY-MM-DD' (the signature date). */
  date: string;
  templateRef?: { id: number | null; version: number | null };
}

const TYPED_ORDINAL =
  /^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])\s*/;

export function defaultFormat(m: MetricInfo): string {
  return m.type === 'ratio' || m.unit === '％' || m.unit === '%' ? 'pct' : 'int';
}

class Evaluator {
  readonly diags = new Diagnostics();
  readonly facts = new Map<string, Fact>();
  private readonly decls: Map<string, NarrativeDecl>;
  private depth = 0;

  constructor(
    private readonly tpl: Template,
    private readonly ctx: EvalContext,
  ) {
    this.decls = new Map(tpl.narratives.map((d) => [d.key, d]));
  }

  private exact(m: MetricInfo): Exact | undefined {
    if (m.type !== 'ratio' || !m.numerator || !m.denominator) return undefined;
    const n = this.ctx.values[m.numerator]?.value;
    const d = this.ctx.values[m.denominator]?.value;
    return n != null && d != null ? { num: n, den: d } : undefined;
  }

  private metricValue(m: MetricInfo, pos: Pos): MetricValue {
    const v = this.ctx.values[m.id];
    if (!v) this.diags.warn(pos, 'metricMissing', { path: m.id });
    return v ?? { value: null, records: [] };
  }

  /** Value of a path in a condition. */
  lookup = (path: string, pos: Pos): Value => {
    if (path.startsWith('narrative.')) return this.narrativeText(path.slice(10), pos);
    if (this.ctx.vars.has(path)) return this.ctx.vars.get(path) ?? null;
    const m = this.ctx.metrics.get(path);
    if (m) return this.metricValue(m, pos).value;
    this.diags.error(pos, 'unknownName', { path });
    return null;
  };

  private narrativeText(key: string, pos: Pos): string {
    const own = this.ctx.narrative[key];
    if (typeof own === 'string') return own.trim();
    const d = this.decls.get(key);
    if (!d || d.kind !== 'inline') {
      this.diags.error(pos, 'unknownNarrative', { key });
      return '';
    }
    if (this.depth > 4) return '';
    this.depth++;
    const text = this.inline(d.defaultInline)
      .map((r) => r.text)
      .join('');
    this.depth--;
    return text;
  }

  inline(nodes: Inline[]): Run[] {
    const out: Run[] = [];
    for (const n of nodes) {
      if (n.type === 'text') out.push({ type: 'text', text: n.text });
      else if (n.type === 'output') out.push(...this.output(n));
      else if (n.type === 'if') {
        const hit = n.branches.find((b) => truthy(evalExpr(b.cond, this.lookup)));
        out.push(...this.inline(hit ? hit.body : (n.otherwise ?? [])));
      } else {
        const style: PointStyle = n.style ?? this.tpl.meta.points[1] ?? 'di';
        for (const item of n.items) {
          const runs = this.inline(item);
          if (runs.some((r) => r.text)) out.push(pendingOrdinal(style), ...runs);
        }
      }
    }
    return tidy(out);
  }

  private output(n: Extract<Inline, { type: 'output' }>): Run[] {
    if (n.path.startsWith('narrative.')) return [{ type: 'text', text: this.narrativeText(n.path.slice(10), n.pos) }];
    if (this.ctx.vars.has(n.path)) {
      const v = this.ctx.vars.get(n.path);
      if (n.filters.length && typeof v !== 'number') this.diags.error(n.filters[0].pos, 'filterOnText', { path: n.path, name: n.filters[0].name });
      if (v === null || v === undefined || v === '') {
        this.diags.warn(n.pos, 'emptyVar', { path: n.path });
        return [];
      }
      return [{ type: 'text', text: typeof v === 'number' && n.filters.length ? formatValue(v, filterName(n)) : String(v) }];
    }
    const m = this.ctx.metrics.get(n.path);
    if (!m) {
      this.diags.error(n.pos, 'unknownName', { path: n.path });
      return [];
    }
    const v = this.metricValue(m, n.pos);
    const format = n.filters.length ? filterName(n) : defaultFormat(m);
    const text = formatValue(v.value, format, this.exact(m));
    if (v.value === null) this.diags.warn(n.pos, 'nullValue', { path: m.id });
    if (!this.facts.has(m.id)) this.facts.set(m.id, { metric: m.id, label: m.label, unit: m.unit, value: v.value, text, records: v.records });
    return [{ type: 'number', text, metric: m.id, value: v.value, format, records: v.records }];
  }

  blocks(nodes: Block[], point: PointStyle | null, narrative?: string): PendingBlock[] {
    const out: PendingBlock[] = [];
    const tag = narrative ? { narrative } : {};
    for (const b of nodes) {
      switch (b.type) {
        case 'heading': {
          const runs = this.inline(b.content);
          if (runs.some((r) => r.text)) out.push({ type: 'heading', level: b.level, runs });
          break;
        }
        case 'paragraph':
        case 'item': {
          const runs = this.inline(b.content);
          if (!runs.some((r) => r.text)) break;
          const style = b.type === 'item' ? (b.style ?? point ?? this.tpl.meta.points[0]) : point;
          out.push({ type: 'paragraph', runs, ...(style ? { point: style } : {}), ...tag });
          break;
        }
        case 'if': {
          const hit = b.branches.find((br) => truthy(evalExpr(br.cond, this.lookup)));
          out.push(...this.blocks(hit ? hit.body : (b.otherwise ?? []), point, narrative));
          break;
        }
        case 'points':
          out.push(...this.blocks(b.body, b.style ?? this.tpl.meta.points[0], narrative));
          break;
        case 'narrative':
          out.push(...this.narrativeBlocks(b.key, b.pos));
          break;
      }
    }
    return out;
  }

  private narrativeBlocks(key: string, pos: Pos): PendingBlock[] {
    const d = this.decls.get(key);
    if (!d) {
      this.diags.error(pos, 'unknownNarrative', { key });
      return [];
    }
    const own = this.ctx.narrative[key];
    if (typeof own !== 'string') return this.blocks(d.defaultBlocks, null, key);
    const point = d.points ? (this.tpl.meta.points[0] ?? 'shi') : undefined;
    return splitParagraphs(own, d.points).map((text) => ({ type: 'paragraph', runs: [{ type: 'text', text }], ...(point ? { point } : {}), narrative: key }));
  }
}

function filterName(n: Extract<Inline, { type: 'output' }>): string {
  const f = n.filters[n.filters.length - 1];
  return f.arg !== undefined ? `${f.name}:${f.arg}` : f.name;
}

/** Merges adjacent text runs and drops the ％ after a missing ratio ('完成率—', not '—％'). */
function tidy(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (r.type === 'text' && prev?.type === 'number' && prev.text === NULL_TEXT && /^[％%]/.test(r.text)) {
      const rest = r.text.slice(1);
      if (rest) out.push({ type: 'text', text: rest });
      continue;
    }
    if (r.type === 'text' && prev?.type === 'text') out[out.length - 1] = { type: 'text', text: prev.text + r.text };
    else if (r.type !== 'text' || r.text) out.push(r);
  }
  return out;
}

/** A town's narrative text: one paragraph a line; typed ordinals dropped when numbering is generated. */
export function splitParagraphs(text: string, points: boolean): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (points ? l.replace(TYPED_ORDINAL, '') : l));
}

/** Evaluates a template into the report model (diagnostics of parse and evaluation included). */
export function evaluateTemplate(tpl: Template, ctx: EvalContext): ReportModel {
  const ev = new Evaluator(tpl, ctx);
  const title = ev
    .inline(tpl.meta.title)
    .map((r) => r.text)
    .join('');
  const blocks = numberBlocks(ev.blocks(tpl.blocks, null), tpl.meta.numbering);
  const issuer = ev
    .inline(tpl.meta.signature)
    .map((r) => r.text)
    .join('');
  return {
    title,
    org: ctx.org,
    period: ctx.period,
    template: { key: tpl.meta.key, name: tpl.meta.name, id: ctx.templateRef?.id ?? null, version: ctx.templateRef?.version ?? null },
    date: ctx.date,
    blocks,
    signature: issuer ? { issuer, date: chineseDate(ctx.date) } : null,
    facts: [...ev.facts.values()],
    diagnostics: [...tpl.diagnostics, ...dedupe(ev.diags.list)],
  };
}

function dedupe<T extends { line: number; column: number; message: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The default text of each narrative, evaluated, one paragraph a line (for the editors). */
export function narrativeDefaults(tpl: Template, ctx: EvalContext): Record<string, string> {
  const ev = new Evaluator(tpl, { ...ctx, narrative: {} });
  const out: Record<string, string> = {};
  for (const d of tpl.narratives) {
    out[d.key] =
      d.kind === 'inline'
        ? ev
            .inline(d.defaultInline)
            .map((r) => r.text)
            .join('')
        : ev
            .blocks(d.defaultBlocks, null, d.key)
            .map((b) =>
              b.runs
                .filter((r) => r.type !== 'ordinal')
                .map((r) => r.text)
                .join(''),
            )
            .join('\n');
  }
  return out;
}
