/**
 * What a template can name: the org profile (org.*), the period (year, quarter, quarterCn,
 * quarterLabel, period), the current party congress, catalog parameters (param.*) and the
 * metric catalog. Also lists the paths a template uses, so only those metrics are computed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isVillageLevel, listAncestors, listSubtree, type Org } from '../../org/service.ts';
import { metricCatalog } from '../../metrics/catalog.ts';
import { metricParams } from '../../metrics/engine.ts';
import { parsePeriod } from '../../metrics/period.ts';
import type { Block, Expr, Inline, Template } from './types.ts';
import type { MetricInfo } from './evaluate.ts';
import { toCnNumber } from '../../shared/cn-number.ts';

/** The current party congress when the profile does not say (a catalog setting). */
export const DEFAULT_CONGRESS = '二十';

export const METRIC_INFOS: ReadonlyMap<string, MetricInfo> = new Map(
  metricCatalog.map((m) => [
    m.id,
    { id: m.id, label: m.label, unit: m.unit, type: m.type, ...(m.type === 'ratio' ? { numerator: m.numerator, denominator: m.denominator } : {}) },
  ]),
);

/** Names the template may use besides metrics and narratives, with what they mean (for the editor). */
export const VARIABLE_LABELS: Record<string, string> = {
  'org.name': '本镇名称（如 东湖镇）',
  'org.shortName': '本镇简称（如 东湖）',
  'org.code': '组织代码',
  'org.county': '所属县名称（如 清河县）',
  'org.countyShort': '所属县简称（如 清河）',
  'org.publicAccount': '公众号名称',
  'org.partyCommittee': '党委全称（如 中共东湖镇委员会）',
  'org.villageCount': '所辖村（社区）个数',
  congress: '党的代表大会届次（如 二十）',
  year: '年份（如 2023）',
  quarter: '季度序号（1–4）',
  quarterCn: '季度中文序号（如 四）',
  quarterLabel: '季度（如 四季度）',
  period: '报告期（如 2023Q4）',
  'param.youngAge': '青年党员年龄线（如 35）',
};

const stripSuffix = (name: string, suffixes: string[]) => {
  for (const s of suffixes) if (name.length > s.length + 1 && name.endsWith(s)) return name.slice(0, -s.length);
  return name;
};

/** Variables of the template for a town and period. */
export async function buildVars(db: Kysely<Database>, org: Org, period: string): Promise<Map<string, string | number | null>> {
  const p = parsePeriod(period);
  const params = await metricParams(db);
  const ancestors = await listAncestors(db, org);
  const county = ancestors.find((a) => a.kind === 'county');
  const prof = org.profile ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const countyName = str(prof.countyName) ?? county?.name ?? null;
  const vars = new Map<string, string | number | null>([
    ['org.name', org.name],
    ['org.code', org.code],
    ['org.shortName', str(prof.shortName) ?? stripSuffix(org.name, ['街道', '镇', '乡'])],
    ['org.county', countyName],
    ['org.countyShort', str(county?.profile?.shortName) ?? (countyName ? stripSuffix(countyName, ['自治县', '县', '区', '市', '旗']) : null)],
    ['org.publicAccount', str(prof.publicAccount)],
    ['org.partyCommittee', str(prof.partyCommittee) ?? `中共${org.name}委员会`],
    ['org.villageCount', (await listSubtree(db, org)).filter((o) => isVillageLevel(o.kind)).length],
    ['congress', str(prof.congress) ?? str(county?.profile?.congress) ?? DEFAULT_CONGRESS],
    ['year', p.year],
    ['quarter', p.quarter],
    ['quarterCn', toCnNumber(p.quarter)],
    ['quarterLabel', p.quarterLabel],
    ['period', p.id],
  ]);
  for (const [k, v] of Object.entries(params)) vars.set(`param.${k}`, typeof v === 'number' ? v : null);
  return vars;
}

function exprPaths(e: Expr, out: Set<string>): void {
  if (e.type === 'path') out.add(e.path);
  else if (e.type === 'not') exprPaths(e.expr, out);
  else if (e.type === 'bin') {
    exprPaths(e.left, out);
    exprPaths(e.right, out);
  }
}

function inlinePaths(nodes: Inline[], out: Set<string>): void {
  for (const n of nodes) {
    if (n.type === 'output') out.add(n.path);
    else if (n.type === 'if') {
      for (const b of n.branches) {
        exprPaths(b.cond, out);
        inlinePaths(b.body, out);
      }
      if (n.otherwise) inlinePaths(n.otherwise, out);
    } else if (n.type === 'points') n.items.forEach((i) => inlinePaths(i, out));
  }
}

function blockPaths(nodes: Block[], out: Set<string>): void {
  for (const b of nodes) {
    if (b.type === 'heading' || b.type === 'paragraph' || b.type === 'item') inlinePaths(b.content, out);
    else if (b.type === 'points') blockPaths(b.body, out);
    else if (b.type === 'if') {
      for (const br of b.branches) {
        exprPaths(br.cond, out);
        blockPaths(br.body, out);
      }
      if (b.otherwise) blockPaths(b.otherwise, out);
    }
  }
}

/** Every path the template names (outputs and conditions, narratives' defaults included). */
export function templatePaths(tpl: Template): Set<string> {
  const out = new Set<string>();
  inlinePaths(tpl.meta.title, out);
  inlinePaths(tpl.meta.signature, out);
  blockPaths(tpl.blocks, out);
  for (const n of tpl.narratives) {
    inlinePaths(n.defaultInline, out);
    blockPaths(n.defaultBlocks, out);
  }
  return out;
}

/** The catalog metrics a template uses. */
export function templateMetrics(tpl: Template): string[] {
  return [...templatePaths(tpl)].filter((p) => METRIC_INFOS.has(p));
}
