/**
 * A metric is one declaration: an aggregate over one ledger with filters and a period mode,
 * computed for an org subtree. Pure data (shared with the web client).
 */
import type { Line } from '../shared/roles.ts';

/** quarter, ytd (今年以来), asOf (截至目前), or all (the filters alone place it in time). */
export type PeriodMode = 'quarter' | 'ytd' | 'asOf' | 'all';

/** Filters on promoted record columns (see src/ledgers/index.ts for the mapping). */
export type Column = 'kind' | 'status' | 'sub' | 'flag' | 'person' | 'date_on' | 'due_on' | 'done_on' | 'date2' | 'date3' | 'n1' | 'n2';

/** Period-relative date bounds: `end` (period end), `yearStart`, `quarterStart`, `prevYearStart`. */
export type DateRef = 'end' | 'yearStart' | 'quarterStart' | 'prevYearStart';

export type Filter =
  | { col: Column; eq: string | number }
  | { col: Column; ne: string | number }
  | { col: Column; in: (string | number)[] }
  | { col: Column; notIn: (string | number)[] }
  | { col: Column; isNull: boolean }
  /** date column within [from, to] (inclusive) relative to the period */
  | { col: Column; from?: DateRef; to?: DateRef }
  /** strictly before / after a period date */
  | { col: Column; before: DateRef }
  | { col: Column; after: DateRef }
  /** age in full years on date `at`, from birth date `birth`, is below the youngAge parameter */
  | { youngAt: Column; birth: Column }
  /** column a <= column b (both dates) */
  | { col: Column; lteCol: Column }
  /** the ref_org (e.g. rectification.targetOrg) is of these org kinds */
  | { refOrgKind: string[] }
  /** any of the nested filter groups (each group is AND-ed) */
  | { or: Filter[][] };

export type Aggregate =
  | { agg: 'count' }
  | { agg: 'sum'; col: 'n1' | 'n2' }
  | { agg: 'distinct'; col: 'person' | 'ref_org_id' };

export interface BaseMetric {
  id: string;
  label: string;
  /** 个, 次, 人, 篇, 条, 件, 名, ％ … */
  unit: string;
  line: Line;
  description?: string;
  /**
   * How reports say it besides the label: verb-object phrases as a town writes them
   * ("开展专项监督", "督促整改问题"). The number reader (src/reader) ties a report's numbers
   * to metrics by these words; docs/reader.md explains how they are scored.
   */
  phrases?: string[];
}

export interface AggregateMetric extends BaseMetric {
  type: 'aggregate';
  ledger: string;
  mode: PeriodMode;
  aggregate: Aggregate;
  filters?: Filter[];
}

export interface RatioMetric extends BaseMetric {
  type: 'ratio';
  numerator: string;
  denominator: string;
}

/** A computed metric implemented in code (named, so declarations stay data). */
export interface ComputedMetric extends BaseMetric {
  type: 'computed';
  ledger: string | null;
  fn: ComputedFn;
}

export const COMPUTED_FNS = [
  'villagesMeetingYouthFarmer',
  'villagesNoneTwoYears',
  'branchCount',
] as const;
export type ComputedFn = (typeof COMPUTED_FNS)[number];

export type MetricDecl = AggregateMetric | RatioMetric | ComputedMetric;

export interface MetricValue {
  value: number | null;
  /** ids of the records behind the number (for a ratio: those of its numerator and denominator) */
  records: number[];
}

export interface MetricsResult {
  org: string;
  period: string;
  values: Record<string, MetricValue>;
}
