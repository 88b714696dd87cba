/**
 * A metric is one declaration: an aggregate over one ledger with filters and a period mode,
 * computed for an org subtree. Pure data (shared with the web client).
 */
import type { Line } from '../shared/roles.ts';
import type { PromotedColumn } from '../ledger/types.ts';

/** quarter, ytd (今年以来), asOf (截至目前), or all (the filters alone place it in time). */
export type PeriodMode = 'quarter' | 'ytd' | 'asOf' | 'all';

/** A records column a metric reads: a ledger field resolves to one when the catalog is compiled. */
export type Column = PromotedColumn;

/** Period-relative date bounds: `end` (period end), `yearStart`, `quarterStart`, `prevYearStart`. */
export type DateRef = 'end' | 'yearStart' | 'quarterStart' | 'prevYearStart';

/**
 * The filter language, one kind per `op`. `F` is what a filter names: in a declaration a field
 * of the metric's ledger (`FieldFilter`), after compilation the records column that field is
 * promoted to (`ColumnFilter`). Both backends (src/metrics/filters.ts) switch on `op`
 * exhaustively, so a kind added here and not handled there does not compile.
 */
export type FilterOn<F> =
  | { op: 'eq'; field: F; value: string | number }
  | { op: 'ne'; field: F; value: string | number }
  | { op: 'in'; field: F; values: (string | number)[] }
  | { op: 'notIn'; field: F; values: (string | number)[] }
  | { op: 'isNull'; field: F }
  | { op: 'notNull'; field: F }
  /** a date within [from, to] (inclusive), bounds relative to the period; an absent bound is open */
  | { op: 'between'; field: F; from?: DateRef; to?: DateRef }
  /** a date strictly before / after a period date */
  | { op: 'before'; field: F; date: DateRef }
  | { op: 'after'; field: F; date: DateRef }
  /** date `field` <= date `other` */
  | { op: 'notAfter'; field: F; other: F }
  /** age in full years on date `at`, from birth date `birth`, is below the youngAge parameter */
  | { op: 'young'; at: F; birth: F }
  /** the org a field refers to (rectification.targetOrg) is of these org kinds */
  | { op: 'refOrgKind'; field: F; kinds: string[] }
  /** the flag the ledger derives on every write is set (partyMember: the record is complete) */
  | { op: 'derivedFlag' }
  /** any of the groups, each group AND-ed */
  | { op: 'or'; groups: FilterOn<F>[][] };

export type FilterOp = FilterOn<string>['op'];
/** A filter as declared: it names ledger fields. */
export type Filter = FilterOn<string>;
/** A compiled filter: it names records columns. */
export type ColumnFilter = FilterOn<Column>;

/** count records, sum a number field (a list field counts its items), or count distinct values. */
export type AggregateOn<F> = { agg: 'count' } | { agg: 'sum'; field: F } | { agg: 'distinct'; field: F };
export type Aggregate = AggregateOn<string>;

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
  /** Over the ledger's fields, e.g. `{ agg: 'sum', field: 'talkees' }`. */
  aggregate: Aggregate;
  filters?: Filter[];
}

/** An aggregate metric whose fields are resolved to records columns (src/metrics/compile.ts). */
export interface CompiledAggregate extends Omit<AggregateMetric, 'aggregate' | 'filters'> {
  aggregate: AggregateOn<Column>;
  filters: ColumnFilter[];
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

export const COMPUTED_FNS = ['villagesMeetingYouthFarmer', 'villagesNoneTwoYears', 'branchCount'] as const;
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
