/**
 * Scoring rules, pure functions (tested as a data table):
 * - binary: the full weight when the value meets the target, else 0;
 * - linear: for ≥ and >, weight × min(1, value / target); for ≤ and <, weight × min(1, target / value)
 *   (the inverse: the further above a ceiling, the less); for =, as binary;
 * - a null value (a rate over no records) is not applicable: met is null and the full weight is kept;
 * - a failed veto indicator (一票否决) vetoes the town: its total becomes 0 (mode zero) or stays
 *   and the town ranks after every town not vetoed (mode flag).
 * Ranking is standard competition ranking (1, 1, 3): equal totals share a rank.
 */
import type { AssessLine, Cell, Comparator, Indicator, LineScore, Scoring, VetoMode } from './types.ts';

const EPS = 1e-9;
export const round2 = (n: number) => Math.round(n * 100 + Number.EPSILON * 100) / 100;

export function meets(cmp: Comparator, value: number, target: number): boolean {
  switch (cmp) {
    case '>=':
      return value >= target - EPS;
    case '>':
      return value > target + EPS;
    case '<=':
      return value <= target + EPS;
    case '<':
      return value < target - EPS;
    case '=':
      return Math.abs(value - target) <= EPS;
  }
}

/** The target a period is held to: per-quarter targets grow with the quarter (Q4: × 4). */
export function effectiveTarget(ind: Pick<Indicator, 'target' | 'perQuarter'>, quarter: number): number {
  return ind.perQuarter ? round2(ind.target * quarter) : ind.target;
}

export function scoreValue(rule: { comparator: Comparator; scoring: Scoring; weight: number }, value: number | null, target: number): Cell {
  const { comparator: cmp, scoring, weight } = rule;
  if (value == null || !Number.isFinite(value)) return { value: null, met: null, score: weight };
  const met = meets(cmp, value, target);
  if (met) return { value, met, score: weight };
  if (scoring === 'binary' || cmp === '=') return { value, met, score: 0 };
  const share = cmp === '>=' || cmp === '>' ? (target > 0 ? Math.max(0, value) / target : 0) : value > 0 && target > 0 ? target / value : 0;
  return { value, met, score: round2(weight * Math.min(1, Math.max(0, share))) };
}

export interface TownTotals {
  cells: Record<string, Cell>;
  total: number;
  max: number;
  vetoed: boolean;
  vetoes: number[];
  lines: Partial<Record<AssessLine, LineScore>>;
}

/** Score one town: `valueOf(metric)` gives the town's metric values for the period. */
export function scoreTown(indicators: (Indicator & { effectiveTarget: number })[], valueOf: (metric: string) => number | null, vetoMode: VetoMode): TownTotals {
  const cells: Record<string, Cell> = {};
  const lines: Partial<Record<AssessLine, LineScore>> = {};
  const vetoes: number[] = [];
  let total = 0;
  let max = 0;
  for (const ind of indicators) {
    const cell = scoreValue(ind, valueOf(ind.metric), ind.effectiveTarget);
    cells[ind.id] = cell;
    total += cell.score;
    max += ind.weight;
    const l = (lines[ind.line] ??= { score: 0, max: 0 });
    l.score = round2(l.score + cell.score);
    l.max = round2(l.max + ind.weight);
    if (ind.veto && cell.met === false) vetoes.push(ind.id);
  }
  const vetoed = vetoes.length > 0;
  return { cells, total: vetoed && vetoMode === 'zero' ? 0 : round2(total), max: round2(max), vetoed, vetoes, lines };
}

/** Competition ranks (1, 1, 3) by total, vetoed towns after the others. */
export function rankTotals(rows: { total: number; vetoed: boolean }[]): number[] {
  const key = (r: { total: number; vetoed: boolean }) => (r.vetoed ? -1e12 : 0) + round2(r.total);
  return rows.map((r) => 1 + rows.filter((o) => key(o) > key(r) + EPS).length);
}
