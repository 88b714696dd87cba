/**
 * 处分影响期: during it a person may not be promoted (职务、职级、职员等级). Periods from the
 * 《中国共产党纪律处分条例》 (党纪) and the 《公职人员政务处分法》第八条 (政务), in months; a
 * recorded 影响期满日期 (effectEndsOn) wins. 开除 has no end.
 */
import { addDays, addMonths } from './dates.ts';
import type { ParamDecl } from './types.ts';

export const INFLUENCE_PARAMS: Record<string, ParamDecl> = {
  warning: { label: '党内警告', default: 12, unit: '月' },
  seriousWarning: { label: '党内严重警告', default: 18, unit: '月' },
  removal: { label: '撤销党内职务', default: 24, unit: '月' },
  probation: { label: '留党察看（未填影响期满日期时）', default: 24, unit: '月' },
  expulsion: { label: '开除党籍', default: 60, unit: '月' },
  govWarning: { label: '政务警告', default: 6, unit: '月' },
  demerit: { label: '记过', default: 12, unit: '月' },
  majorDemerit: { label: '记大过', default: 18, unit: '月' },
  demotion: { label: '降级', default: 24, unit: '月' },
  dismissal: { label: '撤职', default: 24, unit: '月' },
};

export const SANCTION_LABELS: Record<string, string> = {
  warning: '党内警告', seriousWarning: '党内严重警告', removal: '撤销党内职务', probation: '留党察看', expulsion: '开除党籍',
  govWarning: '政务警告', demerit: '记过', majorDemerit: '记大过', demotion: '降级', dismissal: '撤职', discharge: '开除',
};

/** The last day of the influence period (decided 2023-03-01, 12 months → 2024-02-29), or null when none. */
export function influenceEnd(kind: string, decidedOn: string, effectEndsOn: string | null, params: Record<string, number>): string | null {
  if (effectEndsOn) return effectEndsOn;
  if (kind === 'discharge') return '9999-12-31';
  const months = params[kind];
  if (!months) return null;
  return addDays(addMonths(decidedOn, months), -1);
}

export interface SanctionRow {
  id: number;
  person: string | null;
  kind: string | null;
  date_on: string | null;
  date3: string | null;
}

/** The sanction whose influence period covers `on`, if any (the one ending last). */
export function coveringSanction(rows: SanctionRow[], on: string, params: Record<string, number>): (SanctionRow & { end: string }) | null {
  let best: (SanctionRow & { end: string }) | null = null;
  for (const s of rows) {
    if (!s.kind || !s.date_on || s.date_on > on) continue;
    const end = influenceEnd(s.kind, s.date_on, s.date3, params);
    if (end && on <= end && (!best || end > best.end)) best = { ...s, end };
  }
  return best;
}
