/**
 * 处分影响期: during it a person may not be promoted (职务、职级、职员等级). The periods and
 * their sources are explained in docs/domain.md (§ 处分影响期). Party sanctions (党纪) by the
 * 《中国共产党纪律处分条例》, government sanctions (政务) by the 《公职人员政务处分法》第八条, in
 * months; a recorded 影响期满日期 (effectEndsOn) wins.
 *
 * - 留党察看 lasts one or two years (the record's `probationYears`); the influence lasts until
 *   two years after the rights are restored: 36 or 48 months from the decision.
 * - 开除党籍 is not an influence period: its five years bar re-joining the party, not
 *   promotion. It is not a reason to refuse a cadre action here (EXPULSION_NOTE says so).
 * - 开除 (政务) ends employment: no end.
 */
import { addDays, addMonths } from '../shared/dates.ts';
import type { ParamDecl } from './types.ts';

export const INFLUENCE_PARAMS: Record<string, ParamDecl> = {
  warning: { label: '党内警告', default: 12, unit: '月' },
  seriousWarning: { label: '党内严重警告', default: 18, unit: '月' },
  removal: { label: '撤销党内职务', default: 24, unit: '月' },
  probationAfter: { label: '留党察看：恢复党员权利后（察看期一年或二年另计）', default: 24, unit: '月' },
  govWarning: { label: '政务警告', default: 6, unit: '月' },
  demerit: { label: '记过', default: 12, unit: '月' },
  majorDemerit: { label: '记大过', default: 18, unit: '月' },
  demotion: { label: '降级', default: 24, unit: '月' },
  dismissal: { label: '撤职', default: 24, unit: '月' },
};

/** Said wherever the periods are listed: why 开除党籍 is not among them. */
export const EXPULSION_NOTE = '开除党籍的“五年内不得重新入党”是重新入党的限制，不是提拔影响期，不据此拦截干部任用';

/** A 留党察看 without a recorded term is taken at its longest (two years). */
export const PROBATION_DEFAULT_YEARS = 2;

export const SANCTION_LABELS: Record<string, string> = {
  warning: '党内警告',
  seriousWarning: '党内严重警告',
  removal: '撤销党内职务',
  probation: '留党察看',
  expulsion: '开除党籍',
  govWarning: '政务警告',
  demerit: '记过',
  majorDemerit: '记大过',
  demotion: '降级',
  dismissal: '撤职',
  discharge: '开除',
};

export interface SanctionRow {
  id: number;
  person: string | null;
  kind: string | null;
  date_on: string | null;
  date3: string | null;
  /** 留党察看期限 in years (1 or 2); null when not recorded. */
  probationYears?: number | null;
}

/** Months of influence of a sanction from its decision date, or null when it has none. */
export function influenceMonths(s: Pick<SanctionRow, 'kind' | 'probationYears'>, params: Record<string, number>): number | null {
  if (s.kind === 'probation') {
    const years = s.probationYears === 1 || s.probationYears === 2 ? s.probationYears : PROBATION_DEFAULT_YEARS;
    return years * 12 + (params.probationAfter ?? 24);
  }
  const months = s.kind ? params[s.kind] : undefined;
  return months ? months : null;
}

/** The last day of the influence period (decided 2023-03-01, 12 months → 2024-02-29), or null when none. */
export function influenceEnd(s: Pick<SanctionRow, 'kind' | 'date_on' | 'date3' | 'probationYears'>, params: Record<string, number>): string | null {
  if (s.date3) return s.date3;
  if (s.kind === 'discharge') return '9999-12-31';
  const months = influenceMonths(s, params);
  if (!months || !s.date_on) return null;
  return addDays(addMonths(s.date_on, months), -1);
}

/** The sanction whose influence period covers `on`, if any (the one ending last). */
export function coveringSanction(rows: SanctionRow[], on: string, params: Record<string, number>): (SanctionRow & { end: string }) | null {
  let best: (SanctionRow & { end: string }) | null = null;
  for (const s of rows) {
    if (!s.kind || !s.date_on || s.date_on > on) continue;
    const end = influenceEnd(s, params);
    if (end && on <= end && (!best || end > best.end)) best = { ...s, end };
  }
  return best;
}

/** 留党察看期限 from a record's JSON data (null when absent or not 1/2). */
export function probationYearsOf(data: unknown): number | null {
  const v = (data as Record<string, unknown> | null)?.probationYears;
  return v === 1 || v === 2 ? v : null;
}
