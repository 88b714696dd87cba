/**
 * Quarter-only restatements of some year-to-date counts (本季度): the dashboards compare them
 * quarter on quarter. Declared here, beside the catalog, because metric snapshots
 * (./snapshots.ts) keep them too: the background worker that keeps snapshots up to date must
 * know every metric a county view reads without loading the views.
 */
import { getMetric } from './catalog.ts';
import type { AggregateMetric, Filter, MetricDecl } from './types.ts';

/** The prefix of a quarter-only variant's id: `q:` + the catalog metric's id. */
export const QUARTER_PREFIX = 'q:';

/** The catalog metrics restated for the quarter alone (the dashboards' key counts). */
export const QUARTER_KEY_IDS = [
  'discipline.supervision.count',
  'discipline.talk.integrityDuty.count',
  'discipline.clue.count',
  'organization.development.newMembers',
  'organization.demand.resolvedTimely',
  'publicity.study.sessions',
  'publicity.article.count',
  'publicity.volunteer.activities',
  'legal.petition.transferred',
  'legal.dispute.registered',
  'legal.reception.batches',
];

/** A year-to-date count restated for the quarter alone: mode quarter, year bounds → quarter bounds. */
export function quarterOnly(m: AggregateMetric): AggregateMetric {
  const shift = (f: Filter): Filter => {
    if (f.op === 'or') return { ...f, groups: f.groups.map((g) => g.map(shift)) };
    if (f.op === 'between' && f.from === 'yearStart') return { ...f, from: 'quarterStart' };
    return f;
  };
  return { ...m, id: QUARTER_PREFIX + m.id, mode: m.mode === 'ytd' ? 'quarter' : m.mode, filters: (m.filters ?? []).map(shift) };
}

export const QUARTER_VARIANTS: MetricDecl[] = QUARTER_KEY_IDS.map((id) => getMetric(id))
  .filter((m): m is AggregateMetric => m?.type === 'aggregate')
  .map(quarterOnly);
