/** Number formatting and met/unmet colours shared by the county page and the dashboards. */
import type { Cell, ScoredIndicator } from '../../../assess/types.ts';
import { toCnNumber } from '../../../shared/cn-number.ts';

/** '2023Q4' → '2023年第四季度' */
export function periodLabel(p: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(p);
  return m ? `${m[1]}年第${toCnNumber(Number(m[2]))}季度` : p;
}

export const pct = (v: number | null | undefined, digits = 1) =>
  v == null ? '—' : `${(Math.round(v * 100 * 10 ** digits) / 10 ** digits).toFixed(digits).replace(/\.0+$/, '')}%`;
export const num = (v: number | null | undefined) => (v == null ? '—' : String(Math.round(v * 100) / 100));

/** A rate from done/total, null when there is nothing to count. */
export const rate = (r: { done: number; total: number }) => (r.total > 0 ? r.done / r.total : null);

/** An indicator's value or target in its own unit (rates as percentages). */
export function indicatorValue(ind: Pick<ScoredIndicator, 'ratio' | 'unit'>, v: number | null | undefined): string {
  if (v == null) return '—';
  return ind.ratio ? pct(v) : `${num(v)}${ind.unit && ind.unit !== '％' ? ind.unit : ''}`;
}

/** Heat colouring of a scored cell: met green, partly met amber, unmet red, not applicable grey. */
export function cellTone(cell: Cell | undefined, weight: number): { bg: string; fg: string; label: string } {
  if (!cell || cell.met === null) return { bg: '#f5f5f5', fg: '#888', label: '不适用' };
  if (cell.met) return { bg: '#f0f9eb', fg: '#237804', label: '达标' };
  if (cell.score > 0 && cell.score >= weight * 0.6) return { bg: '#fff7e6', fg: '#ad6800', label: '部分达标' };
  return { bg: '#fff1f0', fg: '#a8071a', label: '未达标' };
}
