/**
 * Assessment (考核) and dashboard shapes, shared by the server and the web client (pure data,
 * no node imports). An indicator holds one catalog metric of a town against a target; the
 * county scores every town from its ledgers.
 */

// The vocabularies live in src/shared (the web imports them); re-exported so src/assess imports one module.
export {
  ASSESS_LINES,
  COMPARATORS,
  COMPARATOR_LABELS,
  SCORINGS,
  SCORING_LABELS,
  VETO_MODES,
  VETO_MODE_LABELS,
  type AssessLine,
  type Comparator,
  type Scoring,
  type VetoMode,
} from '../shared/assess.ts';
import type { AssessLine, Comparator, Scoring, VetoMode } from '../shared/assess.ts';

/** An indicator as it is declared (the default set is a list of these). */
export interface IndicatorDef {
  line: AssessLine;
  name: string;
  metric: string;
  comparator: Comparator;
  target: number;
  weight: number;
  scoring: Scoring;
  veto: boolean;
  /** The target is per quarter: a year-to-date value is held to target × quarter number. */
  perQuarter: boolean;
  note?: string | null;
}

export interface Indicator extends IndicatorDef {
  id: number;
  /** the county that set it */
  county: string;
  /** '2023Q4', or '*' for every quarter */
  period: string;
  sort: number;
}

/** An indicator as scored in one period: its target for that quarter and the metric's label and unit. */
export interface ScoredIndicator extends Indicator {
  effectiveTarget: number;
  metricLabel: string;
  unit: string;
  /** the metric is a fraction 0..1 (shown as a percentage) */
  ratio: boolean;
}

export interface Cell {
  value: number | null;
  /** null when the value is null (a rate over no records): not applicable, full weight */
  met: boolean | null;
  score: number;
}

export interface LineScore {
  score: number;
  max: number;
}

export interface TownScore {
  org: { code: string; name: string };
  /** by indicator id */
  cells: Record<string, Cell>;
  /** sum of the scores (0 when vetoed and the county's veto mode is zero) */
  total: number;
  /** sum of the weights */
  max: number;
  /** 1-based; towns with equal totals share a rank; null when a town is assessed alone */
  rank: number | null;
  vetoed: boolean;
  /** ids of the failed veto indicators */
  vetoes: number[];
  lines: Partial<Record<AssessLine, LineScore>>;
}

export interface Assessment {
  county: { code: string; name: string };
  period: string;
  vetoMode: VetoMode;
  indicators: ScoredIndicator[];
  towns: TownScore[];
}

export interface AssessSettings {
  vetoMode: VetoMode;
}

// ---- dashboards ----

export interface Rate {
  done: number;
  total: number;
}

/** One row of a completion table: a village (or 镇本级), or a town in the county view. */
export interface ProgressRow {
  code: string;
  name: string;
  /** rectifications aimed at this org, found up to the period end: done by the period end */
  rectification: Rate;
  /** petitions received this year up to the period end: closed by the period end */
  petition: Rate;
  /** disputes registered this year up to the period end: resolved or referred by the period end */
  dispute: Rate;
  /** open past their due date today (not in a final state) */
  overdue: { rectification: number; petition: number };
}

export interface CompareItem {
  id: string;
  label: string;
  unit: string;
  current: number | null;
  previous: number | null;
}

export interface LineProgress {
  line: AssessLine;
  score: number;
  max: number;
  met: number;
  count: number;
}

export interface TownDashboard {
  org: { code: string; name: string; kind: string };
  period: string;
  previous: string;
  today: string;
  rows: ProgressRow[];
  compare: CompareItem[];
  /** the town's assessment by line; null for a village or a town outside any county */
  lines: LineProgress[] | null;
  assessment: { total: number; max: number; vetoed: boolean } | null;
}

export interface CountyTownRow extends ProgressRow {
  total: number;
  max: number;
  rank: number | null;
  vetoed: boolean;
  lines: Partial<Record<AssessLine, LineScore>>;
  /** key metrics this quarter and last, by metric id */
  compare: Record<string, [number | null, number | null]>;
}

export interface CountyDashboard {
  org: { code: string; name: string; kind: string };
  period: string;
  previous: string;
  today: string;
  towns: CountyTownRow[];
  /** the county's sums of the key metrics this quarter and last */
  compare: CompareItem[];
}

export interface DashboardPeriods {
  periods: string[];
  /** the latest quarter that has records, else the current quarter */
  latest: string;
}

/** One county in a city's or a province's comparison: the county's own numbers, summed over its towns. */
export interface RegionCountyRow {
  code: string;
  name: string;
  /** the city the county lies in (a province's view groups by it) */
  city: { code: string; name: string } | null;
  towns: number;
  /** the towns' assessment totals and maxima summed; score = total / max × 100 (得分率), null without towns */
  total: number;
  max: number;
  score: number | null;
  rank: number | null;
  /** towns vetoed (一票否决) */
  vetoed: number;
  lines: Partial<Record<AssessLine, LineScore>>;
  rectification: Rate;
  petition: Rate;
  dispute: Rate;
  overdue: { rectification: number; petition: number };
  /** key metrics this quarter and last, by metric id: the county dashboard's sums */
  compare: Record<string, [number | null, number | null]>;
}

/** A city's or a province's dashboard: its counties side by side (docs/assessment.md, "City and province levels"). */
export interface RegionDashboard {
  org: { code: string; name: string; kind: string };
  period: string;
  previous: string;
  today: string;
  counties: RegionCountyRow[];
  /** the region's sums of the key metrics this quarter and last */
  compare: CompareItem[];
}
